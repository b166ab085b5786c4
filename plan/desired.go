package plan

import (
	"sort"

	"github.com/orgbatch/orgbatch/org"
)

// dept is the desired state of a department row, normalised. Empty strings
// mean "the sheet says nothing": orgbatch never clears a value in Feishu
// because a cell was left empty.
type dept struct {
	row             *org.Department
	id, name        string
	nameEN, nameJA  string
	parent, leader  string // leader: the main leader
	deputies, hrbps []string
	unit            string // the unit cell: a unit_id or a unit's name
	order           string // canonical integer text, "" = not given
	createGroupChat bool
}

func desiredDept(d *org.Department) dept {
	v := d.Values
	return dept{row: d, id: d.ID(), name: d.Name(), nameEN: d.NameEN(), nameJA: d.NameJA(), parent: d.ParentID(),
		leader: v.MainLeader, deputies: v.Deputies, hrbps: v.HRBPs, unit: d.Unit(),
		order: v.Order, createGroupChat: v.GroupChat}
}

// user is the desired state of a user row, normalised.
type user struct {
	row          *org.User
	userID       string
	name, enName string
	mobile       string // E.164
	email        string // as written; compared case-insensitively
	departments  []string
	employeeType int
	gender       int // -1 = not given
	employeeNo   string
	jobTitle     string
	leader       string
	dotted       []string // dotted-line leaders
	joinTime     int64    // unix seconds, 0 = not given
	city         string
	workStation  string
	schema       schema // resolved against the tenant's lists (directory.go)
}

func desiredUser(u *org.User) user {
	v := u.Values
	return user{row: u, userID: u.UserID(), name: u.Name(), enName: u.EnName(), email: u.Email(),
		employeeNo: u.EmployeeNo(), jobTitle: u.JobTitle(), leader: u.LeaderUserID(), city: u.City(), workStation: u.WorkStation(),
		mobile: v.Mobile.E164, departments: dedupe(u.DepartmentIDs), employeeType: v.EmployeeType, gender: v.Gender, joinTime: v.JoinTime,
		dotted: v.DottedLeaders}
}

// key identifies a user row: its user_id, or its mobile when the sheet
// lets Feishu generate the user_id.
func (u user) key() string {
	if u.userID != "" {
		return u.userID
	}
	return "mobile:" + u.mobile
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// sameSet compares two ID lists as sets.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}
