package org

import (
	"slices"
	"strconv"
)

// UserValues are a user row's typed values, parsed once when the row is
// read: validate, plan, prune and the tenant reads use them instead of
// parsing the cells again. A value that is empty or does not parse has its
// zero (or -1) here; the cell itself says which (validation reports it).
type UserValues struct {
	Mobile       Mobile // E.164; E164 "" when empty or not a mobile
	MobileSci    bool   // the cell is a number Excel turned into 1.38E+10
	Email        string // lower-cased when a valid address, else ""
	EmployeeType int    // 1–5; 0 when empty or not a type
	Gender       int    // 0–3; -1 when empty or not a gender
	JoinTime     int64  // unix seconds of the join day's midnight in China; 0 when empty or not a date
	// DottedLeaders are the dotted-line leaders' user_ids, each once;
	// DottedRepeats those the cell names again (dropped).
	DottedLeaders, DottedRepeats []string
}

func parseUser(u *User) UserValues {
	v := UserValues{Gender: -1}
	m, hint, ok := ParseMobile(u.Mobile())
	if ok {
		v.Mobile = m
	}
	v.MobileSci = hint == HintScientific
	if e := u.Email(); e != "" && ValidEmail(e) {
		v.Email = NormalizeEmail(e)
	}
	if n, ok := ParseEmployeeType(u.EmployeeType()); ok {
		v.EmployeeType = n
	}
	if g, ok := ParseGender(u.Gender()); ok && u.Gender() != "" {
		v.Gender = g
	}
	if t, ok := ParseDate(u.JoinTime()); ok && u.JoinTime() != "" {
		v.JoinTime = t.Unix()
	}
	v.DottedLeaders, v.DottedRepeats = People(SplitList(u.DottedLeaders()))
	return v
}

// DepartmentValues are a department row's typed values, parsed once.
type DepartmentValues struct {
	Order     string // the order as a canonical integer; "" when empty or not one
	OrderN    int64
	GroupChat bool // create_group_chat, when it parses
	// GroupChatOK is false when create_group_chat is empty or not 是/否.
	GroupChatOK bool
	// MainLeader is the first of leader_user_id; Deputies the rest of that
	// cell and the deputy column, each person once and never the main
	// leader; LeaderRepeats the people named again (dropped). Deputies
	// without a main leader leave MainLeader empty (validation reports it).
	MainLeader              string
	Deputies, LeaderRepeats []string
	// HRBPs are department_hrbps, each once; HRBPRepeats those named again.
	HRBPs, HRBPRepeats []string
}

func parseDepartment(d *Department) DepartmentValues {
	var v DepartmentValues
	if n, ok := ParseOrder(d.Order()); ok {
		v.Order, v.OrderN = strconv.FormatInt(n, 10), n
	}
	v.GroupChat, v.GroupChatOK = ParseBool(d.CreateGroupChat())
	leaders := SplitList(d.LeaderUserID())
	if len(leaders) > 0 {
		v.MainLeader = leaders[0]
	}
	all, repeats := People(append(leaders, SplitList(d.Deputies())...))
	if v.MainLeader != "" {
		all = slices.Clip(all[1:])
		if len(all) == 0 {
			all = nil
		}
	}
	v.Deputies, v.LeaderRepeats = all, repeats
	v.HRBPs, v.HRBPRepeats = People(SplitList(d.HRBPs()))
	return v
}

// People keeps each ID of a list once, in order, and returns the IDs named
// again (once each) beside it.
func People(ids []string) (once, repeats []string) {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			if !slices.Contains(repeats, id) {
				repeats = append(repeats, id)
			}
			continue
		}
		seen[id] = true
		once = append(once, id)
	}
	return once, repeats
}
