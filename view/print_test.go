package view

import (
	"bytes"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
)

// TestPrintersNeutraliseHiddenCharacters: whatever a cell, a header or the
// tenant holds, the lines printed on a terminal carry no control
// character, escape sequence, bidi control or line break of their own.
func TestPrintersNeutraliseHiddenCharacters(t *testing.T) {
	const hostile = "张\x1b[2J\u202e三\r\n\u009b31m"
	loc := problem.Loc{File: "users\x1b].csv", Sheet: "成员\u2066", Row: 2, Column: "姓名\n"}
	probs := []problem.Problem{problem.New("USER_MOBILE_FORMAT", loc, hostile)}
	change := &plan.Change{Kind: plan.KindUser, Key: "u\u202e1", Name: hostile, Action: plan.ActionUpdate,
		Fields: []plan.FieldChange{{Field: "name", Old: "李四\x07", New: hostile}}, Problems: probs}
	res := &importer.Result{Outcomes: []importer.Outcome{{Change: change, Status: importer.StatusFailed, Code: 41001, Message: "msg " + hostile}}}

	printers := map[string]func(*bytes.Buffer){
		"Problems": func(b *bytes.Buffer) { Problems(b, probs) },
		"Plan":     func(b *bytes.Buffer) { Plan(b, &plan.Plan{Changes: []*plan.Change{change}}) },
		"Outcomes": func(b *bytes.Buffer) { Outcomes(b, res) },
	}
	for name, print := range printers {
		var b bytes.Buffer
		print(&b)
		out := b.String()
		if !strings.Contains(out, "张\uFFFD[2J\uFFFD三") {
			t.Errorf("%s: the hostile value is not shown neutralised:\n%s", name, out)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			for _, r := range line {
				if r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x202e || r == 0x2066 || r == '\r' {
					t.Errorf("%s: line %q holds %U", name, line, r)
				}
			}
		}
	}
}
