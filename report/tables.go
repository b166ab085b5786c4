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
	marks  map[int]sheet.Mark
}

// inputSheet writes an input table back: its own header and cells, then
// the report's extra columns, with highlights. Every report (validation,
// plan, import) has this shape, so a person finds their rows as they wrote
// them.
func inputSheet(name string, t *org.Table, recs []org.Record, extra []sheet.Column, fill func(org.Record) rowExtra) sheet.OutSheet {
	width := len(t.Header)
	cols := make([]sheet.Column, 0, width+len(extra))
	for _, h := range t.Header {
		cols = append(cols, sheet.Column{Header: h, Text: true})
	}
	cols = append(cols, extra...)
	rows := make([][]string, len(recs))
	marks := make([]map[int]sheet.Mark, len(recs))
	for i, rec := range recs {
		row := make([]string, width, width+len(extra))
		copy(row, rec.Cells())
		ex := fill(rec)
		rows[i] = append(row, ex.values...)
		marks[i] = ex.marks
	}
	return sheet.OutSheet{
		Name: name, Columns: cols, Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark { return marks[r][c] },
	}
}

// recordsOf lists a table's rows in file order.
func recordsOf(o *org.Org, t *org.Table) []org.Record {
	var recs []org.Record
	switch t.Kind {
	case org.KindDepartments:
		for _, d := range o.Departments {
			if d.T == t {
				recs = append(recs, d.Record)
			}
		}
	case org.KindLeavers:
		for _, l := range o.Leavers {
			if l.T == t {
				recs = append(recs, l.Record)
			}
		}
	case org.KindUnits:
		for _, u := range o.Units {
			if u.T == t {
				recs = append(recs, u.Record)
			}
		}
	default:
		for _, u := range o.Users {
			if u.T == t {
				recs = append(recs, u.Record)
			}
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
