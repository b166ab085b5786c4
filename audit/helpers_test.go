package audit

import (
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

// d is a department of a test tenant: "ID parent name leader[;deputies]".
type d string

// u is a user of a test tenant: "ID name depts[;…] [manager] [mobile] [email]"
// with "-" for an empty field.
type u string

// testOrg builds a walked snapshot the way tenant.Walk would: departments
// parent-first (listed in that order), users listed, and gone people read
// by ID beside them (resigned when their name starts with "离职").
type testOrg struct {
	Root  string // "" for the whole tenant
	Depts []d
	Users []u
	Gone  []u // read by ID, not listed: resigned
}

func field(fs []string, i int) string {
	if i >= len(fs) || fs[i] == "-" {
		return ""
	}
	return fs[i]
}

func (o testOrg) snapshot(t *testing.T) *tenant.Snapshot {
	t.Helper()
	s := tenant.New()
	tree := &tenant.Tree{RootID: tenant.RootID, UsersListed: true}
	if o.Root != "" {
		tree.RootID = o.Root
	}
	byID := map[string]*tenant.Department{}
	for _, line := range o.Depts {
		fs := strings.Fields(string(line))
		fd := feishu.Department{DepartmentID: fs[0], ParentDepartmentID: fs[1], Name: fs[2]}
		if ls := strings.Split(field(fs, 3), ";"); ls[0] != "" {
			fd.LeaderUserID = ls[0]
			fd.Leaders = append(fd.Leaders, feishu.DepartmentLeader{LeaderType: feishu.LeaderMain, LeaderID: ls[0]})
			for _, dep := range ls[1:] {
				fd.Leaders = append(fd.Leaders, feishu.DepartmentLeader{LeaderType: feishu.LeaderDeputy, LeaderID: dep})
			}
		}
		n := &tenant.Department{Department: fd, Path: fd.Name, Depth: 1}
		if p := byID[fd.ParentDepartmentID]; p != nil && fd.DepartmentID != tree.RootID {
			n.Parent, n.Path, n.Depth = p, p.Path+"/"+fd.Name, p.Depth+1
			p.Children = append(p.Children, n)
		} else {
			tree.Top = append(tree.Top, n)
		}
		if fd.DepartmentID == tree.RootID {
			tree.Root = &n.Department
		}
		byID[fd.DepartmentID] = n
		tree.Departments = append(tree.Departments, n)
		s.Departments[fd.DepartmentID] = &n.Department
	}
	user := func(line u) *feishu.User {
		fs := strings.Fields(string(line))
		us := &feishu.User{UserID: fs[0], Name: fs[1], DepartmentIDs: strings.Split(field(fs, 2), ";"),
			LeaderUserID: field(fs, 3), Mobile: field(fs, 4), Email: field(fs, 5)}
		if strings.HasPrefix(us.Name, "离职") {
			us.Status, us.DepartmentIDs = &feishu.UserStatus{IsResigned: true}, nil
		}
		return us
	}
	for _, line := range o.Users {
		us := user(line)
		tree.Users = append(tree.Users, us)
		s.Users[us.UserID] = us
	}
	for _, line := range o.Gone {
		us := user(line)
		s.Users[us.UserID] = us
	}
	s.Tree = tree
	return s
}

// subjects lists what each finding of a group is about: a department's
// path, a person's user_id, or a shared value.
func subjects(g Group) []string {
	var out []string
	for _, f := range g.Items {
		switch {
		case f.Person != nil:
			out = append(out, f.Person.UserID)
		case f.Dept != nil:
			out = append(out, f.Dept.Label())
		default:
			out = append(out, f.Subject)
		}
	}
	return out
}

func group(t *testing.T, r *Report, code string) Group {
	t.Helper()
	for _, g := range r.Findings {
		if g.Kind.Code == code {
			return g
		}
	}
	t.Fatalf("no group %s", code)
	return Group{}
}
