package exporter

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
	"github.com/orgbatch/orgbatch/tenant"
)

// User groups in an export: the groups sheet (both types, told apart by
// group_type: import never writes a dynamic group; the member count and
// the department members are read-only columns, as the API adds no
// department members) and the membership sheet, one row per group and
// user, in the import's format.

// GroupExtra are the read-only columns after the groups sheet's.
var GroupExtra = []sheet.Column{
	{Header: "成员数 (member_user_count)", Width: 12},
	{Header: "部门成员 (department_members)", Width: 30, Text: true},
}

// GroupTypeName names a group's type in the export.
func GroupTypeName(g *tenant.Group) string {
	if g.Dynamic() {
		return "dynamic 动态"
	}
	return "normal 普通"
}

// sortedGroups are the groups normal first, then by group_id: the same
// for the same groups in any tenant, whatever order they were made in.
func sortedGroups(gs *tenant.GroupSet) []*tenant.Group {
	out := slices.Clone(gs.Order)
	slices.SortStableFunc(out, func(a, b *tenant.Group) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(exportID(a), exportID(b)), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// exportID is the group_id an export writes: the custom one, else the key.
func exportID(g *tenant.Group) string {
	if g.GroupID != "" {
		return g.GroupID
	}
	return g.Key()
}

// GroupRows are the groups, sorted (template columns, then GroupExtra).
// The members column is left empty: the membership sheet lists them.
func GroupRows(gs *tenant.GroupSet) [][]string {
	rows := make([][]string, len(gs.Order))
	for i, g := range sortedGroups(gs) {
		id := exportID(g)
		count := g.MemberUserCount
		if g.MembersRead {
			count = len(g.Users)
		}
		depts := slices.Sorted(slices.Values(g.Departments))
		rows[i] = []string{id, g.Name, g.Description, "", GroupTypeName(g), strconv.Itoa(count), strings.Join(depts, ";")}
		// (template columns: group_id, name, description, members, group_type)
	}
	return rows
}

// MemberRows are the groups' user members, group by group as GroupRows,
// each group's by user_id: group_id, group name, user_id and the user's
// name (the name import checks).
func MemberRows(gs *tenant.GroupSet, users map[string]*feishu.User) [][]string {
	var rows [][]string
	for _, g := range sortedGroups(gs) {
		id := exportID(g)
		for _, uid := range slices.Sorted(slices.Values(g.Users)) {
			name := ""
			if u := users[uid]; u != nil {
				name = u.Name
			}
			row := make([]string, len(org.GroupMemberSchema.Fields))
			set := func(key, v string) { row[fieldIndex(org.GroupMemberSchema, key)] = v }
			set("group_id", id)
			set("group_name", g.Name)
			set("user_id", uid)
			set("name", name)
			rows = append(rows, row)
		}
	}
	return rows
}

func fieldIndex(s *org.Schema, key string) int {
	for i, f := range s.Fields {
		if f.Key == key {
			return i
		}
	}
	return -1
}

// groupSheets are the groups and membership sheets; none when the groups
// were not read.
func groupSheets(s *tenant.Snapshot) []sheet.OutSheet {
	if !s.Groups.Read {
		return nil
	}
	users := map[string]*feishu.User{}
	if s.Tree != nil {
		for _, u := range s.Tree.Users {
			users[u.UserID] = u
		}
	}
	gs := templates.DataSheet(org.GroupSchema, GroupRows(&s.Groups), GroupExtra...)
	gs.Mark = muteFrom(len(org.GroupSchema.Fields))
	ms := templates.DataSheet(org.GroupMemberSchema, MemberRows(&s.Groups, users))
	return []sheet.OutSheet{gs, ms}
}
