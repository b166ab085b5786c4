package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/problem"
)

var actionZH = map[Action]string{
	ActionCreate: "新建", ActionMove: "移动", ActionUpdate: "更新", ActionUnchanged: "不变", ActionBlocked: "阻止",
}

// Render writes the plan for people: counts per kind and action, then one
// line per row that changes or is blocked, with field changes as old → new
// and how a user matched by contact (not by user_id) was found. Unchanged
// rows are counted, not listed — unless the tenant check found something
// about them (a leader that exists nowhere), which is shown as for any row.
// Every value from the sheet or the tenant is printed through
// textsafe.Terminal.
func Render(w io.Writer, p *Plan) {
	// Two header lines: Chinese labels are two columns wide on a
	// terminal, which fmt's widths do not know.
	fmt.Fprintf(w, "%-12s", "")
	for _, a := range Actions {
		fmt.Fprintf(w, "%12s", a)
	}
	fmt.Fprintf(w, "\n%-12s", "")
	for _, a := range Actions {
		fmt.Fprintf(w, "%10s", actionZH[a])
	}
	fmt.Fprintln(w)
	for _, k := range []Kind{KindDepartment, KindUser} {
		label := "部门 depts"
		if k == KindUser {
			label = "成员 users"
		}
		fmt.Fprintf(w, "%-12s", label)
		for _, a := range Actions {
			fmt.Fprintf(w, "%12d", p.Count(k, a))
		}
		fmt.Fprintln(w)
	}
	if n := p.DirectoryCreates(); n > 0 {
		fmt.Fprintf(w, "%-12s%12d  人员类型、职级、序列（先于成员新建） employee types, job levels, families (created before the users)\n", "先建 first", n)
	}
	fmt.Fprintln(w)
	for _, c := range p.Changes {
		if c.Action == ActionUnchanged && !hasOnline(c.Problems) {
			continue
		}
		key, name := textsafe.Terminal(c.Key), textsafe.Terminal(c.Name)
		if c.FromPath {
			fmt.Fprintf(w, "%-9s %-10s %s %s  (from path %s)\n", c.Action, c.Kind, key, name, textsafe.Terminal(c.Path))
			continue
		}
		if c.IsDirectory() {
			fmt.Fprintf(w, "%-9s %-10s %s  (%s, first named in %s)\n", c.Action, c.Kind, name, directoryFlag[c.Kind], textsafe.Terminal(locWhere(c.Origin)))
			continue
		}
		fmt.Fprintf(w, "%-9s %-10s %s %s", c.Action, c.Kind, key, name)
		if c.Record.T != nil {
			fmt.Fprintf(w, "  (%s row %d)", textsafe.Terminal(where(c)), c.Record.Num)
		}
		fmt.Fprintln(w)
		if by := matchedByZH[c.MatchedBy]; by != "" && c.Action != ActionCreate {
			fmt.Fprintf(w, "            %s matched by %s → user_id %s\n", by, c.MatchedBy, c.Existing.UserID)
		}
		for _, f := range c.Fields {
			fmt.Fprintf(w, "            %s: %s → %s\n", f.Field, textsafe.Terminal(orNone(f.Old)), textsafe.Terminal(orNone(f.New)))
		}
		for _, pr := range c.Problems {
			fmt.Fprintf(w, "            %s %s: %s\n", pr.Severity, pr.Rule, textsafe.Terminal(pr.Text()))
		}
	}
}

func locWhere(l problem.Loc) string {
	return problem.Problem{File: l.File, Sheet: l.Sheet, Row: l.Row, Column: l.Column}.Where()
}

// directoryFlag is the flag that lets the plan create each kind of entry.
var directoryFlag = map[Kind]string{KindEmployeeType: "--create-missing-types", KindJobLevel: "--create-missing-levels", KindJobFamily: "--create-missing-families"}

// matchedByZH names the contact a user row was matched by; a match by
// user_id needs no mention.
var matchedByZH = map[string]string{MatchMobile: "按手机号匹配", MatchEmail: "按邮箱匹配"}

func hasOnline(ps []problem.Problem) bool {
	for _, p := range ps {
		if problem.Online(p.Rule) {
			return true
		}
	}
	return false
}

func where(c *Change) string {
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

// FromPath counts departments created because paths name them.
func (p *Plan) FromPath() int {
	n := 0
	for _, c := range p.Changes {
		if c.FromPath && c.Action == ActionCreate {
			n++
		}
	}
	return n
}

// DirectoryCreates counts the employee types, job levels and families the
// plan creates.
func (p *Plan) DirectoryCreates() int {
	n := 0
	for _, c := range p.Changes {
		if c.IsDirectory() && c.Action == ActionCreate {
			n++
		}
	}
	return n
}

// Summary is a one-line count of the plan.
func Summary(p *Plan) string {
	var parts []string
	for _, a := range Actions {
		d, u := p.Count(KindDepartment, a), p.Count(KindUser, a)
		if d+u > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", a, d+u))
		}
	}
	if n := p.FromPath(); n > 0 {
		parts = append(parts, fmt.Sprintf("(%d departments created from paths)", n))
	}
	if n := p.DirectoryCreates(); n > 0 {
		parts = append(parts, fmt.Sprintf("(%d employee types, job levels or families created first)", n))
	}
	return strings.Join(parts, ", ")
}

// JSON is the machine form of a plan.
type JSON struct {
	Summary map[Kind]map[Action]int `json:"summary"`
	Changes []*Change               `json:"changes"`
	Steps   []*Step                 `json:"steps"`
}

// WriteJSON writes the plan as JSON.
func WriteJSON(w io.Writer, p *Plan) error {
	out := JSON{Summary: map[Kind]map[Action]int{}, Changes: p.Changes, Steps: p.Steps}
	for _, k := range []Kind{KindDepartment, KindUser} {
		out.Summary[k] = map[Action]int{}
		for _, a := range Actions {
			out.Summary[k][a] = p.Count(k, a)
		}
	}
	if out.Changes == nil {
		out.Changes = []*Change{}
	}
	if out.Steps == nil {
		out.Steps = []*Step{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
