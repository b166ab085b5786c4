package sheet_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sheet"
	"github.com/xuri/excelize/v2"
)

// book builds a workbook with excelize for cases the fixtures do not
// hold. cells maps sheet → cell → value; merges maps sheet → ranges.
type book struct {
	sheets []string
	cells  map[string]map[string]any
	merges map[string][]string
	hidden []string
}

func (b book) write(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range b.sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for cell, v := range b.cells[name] {
			if err := f.SetCellValue(name, cell, v); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range b.merges[name] {
			a, z := m[:len(m)/2], m[len(m)/2+1:]
			if err := f.MergeCell(name, a, z); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, name := range b.hidden {
		if err := f.SetSheetVisible(name, false); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMergedCells(t *testing.T) {
	cases := []struct {
		name   string
		cells  map[string]any
		merges []string
		want   []sheet.Row
	}{
		{
			name:   "vertical merge filled down",
			cells:  map[string]any{"A1": "姓名", "B1": "部门", "A2": "张三", "B2": "D1", "A3": "李四", "A4": "王五"},
			merges: []string{"B2:B4"},
			want: []sheet.Row{
				{Num: 1, Cells: []string{"姓名", "部门"}},
				{Num: 2, Cells: []string{"张三", "D1"}},
				{Num: 3, Cells: []string{"李四", "D1"}},
				{Num: 4, Cells: []string{"王五", "D1"}},
			},
		},
		{
			name:   "spare rows under a merged cell stay blank",
			cells:  map[string]any{"A1": "姓名", "B1": "部门", "A2": "张三", "B2": "D1", "A4": "王五"},
			merges: []string{"B2:B6"},
			want: []sheet.Row{
				{Num: 1, Cells: []string{"姓名", "部门"}},
				{Num: 2, Cells: []string{"张三", "D1"}},
				{Num: 4, Cells: []string{"王五", "D1"}},
			},
		},
		{
			name:   "block merge: filled down its first column only, as stored",
			cells:  map[string]any{"A1": "a", "B1": "b", "C1": "c", "A2": "x", "B2": "D1", "A3": "y"},
			merges: []string{"B2:C3"},
			want: []sheet.Row{
				{Num: 1, Cells: []string{"a", "b", "c"}},
				{Num: 2, Cells: []string{"x", "D1"}},
				{Num: 3, Cells: []string{"y", "D1"}},
			},
		},
		{
			name:   "horizontal merge leaves the other cells empty",
			cells:  map[string]any{"A1": "a", "B1": "b", "C1": "c", "A2": "合并", "C2": "z"},
			merges: []string{"A2:B2"},
			want: []sheet.Row{
				{Num: 1, Cells: []string{"a", "b", "c"}},
				{Num: 2, Cells: []string{"合并", "", "z"}},
			},
		},
		{
			name:   "stacked merges in one column",
			cells:  map[string]any{"A1": "h", "B1": "d", "A2": "1", "B2": "D1", "A3": "2", "A4": "3", "A5": "4", "B6": "D3", "A6": "5", "A7": "6"},
			merges: []string{"B2:B3", "B4:B5", "B6:B7"},
			want: []sheet.Row{
				{Num: 1, Cells: []string{"h", "d"}},
				{Num: 2, Cells: []string{"1", "D1"}},
				{Num: 3, Cells: []string{"2", "D1"}},
				{Num: 4, Cells: []string{"3"}}, // B4:B5 is empty: nothing to fill
				{Num: 5, Cells: []string{"4"}},
				{Num: 6, Cells: []string{"5", "D3"}},
				{Num: 7, Cells: []string{"6", "D3"}},
			},
		},
		{
			name:   "merged header rows",
			cells:  map[string]any{"A1": "姓名", "B1": "联系方式", "B2": "手机号", "C2": "邮箱", "A3": "张三", "B3": "13800138000"},
			merges: []string{"A1:A2", "B1:C1"},
			want: []sheet.Row{
				{Num: 1, Cells: []string{"姓名", "联系方式"}},
				{Num: 2, Cells: []string{"姓名", "手机号", "邮箱"}},
				{Num: 3, Cells: []string{"张三", "13800138000"}},
			},
		},
		{
			name:   "a filled value is not trimmed away and spaces are",
			cells:  map[string]any{"A1": "h", "B1": "d", "A2": "1", "B2": " \u3000D1\u3000 ", "A3": "2"},
			merges: []string{"B2:B3"},
			want: []sheet.Row{
				{Num: 1, Cells: []string{"h", "d"}},
				{Num: 2, Cells: []string{"1", "D1"}},
				{Num: 3, Cells: []string{"2", "D1"}},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := book{sheets: []string{"S"}, cells: map[string]map[string]any{"S": c.cells}, merges: map[string][]string{"S": c.merges}}.write(t)
			sheets, _ := readAll(t, path)
			if !reflect.DeepEqual(sheets[0].Rows, c.want) {
				t.Errorf("got\n%s\nwant\n%s", dump(sheets), dump([]sheetRows{{Name: "S", Rows: c.want}}))
			}
		})
	}
}

// TestMergesBelongToTheirSheet: a sheet's merges are found through the
// workbook's relationships and never applied to another sheet.
func TestMergesBelongToTheirSheet(t *testing.T) {
	cells := map[string]any{"A1": "h", "A2": "x", "A3": "", "B3": "y"}
	path := book{
		sheets: []string{"一", "二", "三"},
		cells:  map[string]map[string]any{"一": cells, "二": cells, "三": cells},
		merges: map[string][]string{"二": {"A2:A3"}},
		hidden: []string{"三"},
	}.write(t)
	sheets, _ := readAll(t, path)
	noFill := []sheet.Row{{Num: 1, Cells: []string{"h"}}, {Num: 2, Cells: []string{"x"}}, {Num: 3, Cells: []string{"", "y"}}}
	fill := []sheet.Row{{Num: 1, Cells: []string{"h"}}, {Num: 2, Cells: []string{"x"}}, {Num: 3, Cells: []string{"x", "y"}}}
	want := []sheetRows{{Name: "一", Rows: noFill}, {Name: "二", Rows: fill}, {Name: "三", Hidden: true, Rows: noFill}}
	if !reflect.DeepEqual(sheets, want) {
		t.Errorf("got\n%s\nwant\n%s", dump(sheets), dump(want))
	}
}

// TestCellTypes: what each kind of stored cell reads as.
func TestCellTypes(t *testing.T) {
	path := book{sheets: []string{"S"}, cells: map[string]map[string]any{"S": {
		"A1": 13800138000,     // a number
		"B1": "000123",        // text
		"C1": 45293.5,         // a date-time serial keeps its fraction
		"D1": true,            // a boolean
		"E1": 1.5,             // a decimal
		"F1": int64(1) << 40,  // a big integer
		"G1": "  \u3000  ",    // only spaces: blank
		"H1": "'=SUM(A1)",     // an escaped formula text
		"I1": "1.38E+10",      // text that looks like scientific notation
		"J1": "12E3",          // a code that looks like a number
		"K1": "1.0",           // text in a writer's number form: as a number
		"A3": "after a blank", // row 2 blank
	}}}.write(t)
	sheets, _ := readAll(t, path)
	want := []sheet.Row{
		{Num: 1, Cells: []string{"13800138000", "000123", "45293.5", "1", "1.5", "1099511627776", "", "=SUM(A1)", "1.38E+10", "12E3", "1"}},
		{Num: 3, Cells: []string{"after a blank"}},
	}
	if !reflect.DeepEqual(sheets[0].Rows, want) {
		t.Errorf("got\n%s\nwant\n%s", dump(sheets), dump([]sheetRows{{Name: "S", Rows: want}}))
	}
}

// TestEmptyAndSparseSheets: empty sheets scan without rows; the header may
// start below row 1; Row.Num counts rows Excel shows.
func TestEmptyAndSparseSheets(t *testing.T) {
	path := book{
		sheets: []string{"空", "稀疏"},
		cells:  map[string]map[string]any{"稀疏": {"C4": "姓名", "C7": "张三", "XFD9": "far"}},
	}.write(t)
	sheets, _ := readAll(t, path)
	if len(sheets[0].Rows) != 0 {
		t.Errorf("empty sheet gave %s", dump(sheets[:1]))
	}
	rows := sheets[1].Rows
	if len(rows) != 3 || rows[0].Num != 4 || rows[0].Cell(2) != "姓名" || rows[1].Num != 7 || rows[2].Num != 9 || rows[2].Cell(16383) != "far" {
		t.Errorf("sparse sheet gave %s", dump(sheets[1:]))
	}
}

// TestSheetStates: "hidden" and "veryHidden" sheets are Hidden; "visible"
// or no state is not.
func TestSheetStates(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join("testdata", "users-excel.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		state  string
		hidden bool
	}{{`state="hidden"`, true}, {`state="veryHidden"`, true}, {`state="visible"`, false}, {``, false}} {
		data := replacePart(t, valid, "xl/workbook.xml", func(s string) string {
			return strings.Replace(s, `state="hidden"`, c.state, 1)
		})
		path := filepath.Join(t.TempDir(), "states.xlsx")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		sheets, _ := readAll(t, path)
		if sheets[0].Hidden || sheets[1].Hidden != c.hidden || len(sheets[1].Rows) != 2 {
			t.Errorf("%s: hidden %v %v", c.state, sheets[0].Hidden, sheets[1].Hidden)
		}
	}
}
