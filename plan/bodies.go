package plan

import (
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/tenant"
)

// Bodies returns the create bodies of every department and user of a
// (valid) sheet, planned against an empty tenant — so department paths,
// the company root and departments created from paths work as in an
// import — in an order that can be created one by one: parents before
// children, managers before their reports, and each department with its
// leader. The sandbox uses it to seed a tenant from a sheet.
func Bodies(o *org.Org, opts Options) ([]feishu.Department, []feishu.User) {
	p := BuildWith(o, nil, tenant.New(), opts)
	leaders := map[string]string{}
	for _, s := range p.Steps {
		if r, ok := s.Request.(PatchDepartment); ok && r.Patch.LeaderUserID != nil {
			leaders[r.ID] = *r.Patch.LeaderUserID
		}
	}
	var depts []feishu.Department
	var users []feishu.User
	for _, s := range p.Ordered() {
		switch r := s.Request.(type) {
		case CreateDepartment:
			d := r.Body
			if l := leaders[d.DepartmentID]; l != "" {
				d.LeaderUserID = l
			}
			depts = append(depts, d)
		case CreateUser:
			users = append(users, r.Body)
		}
	}
	return depts, users
}
