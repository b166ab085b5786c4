package sheet_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/sheet"
)

// roundTripValues are values that must come back exactly as written.
var roundTripValues = [][]string{
	{"u001", "张三", "13800138000", "000123", "2024-01-02", "D100;D200", "正式"},
	{"u002", "李四", "+8613800138000", "0", "45293", "0", "1"},
	// Values a spreadsheet would run as formulas, written escaped.
	{"=1+1", "+86 138", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\")", "-", "+"},
	{"第一行\n第二行", `含逗号, 和"引号"`, "a;b", "  两端空格  ", "\u3000", "", "末尾"},
	{"00000000000000000001", "12345678901234567890", "1.5", "0.10", "1e3", "TRUE", "#N/A"},
	// Values that already look escaped, and an apostrophe of the person's.
	{"'=1", "''+1", "'abc", "'", "12E3", "1.38E+10", "x"},
}

// outSheet is a sheet of rows as callers give them: unescaped (the
// writers escape what needs it).
func outSheet(name string, rows [][]string) sheet.OutSheet {
	return sheet.OutSheet{
		Name: name,
		Columns: []sheet.Column{
			{Header: "用户ID (user_id)", Text: true, Required: true},
			{Header: "姓名 (name)", Width: 20},
			{Header: "手机号 (mobile)", Text: true},
			{Header: "工号 (employee_no)", Text: true},
			{Header: "入职日期 (join_time)", Text: true},
			{Header: "所属部门ID (department_ids)"},
			{Header: "人员类型 (employee_type)", Choices: []string{"正式", "实习"}},
		},
		Rows:         rows,
		FreezeHeader: true,
	}
}

// wantRead is what reading the values back gives: the values as written
// before escaping, trimmed (a lone full-width space is blank), at the row
// numbers Excel shows.
func wantRead(s sheet.OutSheet, rows [][]string) []sheet.Row {
	out := []sheet.Row{{Num: 1, Cells: s.Headers()}}
	for i, r := range rows {
		cells := make([]string, len(r))
		for j, v := range r {
			cells[j] = strings.TrimFunc(v, unicode.IsSpace)
		}
		out = append(out, sheet.Row{Num: i + 2, Cells: trimTrailing(cells)})
	}
	return out
}

func TestWriteXLSXRoundTrip(t *testing.T) {
	for _, dropdowns := range []int{0, 20} { // streamed, and cell by cell
		dir := t.TempDir()
		path := filepath.Join(dir, "out.xlsx")
		users := outSheet("成员 users", roundTripValues)
		users.DropdownRows = dropdowns
		users.Mark = func(row, col int) sheet.Mark { return sheet.Mark(1 + (row+col)%5) }
		depts := sheet.OutSheet{
			Name:    "部门 departments",
			Columns: []sheet.Column{{Header: "部门ID"}, {Header: "部门名称"}},
			Rows:    [][]string{{"D100", "技术中心"}, {"", ""}, {"D200", "-市场部"}},
		}
		if err := sheet.WriteXLSX(path, users, depts); err != nil {
			t.Fatal(err)
		}
		got, isCSV := readAll(t, path)
		want := []sheetRows{
			{Name: "成员 users", Rows: wantRead(users, roundTripValues)},
			{Name: "部门 departments", Rows: []sheet.Row{
				{Num: 1, Cells: []string{"部门ID", "部门名称"}},
				{Num: 2, Cells: []string{"D100", "技术中心"}},
				// Row 3 is blank; "-市场部" was written unescaped and
				// reads back as written.
				{Num: 4, Cells: []string{"D200", "-市场部"}},
			}},
		}
		if isCSV || !reflect.DeepEqual(got, want) {
			t.Errorf("dropdowns %d: read back\n%s\nwant\n%s", dropdowns, dump(got), dump(want))
		}
		checkPrivate(t, path)
	}
}

// TestWriteXLSXDeterministic: the same sheets give the same bytes.
func TestWriteXLSXDeterministic(t *testing.T) {
	dir := t.TempDir()
	var files [][]byte
	for i := range 3 {
		path := filepath.Join(dir, "out"+string(rune('a'+i))+".xlsx")
		if err := sheet.WriteXLSX(path, outSheet("成员", roundTripValues)); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	if !bytes.Equal(files[0], files[1]) || !bytes.Equal(files[0], files[2]) {
		t.Error("WriteXLSX wrote different bytes for the same sheets")
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	for _, bom := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "out.csv")
		s := outSheet("", roundTripValues)
		if err := sheet.WriteCSV(path, s, bom); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")); got != bom {
			t.Errorf("bom %v: file starts with BOM = %v", bom, got)
		}
		if bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) {
			t.Errorf("bom %v: line ends are not all CRLF: %q", bom, data)
		}
		got, isCSV := readAll(t, path)
		want := []sheetRows{{Rows: wantRead(s, roundTripValues)}}
		if !isCSV || !reflect.DeepEqual(got, want) {
			t.Errorf("bom %v: read back\n%s\nwant\n%s", bom, dump(got), dump(want))
		}
		checkPrivate(t, path)
	}
}

func TestEncodeCSV(t *testing.T) {
	s := sheet.OutSheet{
		Columns: []sheet.Column{{Header: "姓名"}, {Header: "备注"}},
		Rows:    [][]string{{"张三", "a,b"}, {"=1", "x\"y"}},
	}
	var b bytes.Buffer
	if err := sheet.EncodeCSV(&b, s, true); err != nil {
		t.Fatal(err)
	}
	want := "\xEF\xBB\xBF姓名,备注\r\n张三,\"a,b\"\r\n'=1,\"x\"\"y\"\r\n"
	if b.String() != want {
		t.Errorf("EncodeCSV = %q, want %q", b.String(), want)
	}
}

// TestWriteReplacesWithPrivateMode: an existing file readable by others is
// replaced by one readable by the owner only.
func TestWriteReplacesWithPrivateMode(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.xlsx", "a.csv"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		if name == "a.xlsx" {
			err = sheet.WriteXLSX(path, outSheet("S", roundTripValues[:1]))
		} else {
			err = sheet.WriteCSV(path, outSheet("", roundTripValues[:1]), true)
		}
		if err != nil {
			t.Fatal(err)
		}
		checkPrivate(t, path)
		if data, _ := os.ReadFile(path); string(data) == "old" {
			t.Errorf("%s not replaced", name)
		}
	}
	// Nothing is left behind but the two files.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("directory holds %d entries, want 2 (temp files left?)", len(entries))
	}
}

func TestWriteErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no", "such", "dir")
	if err := sheet.WriteXLSX(filepath.Join(missing, "a.xlsx"), outSheet("S", nil)); err == nil {
		t.Error("WriteXLSX into a missing directory: no error")
	}
	if err := sheet.WriteCSV(filepath.Join(missing, "a.csv"), outSheet("", nil), false); err == nil {
		t.Error("WriteCSV into a missing directory: no error")
	}
	// Sheet names Excel rejects are an error, not a broken file.
	path := filepath.Join(t.TempDir(), "bad.xlsx")
	if err := sheet.WriteXLSX(path, outSheet("a/b:c?", nil)); err == nil {
		t.Error("invalid sheet name: no error")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was written for a failed workbook")
	}
}

func checkPrivate(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600", path, st.Mode().Perm())
	}
}

// TestMobilesStayText: an international mobile is stored in xlsx as a
// string cell exactly as written (no apostrophe a person would see, no
// number Excel could round), in CSV escaped (a CSV cell starting with +
// is evaluated); both read back as written, and so does an older export
// whose xlsx cells carry the apostrophe.
func TestMobilesStayText(t *testing.T) {
	mobiles := []string{"+8613800000000", "+1 4155550100", "+44 20 7946 0958", "-5", "=1"}
	rows := make([][]string, len(mobiles))
	for i, m := range mobiles {
		rows[i] = []string{m}
	}
	s := sheet.OutSheet{Name: "成员", Columns: []sheet.Column{{Header: "手机号 mobile", Text: true}}, Rows: rows}
	dir := t.TempDir()
	x, c := filepath.Join(dir, "m.xlsx"), filepath.Join(dir, "m.csv")
	if err := sheet.WriteXLSX(x, s); err != nil {
		t.Fatal(err)
	}
	if err := sheet.WriteCSV(c, s, false); err != nil {
		t.Fatal(err)
	}
	laid, err := xlsxtest.Inspect(x)
	if err != nil {
		t.Fatal(err)
	}
	csvText, _ := os.ReadFile(c)
	for i, m := range mobiles {
		if got := laid[0].Rows[i+1][0]; got != m {
			t.Errorf("xlsx stores %q as %q", m, got)
		}
		if !strings.Contains(string(csvText), "\r\n'"+m+"\r\n") && !strings.Contains(string(csvText), "\r\n\"'"+m+"\"") {
			t.Errorf("CSV does not escape %q: %q", m, csvText)
		}
	}
	old := writeParts(t, xlsxtest.Sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>手机号 mobile</t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>'+8613800000000</t></is></c></row>`, "", "", ""))
	for _, p := range []string{x, c, old} {
		got, _ := readAll(t, p)
		for i, r := range got[0].Rows[1:] {
			want := mobiles[i]
			if p == old {
				want = "+8613800000000"
			}
			if r.Cells[0] != want {
				t.Errorf("%s row %d reads %q, want %q", filepath.Base(p), r.Num, r.Cells[0], want)
			}
		}
	}
}
