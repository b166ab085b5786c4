package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// KindLabel names a kind in summaries.
func KindLabel(k Kind) string {
	switch k {
	case KindDepartment:
		return "部门 depts"
	case KindUnit:
		return "单位 units"
	}
	return "成员 users"
}

// Has reports whether the plan has a change of kind k.
func (p *Plan) Has(k Kind) bool {
	for _, c := range p.Changes {
		if c.Kind == k {
			return true
		}
	}
	return false
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
	s := SummaryOf(p, Actions)
	if n := p.FromPath(); n > 0 {
		s += fmt.Sprintf(", (%d departments created from paths)", n)
	}
	if n := p.DirectoryCreates(); n > 0 {
		s += fmt.Sprintf(", (%d employee types, job levels or families created first)", n)
	}
	return s
}

// SummaryOf is a one-line count of the plan's actions.
func SummaryOf(p *Plan, actions []Action) string {
	var parts []string
	for _, a := range actions {
		n := 0
		for _, k := range Kinds {
			n += p.Count(k, a)
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", a, n))
		}
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
	for _, k := range Kinds {
		if k == KindUnit && !p.Has(KindUnit) {
			continue
		}
		out.Summary[k] = map[Action]int{}
		for _, a := range Actions {
			out.Summary[k][a] = p.Count(k, a)
		}
		for _, a := range []Action{ActionDelete, ActionRestore} { // offboarding's, when it has any
			if n := p.Count(k, a); n > 0 {
				out.Summary[k][a] = n
			}
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
