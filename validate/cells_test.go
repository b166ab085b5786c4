package validate_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/validate"
)

// cellProblems loads and validates files and returns "row column RULE" for
// every CELL_ problem.
func cellProblems(t *testing.T, paths ...string) []string {
	t.Helper()
	var in []org.Input
	for _, p := range paths {
		in = append(in, org.Input{Path: p})
	}
	o, ps := org.Load(in)
	ps = append(ps, validate.Validate(o)...)
	problem.Sort(ps)
	var out []string
	for _, p := range ps {
		if strings.HasPrefix(p.Rule, "CELL_") {
			out = append(out, fmt.Sprintf("%d %s %s", p.Row, p.Column, p.Rule))
		}
	}
	return out
}

func writeCSV(t *testing.T, rows [][]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "users.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.WriteAll(rows)
	if err := f.Close(); err != nil || w.Error() != nil {
		t.Fatal(err, w.Error())
	}
	return path
}

// TestCellsExcelErrorsAndHiddenCharacters: error values and characters a
// person cannot see are errors in every imported column — not only where a
// format check happens to catch them — and a line break only separates
// values in list columns. Columns the import does not read are left alone.
func TestCellsExcelErrorsAndHiddenCharacters(t *testing.T) {
	header := []string{"user_id", "name", "mobile", "email", "department_ids", "employee_type", "job_title", "city", "department_path", "备注"}
	rows := [][]string{header}
	add := func(id string, set map[string]string) {
		r := []string{id, "张三" + id, fmt.Sprintf("1380013%04d", len(rows)), "", "0", "正式", "", "", "", ""}
		for k, v := range set {
			r[slices.Index(header, k)] = v
		}
		rows = append(rows, r)
	}
	add("u2", map[string]string{"name": "#REF!"})
	add("u3", map[string]string{"city": "#n/a", "job_title": "#DIV/0!"})
	add("u4", map[string]string{"job_title": "Err:502"})
	add("u5", map[string]string{"name": "张\x1b[2J三"})
	add("u6", map[string]string{"name": "\u202e三张"})
	add("u7", map[string]string{"job_title": "工程师\n经理", "department_ids": "0\nD1", "department_path": "总部/技术\r\n总部/产品"})
	add("u8", map[string]string{"department_ids": "0\tD1", "email": "a\u200b@example.com"})
	add("u\u20669", map[string]string{"city": "北\u0085京"})  // the name carries the ID too
	add("u10", map[string]string{"备注": "#REF! \x1b[31m\n"}) // not imported: no problem
	add("u11", map[string]string{"job_title": "#VALUE", "city": "# N/A"})
	got := cellProblems(t, writeCSV(t, rows))
	want := []string{
		"2 name CELL_EXCEL_ERROR",
		"3 city CELL_EXCEL_ERROR", "3 job_title CELL_EXCEL_ERROR",
		"4 job_title CELL_EXCEL_ERROR",
		"5 name CELL_INVISIBLE",
		"6 name CELL_INVISIBLE",
		"7 job_title CELL_LINE_BREAK",
		"8 department_ids CELL_INVISIBLE", "8 email CELL_INVISIBLE",
		"9 user_id CELL_INVISIBLE", "9 name CELL_INVISIBLE", "9 city CELL_INVISIBLE",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCellsExcelErrorCells: a workbook saved by Excel stores a broken
// formula as an error cell (t="e") with its cached value; every such value
// in any column of either sheet is an error.
func TestCellsExcelErrorCells(t *testing.T) {
	errs := []string{"#REF!", "#N/A", "#NAME?", "#VALUE!", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"}
	cols := []string{"user_id", "name", "mobile", "email", "department_ids", "employee_type", "gender", "employee_no", "job_title", "leader_user_id"}
	inline := func(ref, v string) string {
		return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, v)
	}
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for i, h := range cols {
		b.WriteString(inline(fmt.Sprintf("%c1", 'A'+i), h))
	}
	b.WriteString(`</row>`)
	var want []string
	for i, e := range errs {
		n := i + 2
		fmt.Fprintf(&b, `<row r="%d">`, n)
		col := i % len(cols)
		for j, v := range []string{fmt.Sprintf("u%d", n), "张三", fmt.Sprintf("138001380%02d", n), "", "0", "正式", "", "", "", ""} {
			ref := fmt.Sprintf("%c%d", 'A'+j, n)
			if j == col {
				fmt.Fprintf(&b, `<c r="%s" t="e"><f>Sheet9!A1</f><v>%s</v></c>`, ref, e)
			} else if v != "" {
				b.WriteString(inline(ref, v))
			}
		}
		b.WriteString(`</row>`)
		want = append(want, fmt.Sprintf("%d %s CELL_EXCEL_ERROR", n, cols[col]))
	}
	path := filepath.Join(t.TempDir(), "errors.xlsx")
	if err := os.WriteFile(path, xlsxtest.Bytes(xlsxtest.Sheet(b.String(), "", "", "")), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := cellProblems(t, path); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCellsOfCustomAttributeColumns: a custom:<id> column is imported, so
// its cells are checked like the template's; an unknown column is not.
func TestCellsOfCustomAttributeColumns(t *testing.T) {
	p := writeCSV(t, [][]string{
		{"user_id", "name", "mobile", "department_ids", "employee_type", "学历 (custom:C-1)", "备注"},
		{"u1", "甲", "13800000001", "0", "正式", "本\u200b科", "#REF!"},
		{"u2", "乙", "13800000002", "0", "正式", "#N/A", "零\u200b宽"},
	})
	got := cellProblems(t, p)
	want := []string{"2 学历 (custom:C-1) CELL_INVISIBLE", "3 学历 (custom:C-1) CELL_EXCEL_ERROR"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
