package plan

import (
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// Bodies returns the create bodies of every department and user of a
// (valid) sheet, planned against an empty tenant with the schema dir — so
// department paths, the company root and departments created from paths
// work as in an import, and names resolve against dir's lists — in an
// order that can be created one by one: parents before children, managers
// before their reports, and each department with its leader. Users carry
// all their custom attributes (those naming other users of the sheet too:
// the sandbox sets them once everyone exists). The sandbox uses it to seed
// a tenant from a sheet; the rows the plan blocks are the problems.
func Bodies(o *org.Org, dir feishu.Directory, opts Options) ([]feishu.Department, []feishu.User, []problem.Problem) {
	p := BuildWith(o, nil, tenant.WithDirectory(dir), opts)
	var blocked []problem.Problem
	for _, c := range p.Changes {
		if c.Action == ActionBlocked {
			blocked = append(blocked, c.Problems...)
		}
	}
	leaders := map[string]string{}
	attrs := map[string][]feishu.UserCustomAttr{}
	for _, s := range p.Steps {
		if r, ok := s.Request.(PatchDepartment); ok && r.Patch.LeaderUserID != nil {
			leaders[r.ID] = *r.Patch.LeaderUserID
		}
		if r, ok := s.Request.(PatchUser); ok && s.ID.Kind == StepUserAttrs {
			attrs[s.ID.Key] = *r.Patch.CustomAttrs
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
			if a, ok := attrs[s.ID.Key]; ok {
				r.Body.CustomAttrs = a
			}
			users = append(users, r.Body)
		}
	}
	return depts, users, blocked
}
