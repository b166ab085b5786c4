package samplegen

import (
	"github.com/orgbatch/orgbatch/org"
)

// The sample company's matrix: units (subsidiaries and a division), deputy
// leaders, HRBPs and dotted-line leaders. Added after the people are laid
// out, so the rest of the company stays as it was.

// companyUnits are the sample's units: unit_id ("" = derived from name
// and type), name, type, and the departments bound to each.
var companyUnits = []struct {
	id, name, typ string
	depts         []string
}{
	{"BJ01", "华北子公司", "子公司", []string{"SALES-NORTH", "SALES-NORTH-BJ"}},
	{"SH01", "华东子公司", "子公司", []string{"SALES-EAST", "SALES-EAST-SH", "SALES-EAST-HZ"}},
	{"SZ01", "华南子公司", "子公司", []string{"SALES-SOUTH", "SALES-SOUTH-SZ"}},
	{"INTL01", "海外事业部", "事业部", []string{"SALES-INTL"}},
	// Without a unit_id, named by its name: orgbatch derives one.
	{"", "研发事业部", "事业部", []string{"TECH", "TECH-RD1", "TECH-RD2"}},
}

// addMatrix fills in the matrix: every third department with three or more
// people gets its second person as deputy leader; each top-level
// department gets an HRBP from 人力资源部 (round robin over its people);
// people in a second department get that department's leader as their
// dotted-line leader (unless they lead it or report to that leader
// anyway); and the units sheet, with each department's unit.
func addMatrix(o *Org, people []person, leaderOf map[string]string) {
	members := map[string][]string{}
	for _, p := range people {
		members[p.depts[0]] = append(members[p.depts[0]], p.id)
	}
	deputy := fieldIndex(org.DepartmentSchema, "deputy_leader_user_ids")
	hrbps := fieldIndex(org.DepartmentSchema, "department_hrbps")
	unitCol := fieldIndex(org.DepartmentSchema, "unit")
	unitOf := map[string]string{}
	for _, u := range companyUnits {
		ref := u.id
		if ref == "" {
			ref = u.name
		}
		for _, d := range u.depts {
			unitOf[d] = ref
		}
		o.Units = append(o.Units, row(org.UnitSchema, map[string]string{"unit_id": u.id, "name": u.name, "unit_type": u.typ}))
	}
	hr := members["HR"]
	top := 0
	for i, d := range companyTree {
		if m := members[d[0]]; i%3 == 0 && len(m) >= 3 {
			o.Departments[i][deputy] = m[1]
		}
		if d[1] == "0" {
			o.Departments[i][hrbps] = hr[top%len(hr)]
			top++
		}
		o.Departments[i][unitCol] = unitOf[d[0]]
	}
	dotted := fieldIndex(org.UserSchema, "dotted_line_leader_user_ids")
	for i, p := range people {
		if len(p.depts) < 2 {
			continue
		}
		if l := leaderOf[p.depts[1]]; l != "" && l != p.id && l != p.leader {
			o.Users[i][dotted] = l
		}
	}
}
