package validate

import (
	"slices"
	"strings"
	"unicode"

	"github.com/orgbatch/orgbatch/org"
)

// MaxHRBPs is the documented maximum of department_hrbps (43028).
const MaxHRBPs = 500

// Lists of people: a department's main leader and deputies (the leader
// cell, then the deputy column) and HRBPs, a user's dotted-line leaders.
// Each person must be a user_id of the users sheet or exist in Feishu
// (a warning here, checked online), is named once, and an ID holds no
// space (spaces do not separate IDs in a list: that would be a guess).

// idList reports the IDs of a list cell that hold a space, and returns
// whether the cell is clean.
func (v *validator) idList(r org.Record, key string) bool {
	ok := true
	for _, id := range org.SplitList(r.Get(key)) {
		if strings.IndexFunc(id, unicode.IsSpace) >= 0 {
			v.add("ID_LIST_FORMAT", r.Loc(key), r.T.Column(key), id)
			ok = false
		}
	}
	return ok
}

// repeated reports the people a list names twice.
func (v *validator) repeated(r org.Record, key, columns string, ids []string) {
	for _, id := range ids {
		v.add("PEOPLE_REPEATED", r.Loc(key), columns, id)
	}
}

func (v *validator) departmentPeople(d *org.Department) {
	clean := v.idList(d.Record, "leader_user_id")
	clean = v.idList(d.Record, "deputy_leader_user_ids") && clean
	hrbpsClean := v.idList(d.Record, "department_hrbps")
	val := d.Values
	if val.MainLeader == "" && len(val.Deputies) > 0 {
		v.add("DEPT_LEADER_MAIN_MISSING", d.Loc("deputy_leader_user_ids"), strings.Join(val.Deputies, ";"))
	}
	leaderCols := d.T.Column("leader_user_id")
	if d.T.Has("deputy_leader_user_ids") {
		leaderCols += " / " + d.T.Column("deputy_leader_user_ids")
	}
	v.repeated(d.Record, "leader_user_id", leaderCols, val.LeaderRepeats)
	v.repeated(d.Record, "department_hrbps", d.T.Column("department_hrbps"), val.HRBPRepeats)
	if n := len(val.HRBPs); n > MaxHRBPs {
		v.add("DEPT_HRBPS_TOO_MANY", d.Loc("department_hrbps"), n)
	}
	if clean {
		inLeaderCell := org.SplitList(d.LeaderUserID())
		for _, id := range append([]string{val.MainLeader}, val.Deputies...) {
			col := "leader_user_id"
			if !slices.Contains(inLeaderCell, id) {
				col = "deputy_leader_user_ids"
			}
			v.unknownPerson("DEPT_LEADER_UNKNOWN", d.Record, col, id)
		}
	}
	if hrbpsClean {
		for _, id := range val.HRBPs {
			v.unknownPerson("DEPT_HRBP_UNKNOWN", d.Record, "department_hrbps", id)
		}
	}
}

func (v *validator) userPeople(u *org.User) {
	if !v.idList(u.Record, "dotted_line_leader_user_ids") {
		return
	}
	v.repeated(u.Record, "dotted_line_leader_user_ids", u.T.Column("dotted_line_leader_user_ids"), u.Values.DottedRepeats)
	for _, id := range u.Values.DottedLeaders {
		if id == u.UserID() {
			v.add("USER_DOTTED_LEADER_SELF", u.Loc("dotted_line_leader_user_ids"), id)
			continue
		}
		v.unknownPerson("USER_DOTTED_LEADER_UNKNOWN", u.Record, "dotted_line_leader_user_ids", id)
	}
}

// unknownPerson warns about a person who is not a row of the users sheet.
func (v *validator) unknownPerson(code string, r org.Record, key, id string) {
	if id != "" && v.userIDs[id] == nil {
		v.add(code, r.Loc(key), id)
	}
}
