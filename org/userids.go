package org

import (
	"strings"

	"github.com/orgbatch/orgbatch/sheet"
)

// A sheet may name users by open_id or union_id instead of user_id
// (import --user-id-type): the run reads those users and maps each ID to
// the user_id, and the rest of orgbatch works on user_ids.

// The columns that name people, by table kind: one person, or a list.
var (
	personColumns = map[Kind][]string{KindUsers: {"user_id", "leader_user_id"}, KindGroupMembers: {"user_id"}}
	peopleColumns = map[Kind][]string{
		KindUsers:       {"dotted_line_leader_user_ids"},
		KindDepartments: {"leader_user_id", "deputy_leader_user_ids", "department_hrbps"},
	}
)

// UserIDRefs are the user IDs a sheet's cells name: users' user_id,
// leader_user_id and dotted-line leaders, departments' leaders, deputies
// and HRBPs, and group members named by ID, each once, in order.
func (o *Org) UserIDRefs() []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	addRow := func(r Record) {
		for _, k := range personColumns[r.T.Kind] {
			add(r.Get(k))
		}
		for _, k := range peopleColumns[r.T.Kind] {
			for _, id := range SplitList(r.Get(k)) {
				add(id)
			}
		}
	}
	for _, u := range o.Users {
		addRow(u.Record)
	}
	for _, d := range o.Departments {
		addRow(d.Record)
	}
	for _, g := range o.Groups {
		for _, r := range g.Members {
			if r.Kind == RefUserID {
				add(r.Value)
			}
		}
	}
	for _, m := range o.Memberships {
		addRow(m.Record)
	}
	return out
}

// MapUserIDs returns the org with every user ID its cells name replaced
// by m's value (an ID m lacks stays as written). The tables and row
// numbers stay, so a report of the mapped org's plan still finds the rows
// as written in the original.
func (o *Org) MapUserIDs(m map[string]string) *Org {
	sub := func(id string) string {
		if v, ok := m[id]; ok {
			return v
		}
		return id
	}
	remap := func(r Record) Record {
		cells := r.Cells()
		set := func(k string, f func(string) string) {
			if i, ok := r.T.Col[k]; ok && i < len(cells) {
				cells[i] = f(cells[i])
			}
		}
		for _, k := range personColumns[r.T.Kind] {
			set(k, sub)
		}
		for _, k := range peopleColumns[r.T.Kind] {
			set(k, func(v string) string {
				ids := SplitList(v)
				for i, id := range ids {
					ids[i] = sub(id)
				}
				return strings.Join(ids, ";")
			})
		}
		return NewRecord(r.T, sheet.Row{Num: r.Num, Cells: cells})
	}
	out := &Org{Tables: o.Tables, Rows: o.Rows, Units: o.Units, Leavers: o.Leavers}
	for _, d := range o.Departments {
		out.Departments = append(out.Departments, newDepartment(remap(d.Record)))
	}
	for _, u := range o.Users {
		out.Users = append(out.Users, newUser(remap(u.Record)))
	}
	for _, g := range o.Groups {
		rec := g.Record
		if i, ok := rec.T.Col["members"]; ok && len(g.Members) > 0 {
			cells := rec.Cells()
			parts := make([]string, len(g.Members))
			for k, r := range g.Members {
				parts[k] = r.Raw
				if r.Kind == RefUserID {
					parts[k] = sub(r.Value)
				}
			}
			cells[i] = strings.Join(parts, ";")
			rec = NewRecord(rec.T, sheet.Row{Num: rec.Num, Cells: cells})
		}
		out.Groups = append(out.Groups, newGroup(rec))
	}
	for _, mb := range o.Memberships {
		out.Memberships = append(out.Memberships, newMembership(remap(mb.Record)))
	}
	return out
}
