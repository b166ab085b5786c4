package report

import (
	"path/filepath"
	"strings"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
)

// rowExtra is what a report adds to one input row: the values of the extra
// columns, and the highlights of any cells (input or extra, by index).
type rowExtra struct {
	values []string
	marks  cellMarks
}

// cellMarks are the highlighted cells of one row, (column, mark) pairs: a
// row has a few, and a report makes one per row.
type cellMarks []cellMark

type cellMark struct {
	col  int
	mark sheet.Mark
}

func (m cellMarks) at(col int) sheet.Mark {
	for _, x := range m {
		if x.col == col {
			return x.mark
		}
	}
	return sheet.MarkNone
}

// with returns m with column col marked mk.
func (m cellMarks) with(col int, mk sheet.Mark) cellMarks {
	for i := range m {
		if m[i].col == col {
			m[i].mark = mk
			return m
		}
	}
	return append(m, cellMark{col, mk})
}

// inputSheet writes an input table back: its own header and cells, then
// the report's extra columns, with highlights. Every report (validation,
// plan, import) has this shape, so a person finds their rows as they wrote
// them. Rows are made as the writer asks for them, not held: a report of
// 100,000 rows costs one row's memory.
func inputSheet(name string, t *org.Table, recs []org.Record, extra []sheet.Column, fill func(org.Record) rowExtra) sheet.OutSheet {
	width := len(t.Header)
	cols := make([]sheet.Column, 0, width+len(extra))
	for c, h := range t.Header {
		w, lines := sampleWidth(recs, c)
		cols = append(cols, sheet.Column{Header: h, Text: true, Width: w, Wrap: lines})
	}
	cols = append(cols, extra...)
	row := make([]string, 0, width+len(extra))
	var marks cellMarks
	return sheet.OutSheet{
		Name: name, Columns: cols, FreezeHeader: true, NumRows: len(recs),
		Row: func(i int) []string {
			ex := fill(recs[i])
			row = row[:0]
			for c := range width { // the input's cells, padded to its header
				row = append(row, recs[i].Cell(c))
			}
			marks = ex.marks
			return append(row, ex.values...)
		},
		Mark: func(r, c int) sheet.Mark { return marks.at(c) },
	}
}

// sampleWidth is the width column c's typical cell needs (rows are made
// on the fly, so the writer cannot measure them; the records are held),
// and whether a cell holds line breaks (a list typed with Alt+Enter): the
// column then wraps, so each value shows on its line.
func sampleWidth(recs []org.Record, c int) (w float64, lines bool) {
	values := make([]string, 0, min(len(recs), 500))
	for _, r := range recs[:min(len(recs), 500)] {
		values = append(values, r.Cell(c))
		lines = lines || strings.ContainsAny(r.Cell(c), "\n\r")
	}
	return sheet.ContentWidth(values), lines
}

// recordsOf lists a table's rows in file order.
func recordsOf(o *org.Org, t *org.Table) []org.Record {
	var recs []org.Record
	add := func(r org.Record) {
		if r.T == t {
			recs = append(recs, r)
		}
	}
	switch t.Kind {
	case org.KindDepartments:
		for _, d := range o.Departments {
			add(d.Record)
		}
	case org.KindLeavers:
		for _, l := range o.Leavers {
			if l.T == t {
				recs = append(recs, l.Record)
			}
		}
	case org.KindUnits:
		for _, u := range o.Units {
			add(u.Record)
		}
	case org.KindGroups:
		for _, g := range o.Groups {
			add(g.Record)
		}
	case org.KindGroupMembers:
		for _, m := range o.Memberships {
			add(m.Record)
		}
	default:
		for _, u := range o.Users {
			add(u.Record)
		}
	}
	return recs
}

// sheetNamer names report sheets after their source tables, unique and
// within Excel's 31-character limit.
type sheetNamer map[string]int

func (used sheetNamer) name(t *org.Table) string {
	base := t.Sheet
	if base == "" {
		base = strings.TrimSuffix(filepath.Base(t.File), filepath.Ext(t.File))
	}
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, base)
	if r := []rune(base); len(r) > 28 {
		base = string(r[:28])
	}
	used[base]++
	if n := used[base]; n > 1 {
		return base + "_" + itoa(n)
	}
	return base
}

type rowKey struct {
	file, sheet string
	row         int
}

func keyOf(r org.Record) rowKey { return rowKey{r.T.File, r.T.Sheet, r.Num} }
