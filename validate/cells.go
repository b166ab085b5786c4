package validate

import (
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
)

// cells checks what any imported cell must be, whatever its column: not a
// spreadsheet error value (#REF!, #N/A … in a name is a broken formula, not
// a name), and free of characters a person cannot see (control characters,
// escape sequences, bidi controls, zero-width spaces) and of line breaks,
// except where a line break separates the values of a list
// (org.ListFields). Only the columns the import reads are checked — the
// template's fields and custom:<id> columns; a column that names a custom
// attribute is only known online, and the plan checks it then (plan/
// custom_attrs.go) — other columns are carried into reports and never sent.
//
// One pass over every imported cell; a cell of printable ASCII not
// starting with # costs a byte scan.
func (v *validator) cells() {
	cols := map[*org.Table][]cellColumn{}
	check := func(r org.Record) {
		cc, ok := cols[r.T]
		if !ok {
			cc = cellColumns(r.T)
			cols[r.T] = cc
		}
		for _, c := range cc {
			if s := r.Cell(c.index); s != "" {
				v.cell(r, c, s)
			}
		}
	}
	for _, d := range v.org.Departments {
		check(d.Record)
	}
	for _, u := range v.org.Users {
		check(u.Record)
	}
	for _, l := range v.org.Leavers {
		check(l.Record)
	}
	for _, u := range v.org.Units {
		check(u.Record)
	}
}

type cellColumn struct {
	index  int
	key    string
	header string // a custom attribute's column (custom:<id>), which has no field key
	list   bool   // a line break separates values
}

func cellColumns(t *org.Table) []cellColumn {
	var cc []cellColumn
	for _, f := range t.Schema.Fields {
		if i, ok := t.Col[f.Key]; ok {
			cc = append(cc, cellColumn{index: i, key: f.Key, list: org.ListFields[t.Kind][f.Key]})
		}
	}
	for _, c := range t.Custom { // imported too
		cc = append(cc, cellColumn{index: c.Index, header: c.Header})
	}
	return cc
}

// loc and column name the cell's column for a problem.
func (c cellColumn) loc(r org.Record) problem.Loc {
	l := r.Loc(c.key)
	if c.key == "" {
		l.Column = c.header
	}
	return l
}

func (c cellColumn) column(r org.Record) string {
	if c.key == "" {
		return c.header
	}
	return r.T.Column(c.key)
}

func (v *validator) cell(r org.Record, c cellColumn, s string) {
	if s[0] == '#' || s[0] == 'E' || s[0] == 'e' {
		if sheet.IsErrorValue(s) {
			v.add("CELL_EXCEL_ERROR", c.loc(r), s)
			return
		}
	}
	ch, pos, found := textsafe.FindHidden(s, c.list)
	switch {
	case !found:
	case textsafe.LineBreak(ch):
		if c.key == "" || !several(r, c.key) { // a line break between IDs is CELL_SEVERAL_VALUES
			v.add("CELL_LINE_BREAK", c.loc(r), c.column(r))
		}
	default:
		v.add("CELL_INVISIBLE", c.loc(r), textsafe.Name(ch), pos, textsafe.Terminal(s))
	}
}
