package org

import "strings"

// User groups in a sheet: a groups sheet (one row per group, optionally
// with its members in one cell) and a membership sheet (one row per group
// and member). Members are named by user_id, email or mobile.

// Table kinds of the group sheets.
const (
	KindGroups       Kind = "groups"
	KindGroupMembers Kind = "group_members"
)

// GroupSchema is the groups sheet.
var GroupSchema = &Schema{
	Kind:       KindGroups,
	SheetNames: []string{"groups", "group", "user_groups", "用户组", "用户组表"},
	Fields: []Field{
		{Key: "group_id", ZH: "用户组ID", Aliases: []string{"用户组编号", "组ID"}, Text: true, Example: "G001", Single: OneID},
		{Key: "name", ZH: "用户组名称", Aliases: []string{"group_name", "用户组", "组名"}, Required: true, Example: "外包人员"},
		{Key: "description", ZH: "用户组描述", Aliases: []string{"描述", "用户组说明"}, Example: "外包供应商的员工"},
		{Key: "members", ZH: "用户组成员", Aliases: []string{"成员列表", "group_members"}, Text: true, Example: "u0001"},
		{Key: "group_type", ZH: "用户组类型", Aliases: []string{"类型"}, Choices: []string{"普通", "动态"}, Example: "普通", Single: OneValue},
	},
}

// GroupMemberSchema is the membership sheet: which user is in which group.
var GroupMemberSchema = &Schema{
	Kind:       KindGroupMembers,
	SheetNames: []string{"group_members", "group_member", "memberships", "用户组成员", "用户组成员表"},
	Fields: []Field{
		{Key: "group_id", ZH: "用户组ID", Aliases: []string{"用户组编号", "组ID"}, Required: true, Alt: []string{"group_name"}, Text: true, Example: "G001", Single: OneID},
		{Key: "group_name", ZH: "用户组名称", Aliases: []string{"用户组", "组名"}, Example: "外包人员"},
		{Key: "user_id", ZH: "用户ID", Aliases: []string{"员工ID", "成员ID"}, Required: true, Alt: []string{"email", "mobile"}, Text: true, Example: "u0002", Single: OneID},
		{Key: "email", ZH: "邮箱", Aliases: []string{"电子邮箱", "邮箱地址", "e-mail"}, Single: OneValue},
		{Key: "mobile", ZH: "手机号", Aliases: []string{"手机", "手机号码", "phone"}, Text: true, Single: OneValue},
		{Key: "name", ZH: "姓名", Aliases: []string{"user_name", "员工姓名"}, Example: "李四"},
	},
}

// Group is a row of the groups sheet.
type Group struct {
	Record
	// Members are the member cell's references, as written and classified.
	Members []MemberRef
	// Type is group_type: 1 normal, 2 dynamic, 0 not given, -1 not a type.
	Type int
}

// The group's cells.
func (g *Group) ID() string          { return g.Get("group_id") }
func (g *Group) Name() string        { return g.Get("name") }
func (g *Group) Description() string { return g.Get("description") }

// HasMembers reports whether the sheet gives this group's members in a
// members column (an empty cell then means "no members listed here").
func (g *Group) HasMembers() bool { return g.T.Has("members") }

// Membership is a row of the membership sheet: one member of one group.
type Membership struct {
	Record
	Member MemberRef // by user_id, else email, else mobile
}

// The membership's cells.
func (m *Membership) GroupID() string   { return m.Get("group_id") }
func (m *Membership) GroupName() string { return m.Get("group_name") }
func (m *Membership) UserID() string    { return m.Get("user_id") }
func (m *Membership) Email() string     { return m.Get("email") }
func (m *Membership) Mobile() string    { return m.Get("mobile") }
func (m *Membership) Name() string      { return m.Get("name") }

// RefKind is how a member is named.
type RefKind string

// Ways to name a member.
const (
	RefUserID RefKind = "user_id"
	RefEmail  RefKind = "email"
	RefMobile RefKind = "mobile"
)

// MemberRef names one member. Value is the form references compare in:
// the user_id as written, the email lower-cased, the mobile in E.164 (""
// when the text is not a valid one).
type MemberRef struct {
	Kind  RefKind
	Value string
	Raw   string // as written
}

// Key is the reference as one string: "email:a@b.c", "mobile:+86…",
// "user_id:u1".
func (r MemberRef) Key() string { return string(r.Kind) + ":" + r.Value }

// ParseMemberRef classifies a member written in a members cell: an email
// when it holds @, a mobile when it reads as one (a user_id that looks
// like a mobile belongs in a membership sheet's user_id column), else a
// user_id.
func ParseMemberRef(s string) MemberRef {
	r := MemberRef{Raw: s}
	switch {
	case strings.Contains(s, "@"):
		r.Kind = RefEmail
		if ValidEmail(s) {
			r.Value = NormalizeEmail(s)
		}
	case looksLikeMobile(s):
		r.Kind = RefMobile
		if m, _, ok := ParseMobile(s); ok {
			r.Value = m.E164
		}
	default:
		r.Kind, r.Value = RefUserID, s
	}
	return r
}

// looksLikeMobile: a mobile as ParseMobile reads it, or a number Excel
// turned into scientific notation (reported as an invalid mobile).
func looksLikeMobile(s string) bool {
	_, hint, ok := ParseMobile(s)
	return ok || hint == HintScientific
}

// ParseGroupType reads a group type: 普通/normal/1 or 动态/dynamic/2, also
// as the export writes them ("dynamic 动态"). Empty is 0.
func ParseGroupType(s string) (int, bool) {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "":
		return 0, true
	case "1", "普通", "normal", "normal 普通", "普通 normal":
		return 1, true
	case "2", "动态", "dynamic", "dynamic 动态", "动态 dynamic":
		return 2, true
	}
	return -1, false
}

func newGroup(rec Record) *Group {
	g := &Group{Record: rec}
	g.Type, _ = ParseGroupType(g.Get("group_type"))
	for _, s := range SplitList(g.Get("members")) {
		g.Members = append(g.Members, ParseMemberRef(s))
	}
	return g
}

func newMembership(rec Record) *Membership {
	m := &Membership{Record: rec}
	switch {
	case m.UserID() != "":
		m.Member = MemberRef{Kind: RefUserID, Value: m.UserID(), Raw: m.UserID()}
	case m.Email() != "":
		m.Member = MemberRef{Kind: RefEmail, Raw: m.Email()}
		if ValidEmail(m.Email()) {
			m.Member.Value = NormalizeEmail(m.Email())
		}
	case m.Mobile() != "":
		m.Member = MemberRef{Kind: RefMobile, Raw: m.Mobile()}
		if mob, _, ok := ParseMobile(m.Mobile()); ok {
			m.Member.Value = mob.E164
		}
	}
	return m
}

// Field returns the column key of a reference's kind in a membership row.
func (r MemberRef) Field() string { return string(r.Kind) }
