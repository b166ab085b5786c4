package validate

import (
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// Options adjust validation.
type Options struct {
	// PathRoot is the company name that starts every department path
	// (--path-root); empty means "decide from the paths".
	PathRoot string
}

// Validate checks every department and user row and the relations between
// them. Work is linear in the number of rows: each check is a pass with
// hash maps, never a pairwise comparison.
func Validate(o *org.Org) []problem.Problem { return ValidateWith(o, Options{}) }

// ValidateWith is Validate with options.
func ValidateWith(o *org.Org, opts Options) []problem.Problem {
	v := &validator{org: o, opts: opts}
	v.cells()
	v.indexUsers()
	v.units()
	v.departments()
	v.departmentUnits()
	v.users()
	v.paths()
	v.leavers()
	problem.Sort(v.probs)
	return v.probs
}

type validator struct {
	org     *org.Org
	opts    Options
	probs   []problem.Problem
	deptIDs map[string]*org.Department // first row of each department_id
	userIDs map[string]*org.User       // first row of each user_id
	// unitIndex resolves the departments' unit cells (units.go)
	unitIndex org.Units
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
