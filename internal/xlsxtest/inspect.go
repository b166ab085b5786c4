package xlsxtest

import (
	"fmt"
	"strings"

	"github.com/orgbatch/orgbatch/sheet"
	"github.com/xuri/excelize/v2"
)

// Laid is how a written sheet is laid out, as a spreadsheet program reads
// it: for tests that check a sheet reads well.
type Laid struct {
	Name         string
	Headers      []string
	Widths       []float64 // of the header's columns
	HeaderHeight float64   // points
	Frozen       bool      // the header row stays in view
	Filter       string    // the autofilter's range (A1:G101), "" for none
	Rows         [][]string
	Heights      []float64 // of each row, the header's first
}

// Inspect opens a written workbook and returns its sheets in order.
func Inspect(path string) ([]Laid, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	filters := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			_, ref, _ := strings.Cut(d.RefersTo, "!")
			filters[d.Scope] = strings.ReplaceAll(ref, "$", "")
		}
	}
	var out []Laid
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		l := Laid{Name: name, Filter: filters[name], Rows: rows}
		if len(rows) > 0 {
			l.Headers = rows[0]
		}
		for i := range l.Headers {
			col, _ := excelize.ColumnNumberToName(i + 1)
			w, err := f.GetColWidth(name, col)
			if err != nil {
				return nil, err
			}
			l.Widths = append(l.Widths, w)
		}
		for r := range max(len(rows), 1) {
			h, err := f.GetRowHeight(name, r+1)
			if err != nil {
				return nil, err
			}
			l.Heights = append(l.Heights, h)
		}
		l.HeaderHeight = l.Heights[0]
		p, err := f.GetPanes(name)
		if err != nil {
			return nil, err
		}
		l.Frozen = p.Freeze && p.YSplit == 1
		out = append(out, l)
	}
	return out, nil
}

// Find returns the sheet named name, or nil.
func Find(sheets []Laid, name string) *Laid {
	for i := range sheets {
		if sheets[i].Name == name {
			return &sheets[i]
		}
	}
	return nil
}

// Unreadable lists what makes a written workbook read badly: a column
// narrower than its header (sheet.HeaderWidth), a header row too short for
// its wrapped text (sheet.HeaderHeight), a data table (frozen header)
// without an autofilter over all its rows, or a cell of several lines that
// is not wrapped or whose row is too short for them. Nil when every sheet
// reads well.
func Unreadable(path string) ([]string, error) {
	sheets, err := Inspect(path)
	if err != nil {
		return nil, err
	}
	multi, err := multiline(path, sheets)
	if err != nil {
		return nil, err
	}
	out := multi
	for _, l := range sheets {
		need := 0.0
		for i, h := range l.Headers {
			if w := sheet.HeaderWidth(h); l.Widths[i]+0.01 < w {
				out = append(out, fmt.Sprintf("%s: column %q is %.1f wide, its header needs %.1f", l.Name, h, l.Widths[i], w))
			}
			need = max(need, sheet.HeaderHeight(h, l.Widths[i]))
		}
		if l.HeaderHeight+0.01 < need {
			out = append(out, fmt.Sprintf("%s: header row %.1f points tall, its text needs %.1f", l.Name, l.HeaderHeight, need))
		}
		if l.Frozen {
			last, _ := excelize.ColumnNumberToName(max(len(l.Headers), 1))
			if want := fmt.Sprintf("A1:%s%d", last, len(l.Rows)); !covers(l.Filter, want) {
				out = append(out, fmt.Sprintf("%s: autofilter %q, want one over %s", l.Name, l.Filter, want))
			}
		}
	}
	return out, nil
}

// covers reports whether range got (A1:G101) starts at A1, ends in the
// same column as want and reaches at least its row.
func covers(got, want string) bool {
	if got == "" {
		return false
	}
	_, g, _ := strings.Cut(got, ":")
	_, w, _ := strings.Cut(want, ":")
	gc, gr, err1 := excelize.SplitCellName(g)
	wc, wr, err2 := excelize.SplitCellName(w)
	return err1 == nil && err2 == nil && strings.HasPrefix(got, "A1:") && gc == wc && gr >= wr
}

// multiline lists the cells of several lines that would show as one: not
// wrapped, or in a row shorter than their lines.
func multiline(path string, sheets []Laid) ([]string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	for _, l := range sheets {
		for r, row := range l.Rows {
			for c, v := range row {
				lines := strings.Count(v, "\n") + 1
				if lines == 1 {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				id, err := f.GetCellStyle(l.Name, cell)
				if err != nil {
					return nil, err
				}
				st, err := f.GetStyle(id)
				if err != nil {
					return nil, err
				}
				if st.Alignment == nil || !st.Alignment.WrapText {
					out = append(out, fmt.Sprintf("%s %s: %d lines, not wrapped", l.Name, cell, lines))
				} else if l.Heights[r]+0.01 < sheet.RowHeight(lines) {
					out = append(out, fmt.Sprintf("%s %s: %d lines in a row %.1f points tall", l.Name, cell, lines, l.Heights[r]))
				}
			}
		}
	}
	return out, nil
}
