package exporter

import (
	"strconv"

	"github.com/orgbatch/orgbatch/tenant"
)

// TreeLine is one line of the tree view.
type TreeLine struct {
	Prefix string             // box-drawing indent, "" on the first line
	Dept   *tenant.Department // nil for the tenant root line
	Name   string
	Count  int // member_count: distinct users here and below
	Level  int // 0 on the first line
}

// Text is the line as printed: prefix, name and member count.
func (l TreeLine) Text() string {
	return l.Prefix + l.Name + " (" + strconv.Itoa(l.Count) + ")"
}

// rootLabel names the root in the tree when its name was not read.
const rootLabel = "(根部门 root)"

// TreeLines renders the tree: the root first, then every department
// indented under its parent with box-drawing lines. maxDepth > 0 keeps only
// that many levels below the root.
func TreeLines(t *tenant.Tree, maxDepth int) []TreeLine {
	var lines []TreeLine
	var branches []*tenant.Department
	if t.RootID == tenant.RootID || len(t.Top) == 0 {
		name := rootLabel
		if t.Root != nil && t.Root.Name != "" {
			name = t.Root.Name
		}
		lines = append(lines, TreeLine{Name: name, Count: t.MemberCount()})
		branches = t.Top
	} else {
		top := t.Top[0]
		lines = append(lines, TreeLine{Dept: top, Name: top.Name, Count: top.MemberCount})
		branches = append(append(branches, top.Children...), t.Top[1:]...)
	}
	var walk func(ds []*tenant.Department, indent string, level int)
	walk = func(ds []*tenant.Department, indent string, level int) {
		if maxDepth > 0 && level > maxDepth {
			return
		}
		for i, d := range ds {
			branch, next := "├── ", "│   "
			if i == len(ds)-1 {
				branch, next = "└── ", "    "
			}
			lines = append(lines, TreeLine{Prefix: indent + branch, Dept: d, Name: d.Name, Count: d.MemberCount, Level: level})
			walk(d.Children, indent+next, level+1)
		}
	}
	walk(branches, "", 1)
	return lines
}
