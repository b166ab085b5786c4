package audit

import (
	"cmp"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/tenant"
)

// Baseline is an earlier export (`--since FILE`) — or any sheet in the
// import template's format — to compare the tenant with. Departments are
// matched by department_id and users by user_id.
type Baseline struct {
	Departments map[string]BaseDepartment
	Users       map[string]BaseUser
	// HasDepartments and HasUsers say which tables the file had: only
	// those are compared.
	HasDepartments, HasUsers bool
	// NoID counts the rows without an ID, which cannot be compared.
	NoID int
}

// BaseDepartment is a department of the baseline.
type BaseDepartment struct{ ID, Name, Parent string }

// BaseUser is a user of the baseline: their departments by ID, or by path
// in a sheet that names them by path alone.
type BaseUser struct {
	ID, Name    string
	Departments []string
	Paths       []string
}

// BaselineOf takes the departments and users of a loaded sheet.
func BaselineOf(o *org.Org) *Baseline {
	b := &Baseline{Departments: map[string]BaseDepartment{}, Users: map[string]BaseUser{}}
	for _, t := range o.Tables {
		b.HasDepartments = b.HasDepartments || t.Kind == org.KindDepartments
		b.HasUsers = b.HasUsers || t.Kind == org.KindUsers
	}
	for _, d := range o.Departments {
		if d.ID() == "" {
			b.NoID++
			continue
		}
		b.Departments[d.ID()] = BaseDepartment{ID: d.ID(), Name: d.Name(), Parent: d.ParentID()}
	}
	for _, u := range o.Users {
		if u.UserID() == "" {
			b.NoID++
			continue
		}
		b.Users[u.UserID()] = BaseUser{ID: u.UserID(), Name: u.Name(), Departments: u.DepartmentIDs, Paths: u.DepartmentPaths()}
	}
	return b
}

// Change is one difference between the baseline and the tenant now.
type Change struct {
	Code          string
	ID, Name      string // the name now (the earlier one for what is gone)
	Before, After string // departments or paths, names, parents
	// Dept is the department now (a user's first), for the chart's link;
	// nil for what is gone.
	Dept *Node
}

// ChangeGroup is the changes of one kind; Skipped when the earlier file
// had no table of that kind (no departments sheet, say).
type ChangeGroup struct {
	Kind    Kind
	Items   []Change
	Skipped bool
}

// Changes is what changed since the baseline.
type Changes struct {
	Groups []ChangeGroup // in ChangeKinds order
	NoID   int           // baseline rows without an ID, not compared
}

// Total is the number of changes.
func (c *Changes) Total() int {
	n := 0
	for _, g := range c.Groups {
		n += len(g.Items)
	}
	return n
}

// since compares the chart with a baseline. With a --root chart only the
// baseline's part of that branch is compared.
type since struct {
	c *chart
	b *Baseline
}

func (c *chart) changes(b *Baseline) *Changes {
	s := since{c, b}
	found := map[string][]Change{}
	if b.HasUsers {
		s.users(found)
	}
	if b.HasDepartments {
		s.departments(found)
	}
	out := &Changes{NoID: b.NoID}
	for i, k := range ChangeKinds {
		skipped := (i < 4 && !b.HasUsers) || (i >= 4 && !b.HasDepartments)
		out.Groups = append(out.Groups, ChangeGroup{Kind: k, Items: found[k.Code], Skipped: skipped})
	}
	return out
}

func (s since) users(found map[string][]Change) {
	for _, u := range s.c.users {
		id, now := userKey(u), s.c.people[userKey(u)]
		first := s.c.firstDept(id)
		was, ok := s.b.Users[id]
		if !ok {
			found[UserJoined] = append(found[UserJoined], Change{Code: UserJoined, ID: id, Name: now.Name, After: s.nowPaths(u.DepartmentIDs), Dept: first})
			continue
		}
		if strings.TrimSpace(was.Name) != strings.TrimSpace(now.Name) {
			found[UserRenamed] = append(found[UserRenamed], Change{Code: UserRenamed, ID: id, Name: now.Name, Before: was.Name, After: now.Name, Dept: first})
		}
		if before, after := s.wasPaths(was), s.nowPaths(u.DepartmentIDs); s.moved(was, u.DepartmentIDs, before, after) {
			found[UserMoved] = append(found[UserMoved], Change{Code: UserMoved, ID: id, Name: now.Name, Before: before, After: after, Dept: first})
		}
	}
	for _, id := range sortedKeys(s.b.Users) {
		if was := s.b.Users[id]; !s.c.listed[id] && s.userInScope(was) {
			found[UserLeft] = append(found[UserLeft], Change{Code: UserLeft, ID: id, Name: was.Name, Before: s.wasPaths(was)})
		}
	}
}

// moved compares a user's departments as sets: by ID, or by path when the
// earlier sheet named them by path alone.
func (s since) moved(was BaseUser, now []string, before, after string) bool {
	if len(was.Departments) == 0 {
		return pathSet(before) != pathSet(after)
	}
	a, b := slices.Clone(was.Departments), slices.Clone(now)
	slices.Sort(a)
	slices.Sort(b)
	return !slices.Equal(slices.Compact(a), slices.Compact(b))
}

func pathSet(s string) string {
	ps := strings.Split(s, "; ")
	for i, p := range ps {
		ps[i] = org.PathKey(org.ParsePath(p).Segments)
	}
	slices.Sort(ps)
	return strings.Join(ps, "\n")
}

func (s since) departments(found map[string][]Change) {
	for _, n := range s.c.departments() {
		was, ok := s.b.Departments[n.ID]
		switch {
		case !ok:
			found[DeptAdded] = append(found[DeptAdded], Change{Code: DeptAdded, ID: n.ID, Name: n.Name, After: n.Label(), Dept: n})
			continue
		case n == s.c.root && !n.Company:
			// the --root department: its parent is outside the chart
		case was.Parent != s.parentID(n):
			found[DeptMoved] = append(found[DeptMoved], Change{Code: DeptMoved, ID: n.ID, Name: n.Name, Before: s.wasPath(was.Parent), After: s.nowPath(s.parentID(n)), Dept: n})
		}
		if strings.TrimSpace(was.Name) != strings.TrimSpace(n.Name) {
			found[DeptRenamed] = append(found[DeptRenamed], Change{Code: DeptRenamed, ID: n.ID, Name: n.Name, Before: was.Name, After: n.Name, Dept: n})
		}
	}
	for _, id := range sortedKeys(s.b.Departments) {
		if s.c.byID[id] == nil && s.deptInScope(id) {
			was := s.b.Departments[id]
			found[DeptRemoved] = append(found[DeptRemoved], Change{Code: DeptRemoved, ID: id, Name: was.Name, Before: s.wasPath(id)})
		}
	}
}

func (s since) parentID(n *Node) string {
	if n.Parent == nil {
		return tenant.RootID
	}
	return n.Parent.ID
}

// wasChain is a baseline department and its ancestors, nearest first,
// as far as the baseline has them (a cycle in a sheet ends the chain).
func (s since) wasChain(id string) []BaseDepartment {
	var out []BaseDepartment
	for range len(s.b.Departments) {
		d, ok := s.b.Departments[id]
		if !ok {
			break
		}
		out = append(out, d)
		id = d.Parent
	}
	return out
}

// wasPath is a department's path in the baseline; a department it lacks
// is named as it is now, or by its ID.
func (s since) wasPath(id string) string {
	if id == tenant.RootID || id == "" {
		return s.nowPath(tenant.RootID)
	}
	chain := s.wasChain(id)
	if len(chain) == 0 {
		return s.nowPath(id)
	}
	names := make([]string, len(chain))
	for i, d := range chain {
		names[len(chain)-1-i] = d.Name
	}
	return strings.Join(names, "/")
}

// nowPath is a department's label now, or its ID outside the chart.
func (s since) nowPath(id string) string {
	if n := s.c.byID[id]; n != nil {
		return n.Label()
	}
	if id == tenant.RootID {
		return CompanyName
	}
	return id
}

func (s since) nowPaths(ids []string) string {
	ps := make([]string, len(ids))
	for i, id := range ids {
		ps[i] = s.nowPath(id)
	}
	return strings.Join(ps, "; ")
}

func (s since) wasPaths(u BaseUser) string {
	if len(u.Departments) == 0 {
		return strings.Join(u.Paths, "; ")
	}
	ps := make([]string, len(u.Departments))
	for i, id := range u.Departments {
		ps[i] = s.wasPath(id)
	}
	return strings.Join(ps, "; ")
}

// deptInScope: a baseline department in the chart's branch (everything for
// a whole-tenant chart).
func (s since) deptInScope(id string) bool {
	if s.c.root.Company {
		return true
	}
	for _, d := range s.wasChain(id) {
		if d.ID == s.c.root.ID {
			return true
		}
	}
	return false
}

func (s since) userInScope(u BaseUser) bool {
	if s.c.root.Company {
		return true
	}
	for _, id := range u.Departments {
		if s.deptInScope(id) {
			return true
		}
	}
	return false
}

func (c *chart) firstDept(userID string) *Node {
	if ds := c.member[userID]; len(ds) > 0 {
		return ds[0]
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare)
	return keys
}
