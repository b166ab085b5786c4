package validate

import (
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// Validate checks every department and user row and the relations between
// them. Work is linear in the number of rows: each check is a pass with
// hash maps, never a pairwise comparison.
func Validate(o *org.Org) []problem.Problem {
	v := &validator{org: o}
	v.indexUsers()
	v.departments()
	v.users()
	problem.Sort(v.probs)
	return v.probs
}

type validator struct {
	org     *org.Org
	probs   []problem.Problem
	deptIDs map[string]*org.Department // first row of each department_id
	userIDs map[string]*org.User       // first row of each user_id
}

func (v *validator) add(code string, loc problem.Loc, args ...any) {
	v.probs = append(v.probs, problem.New(code, loc, args...))
}

func (v *validator) indexUsers() {
	v.userIDs = make(map[string]*org.User, len(v.org.Users))
	for _, u := range v.org.Users {
		if u.UserID() == "" {
			continue
		}
		if first, dup := v.userIDs[u.UserID()]; dup {
			v.add("USER_ID_DUPLICATE", u.Loc("user_id"), u.UserID(), first.Num)
			continue
		}
		v.userIDs[u.UserID()] = u
	}
}
