package report

import (
	"encoding/json"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"
	"strconv"

	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
)

// ProblemsJSON is the machine-readable shape of a list of problems.
type ProblemsJSON struct {
	Problems []problem.Problem `json:"problems"`
}

// WriteProblemsJSON writes {"problems":[...]} (never null).
func WriteProblemsJSON(w io.Writer, ps []problem.Problem) error {
	if ps == nil {
		ps = []problem.Problem{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ProblemsJSON{Problems: ps})
}

// ProblemsSheet lists problems one per row.
func ProblemsSheet(ps []problem.Problem) sheet.OutSheet {
	cols := []sheet.Column{
		{Header: "级别 severity", Width: 10}, {Header: "文件 file", Width: 28}, {Header: "工作表 sheet", Width: 18},
		{Header: "行 row", Width: 8}, {Header: "列 column", Width: 24}, {Header: "规则 rule", Width: 28},
		{Header: "说明", Width: 60, Wrap: true}, {Header: "message", Width: 60, Wrap: true},
	}
	rows := make([][]string, len(ps))
	for i, p := range ps {
		row := ""
		if p.Row > 0 {
			row = strconv.Itoa(p.Row)
		}
		rows[i] = []string{msg.Status(string(p.Severity)).String(), p.File, p.Sheet, row, p.Column, p.Rule, p.MessageZH, p.Message}
	}
	return sheet.OutSheet{
		Name: "问题 problems", Columns: cols, Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark {
			if c != 0 {
				return sheet.MarkNone
			}
			return severityMark(ps[r].Severity)
		},
	}
}

func severityMark(s problem.Severity) sheet.Mark {
	if s == problem.Error {
		return sheet.MarkError
	}
	return sheet.MarkWarning
}
