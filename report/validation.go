package report

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
)

// Statuses of a row in the validation report.
const (
	StatusOK      = "ok"
	StatusError   = "error"
	StatusWarning = "warning"
)

// WriteValidation writes the validation report into dir and returns its
// path: every input table copied with a status and a problems column, the
// cells with problems highlighted, and a sheet listing every problem.
func WriteValidation(dir string, o *org.Org, ps []problem.Problem, now time.Time) (string, error) {
	byRow := map[rowKey][]problem.Problem{}
	for _, p := range ps {
		if p.Row > 0 {
			k := rowKey{p.File, p.Sheet, p.Row}
			byRow[k] = append(byRow[k], p)
		}
	}
	var sheets []sheet.OutSheet
	used := map[string]int{}
	for _, t := range o.Tables {
		sheets = append(sheets, validationSheet(t, recordsOf(o, t), byRow, used))
	}
	sheets = append(sheets, ProblemsSheet(ps))
	path := filepath.Join(dir, "validation-"+now.Format("20060102-150405")+".xlsx")
	return path, sheet.WriteXLSX(path, sheets...)
}

type rowKey struct {
	file, sheet string
	row         int
}

// recordsOf lists a table's rows in file order.
func recordsOf(o *org.Org, t *org.Table) []org.Record {
	var recs []org.Record
	if t.Kind == org.KindDepartments {
		for _, d := range o.Departments {
			if d.T == t {
				recs = append(recs, d.Record)
			}
		}
	} else {
		for _, u := range o.Users {
			if u.T == t {
				recs = append(recs, u.Record)
			}
		}
	}
	return recs
}

func validationSheet(t *org.Table, recs []org.Record, byRow map[rowKey][]problem.Problem, used map[string]int) sheet.OutSheet {
	width := len(t.Header)
	cols := make([]sheet.Column, 0, width+3)
	for _, h := range t.Header {
		cols = append(cols, sheet.Column{Header: h, Text: true})
	}
	cols = append(cols,
		sheet.Column{Header: "行 row", Width: 8},
		sheet.Column{Header: "状态 status", Width: 10},
		sheet.Column{Header: "问题 problems", Width: 80})
	rows := make([][]string, len(recs))
	marks := make([]map[int]sheet.Mark, len(recs))
	for i, rec := range recs {
		row := make([]string, width+3)
		copy(row, rec.Cells())
		ps := byRow[rowKey{t.File, t.Sheet, rec.Num}]
		status, m := StatusOK, map[int]sheet.Mark{}
		var texts []string
		for _, p := range ps {
			texts = append(texts, p.Text())
			mark := severityMark(p.Severity)
			if p.Severity == problem.Error {
				status = StatusError
			} else if status == StatusOK {
				status = StatusWarning
			}
			if c := indexOf(t.Header, p.Column); c >= 0 && m[c] != sheet.MarkError {
				m[c] = mark
			}
		}
		row[width] = itoa(rec.Num)
		row[width+1] = status
		row[width+2] = strings.Join(texts, "\n")
		switch status {
		case StatusError:
			m[width+1] = sheet.MarkError
		case StatusWarning:
			m[width+1] = sheet.MarkWarning
		default:
			m[width+1] = sheet.MarkGood
		}
		rows[i], marks[i] = row, m
	}
	return sheet.OutSheet{
		Name: sheetName(t, used), Columns: cols, Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark { return marks[r][c] },
	}
}

// sheetName names a report sheet after its source, unique and within
// Excel's 31-character limit.
func sheetName(t *org.Table, used map[string]int) string {
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

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
