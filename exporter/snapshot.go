package exporter

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/orgbatch/orgbatch/feishu"
)

// Department is an exported department with its place in the tree.
type Department struct {
	feishu.Department
	Path        string // names from the export's top down, joined with "/" (names cannot hold "/")
	Depth       int    // 1 at the top of the export
	DirectUsers int    // direct members find_by_department listed
	Parent      *Department
	Children    []*Department // sorted like the export
}

// Snapshot is what a Walk read.
type Snapshot struct {
	// RootID is the export's root: "0" or Options.Root.
	RootID string
	// Root is the root department as GET answered it; nil for "0" unless
	// Options.FetchRoot. For another root it is also Departments[0].
	Root *feishu.Department
	// RootDirectUsers is the number of direct members of "0".
	RootDirectUsers int
	// Top are the departments at depth 1.
	Top []*Department
	// Departments are parent-first: depth-first from Top, siblings by
	// order (as a number), then department_id.
	Departments []*Department
	// Users are every user met once, sorted by user_id, each with all
	// their departments.
	Users []*feishu.User
	// Listed is how many departments the children listing returned.
	Listed int
	// UsersListed is false for a departments-only walk.
	UsersListed bool
	// Calls are the attempts per endpoint (retries included), Pages the
	// successful calls.
	Calls map[feishu.Endpoint]int
	Pages map[feishu.Endpoint]int
}

// snapshot builds the tree out of what the walk read.
func (w *walker) snapshot(root *feishu.Department) *Snapshot {
	s := &Snapshot{
		RootID: w.root, Root: root, RootDirectUsers: w.direct[RootID], Listed: len(w.depts),
		UsersListed: !w.opts.SkipUsers, Calls: w.calls, Pages: w.pages,
	}
	nodes := make([]*Department, 0, len(w.depts)+1)
	if w.root != RootID {
		nodes = append(nodes, &Department{Department: *root, DirectUsers: w.direct[w.root]})
	}
	for _, d := range w.depts {
		nodes = append(nodes, &Department{Department: d, DirectUsers: w.direct[d.DepartmentID]})
	}
	byID := make(map[string]*Department, len(nodes))
	for _, n := range nodes {
		byID[n.DepartmentID] = n
	}
	for _, n := range nodes {
		p := byID[n.ParentDepartmentID]
		if p == nil || n.DepartmentID == w.root {
			s.Top = append(s.Top, n)
			continue
		}
		n.Parent = p
		p.Children = append(p.Children, n)
	}
	slices.SortFunc(s.Top, cmpSiblings)
	for _, n := range nodes {
		slices.SortFunc(n.Children, cmpSiblings)
	}
	seen := make(map[*Department]bool, len(nodes))
	var visit func(n *Department, path string, depth int)
	visit = func(n *Department, path string, depth int) {
		if seen[n] {
			return
		}
		seen[n] = true
		n.Depth = depth
		n.Path = n.Name
		if path != "" {
			n.Path = path + "/" + n.Name
		}
		s.Departments = append(s.Departments, n)
		for _, c := range n.Children {
			visit(c, n.Path, depth+1)
		}
	}
	for _, n := range s.Top {
		visit(n, "", 1)
	}
	// Departments whose parents form a cycle were never reached from the
	// top (a tenant cannot hold one; guard anyway): list them as tops.
	for _, n := range nodes {
		if !seen[n] {
			n.Parent = nil
			s.Top = append(s.Top, n)
			visit(n, "", 1)
		}
	}

	s.Users = make([]*feishu.User, 0, len(w.users))
	for _, u := range w.users {
		s.Users = append(s.Users, u)
	}
	slices.SortFunc(s.Users, func(a, b *feishu.User) int {
		return cmp.Or(cmp.Compare(a.UserID, b.UserID), cmp.Compare(a.OpenID, b.OpenID))
	})
	return s
}

// cmpSiblings orders siblings as Feishu shows them: by order as a number
// (departments without one last), then by department_id.
func cmpSiblings(a, b *Department) int {
	oa, ea := strconv.ParseInt(a.Order, 10, 64)
	ob, eb := strconv.ParseInt(b.Order, 10, 64)
	switch {
	case ea == nil && eb == nil && oa != ob:
		return cmp.Compare(oa, ob)
	case (ea == nil) != (eb == nil):
		if ea == nil {
			return -1
		}
		return 1
	}
	return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.DepartmentID, b.DepartmentID))
}

// pagesFor is the number of pages n items take: at least one, since even
// an empty listing is one call.
func pagesFor(n, size int) int { return max(1, (n+size-1)/size) }

// MinCalls is the fewest successful calls per endpoint that can read what
// was read: ceil(departments/50) children pages (at least 1), per
// department and for the root ceil(direct members/50) find_by_department
// pages (at least 1 each), and one GET for a root read by GET.
func (s *Snapshot) MinCalls() map[feishu.Endpoint]int {
	m := map[feishu.Endpoint]int{feishu.EPChildren: pagesFor(s.Listed, feishu.ChildrenPageMax)}
	if s.Root != nil {
		m[feishu.EPGetDepartment] = 1
	}
	if s.UsersListed {
		n := 0
		if s.RootID == RootID {
			n += pagesFor(s.RootDirectUsers, feishu.FindByDepartmentPageMax)
		}
		for _, d := range s.Departments {
			n += pagesFor(d.DirectUsers, feishu.FindByDepartmentPageMax)
		}
		m[feishu.EPFindByDepartment] = n
	}
	return m
}

// Total adds up calls over endpoints.
func Total(calls map[feishu.Endpoint]int) int {
	n := 0
	for _, c := range calls {
		n += c
	}
	return n
}

// MemberCount is the root's member count: member_count of a root read by
// GET, else the distinct users listed.
func (s *Snapshot) MemberCount() int {
	if s.Root != nil {
		return s.Root.MemberCount
	}
	return len(s.Users)
}
