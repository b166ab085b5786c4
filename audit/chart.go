package audit

import (
	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

// Person is a user as the report names them.
type Person struct {
	UserID string // the custom user_id (the open_id when a user has none)
	Name   string
	Title  string // job title
	Status string // exporter.Status: active, inactive, frozen, unjoined, exited, resigned
	// Known is false for an ID that names nobody the tenant answered for.
	Known bool
}

// Shown is the person's name, or ? when the ID names nobody.
func (p Person) Shown() string {
	if p.Name == "" {
		return "?"
	}
	return p.Name
}

// Gone says why a person named as a leader or manager is not one any more:
// "resigned", "unknown" (the ID names nobody), or "" for an active one.
func (p Person) Gone() string {
	switch {
	case !p.Known:
		return "unknown"
	case p.Status == exporter.StatusResigned:
		return "resigned"
	}
	return ""
}

// Node is a department of the chart (or the company itself, at its root).
type Node struct {
	Index   int    // place in Report.Nodes: the page's anchor
	ID      string // custom department_id; "0" for the company
	Name    string
	Path    string // names from the top down joined with "/"; "" for the company
	Depth   int    // 0 for the company, 1 for the top-level departments
	Company bool   // the tenant's root department
	// Headcount is the distinct people in the department and below it.
	Headcount int
	Members   []Person // direct members, by user_id
	Leader    *Person  // main leader; nil without one
	Deputies  []Person
	Parent    *Node
	Children  []*Node
	// Marks count the findings about this department or about people in
	// it (their first department), by kind, for the chart; Below counts
	// those of the departments below it.
	Marks []Mark
	Below int
}

// Mark is a kind of finding and how many a department has.
type Mark struct {
	Code  string
	Count int
}

// Label is how a department is named in a list: its path, or the
// company's name.
func (n *Node) Label() string {
	if n.Company || n.Path == "" {
		return n.Name
	}
	return n.Path
}

// within reports whether n is d or below it.
func (n *Node) within(d *Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == d {
			return true
		}
	}
	return false
}

func (n *Node) mark(code string) {
	for i := range n.Marks {
		if n.Marks[i].Code == code {
			n.Marks[i].Count++
			return
		}
	}
	n.Marks = append(n.Marks, Mark{Code: code, Count: 1})
}

// marked is the number of findings a department's marks count.
func (n *Node) marked() int {
	total := 0
	for _, m := range n.Marks {
		total += m.Count
	}
	return total
}

// CompanyName names the tenant's root when GET did not answer a name.
const CompanyName = "公司 company"

// chart is the report's tree and the indexes the checks need.
type chart struct {
	s      *tenant.Snapshot
	root   *Node
	nodes  []*Node // parent-first, the root first
	byID   map[string]*Node
	users  []*feishu.User      // the users the walk listed, by user_id
	listed map[string]bool     // user_id → listed by the walk
	member map[string][]*Node  // user_id → the chart's departments they are direct members of
	people map[string]*Person  // user_id → the person (listed or read by ID)
	top    map[string]struct{} // the main leaders of the top of the chart
}

// newChart arranges a walked snapshot into the chart, with headcounts.
func newChart(s *tenant.Snapshot) *chart {
	t := s.Tree
	c := &chart{s: s, byID: map[string]*Node{}, users: t.Users, listed: map[string]bool{},
		member: map[string][]*Node{}, people: map[string]*Person{}, top: map[string]struct{}{}}
	if t.RootID == tenant.RootID {
		c.root = c.add(&Node{ID: tenant.RootID, Name: CompanyName, Company: true}, nil)
		if t.Root != nil && t.Root.Name != "" {
			c.root.Name = t.Root.Name
		}
	}
	for _, d := range t.Departments {
		n := &Node{ID: d.DepartmentID, Name: d.Name, Path: d.Path, Depth: d.Depth}
		parent := c.root
		if d.Parent != nil {
			parent = c.byID[d.Parent.DepartmentID]
		}
		c.add(n, parent)
		if c.root == nil {
			c.root = n // the --root department
		}
	}
	for _, u := range t.Users {
		id := userKey(u)
		c.listed[id] = true
		p := person(u)
		c.people[id] = &p
		for _, d := range u.DepartmentIDs {
			if n := c.byID[d]; n != nil {
				c.member[id] = append(c.member[id], n)
				n.Members = append(n.Members, p)
			}
		}
	}
	c.headcounts()
	c.leaders()
	return c
}

func (c *chart) add(n *Node, parent *Node) *Node {
	n.Index = len(c.nodes)
	c.nodes = append(c.nodes, n)
	c.byID[n.ID] = n
	if parent != nil {
		n.Parent = parent
		parent.Children = append(parent.Children, n)
	}
	return n
}

// headcounts counts each person once in every department they are in or
// below.
func (c *chart) headcounts() {
	seen := make([]int, len(c.nodes)) // node → 1 + the last user counted
	for i, u := range c.users {
		for _, n := range c.member[userKey(u)] {
			for p := n; p != nil && seen[p.Index] != i+1; p = p.Parent {
				seen[p.Index] = i + 1
				p.Headcount++
			}
		}
	}
}

// leaders names every department's main leader and deputies; the main
// leaders of the top-level departments (or of the --root department) are
// the top of the reporting chain.
func (c *chart) leaders() {
	for _, n := range c.nodes {
		d := c.s.Departments[n.ID]
		if n.Company || d == nil {
			continue
		}
		main, deputies := d.MainAndDeputies()
		if main != "" {
			p := c.person(main)
			n.Leader = &p
			if n.Depth == 1 {
				c.top[main] = struct{}{}
			}
		}
		for _, id := range deputies {
			n.Deputies = append(n.Deputies, c.person(id))
		}
	}
}

// person is the user an ID names: listed, read by ID, or unknown.
func (c *chart) person(id string) Person {
	if p := c.people[id]; p != nil {
		return *p
	}
	if u := c.s.Users[id]; u != nil {
		return person(u)
	}
	return Person{UserID: id}
}

func person(u *feishu.User) Person {
	return Person{UserID: userKey(u), Name: u.Name, Title: u.JobTitle, Status: exporter.Status(u.Status), Known: true}
}

// userKey is a user's custom user_id, else their open_id.
func userKey(u *feishu.User) string {
	if u.UserID != "" {
		return u.UserID
	}
	return u.OpenID
}

// Level is one level of the chart.
type Level struct {
	Depth       int // 0: the company's own direct members
	Departments int
	// Members are the distinct direct members of the level's departments:
	// a person in departments at two levels counts at both.
	Members  int
	NoLeader int // departments without a main leader
	Empty    int // departments with nobody in them or below
}

// levels totals the chart per level.
func (c *chart) levels() []Level {
	var out []Level
	type key struct {
		depth int
		user  string
	}
	seen := map[key]bool{}
	for _, n := range c.nodes {
		for len(out) <= n.Depth {
			out = append(out, Level{Depth: len(out)})
		}
		l := &out[n.Depth]
		if !n.Company {
			l.Departments++
			if n.Leader == nil {
				l.NoLeader++
			}
			if n.Headcount == 0 {
				l.Empty++
			}
		}
		for _, m := range n.Members {
			if k := (key{n.Depth, m.UserID}); !seen[k] {
				seen[k] = true
				l.Members++
			}
		}
	}
	if len(out) > 0 && !c.root.Company {
		out = out[1:] // no company level above a --root department
	}
	return out
}
