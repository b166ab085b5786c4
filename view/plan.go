package view

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"

	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
)

// Plan writes the plan for people: counts per kind and action, then one
// line per row that changes or is blocked, with field changes as old → new
// and how a user matched by contact (not by user_id) was found. Unchanged
// rows are counted, not listed — unless the tenant check found something
// about them (a leader that exists nowhere), which is shown as for any row.
// Every value from the sheet or the tenant is printed through
// textsafe.Terminal.
func Plan(w io.Writer, p *plan.Plan) {
	counts(w, p, plan.Actions)
	for _, pr := range p.Problems {
		if pr.Rule == plan.UnitsUnavailable { // about the tenant, not a row: said once
			fmt.Fprintf(w, "%s %s: %s\n\n", pr.Severity.Label(), pr.Rule, pr.Text())
		}
	}
	for _, c := range p.Changes {
		if c.Action == plan.ActionUnchanged && !hasOnline(c.Problems) || c.BlockedBy == plan.UnitsUnavailable {
			continue
		}
		key, name := textsafe.Terminal(c.Key), textsafe.Terminal(c.Name)
		if c.FromPath {
			fmt.Fprintf(w, "%s %-10s %s %s  (from path %s)\n", actionCol(c.Action), c.Kind, key, name, textsafe.Terminal(c.Path))
			continue
		}
		if c.IsDirectory() {
			directoryLine(w, c)
			continue
		}
		fmt.Fprintf(w, "%s %-10s %s %s", actionCol(c.Action), c.Kind, key, name)
		if c.Record.T != nil {
			fmt.Fprintf(w, "  (%s row %d)", textsafe.Terminal(where(c)), c.Record.Num)
		}
		fmt.Fprintln(w)
		if by := msg.Match(c.MatchedBy); by.ZH != "" && c.Action != plan.ActionCreate {
			fmt.Fprintf(w, "            %s matched by %s → user_id %s\n", by.ZH, c.MatchedBy, c.Existing.UserID)
		}
		for _, f := range c.Fields {
			fmt.Fprintf(w, "            %s: %s → %s\n", f.Field, textsafe.Terminal(orNone(f.Old)), textsafe.Terminal(orNone(f.New)))
		}
		for _, pr := range c.Problems {
			fmt.Fprintf(w, "            %s %s: %s\n", pr.Severity.Label(), pr.Rule, textsafe.Terminal(pr.Text()))
		}
	}
}

// counts writes the counts per kind and action.
func counts(w io.Writer, p *plan.Plan, actions []plan.Action) {
	labels := make([]msg.Label, len(actions))
	for i, a := range actions {
		labels[i] = msg.Action(string(a))
	}
	tableHeader(w, labels, 12, 12)
	for _, k := range plan.Kinds {
		if k == plan.KindUnit && !p.Has(plan.KindUnit) {
			continue // a sheet without units
		}
		fmt.Fprint(w, msg.PadRight(plan.KindLabel(k), 12))
		for _, a := range actions {
			fmt.Fprintf(w, "%12d", p.Count(k, a))
		}
		fmt.Fprintln(w)
	}
	directoryCount(w, p)
	for _, l := range plan.GroupCounts(p) { // user groups and their members
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w)
}

func hasOnline(ps []problem.Problem) bool {
	for _, p := range ps {
		if problem.Online(p.Rule) {
			return true
		}
	}
	return false
}

func where(c *plan.Change) string {
	t := c.Record.T
	if t.Sheet != "" {
		return t.File + " [" + t.Sheet + "]"
	}
	return t.File
}

func orNone(s string) string {
	if s == "" {
		return "(空 none)"
	}
	return s
}

// actionCol is a plan line's first column: the action in both languages.
func actionCol(a plan.Action) string { return msg.PadRight(a.Label(), 14) }
