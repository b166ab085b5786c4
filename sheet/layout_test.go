package sheet_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/sheet"
)

func TestHeaderLinesAndWidths(t *testing.T) {
	for _, c := range []struct {
		header string
		lines  []string
		width  float64 // HeaderWidth
	}{
		{"部门ID (department_id)", []string{"部门ID", "(department_id)"}, 15*1.1 + 1.5},
		{"状态 status", []string{"状态", "status"}, 6*1.1 + 1.5},
		{"open_id / open_department_id", []string{"open_id / open_department_id"}, 28*1.1 + 1.5},
		{"Rules (English)", []string{"Rules (English)"}, 15*1.1 + 1.5},
		{"可用列名 Accepted headers", []string{"可用列名", "Accepted headers"}, 16*1.1 + 1.5},
		{"第一行\n第二行 second", []string{"第一行", "第二行", "second"}, 6*1.1 + 1.5},
		{strings.Repeat("x", 60), []string{strings.Repeat("x", 60)}, 40}, // capped: it wraps
	} {
		if got := sheet.HeaderLines(c.header); strings.Join(got, "|") != strings.Join(c.lines, "|") {
			t.Errorf("HeaderLines(%q) = %q, want %q", c.header, got, c.lines)
		}
		if got := sheet.HeaderWidth(c.header); got < c.width-0.001 || got > c.width+0.001 {
			t.Errorf("HeaderWidth(%q) = %v, want %v", c.header, got, c.width)
		}
	}
}

func TestWrappedLines(t *testing.T) {
	for _, c := range []struct {
		text string
		w    float64
		want int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"部门ID (department_id)", 17.5, 2},  // the two halves, one line each
		{"部门ID (department_id)", 40, 1},    // fits on one line
		{strings.Repeat("长", 30), 11.5, 6}, // 60 units at 10 a line: CJK breaks anywhere
		{"a\nb\nc", 10, 3},
		{"one two three four", 6.5, 4},
	} {
		if got := sheet.WrappedLines(c.text, c.w, 1); got != c.want {
			t.Errorf("WrappedLines(%q, %v) = %d, want %d", c.text, c.w, got, c.want)
		}
	}
}

// TestLayoutOfWrittenSheets: both writers (streamed, and cell by cell for
// dropdowns) give every column at least its header's width and its
// typical content's (capped), a header row tall enough for the wrapped
// headers, an autofilter over a data table's rows (a template's: its
// dropdown rows), a frozen header, and wrapped rows of a Wrap column as
// tall as their text.
func TestLayoutOfWrittenSheets(t *testing.T) {
	long := strings.Repeat("很长的说明文字", 30)
	for _, dropdowns := range []int{0, 30} {
		path := filepath.Join(t.TempDir(), "l.xlsx")
		data := sheet.OutSheet{
			Name: "成员 users", FreezeHeader: true, DropdownRows: dropdowns,
			Columns: []sheet.Column{
				{Header: "用户ID (user_id)", Width: 5},
				{Header: "open_id / open_department_id"},
				{Header: "备注 note"},
				{Header: "类型 type", Choices: []string{"正式", "实习"}},
				{Header: "说明 notes (a very long English header that has to wrap onto more lines than two)", Width: 30},
			},
			Rows: [][]string{
				{"u1", "ou_0123456789abcdef0123456789abcdef", strings.Repeat("x", 80), "正式"},
				{"u2", "ou_0123456789abcdef0123456789abcdef", "", "实习"},
			},
		}
		prose := sheet.OutSheet{
			Name: "说明 instructions", FreezeHeader: true,
			Columns: []sheet.Column{{Header: "列 Column", Width: 12}, {Header: "规则 Rules", Width: 40, Wrap: true}},
			Rows:    [][]string{{"a", long}, {"b", "short"}},
		}
		summary := sheet.OutSheet{Name: "概要 summary", Columns: []sheet.Column{{Header: "项目 item"}, {Header: "值 value"}}, Rows: [][]string{{"k", "v"}}}
		if err := sheet.WriteXLSX(path, summary, data, prose); err != nil {
			t.Fatal(err)
		}
		bad, err := xlsxtest.Unreadable(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			t.Errorf("dropdowns %d: %s", dropdowns, b)
		}
		sheets, err := xlsxtest.Inspect(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(sheets) != 3 || sheets[0].Name != summary.Name || sheets[0].Frozen || sheets[0].Filter != "" {
			t.Fatalf("dropdowns %d: sheets %+v", dropdowns, sheets)
		}
		u := sheets[1]
		wantFilter := "A1:E3"
		if dropdowns > 0 {
			wantFilter = "A1:E31"
		}
		if !u.Frozen || u.Filter != wantFilter {
			t.Errorf("dropdowns %d: frozen %v, filter %q, want %q", dropdowns, u.Frozen, u.Filter, wantFilter)
		}
		if w := u.Widths; w[0] < 10 || w[1] < 37 || w[2] != sheet.MaxContentWidth || w[4] != 40 {
			t.Errorf("dropdowns %d: widths %v", dropdowns, w)
		}
		if u.HeaderHeight < sheet.RowHeight(3) {
			t.Errorf("dropdowns %d: header %.1f points tall, the long header wraps onto 3+ lines", dropdowns, u.HeaderHeight)
		}
		if h := sheets[2].Heights[1]; h < sheet.RowHeight(sheet.WrappedLines(long, 40, 1)) || sheets[2].Heights[2] != sheet.LineHeight {
			t.Errorf("dropdowns %d: wrapped row %.1f points tall", dropdowns, h)
		}
	}
}
