package plan

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

var actionZH = map[Action]string{
	ActionCreate: "新建", ActionMove: "移动", ActionUpdate: "更新", ActionUnchanged: "不变", ActionBlocked: "阻止",
}

// Render writes the plan for people: counts per kind and action, then one
// line per row that changes or is blocked (unchanged rows are counted, not
// listed), with field changes as old → new.
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
	fmt.Fprintln(w)
	for _, c := range p.Changes {
		if c.Action == ActionUnchanged {
			continue
		}
		if c.FromPath {
			fmt.Fprintf(w, "%-9s %-10s %s %s  (from path %s)\n", c.Action, c.Kind, c.Key, c.Name, c.Path)
			continue
		}
		fmt.Fprintf(w, "%-9s %-10s %s %s", c.Action, c.Kind, c.Key, c.Name)
		if c.Record.T != nil {
			fmt.Fprintf(w, "  (%s row %d)", where(c), c.Record.Num)
		}
		fmt.Fprintln(w)
		for _, f := range c.Fields {
			fmt.Fprintf(w, "            %s: %s → %s\n", f.Field, orNone(f.Old), orNone(f.New))
		}
		for _, pr := range c.Problems {
			fmt.Fprintf(w, "            %s %s: %s\n", pr.Severity, pr.Rule, pr.Text())
		}
	}
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
	for _, k := range []Kind{KindDepartment, KindUser} {
		summary[k] = map[Action]int{}
		for _, a := range Actions {
			summary[k][a] = 0
		}
	}
	for _, c := range p.Changes {
		if m := summary[c.Kind]; m != nil {
			m[c.Action]++
		}
	}
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
