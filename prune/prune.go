// Package prune decides and carries out the deletion of what a sheet
// lacks: the users and departments that are in the tenant but not in the
// sheet. It is only used by `orgbatch diff --prune`; import never deletes.
// Whether a prune needs its numbers stated is package guard's to decide.
package prune

import (
	"context"
	"fmt"
	"sort"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/tenant"
)

// Plan is what a prune would delete.
type Plan struct {
	Departments      []*tenant.Department // deepest first: children before parents
	Users            []*feishu.User
	TotalDepartments int
	TotalUsers       int
}

// Extra finds what is in the tenant snapshot but not in the sheet. What
// the sheet holds is read off the import plan, so it is exactly what an
// import would keep: every department row (by the ID it has or its path
// gives it), every department a path names, every department a user is
// placed in, and every user (by user_id, by the Feishu user a row matched,
// or by mobile). Only kinds the sheet describes are compared: departments
// when it has a departments table or department paths, users when it has
// a users table. The root is never a candidate.
func Extra(o *org.Org, ip *plan.Plan, snap *tenant.Tree) *Plan {
	hasDepts, hasUsers := len(o.PathRefs()) > 0, false
	for _, t := range o.Tables {
		hasDepts = hasDepts || t.Kind == org.KindDepartments
		hasUsers = hasUsers || t.Kind == org.KindUsers
	}
	inSheetDept := map[string]bool{}
	inSheetUser, inSheetMobile := map[string]bool{}, map[string]bool{}
	for _, c := range ip.Changes {
		switch c.Kind {
		case plan.KindDepartment:
			inSheetDept[c.Key] = true
			inSheetDept[c.Existing.DepartmentID] = true
		case plan.KindUser:
			inSheetUser[c.Key] = true
			inSheetUser[c.Existing.UserID] = true
			for _, id := range c.Departments {
				inSheetDept[id] = true
			}
		}
	}
	for _, u := range o.Users {
		if m := u.Values.Mobile.E164; m != "" {
			inSheetMobile[m] = true
		}
	}
	p := &Plan{TotalDepartments: len(snap.Departments), TotalUsers: len(snap.Users)}
	for _, d := range snap.Departments {
		if hasDepts && d.DepartmentID != tenant.RootID && !inSheetDept[d.DepartmentID] {
			p.Departments = append(p.Departments, d)
		}
	}
	sort.SliceStable(p.Departments, func(i, j int) bool { return p.Departments[i].Depth > p.Departments[j].Depth })
	for _, u := range snap.Users {
		if hasUsers && !inSheetUser[u.UserID] && !inSheetMobile[tenant.NormMobile(u.Mobile)] {
			p.Users = append(p.Users, u)
		}
	}
	return p
}

// Deleter is what a prune writes with: the paced client's deletes.
type Deleter interface {
	DeleteUser(ctx context.Context, id string, d feishu.UserDelete) error
	DeleteDepartment(ctx context.Context, id string) error
}

// Result is how one deletion ended.
type Result struct {
	Kind, ID, Name string
	Err            error
}

// Run deletes users first (a department must be empty before it can go),
// then departments children first, through the pacer. A department whose
// child failed to go is not attempted.
func (p *Plan) Run(ctx context.Context, api Deleter) []Result {
	var out []Result
	for _, u := range p.Users {
		err := api.DeleteUser(ctx, u.UserID, feishu.UserDelete{}) // Feishu's default handover
		out = append(out, Result{"user", u.UserID, u.Name, err})
	}
	failed := map[string]bool{}
	for _, d := range p.Departments {
		var err error
		for _, c := range d.Children {
			if failed[c.DepartmentID] {
				err = fmt.Errorf("not attempted: sub-department %s was not deleted", c.DepartmentID)
			}
		}
		if err == nil {
			err = api.DeleteDepartment(ctx, d.DepartmentID)
		}
		if err != nil {
			failed[d.DepartmentID] = true
		}
		out = append(out, Result{"department", d.DepartmentID, d.Name, err})
	}
	return out
}
