package plan

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"
	"strings"
)

// KindLabel names a kind in summaries: "部门 depts".
func KindLabel(k Kind) string { return msg.Kind(string(k)).String() }

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
		s += fmt.Sprintf(", (%d 个部门由路径新建 departments created from paths)", n)
	}
	if n := p.DirectoryCreates(); n > 0 {
		s += fmt.Sprintf(", (%d 个人员类型、职级或序列先建 employee types, job levels or families created first)", n)
	}
	if g := groupSummary(p); g != "" {
		s += "; " + g
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
			parts = append(parts, fmt.Sprintf("%s %d", a.Label(), n))
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

// WriteJSON writes the plan as JSON, one change and one step per line,
// encoding one at a time: the file is streamed, not built in memory.
func WriteJSON(w io.Writer, p *Plan) error {
	summary := map[Kind]map[Action]int{}
	for _, k := range Kinds {
		if k == KindUnit && !p.Has(KindUnit) {
			continue
		}
		summary[k] = map[Action]int{}
		for _, a := range Actions {
			summary[k][a] = 0
		}
	}
	// Counted from the changes, so offboarding's actions (delete,
	// restore) appear when a plan has any.
	for _, c := range p.Changes {
		if m := summary[c.Kind]; m != nil {
			m[c.Action]++
		}
	}
	addGroupKinds(summary, p)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw) // Encode ends each value with a newline
	enc.SetEscapeHTML(false)
	bw.WriteString(`{"summary": `)
	if err := enc.Encode(summary); err != nil {
		return err
	}
	if err := writeArray(bw, enc, "changes", p.Changes); err != nil {
		return err
	}
	if err := writeArray(bw, enc, "steps", p.Steps); err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// writeArray writes `, "name": [` and the items, one per line.
func writeArray[T any](bw *bufio.Writer, enc *json.Encoder, name string, items []T) error {
	bw.WriteString(`, "` + name + `": [`)
	for i, it := range items {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		if err := enc.Encode(it); err != nil {
			return err
		}
	}
	_, err := bw.WriteString("]")
	return err
}
