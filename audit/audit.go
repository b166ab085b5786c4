// Package audit turns a walked tenant into what an audit reads: the org
// chart with headcounts and leaders, the totals per level, the findings
// (one table of kinds, Kinds, with their thresholds) and, given an earlier
// export, what changed since. It is pure — no I/O, the same snapshot gives
// the same report — and table-tested; audit/htmlpage renders it.
//
// Findings are about the tenant as it is, not about a sheet, so they are
// not rules of problem/rules.go (which a sheet must satisfy, and which the
// template's instructions list).
package audit

import "github.com/orgbatch/orgbatch/tenant"

// Thresholds of the branch checks (Options' defaults). Six levels below
// the company is as deep as a 46-department company of 300 needs (the
// sample company is six deep); more than twelve direct sub-departments is
// past what one leader can follow (spans of control of 5–10 are usual).
const (
	DefaultMaxDepth    = 6
	DefaultMaxChildren = 12
)

// Options are the audit's thresholds.
type Options struct {
	// MaxDepth: a department deeper than this many levels (top-level
	// departments are level 1) is on a very deep branch (BRANCH_DEEP).
	MaxDepth int
	// MaxChildren: a department with more direct sub-departments is a very
	// wide branch (BRANCH_WIDE).
	MaxChildren int
}

// withDefaults fills the thresholds left zero.
func (o Options) withDefaults() Options {
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxChildren <= 0 {
		o.MaxChildren = DefaultMaxChildren
	}
	return o
}

// Report is the audit of a walked tenant.
type Report struct {
	Options Options
	// Root is the chart: the company (the tenant's root department) or the
	// --root department; Nodes are all of them, parent-first, Root first.
	Root  *Node
	Nodes []*Node
	// People is the number of distinct people in the chart.
	People int
	// Departments is the number of departments (the company not counted).
	Departments int
	Levels      []Level
	// Findings are one group per kind of Kinds, in that order, empty ones
	// included.
	Findings []Group
	// Changes since the baseline; nil without one.
	Changes *Changes
}

// Depth is the deepest level of a department (0 with none).
func (r *Report) Depth() int {
	d := 0
	for _, n := range r.Nodes {
		d = max(d, n.Depth)
	}
	return d
}

// FindingCount is the number of findings; Warnings those of severity
// warning.
func (r *Report) FindingCount() (all, warnings int) {
	for _, g := range r.Findings {
		all += len(g.Items)
		if g.Kind.Severity == Warning {
			warnings += len(g.Items)
		}
	}
	return all, warnings
}

// Build audits a walked snapshot (tenant.Reader.Walk with users; the
// people it names but did not list — resigned leaders and managers — read
// by ID beside it, or they count as unknown) and, given a baseline,
// compares the two. It is pure: the same snapshot gives the same report.
func Build(s *tenant.Snapshot, base *Baseline, opts Options) *Report {
	opts = opts.withDefaults()
	c := newChart(s)
	r := &Report{Options: opts, Root: c.root, Nodes: c.nodes, People: len(c.users), Departments: len(c.departments())}
	r.Levels = c.levels()
	r.Findings = c.findings(opts)
	if base != nil {
		r.Changes = c.changes(base)
	}
	return r
}

// Referenced are the people a walked snapshot names as a leader of a
// department (main or deputy) or a user's manager without having listed
// them: the IDs to read (tenant.Reader.People) before Build, to tell a
// resigned leader from one who does not exist.
func Referenced(s *tenant.Snapshot) []string {
	var ids []string
	add := func(id string) {
		if _, ok := s.Users[id]; id != "" && !ok {
			ids = append(ids, id)
		}
	}
	for _, d := range s.Tree.Departments {
		main, deputies := d.MainAndDeputies()
		add(main)
		for _, id := range deputies {
			add(id)
		}
	}
	for _, u := range s.Tree.Users {
		add(u.LeaderUserID)
	}
	return ids
}
