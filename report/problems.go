package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/orgbatch/orgbatch/internal/textsafe"
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
		{Header: "说明", Width: 60}, {Header: "message", Width: 60},
	}
	rows := make([][]string, len(ps))
	for i, p := range ps {
		row := ""
		if p.Row > 0 {
			row = strconv.Itoa(p.Row)
		}
		rows[i] = []string{string(p.Severity), p.File, p.Sheet, row, p.Column, p.Rule, p.MessageZH, p.Message}
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

// RuleCounts counts problems per rule, in rule-table order.
func RuleCounts(ps []problem.Problem) []RuleCount {
	counts := map[string]int{}
	for _, p := range ps {
		counts[p.Rule]++
	}
	var out []RuleCount
	for _, r := range problem.Rules {
		if n := counts[r.Code]; n > 0 {
			out = append(out, RuleCount{Rule: r, Count: n})
		}
	}
	return out
}

// RuleCount is how often a rule was broken.
type RuleCount struct {
	Rule  problem.Rule
	Count int
}

// PrintProblems writes the human summary: counts per rule, then each
// problem with its location and bilingual message. Cell values, headers and
// file names in them are printed through textsafe.Terminal.
func PrintProblems(w io.Writer, ps []problem.Problem) {
	errs, warns := problem.Count(ps)
	if len(ps) == 0 {
		fmt.Fprintln(w, "没有发现问题 / no problems found")
		return
	}
	fmt.Fprintf(w, "%d 个错误 errors, %d 个警告 warnings\n\n", errs, warns)
	for _, rc := range RuleCounts(ps) {
		fmt.Fprintf(w, "  %5d  %-8s %-28s %s\n", rc.Count, rc.Rule.Severity, rc.Rule.Code, rc.Rule.ZH)
	}
	fmt.Fprintln(w)
	for _, p := range ps {
		fmt.Fprintf(w, "%-7s %s: %s [%s]\n", p.Severity, textsafe.Terminal(p.Where()), textsafe.Terminal(p.Text()), p.Rule)
	}
}
