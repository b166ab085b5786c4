package samplegen

import (
	"fmt"

	"github.com/orgbatch/orgbatch/org"
)

// Spec describes a synthetic org for benchmarks.
type Spec struct {
	Departments int     // number of departments
	Depth       int     // maximum depth (root's children are depth 1); reached by at least one branch
	Users       int     // number of users
	WithLeader  float64 // fraction of users that have a direct manager
	DeptLeaders bool    // give every department a leader
	Seed        uint64
}

// Synthetic generates a skewed tree: a spine reaches Depth, then each new
// department attaches to an earlier one chosen with a bias towards the
// first (big departments get many children, like real orgs). Users are
// spread with the same bias; a manager is always an earlier user, so
// manager chains never form a cycle.
func Synthetic(s Spec) Org {
	g := newGen(s.Seed)
	ids := make([]string, 0, s.Departments)
	depth := map[string]int{"0": 0}
	var o Org
	add := func(parent string) {
		id := fmt.Sprintf("B%05d", len(ids)+1)
		ids = append(ids, id)
		depth[id] = depth[parent] + 1
		o.Departments = append(o.Departments, row(org.DepartmentSchema, map[string]string{
			"department_id": id, "name": "部门" + id[1:], "parent_department_id": parent,
		}))
	}
	parent := "0"
	for len(ids) < s.Departments && len(ids) < s.Depth {
		add(parent)
		parent = ids[len(ids)-1]
	}
	for len(ids) < s.Departments {
		p := "0"
		if k := g.skewed(len(ids) + 1); k > 0 {
			p = ids[k-1]
		}
		if depth[p] >= s.Depth {
			continue
		}
		add(p)
	}
	people := make([]person, s.Users)
	firstIn := map[string]string{}
	for i := range people {
		d := ids[g.skewed(len(ids))]
		people[i] = person{id: fmt.Sprintf("bu%06d", i+1), depts: []string{d}}
		if _, ok := firstIn[d]; !ok {
			firstIn[d] = people[i].id
		}
		if i > 0 && g.rnd.Float64() < s.WithLeader {
			people[i].leader = people[g.rnd.IntN(i)].id
		}
	}
	if s.DeptLeaders {
		col := fieldIndex(org.DepartmentSchema, "leader_user_id")
		for i, d := range o.Departments {
			d[col] = firstIn[ids[i]]
		}
	}
	for i, p := range people {
		o.Users = append(o.Users, row(org.UserSchema, g.userValues(i, p, "工程师")))
	}
	return o
}

// skewed returns an index in [0, n) biased towards 0 (quadratically).
func (g *gen) skewed(n int) int {
	u := g.rnd.Float64()
	return int(u * u * float64(n))
}
