package tenant

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/orgbatch/orgbatch/feishu"
)

// Department is a walked department with its place in the tree.
type Department struct {
	feishu.Department
	Path        string // names from the walk's top down, joined with "/" (names cannot hold "/")
	Depth       int    // 1 at the top of the walk
	DirectUsers int    // direct members find_by_department listed
	Parent      *Department
	Children    []*Department // sorted as Feishu shows them
}

// Tree is the walked tree of a Snapshot.
type Tree struct {
	// RootID is the walk's root: "0" or WalkOptions.Root.
	RootID string
	// Root is the root department as GET answered it; nil for "0" unless
	// WalkOptions.FetchRoot. For another root it is also Departments[0].
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
}

// buildTree arranges what a walk listed into the tree.
func buildTree(t *Tree, listed []feishu.Department, direct map[string]int, users map[string]*feishu.User) {
	nodes := make([]*Department, 0, len(listed)+1)
	if t.RootID != RootID {
		nodes = append(nodes, &Department{Department: *t.Root, DirectUsers: direct[t.RootID]})
	}
	for _, d := range listed {
		nodes = append(nodes, &Department{Department: d, DirectUsers: direct[d.DepartmentID]})
	}
	byID := make(map[string]*Department, len(nodes))
	for _, n := range nodes {
		byID[n.DepartmentID] = n
	}
	for _, n := range nodes {
		p := byID[n.ParentDepartmentID]
		if p == nil || n.DepartmentID == t.RootID {
			t.Top = append(t.Top, n)
			continue
		}
		n.Parent = p
		p.Children = append(p.Children, n)
	}
	slices.SortFunc(t.Top, cmpSiblings)
	for _, n := range nodes {
		slices.SortFunc(n.Children, cmpSiblings)
	}
	t.order(nodes)
	t.Users = make([]*feishu.User, 0, len(users))
	for _, u := range users {
		t.Users = append(t.Users, u)
	}
	slices.SortFunc(t.Users, func(a, b *feishu.User) int {
		return cmp.Or(cmp.Compare(a.UserID, b.UserID), cmp.Compare(a.OpenID, b.OpenID))
	})
}

// order lists the departments depth-first from the top, with their paths
// and depths.
func (t *Tree) order(nodes []*Department) {
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
		t.Departments = append(t.Departments, n)
		for _, c := range n.Children {
			visit(c, n.Path, depth+1)
		}
	}
	for _, n := range t.Top {
		visit(n, "", 1)
	}
	// Departments whose parents form a cycle were never reached from the
	// top (a tenant cannot hold one; guard anyway): list them as tops.
	for _, n := range nodes {
		if !seen[n] {
			n.Parent = nil
			t.Top = append(t.Top, n)
			visit(n, "", 1)
		}
	}
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
func (t *Tree) MinCalls() map[feishu.Endpoint]int {
	m := map[feishu.Endpoint]int{feishu.EPChildren: pagesFor(t.Listed, feishu.ChildrenPageMax)}
	if t.Root != nil {
		m[feishu.EPGetDepartment] = 1
	}
	if t.UsersListed {
		n := 0
		if t.RootID == RootID {
			n += pagesFor(t.RootDirectUsers, feishu.FindByDepartmentPageMax)
		}
		for _, d := range t.Departments {
			n += pagesFor(d.DirectUsers, feishu.FindByDepartmentPageMax)
		}
		m[feishu.EPFindByDepartment] = n
	}
	return m
}

// MemberCount is the root's member count: member_count of a root read by
// GET, else the distinct users listed.
func (t *Tree) MemberCount() int {
	if t.Root != nil {
		return t.Root.MemberCount
	}
	return len(t.Users)
}
