package sheet_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sheet"
)

// The fixtures under testdata/ hold one table, written by different
// programs (see testdata/gen/README.md). Every program's file must read as
// the same rows.

// wantUsers is the visible sheet 成员 of every workbook fixture:
//   - C: mobiles stored as number cells come back as their digits
//     (13800138000, never 1.38E+10), also when the writer used scientific
//     notation or a zero fraction (1.3800138E10, 1.0);
//   - D: employee numbers in text cells keep their leading zeros;
//   - E2 is a date cell: its serial number (2024-01-02 → 45293), which
//     org.ParseDate turns into a date; E3 and E5 are text dates, as typed;
//   - H2 (=1+1) and H3 (=A2) are formulas: their cached values;
//   - B3 "  李四　" loses its ASCII and full-width (U+3000) spaces;
//   - row 4 is blank and skipped, and row 5 keeps its number;
//   - F2:F3 is merged: D100 is filled down to row 3;
//   - G5:H5 is merged horizontally: H5 stays empty.
var wantUsers = []sheet.Row{
	{Num: 1, Cells: []string{"用户ID", "姓名", "手机号", "工号", "入职日期", "所属部门ID", "人员类型", "备注"}},
	{Num: 2, Cells: []string{"u001", "张三", "13800138000", "000123", "45293", "D100", "正式", "2"}},
	{Num: 3, Cells: []string{"u002", "李四", "13900139000", "000124", "2024/1/2", "D100", "1", "u001"}},
	{Num: 5, Cells: []string{"u003", "王五", "13700137000", "000125", "2024-01-02", "D200", "实习"}},
}

// wantHidden is the hidden second sheet 旧名单 of every workbook fixture.
var wantHidden = []sheet.Row{
	{Num: 1, Cells: []string{"用户ID", "姓名", "手机号", "所属部门ID", "人员类型"}},
	{Num: 2, Cells: []string{"u900", "赵六", "13600136000", "D100", "正式"}},
}

// wantCSV is the table of the CSV fixtures: dates are text, H2 holds a
// quoted comma and quotes, H3 a quoted line break (one row, as Excel
// shows it), row 4 is blank.
var wantCSV = []sheet.Row{
	{Num: 1, Cells: []string{"用户ID", "姓名", "手机号", "工号", "入职日期", "所属部门ID", "人员类型", "备注"}},
	{Num: 2, Cells: []string{"u001", "张三", "13800138000", "000123", "2024/1/2", "D100", "正式", `含逗号, 和"引号"`}},
	{Num: 3, Cells: []string{"u002", "李四", "13900139000", "000124", "2024-01-02", "D100", "1", "第一行\n第二行"}},
	{Num: 5, Cells: []string{"u003", "王五", "13700137000", "000125", "2024-01-02", "D200", "实习"}},
}

// wantLibreOfficeCSV is users.fods exported by LibreOffice as a GBK CSV:
// the date cell as it displays, the formulas' values, and F3 empty — a CSV
// has no merged cells.
var wantLibreOfficeCSV = []sheet.Row{
	{Num: 1, Cells: []string{"用户ID", "姓名", "手机号", "工号", "入职日期", "所属部门ID", "人员类型", "备注"}},
	{Num: 2, Cells: []string{"u001", "张三", "13800138000", "000123", "2024-01-02", "D100", "正式", "2"}},
	{Num: 3, Cells: []string{"u002", "李四", "13900139000", "000124", "2024/1/2", "", "1", "u001"}},
	{Num: 5, Cells: []string{"u003", "王五", "13700137000", "000125", "2024-01-02", "D200", "实习"}},
}

// workbookFixtures are the .xlsx fixtures and the program that wrote them.
var workbookFixtures = []struct{ file, program string }{
	{"users-libreoffice.xlsx", "LibreOffice 7.4 (real)"},
	{"users-exceljs.xlsx", "exceljs 4.4 (real)"},
	{"users-excelize.xlsx", "excelize stream writer (real)"},
	{"users-excel.xlsx", "Microsoft Excel 365 zh-CN (imitated)"},
	{"users-wps.xlsx", "WPS Office (imitated)"},
	{"users-openxmlsdk.xlsx", ".NET Open XML SDK, x: prefixes, inline strings (imitated)"},
	{"users-scientific.xlsx", "Apache POI SXSSF / EasyExcel, 1.3800138E10 and 1.0 (imitated)"},
}

// csvFixtures are the CSV fixtures and the rows they must read as.
var csvFixtures = []struct {
	file, program string
	want          []sheet.Row
}{
	{"users-utf8.csv", "UTF-8 without BOM, LF, an empty line", wantCSV},
	{"users-utf8-bom.csv", "Excel CSV UTF-8: BOM, CRLF", wantCSV},
	{"users-gbk.csv", "Chinese Excel/WPS CSV: GBK, CRLF", wantCSV},
	{"users-semicolon.csv", "Excel with a decimal-comma locale: ';'", wantCSV},
	{"users-utf16.txt", "Excel Unicode text: UTF-16LE BOM, tabs", wantCSV},
	{"users-libreoffice-gbk.csv", "LibreOffice 7.4 CSV export, GBK (real)", wantLibreOfficeCSV},
}

// sheetRows is what a test reads from one sheet.
type sheetRows struct {
	Name   string
	Hidden bool
	Rows   []sheet.Row
}

// readAll opens a file and scans every sheet. Trailing empty cells are
// dropped: writers differ in whether they store the empty cells of a
// merged range, and Row.Cell reads "" past the end anyway.
func readAll(t *testing.T, path string) ([]sheetRows, bool) {
	t.Helper()
	wb, err := sheet.Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	defer wb.Close()
	var out []sheetRows
	for _, s := range wb.Sheets {
		sr := sheetRows{Name: s.Name, Hidden: s.Hidden}
		err := s.Scan(func(r sheet.Row) error {
			sr.Rows = append(sr.Rows, sheet.Row{Num: r.Num, Cells: trimTrailing(r.Cells), Faults: r.Faults})
			return nil
		})
		if err != nil {
			t.Fatalf("Scan(%s [%s]): %v", path, s.Name, err)
		}
		out = append(out, sr)
	}
	return out, wb.IsCSV()
}

func trimTrailing(cells []string) []string {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return append([]string(nil), cells[:n]...)
}

func TestRealWorldWorkbooks(t *testing.T) {
	for _, fx := range workbookFixtures {
		t.Run(fx.file, func(t *testing.T) {
			sheets, isCSV := readAll(t, filepath.Join("testdata", fx.file))
			if isCSV {
				t.Fatalf("%s (%s) opened as CSV", fx.file, fx.program)
			}
			want := []sheetRows{
				{Name: "成员", Hidden: false, Rows: wantUsers},
				{Name: "旧名单", Hidden: true, Rows: wantHidden},
			}
			if !reflect.DeepEqual(sheets, want) {
				t.Errorf("%s (%s) reads\n%s\nwant\n%s", fx.file, fx.program, dump(sheets), dump(want))
			}
		})
	}
}

// TestRealWorldCells names each real-world case with the cell that proves
// it, for every workbook fixture, so a failure says what broke.
func TestRealWorldCells(t *testing.T) {
	cases := []struct {
		what     string
		row, col int // row number as Excel shows it, 0-based column
		want     string
	}{
		{"mobile stored as a number", 2, 2, "13800138000"},
		{"employee_no as text keeps its zeros", 2, 3, "000123"},
		{"date cell reads as its serial", 2, 4, "45293"},
		{"text date 2024/1/2 as typed", 3, 4, "2024/1/2"},
		{"text date 2024-01-02 as typed", 5, 4, "2024-01-02"},
		{"formula =1+1 reads as its cached value", 2, 7, "2"},
		{"formula =A2 reads as its cached text", 3, 7, "u001"},
		{"ASCII and full-width spaces trimmed", 3, 1, "李四"},
		{"number cell 1 has no fraction", 3, 6, "1"},
		{"vertical merge: top cell", 2, 5, "D100"},
		{"vertical merge: filled down", 3, 5, "D100"},
		{"horizontal merge: first cell", 5, 6, "实习"},
		{"horizontal merge: other cells empty", 5, 7, ""},
		{"row after a blank row keeps its number", 5, 0, "u003"},
	}
	for _, fx := range workbookFixtures {
		t.Run(fx.file, func(t *testing.T) {
			wb, err := sheet.Open(filepath.Join("testdata", fx.file))
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			rows := map[int]sheet.Row{}
			if err := wb.Sheets[0].Scan(func(r sheet.Row) error {
				rows[r.Num] = r
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if _, ok := rows[4]; ok {
				t.Errorf("blank row 4 was not skipped")
			}
			for _, c := range cases {
				r, ok := rows[c.row]
				if !ok {
					t.Errorf("%s: row %d missing", c.what, c.row)
					continue
				}
				if got := r.Cell(c.col); got != c.want {
					t.Errorf("%s: %s%d = %q, want %q", c.what, sheet.ColumnName(c.col), c.row, got, c.want)
				}
			}
		})
	}
}

func TestRealWorldCSV(t *testing.T) {
	for _, fx := range csvFixtures {
		t.Run(fx.file, func(t *testing.T) {
			sheets, isCSV := readAll(t, filepath.Join("testdata", fx.file))
			if !isCSV {
				t.Fatalf("%s opened as a workbook", fx.file)
			}
			want := []sheetRows{{Name: "", Hidden: false, Rows: fx.want}}
			if !reflect.DeepEqual(sheets, want) {
				t.Errorf("%s (%s) reads\n%s\nwant\n%s", fx.file, fx.program, dump(sheets), dump(want))
			}
		})
	}
}

// TestAllProgramsAgree compares the fixtures with each other directly, so
// a change to the expected tables cannot hide a program that reads
// differently.
func TestAllProgramsAgree(t *testing.T) {
	first, _ := readAll(t, filepath.Join("testdata", workbookFixtures[0].file))
	for _, fx := range workbookFixtures[1:] {
		got, _ := readAll(t, filepath.Join("testdata", fx.file))
		if !reflect.DeepEqual(got, first) {
			t.Errorf("%s reads differently from %s:\n%s\nvs\n%s", fx.file, workbookFixtures[0].file, dump(got), dump(first))
		}
	}
	var csvFirst []sheetRows
	for _, fx := range csvFixtures {
		if !reflect.DeepEqual(fx.want, wantCSV) {
			continue
		}
		got, _ := readAll(t, filepath.Join("testdata", fx.file))
		if csvFirst == nil {
			csvFirst = got
		} else if !reflect.DeepEqual(got, csvFirst) {
			t.Errorf("%s reads differently from the other CSV files:\n%s", fx.file, dump(got))
		}
	}
}

func TestPeek(t *testing.T) {
	wb, err := sheet.Open(filepath.Join("testdata", "users-excel.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	s := wb.Sheets[0]
	for _, n := range []int{1, 2, 3, 10} {
		rows, err := s.Peek(n)
		if err != nil {
			t.Fatalf("Peek(%d): %v", n, err)
		}
		want := wantUsers[:min(n, len(wantUsers))]
		if len(rows) != len(want) {
			t.Fatalf("Peek(%d) gave %d rows, want %d", n, len(rows), len(want))
		}
		for i := range rows {
			if rows[i].Num != want[i].Num || !reflect.DeepEqual(trimTrailing(rows[i].Cells), want[i].Cells) {
				t.Errorf("Peek(%d)[%d] = %d %q, want %d %q", n, i, rows[i].Num, rows[i].Cells, want[i].Num, want[i].Cells)
			}
		}
	}
	// Peek does not consume: a full scan still sees every row.
	n := 0
	if err := s.Scan(func(sheet.Row) error { n++; return nil }); err != nil || n != len(wantUsers) {
		t.Errorf("Scan after Peek: %d rows, %v", n, err)
	}
}

func TestScanCallbackErrors(t *testing.T) {
	for _, file := range []string{"users-excel.xlsx", "users-utf8.csv"} {
		wb, err := sheet.Open(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		s := wb.Sheets[0]

		// ErrStop ends the scan early without an error.
		n := 0
		err = s.Scan(func(sheet.Row) error {
			n++
			if n == 2 {
				return sheet.ErrStop
			}
			return nil
		})
		if err != nil || n != 2 {
			t.Errorf("%s: ErrStop: %d rows, err %v", file, n, err)
		}

		// A callback's own error comes back untouched, not as a damaged file.
		mine := errors.New("mine")
		err = s.Scan(func(sheet.Row) error { return mine })
		var fe *sheet.FileError
		if err != mine || errors.As(err, &fe) {
			t.Errorf("%s: callback error came back as %#v", file, err)
		}
		wb.Close()
	}
}

func TestRowHelpers(t *testing.T) {
	r := sheet.Row{Num: 3, Cells: []string{"a", "", "c"}}
	for i, want := range map[int]string{-1: "", 0: "a", 1: "", 2: "c", 3: "", 100: ""} {
		if got := r.Cell(i); got != want {
			t.Errorf("Cell(%d) = %q, want %q", i, got, want)
		}
	}
	if r.IsBlank() || !(sheet.Row{Cells: []string{"", ""}}).IsBlank() || !(sheet.Row{}).IsBlank() {
		t.Error("IsBlank")
	}
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := sheet.ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
	}
}

func dump(sheets []sheetRows) string {
	var b strings.Builder
	for _, s := range sheets {
		b.WriteString("  [" + s.Name + "]")
		if s.Hidden {
			b.WriteString(" hidden")
		}
		b.WriteString("\n")
		for _, r := range s.Rows {
			b.WriteString("    " + strconv.Itoa(r.Num) + " " + strings.Join(quoteAll(r.Cells), " ") + "\n")
		}
	}
	return b.String()
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = `"` + strings.ReplaceAll(s, "\n", `\n`) + `"`
	}
	return out
}
