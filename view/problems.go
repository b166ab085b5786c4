package view

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"

	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/problem"
)

// Problems writes the human summary: counts per rule, then each
// problem with its location and bilingual message. Cell values, headers and
// file names in them are printed through textsafe.Terminal.
func Problems(w io.Writer, ps []problem.Problem) {
	errs, warns := problem.Count(ps)
	if len(ps) == 0 {
		fmt.Fprintln(w, "没有发现问题 / no problems found")
		return
	}
	fmt.Fprintf(w, "%d 个错误 errors, %d 个警告 warnings\n\n", errs, warns)
	for _, rc := range problem.RuleCounts(ps) {
		fmt.Fprintf(w, "  %5d  %s %-28s %s\n", rc.Count, msg.PadRight(rc.Rule.Severity.Label(), 12), rc.Rule.Code, msg.Join(rc.Rule.ZH, rc.Rule.EN))
	}
	fmt.Fprintln(w)
	for _, p := range ps {
		fmt.Fprintf(w, "%s %s: %s [%s]\n", msg.PadRight(p.Severity.Label(), 12), textsafe.Terminal(p.Where()), textsafe.Terminal(p.Text()), p.Rule)
	}
}
