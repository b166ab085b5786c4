package validate

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/orgbatch/orgbatch/org"
)

// Field limits of user/create.
const (
	MaxUserIDLen      = 64
	MaxNameLen        = 255
	MaxJobTitleLen    = 100
	MaxCityLen        = 100
	MaxFieldLen       = 255 // work_station, employee_no
	MaxUserDepartment = 50
	MaxTypeName       = 100 // an employee type's content
	MaxJobLevelLen    = 255 // job_levels: name
	MaxJobFamilyLen   = 100 // job_families: name
)

func (v *validator) users() {
	mobiles := map[string]*org.User{}
	emails := map[string]*org.User{}
	employeeNos := map[string]*org.User{}
	for _, u := range v.org.Users {
		m := u.Values.Mobile
		if !v.exampleRow(u.Record) {
			v.exampleContact(u, m)
		}
		v.oneValues(u.Record)
		v.userRow(u)
		if m.E164 != "" {
			if first, dup := mobiles[m.E164]; dup {
				v.add("USER_MOBILE_DUPLICATE", u.Loc("mobile"), u.Mobile(), first.Num)
			} else {
				mobiles[m.E164] = u
			}
			if !m.Mainland && u.Email() == "" {
				v.add("USER_EMAIL_REQUIRED_INTL", u.Loc("email"), u.Mobile())
			}
		}
		if k := u.Values.Email; k != "" {
			if first, dup := emails[k]; dup {
				v.add("USER_EMAIL_DUPLICATE", u.Loc("email"), u.Email(), first.Num)
			} else {
				emails[k] = u
			}
		}
		if u.EmployeeNo() != "" {
			if first, dup := employeeNos[u.EmployeeNo()]; dup {
				v.add("USER_EMPLOYEE_NO_DUPLICATE", u.Loc("employee_no"), u.EmployeeNo(), first.Num)
			} else {
				employeeNos[u.EmployeeNo()] = u
			}
		}
		v.userDepartments(u)
		v.userLeader(u)
		v.userPeople(u)
	}
	v.leaderCycles()
}

// userRow checks what one row can tell on its own.
func (v *validator) userRow(u *org.User) {
	if u.Name() == "" {
		v.add("USER_NAME_REQUIRED", u.Loc("name"))
	}
	for _, f := range []struct{ key, val string }{{"name", u.Name()}, {"en_name", u.EnName()}} {
		if n := org.CharCount(f.val); n > MaxNameLen {
			v.add("USER_NAME_LENGTH", u.Loc(f.key), u.T.Column(f.key), n)
		}
	}
	if u.UserID() != "" && !several(u.Record, "user_id") && (org.CharCount(u.UserID()) > MaxUserIDLen || strings.IndexFunc(u.UserID(), unicode.IsSpace) >= 0) {
		v.add("USER_ID_FORMAT", u.Loc("user_id"), u.UserID())
	}
	switch val := u.Values; {
	case u.Mobile() == "":
		v.add("USER_MOBILE_REQUIRED", u.Loc("mobile"))
	case several(u.Record, "mobile"):
	case val.MobileSci:
		v.add("USER_MOBILE_SCIENTIFIC", u.Loc("mobile"), u.Mobile())
	case val.Mobile.E164 == "":
		v.add("USER_MOBILE_FORMAT", u.Loc("mobile"), u.Mobile())
	}
	if u.Email() != "" && !several(u.Record, "email") && u.Values.Email == "" {
		v.add("USER_EMAIL_FORMAT", u.Loc("email"), u.Email())
	}
	switch {
	case u.EmployeeType() == "":
		v.add("USER_EMPLOYEE_TYPE_REQUIRED", u.Loc("employee_type"))
	case several(u.Record, "employee_type"):
	case u.Values.EmployeeType == 0 && !maybeTenantType(u.EmployeeType()):
		v.add("USER_EMPLOYEE_TYPE_INVALID", u.Loc("employee_type"), u.EmployeeType())
	case u.Values.EmployeeType == 0:
		v.add("USER_EMPLOYEE_TYPE_CUSTOM", u.Loc("employee_type"), u.EmployeeType())
	}
	v.userSchema(u)
	if u.Gender() != "" && !several(u.Record, "gender") && u.Values.Gender < 0 {
		v.add("USER_GENDER_INVALID", u.Loc("gender"), u.Gender())
	}
	if n := org.CharCount(u.JobTitle()); n > MaxJobTitleLen {
		v.add("USER_JOB_TITLE_LENGTH", u.Loc("job_title"), n)
	}
	if n := org.CharCount(u.City()); n > MaxCityLen {
		v.add("USER_CITY_LENGTH", u.Loc("city"), n)
	}
	for _, f := range []struct{ key, val string }{{"work_station", u.WorkStation()}, {"employee_no", u.EmployeeNo()}} {
		if n := org.CharCount(f.val); n > MaxFieldLen {
			v.add("USER_FIELD_LENGTH", u.Loc(f.key), u.T.Column(f.key), n)
		}
	}
	if u.JoinTime() != "" && u.Values.JoinTime == 0 {
		v.add("USER_JOIN_TIME_FORMAT", u.Loc("join_time"), u.JoinTime())
	}
}

// maybeTenantType reports a value that may be one of a tenant's own
// employee types: a name of at most 100 characters, or a number above the
// built-in ones.
func maybeTenantType(s string) bool {
	if n, err := strconv.Atoi(s); err == nil {
		return n > 0
	}
	return org.CharCount(s) <= MaxTypeName
}

// userSchema checks the names of the tenant's lists as far as a cell
// tells: a job level's length, a job family path's levels.
func (v *validator) userSchema(u *org.User) {
	if n := org.CharCount(u.JobLevel()); n > MaxJobLevelLen {
		v.add("USER_JOB_LEVEL_LENGTH", u.Loc("job_level"), n)
	}
	if f := u.JobFamily(); f != "" && !several(u.Record, "job_family") {
		p := org.ParsePath(f)
		if p.EmptySegment || len(p.Segments) == 0 || slices.ContainsFunc(p.Segments, func(s string) bool { return org.CharCount(s) > MaxJobFamilyLen }) {
			v.add("USER_JOB_FAMILY_INVALID", u.Loc("job_family"), f)
		}
	}
}

func (v *validator) userDepartments(u *org.User) {
	switch n := len(u.DepartmentIDs); {
	case n == 0 && len(u.DepartmentPaths()) == 0:
		col := "department_ids"
		if !u.T.Has(col) {
			col = "department_path"
		}
		v.add("USER_DEPTS_REQUIRED", u.Loc(col))
		return
	case n == 0:
		return // placed by department paths
	case n > MaxUserDepartment:
		v.add("USER_DEPTS_TOO_MANY", u.Loc("department_ids"), n)
	}
	seen := map[string]bool{}
	var unknown []string
	for _, id := range u.DepartmentIDs {
		if seen[id] {
			v.add("USER_DEPT_REPEATED", u.Loc("department_ids"), id)
			continue
		}
		seen[id] = true
		if id != RootID && v.deptIDs[id] == nil {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		v.add("USER_DEPT_UNKNOWN", u.Loc("department_ids"), strings.Join(unknown, ", "))
	}
}

func (v *validator) userLeader(u *org.User) {
	switch l := u.LeaderUserID(); {
	case l == "", several(u.Record, "leader_user_id"):
	case l == u.UserID():
		v.add("USER_LEADER_SELF", u.Loc("leader_user_id"), l)
	case v.userIDs[l] == nil:
		v.add("USER_LEADER_UNKNOWN", u.Loc("leader_user_id"), l)
	}
}

// leaderCycles reports users whose chain of leaders comes back to them.
func (v *validator) leaderCycles() {
	var keys []string
	for _, u := range v.org.Users {
		if u.UserID() != "" && v.userIDs[u.UserID()] == u {
			keys = append(keys, u.UserID())
		}
	}
	cycles := findCycles(keys, func(id string) (string, bool) {
		l := v.userIDs[id].LeaderUserID()
		return l, l != id && v.userIDs[l] != nil
	})
	for _, c := range cycles {
		chain := strings.Join(append(c, c[0]), " → ")
		for _, id := range c {
			v.add("USER_LEADER_CYCLE", v.userIDs[id].Loc("leader_user_id"), chain)
		}
	}
}
