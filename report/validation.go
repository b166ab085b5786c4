package report

import (
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io/fs"
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
	byRow := problemsByRow(ps)
	var sheets []sheet.OutSheet
	names := sheetNamer{}
	extra := []sheet.Column{{Header: "行 row", Width: 8}, {Header: "状态 status", Width: 10}, {Header: "问题 problems", Width: 80, Wrap: true}}
	for _, t := range o.Tables {
		width := len(t.Header)
		sheets = append(sheets, inputSheet(names.name(t), t, recordsOf(o, t), extra, func(rec org.Record) rowExtra {
			rps := byRow[keyOf(rec)]
			status := rowStatus(rps)
			marks := problemMarks(t, rps).with(width+1, statusMark(status))
			return rowExtra{values: []string{itoa(rec.Num), msg.Status(status).String(), problemTexts(rps)}, marks: marks}
		}))
	}
	sheets = append(sheets, ProblemsSheet(ps))
	// Never over an earlier report: a second one in the same second is -2.
	base := filepath.Join(dir, "validation-"+now.Format("20060102-150405"))
	for i := 1; ; i++ {
		path := base + ".xlsx"
		if i > 1 {
			path = fmt.Sprintf("%s-%d.xlsx", base, i)
		}
		err := sheet.WriteXLSXWith(path, sheet.WriteOptions{NoReplace: true}, sheets...)
		if !errors.Is(err, fs.ErrExist) {
			return path, err
		}
	}
}

func problemsByRow(ps []problem.Problem) map[rowKey][]problem.Problem {
	byRow := map[rowKey][]problem.Problem{}
	for _, p := range ps {
		if p.Row > 0 {
			k := rowKey{p.File, p.Sheet, p.Row}
			byRow[k] = append(byRow[k], p)
		}
	}
	return byRow
}

// problemMarks highlights the cells problems point at (an error wins over
// a warning in the same cell).
func problemMarks(t *org.Table, ps []problem.Problem) cellMarks {
	var m cellMarks
	for _, p := range ps {
		if c := indexOf(t.Header, p.Column); c >= 0 && m.at(c) != sheet.MarkError {
			m = m.with(c, severityMark(p.Severity))
		}
	}
	return m
}

func statusMark(status string) sheet.Mark {
	switch status {
	case StatusOK:
		return sheet.MarkGood
	case StatusWarning:
		return sheet.MarkWarning
	}
	return sheet.MarkError
}

func rowStatus(ps []problem.Problem) string {
	status := StatusOK
	for _, p := range ps {
		if p.Severity == problem.Error {
			return StatusError
		}
		status = StatusWarning
	}
	return status
}

func problemTexts(ps []problem.Problem) string {
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.Text()
	}
	return strings.Join(texts, "\n")
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
