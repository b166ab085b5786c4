package plan

import (
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// Seed is a sheet as create bodies (see Bodies).
type Seed struct {
	Units       []feishu.Unit
	Departments []feishu.Department
	Users       []feishu.User
}

// Bodies returns the create bodies of every unit, department and user of
// a (valid) sheet, planned against an empty tenant with the schema dir —
// so department paths, the company root and departments created from
// paths work as in an import, and names resolve against dir's lists — in
// an order that can be created one by one: units, parents before
// children, managers before their reports. What an import sets by a later
// step is folded into the bodies: each department with its leaders, HRBPs
// and unit, each user with their dotted-line leaders and all their custom
// attributes. The sandbox uses it to seed a tenant from a sheet (linking
// people after everyone exists); the problems of the rows the plan blocks
// are returned.
func Bodies(o *org.Org, dir feishu.Directory, opts Options) (Seed, []problem.Problem) {
	p := BuildWith(o, nil, tenant.WithDirectory(dir), opts)
	var blocked []problem.Problem
	for _, c := range p.Changes {
		if c.Action == ActionBlocked {
			blocked = append(blocked, c.Problems...)
		}
	}
	later := map[string]PatchDepartment{}
	units := map[string]string{}
	dotted := map[string][]string{}
	attrs := map[string][]feishu.UserCustomAttr{}
	for _, s := range p.Steps {
		switch r := s.Request.(type) {
		case PatchDepartment:
			later[r.ID] = r
		case BindUnit:
			units[r.DepartmentID] = r.UnitID
		case PatchUser:
			if s.ID.Kind == StepUserAttrs {
				attrs[s.ID.Key] = *r.Patch.CustomAttrs
			} else if r.Patch.DottedLineLeaderUserIDs != nil {
				dotted[r.ID] = derefs(r.Patch.DottedLineLeaderUserIDs)
			}
		}
	}
	var seed Seed
	for _, s := range p.Ordered() {
		switch r := s.Request.(type) {
		case CreateUnit:
			seed.Units = append(seed.Units, r.Body)
		case CreateDepartment:
			d := r.Body
			if l, ok := later[d.DepartmentID]; ok {
				if l.Patch.LeaderUserID != nil {
					d.LeaderUserID, d.Leaders = *l.Patch.LeaderUserID, derefs(l.Patch.Leaders)
				}
				if l.Patch.DepartmentHrbps != nil {
					d.DepartmentHrbps = *l.Patch.DepartmentHrbps
				}
			}
			if u := units[d.DepartmentID]; u != "" {
				d.UnitIDs = []string{u}
			}
			seed.Departments = append(seed.Departments, d)
		case CreateUser:
			u := r.Body
			if ds := dotted[u.UserID]; len(ds) > 0 {
				u.DottedLineLeaderUserIDs = ds
			}
			if a, ok := attrs[s.ID.Key]; ok {
				u.CustomAttrs = a
			}
			seed.Users = append(seed.Users, u)
		}
	}
	return seed, blocked
}
