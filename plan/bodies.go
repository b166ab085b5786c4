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
		if s.Op == OpPatchDepartment && s.DeptPatch.LeaderUserID != nil {
			leaders[s.Target] = *s.DeptPatch.LeaderUserID
		}
	}
	var depts []feishu.Department
	var users []feishu.User
	for _, s := range p.Ordered() {
		switch s.Op {
		case OpCreateDepartment:
			d := *s.Department
			if l := leaders[d.DepartmentID]; l != "" {
				d.LeaderUserID = l
			}
			depts = append(depts, d)
		case OpCreateUser:
			users = append(users, *s.User)
		}
	}
	return depts, users
}

// Ordered returns the steps in an order that respects every dependency,
// hard and soft (Kahn's algorithm; ties keep plan order).
func (p *Plan) Ordered() []*Step {
	index := map[string]int{}
	for i, s := range p.Steps {
		index[s.ID] = i
	}
	waiting := make([]int, len(p.Steps))
	waiters := make([][]int, len(p.Steps))
	for i, s := range p.Steps {
		deps := s.Deps
		if s.LeaderDep != "" {
			deps = append(append([]string(nil), deps...), s.LeaderDep)
		}
		for _, d := range deps {
			if j, ok := index[d]; ok {
				waiting[i]++
				waiters[j] = append(waiters[j], i)
			}
		}
	}
	var queue []int
	for i := range p.Steps {
		if waiting[i] == 0 {
			queue = append(queue, i)
		}
	}
	out := make([]*Step, 0, len(p.Steps))
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		out = append(out, p.Steps[i])
		for _, w := range waiters[i] {
			if waiting[w]--; waiting[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
	return out
}
