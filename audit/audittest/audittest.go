// Package audittest builds walked tenant snapshots for the audit's tests.
package audittest

import (
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

// Org is a test tenant, written compactly. A department is "ID parent
// name leader[;deputies]", a user "ID name depts[;…] [manager] [mobile]
// [email]", with "-" for an empty field.
type Org struct {
	Root  string // "" for the whole tenant
	Depts []string
	Users []string
	// Gone are read by ID beside the walk, not listed: resigned when their
	// name starts with 离职, else active elsewhere.
	Gone []string
}

func field(fs []string, i int) string {
	if i >= len(fs) || fs[i] == "-" {
		return ""
	}
	return fs[i]
}

// Snapshot is the tenant as tenant.Reader.Walk reads it: departments
// parent-first (in the order given), the users listed, and the gone
// people read by ID beside them.
func (o Org) Snapshot() *tenant.Snapshot {
	s := tenant.New()
	tree := &tenant.Tree{RootID: tenant.RootID, UsersListed: true}
	if o.Root != "" {
		tree.RootID = o.Root
	}
	byID := map[string]*tenant.Department{}
	for _, line := range o.Depts {
		fs := strings.Fields(line)
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
	user := func(line string) *feishu.User {
		fs := strings.Fields(line)
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

// Company is a small tenant with one finding of most kinds: a department
// without a leader, a leader who resigned, one outside their department,
// managers resigned and unknown, an empty branch, a shared name, mobile
// and email.
var Company = Org{
	Depts: []string{
		"T 0 技术中心 u1",
		"FE T 前端组 u2;u3",
		"BE T 后端组 -",
		"S 0 销售部 u5",
		"S1 S 华东 u9",
		"S2 S 华南 u6",
		"E 0 空部门 -",
		"E1 E 空子部门 -",
	},
	Users: []string{
		"u1 张三 T - 13800000001 a@example.com",
		"u10 吴十 0 -",
		"u2 李四 FE u1 13800000002",
		"u3 王五 FE u2",
		"u4 张·三 BE u1 +86-138-0000-0001 A@Example.com",
		"u5 赵六 S -",
		"u6 钱七 T u1",
		"u7 孙八 S1 u9",
		"u8 周九 S2 u404",
	},
	Gone: []string{"u9 离职老王"},
}
