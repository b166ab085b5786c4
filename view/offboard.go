package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/plan"
)

// Offboard writes an offboarding or restore plan for people: the
// counts per kind and action, then every row that changes or is blocked
// (and unchanged ones with a finding): a leaver with their departments,
// who receives what, the departments they lead and their user groups; a
// department with what happens to it. Every value from the sheet or the
// tenant is printed through textsafe.Terminal.
func Offboard(w io.Writer, p *plan.Plan, actions []plan.Action) {
	counts(w, p, actions)
	for _, c := range p.Changes {
		if c.Action == plan.ActionUnchanged && !hasOnline(c.Problems) {
			continue
		}
		fmt.Fprintf(w, "%s %-10s %s %s", actionCol(c.Action), c.Kind, textsafe.Terminal(c.Key), textsafe.Terminal(c.Name))
		switch {
		case c.Record.T != nil:
			fmt.Fprintf(w, "  (%s row %d)", textsafe.Terminal(where(c)), c.Record.Num)
		case c.Path != "" && c.Path != c.Key:
			fmt.Fprintf(w, "  %s", textsafe.Terminal(c.Path))
		}
		fmt.Fprintln(w)
		if c.Kind == plan.KindUser {
			leaver(w, c)
		}
		if c.Kind == plan.KindDepartment && c.Action == plan.ActionDelete {
			fmt.Fprintf(w, "            空部门 empty once the leavers are gone: deleted after them\n")
		}
		for _, f := range c.Fields {
			fmt.Fprintf(w, "            %s: %s → %s\n", f.Field, textsafe.Terminal(orNone(f.Old)), textsafe.Terminal(orNone(f.New)))
		}
		for _, pr := range c.Problems {
			fmt.Fprintf(w, "            %s %s: %s\n", pr.Severity.Label(), pr.Rule, textsafe.Terminal(pr.Text()))
		}
	}
}

func leaver(w io.Writer, c *plan.Change) {
	const pad = "            "
	if len(c.Departments) > 0 {
		fmt.Fprintf(w, "%s部门 departments: %s\n", pad, textsafe.Terminal(strings.Join(c.Departments, "; ")))
	}
	ob := c.Offboard
	if ob == nil {
		return
	}
	if len(ob.Handover) > 0 {
		fmt.Fprintf(w, "%s交接 handover (leader %s):\n", pad, textsafe.Terminal(orNone(ob.Leader)))
		for _, line := range handoverLines(ob.Handover) {
			fmt.Fprintf(w, "%s  %s\n", pad, textsafe.Terminal(line))
		}
	}
	if len(ob.Leads) > 0 {
		fmt.Fprintf(w, "%s负责部门 leads: %s\n", pad, textsafe.Terminal(strings.Join(ob.Leads, "; ")))
	}
	if c.Action == plan.ActionDelete {
		groups := "未读取 not read (this build does not read user groups)"
		if ob.GroupsRead {
			groups = orNone(strings.Join(ob.Groups, "; "))
		}
		fmt.Fprintf(w, "%s用户组 groups: %s\n", pad, textsafe.Terminal(groups))
	}
}

// handoverLines groups a handover by receiver: "→ u0037 (acceptor_user_id):
// 文档 docs, 日程 calendar", then what nobody receives.
func handoverLines(hs []plan.Handover) []string {
	var order []string
	groups := map[string][]string{}
	for _, h := range hs {
		key := "→ " + h.To + " (" + h.By + ")"
		item := plan.ResourceLabel(h.Resource)
		if h.To == "" {
			key = "无人接收 nobody"
			item += " " + h.Fallback
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], item)
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		out = append(out, k+": "+strings.Join(groups[k], ", "))
	}
	return out
}
