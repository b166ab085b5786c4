package samplegen

import (
	"fmt"
	"strings"

	"github.com/orgbatch/orgbatch/org"
)

// CompanyUsers is the head count of the sample company.
const CompanyUsers = 300

// Company is the sample company 星辰科技: 46 departments up to 6 levels
// deep, 300 people with Chinese names, department leaders, direct managers
// (each person reports to their department's leader, a leader to the
// parent department's leader), some people in two departments, and a few
// with overseas mobiles (who therefore have an email); and a matrix:
// units, deputy leaders, HRBPs and dotted-line leaders (matrix.go).
func Company() Org {
	g := newGen(20261123)
	parent := map[string]string{}
	for _, d := range companyTree {
		parent[d[0]] = d[1]
	}
	// Spread people over departments: leaves get more than branches.
	weights := make([]int, len(companyTree))
	total := 0
	for i, d := range companyTree {
		w := 2 + g.rnd.IntN(4)
		if isLeaf(d[0]) {
			w += 4 + g.rnd.IntN(6)
		}
		weights[i], total = w, total+w
	}
	var people []person
	leaderOf := map[string]string{}
	for i, d := range companyTree {
		n := weights[i] * CompanyUsers / total
		if i == len(companyTree)-1 {
			n = CompanyUsers - len(people) // the remainder, so the total is exact
		}
		for k := 0; k < n; k++ {
			id := fmt.Sprintf("u%04d", len(people)+1)
			if k == 0 {
				leaderOf[d[0]] = id
			}
			people = append(people, person{id: id, depts: []string{d[0]}})
		}
	}
	// Managers: the department leader, or for a leader the parent's leader.
	for i := range people {
		p := &people[i]
		dept := p.depts[0]
		l := leaderOf[dept]
		for l == p.id {
			dept = parent[dept]
			l = leaderOf[dept] // "" above the top level: the CEO has no manager
		}
		p.leader = l
	}
	// Some people also belong to a second department (matrix teams).
	for k := 0; k < 18; k++ {
		p := &people[g.rnd.IntN(len(people))]
		other := companyTree[g.rnd.IntN(len(companyTree))][0]
		if other != p.depts[0] && len(p.depts) == 1 {
			p.depts = append(p.depts, other)
		}
	}
	var o Org
	for i, d := range companyTree {
		o.Departments = append(o.Departments, row(org.DepartmentSchema, map[string]string{
			"department_id": d[0], "name": d[2], "parent_department_id": d[1], "name_en": d[3],
			"leader_user_id": leaderOf[d[0]], "order": fmt.Sprint((i + 1) * 10),
			"create_group_chat": "否",
		}))
	}
	// International sales use overseas mobiles, which need an email.
	overseas := []string{"+8529%07d", "+6581%06d", "+1415555%04d"}
	// The tenant's schema comes from a source of its own, so the fields
	// above stay what they were before the company had one.
	s := newGen(20261124)
	o.UserColumns = SchemaColumns()
	for i, p := range people {
		top := strings.SplitN(p.depts[0], "-", 2)[0]
		v := g.userValues(i, p, g.pick(jobTitles[top]))
		leader := leaderOf[p.depts[0]] == p.id
		if leader {
			v["job_title"] = "负责人"
		}
		if p.depts[0] == "SALES-INTL" {
			v["mobile"] = fmt.Sprintf(overseas[i%len(overseas)], i)
			v["email"] = fmt.Sprintf("intl%04d@xingchen.example.com", i)
		}
		attrs := s.schemaValues(v, p, leader, parent[p.depts[0]] == "0")
		o.Users = append(o.Users, append(row(org.UserSchema, v), attrs...))
	}
	addMatrix(&o, people, leaderOf)
	return o
}

func isLeaf(id string) bool {
	for _, d := range companyTree {
		if d[1] == id {
			return false
		}
	}
	return true
}
