package sheet

import (
	"math"
	"slices"
	"strings"

	"golang.org/x/text/width"
)

// Layout is the one home of how a written sheet reads: how wide each
// column is, how tall the header row is for its wrapped two-language text,
// how tall the rows of wrapped columns are, the frozen header and the
// autofilter. Both writers (streamed and cell by cell) lay sheets out with
// it, so every workbook orgbatch writes looks the same.
//
// Widths are in Excel's unit (the width of a digit in the default font);
// a CJK character takes two, and bold header text a tenth more.
const (
	// MinWidth is the narrowest column.
	MinWidth = 8.0
	// MaxContentWidth caps the width a column grows to for its content
	// (longer values are cut off at the next cell, or wrap in a Wrap column).
	MaxContentWidth = 50.0
	// maxHeaderWidth caps the width a header line asks for; a longer one
	// wraps onto more lines.
	maxHeaderWidth = 40.0
	// LineHeight is the height in points of one line of 11-point text.
	LineHeight = 15.0
	// sampleRows is how many held rows are measured for content widths.
	sampleRows    = 500
	boldFactor    = 1.1
	contentFactor = 1.1
	cellPad       = 1.5 // the cell's own margins and the filter button's room
)

// Layout is how one sheet is laid out.
type Layout struct {
	Widths       []float64
	HeaderHeight float64 // points
	// Filter is the autofilter's range, "A1:G101" (header and data rows);
	// "" for none.
	Filter string
	// Freeze is whether the header row stays in view.
	Freeze bool
}

// LayoutOf lays s out: each column at least its Width (or MinWidth), wide
// enough for the longer of its header's two language halves, and — when
// its rows are held — for its content (the widest of up to sampleRows
// rows, capped at MaxContentWidth; Wrap columns keep their
// width and wrap instead). The header row is as tall as its most wrapped
// header. Sheets with a frozen header are data tables: they get an
// autofilter over the header and every data row (or the template's
// dropdown rows).
func LayoutOf(s OutSheet) Layout {
	l := Layout{Widths: make([]float64, len(s.Columns)), Freeze: s.FreezeHeader, HeaderHeight: RowHeight(1)}
	for i, c := range s.Columns {
		w := max(c.Width, MinWidth, HeaderWidth(c.Header))
		if !c.Wrap && s.Rows != nil {
			w = max(w, min(contentWidth(s.Rows, i), MaxContentWidth))
		}
		l.Widths[i] = math.Ceil(w)
		l.HeaderHeight = max(l.HeaderHeight, HeaderHeight(c.Header, l.Widths[i]))
	}
	l.Filter = filterRef(s)
	return l
}

// filterRef is the autofilter range of a data table (a sheet with a
// frozen header): the header and every data row, or the template's
// dropdown rows.
func filterRef(s OutSheet) string {
	if !s.FreezeHeader || len(s.Columns) == 0 {
		return ""
	}
	last := max(s.RowCount(), s.DropdownRows) + 1
	return "A1:" + ColumnName(len(s.Columns)-1) + itoa(last)
}

// absoluteRef is a range of a sheet as a defined name holds it:
// 'Sheet name'!$A$1:$G$101.
func absoluteRef(sheetName, ref string) string {
	from, to, _ := strings.Cut(ref, ":")
	abs := func(cell string) string {
		i := strings.IndexAny(cell, "0123456789")
		return "$" + cell[:i] + "$" + cell[i:]
	}
	return "'" + strings.ReplaceAll(sheetName, "'", "''") + "'!" + abs(from) + ":" + abs(to)
}

// HeaderHeight is the height a header row needs for header h in a column
// of width w.
func HeaderHeight(h string, w float64) float64 { return RowHeight(WrappedLines(h, w, boldFactor)) }

// RowHeight is the height in points of a row of n lines.
func RowHeight(n int) float64 { return LineHeight*float64(max(n, 1)) + 3 }

// wrapped reports whether any column of s wraps its cells.
func (s OutSheet) wrapped() bool {
	return slices.ContainsFunc(s.Columns, func(c Column) bool { return c.Wrap })
}

// DataRowHeight is the height of a data row whose Wrap columns hold
// cells, or 0 (the default height) when they fit on one line.
func (l Layout) DataRowHeight(s OutSheet, cells []string) float64 {
	lines := 1
	for i, v := range cells {
		if i < len(s.Columns) && s.Columns[i].Wrap && v != "" {
			lines = max(lines, WrappedLines(v, l.Widths[i], 1))
		}
	}
	if lines == 1 {
		return 0
	}
	return RowHeight(lines)
}

// HeaderWidth is the width a header needs: its longer line when it is
// split into its Chinese and English halves (at the first space after
// Chinese text, or at its line breaks), in bold, capped at maxHeaderWidth.
func HeaderWidth(h string) float64 {
	w := 0.0
	for _, line := range HeaderLines(h) {
		w = max(w, TextWidth(line)*boldFactor+cellPad)
	}
	return min(w, maxHeaderWidth)
}

// HeaderLines splits a two-language header into its halves: "部门ID
// (department_id)" → "部门ID", "(department_id)". A header without
// Chinese before its first space, or without a space, is one line.
func HeaderLines(h string) []string {
	var out []string
	for _, line := range strings.Split(h, "\n") {
		if i := strings.IndexByte(line, ' '); i > 0 && hasWide(line[:i]) {
			out = append(out, line[:i], strings.TrimSpace(line[i+1:]))
			continue
		}
		out = append(out, line)
	}
	return out
}

func hasWide(s string) bool {
	for _, r := range s {
		if runeWidth(r) == 2 {
			return true
		}
	}
	return false
}

// TextWidth is the width of s in Excel's unit: one per narrow character,
// two per wide (CJK, full-width) one; for text of several lines, its
// widest line.
func TextWidth(s string) float64 {
	w, widest := 0.0, 0.0
	for _, r := range s {
		if r == '\n' {
			widest, w = max(widest, w), 0
			continue
		}
		w += float64(runeWidth(r))
	}
	return max(widest, w)
}

func runeWidth(r rune) int {
	if r < 0x1100 {
		return 1
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// WrappedLines is how many lines s takes in a wrapping cell of width w:
// each line of s word-wrapped at spaces, a word longer than the cell
// broken where it reaches the edge (as Excel breaks CJK text).
func WrappedLines(s string, w, factor float64) int {
	room := max(w-cellPad, 1)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n++
		used := 0.0
		for _, word := range strings.Fields(para) {
			ww := TextWidth(word) * factor
			space := 0.0
			if used > 0 {
				space = factor
			}
			switch {
			case used+space+ww <= room:
				used += space + ww
			case ww <= room:
				n++
				used = ww
			default: // the word itself wraps
				if used > 0 {
					n++
				}
				extra := int(math.Ceil(ww/room)) - 1
				n += extra
				used = ww - float64(extra)*room
			}
		}
	}
	return n
}

// contentWidth is the width of column c's widest value among the first
// sampleRows rows (an ID cut off is worse than a wide column; MaxContentWidth
// caps it), a tenth wider for fonts wider than Calibri (LibreOffice's and
// WPS's stand-ins), with the cell's margins.
func contentWidth(rows [][]string, c int) float64 {
	var ws []float64
	for _, r := range rows[:min(len(rows), sampleRows)] {
		if c < len(r) && r[c] != "" {
			ws = append(ws, TextWidth(r[c]))
		}
	}
	if len(ws) == 0 {
		return 0
	}
	return slices.Max(ws)*contentFactor + cellPad
}

// ContentWidth is the width a column needs for values (its widest one,
// as LayoutOf measures held rows), for writers whose rows are made on the
// fly: they measure what they hold and set Column.Width.
func ContentWidth(values []string) float64 {
	rows := make([][]string, len(values))
	for i, v := range values {
		rows[i] = []string{v}
	}
	return min(contentWidth(rows, 0), MaxContentWidth)
}
