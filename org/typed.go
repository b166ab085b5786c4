package org

import "strconv"

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
	return v
}

// DepartmentValues are a department row's typed values, parsed once.
type DepartmentValues struct {
	Order     string // the order as a canonical integer; "" when empty or not one
	OrderN    int64
	GroupChat bool // create_group_chat, when it parses
	// GroupChatOK is false when create_group_chat is empty or not 是/否.
	GroupChatOK bool
}

func parseDepartment(d *Department) DepartmentValues {
	var v DepartmentValues
	if n, ok := ParseOrder(d.Order()); ok {
		v.Order, v.OrderN = strconv.FormatInt(n, 10), n
	}
	v.GroupChat, v.GroupChatOK = ParseBool(d.CreateGroupChat())
	return v
}
