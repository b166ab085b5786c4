package tenant

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// User groups in a snapshot: every group of both types (one simplelist
// pass per type, pages of 100: at most 10 calls for the 500 a tenant may
// have), and the members of the groups the caller needs, users by user_id
// (and, for an export, departments by department_id).

// Group is a group as read, with its members when they were listed.
type Group struct {
	feishu.Group
	// MembersRead is set when Users (and, if asked, Departments) were
	// listed: a group with MembersRead and no Users has none.
	MembersRead bool     `json:"members_read,omitempty"`
	Users       []string `json:"users,omitempty"`       // user_ids, in the listing's order
	Departments []string `json:"departments,omitempty"` // department_ids (only when listed for an export)
}

// Dynamic reports a dynamic group: its members follow rules, the API
// cannot write it.
func (g *Group) Dynamic() bool { return g.Type == feishu.GroupTypeDynamic }

// GroupSet is the groups part of a snapshot.
type GroupSet struct {
	Read   bool              // the groups were listed
	Depts  bool              // their department members were listed too
	ByID   map[string]*Group // by Group.Key() (the path ID); a custom group_id that differs maps too
	ByName map[string]*Group
	Order  []*Group // listing order: normal groups, then dynamic ones
}

func (gs *GroupSet) add(g *Group) {
	if gs.ByID == nil {
		gs.ByID, gs.ByName = map[string]*Group{}, map[string]*Group{}
	}
	if gs.ByID[g.Key()] != nil {
		return // a listing that moved between pages repeats items
	}
	gs.ByID[g.Key()] = g
	if g.GroupID != "" {
		gs.ByID[g.GroupID] = g
	}
	gs.ByName[g.Name] = g
	gs.Order = append(gs.Order, g)
}

// groupSetJSON is a GroupSet as JSON: the groups in order (the maps are
// indexes of them).
type groupSetJSON struct {
	Read   bool     `json:"read"`
	Groups []*Group `json:"groups"`
}

// MarshalJSON writes the groups as a list.
func (gs GroupSet) MarshalJSON() ([]byte, error) {
	return json.Marshal(groupSetJSON{Read: gs.Read, Groups: gs.Order})
}

// UnmarshalJSON reads the list and rebuilds the indexes.
func (gs *GroupSet) UnmarshalJSON(b []byte) error {
	var in groupSetJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*gs = GroupSet{Read: in.Read}
	for _, g := range in.Groups {
		gs.add(g)
	}
	return nil
}

// Add keeps a group (tests and seeds build snapshots with it).
func (gs *GroupSet) Add(g *Group) { gs.add(g) }

// Find is the group with a custom ID, or else with a name.
func (gs *GroupSet) Find(id, name string) *Group {
	if id != "" {
		return gs.ByID[id]
	}
	return gs.ByName[name]
}

// GroupOptions say which members Groups lists.
type GroupOptions struct {
	// Members picks the groups whose members are listed; nil lists none.
	Members func(g *Group) bool
	// Departments lists department members too (an export).
	Departments bool
}

// AllMembers lists the members of every group.
func AllMembers(*Group) bool { return true }

// Groups lists the tenant's groups into s.Groups and the members opts
// asks for. The API must speak custom IDs, like Walk's.
func (r *Reader) Groups(ctx context.Context, s *Snapshot, opts GroupOptions) error {
	return r.begin(s).groups(ctx, opts)
}

func (rd *reading) groups(ctx context.Context, opts GroupOptions) error {
	var lists [2][]feishu.Group
	var jobs []func(context.Context) error
	for i, typ := range []int{feishu.GroupTypeNormal, feishu.GroupTypeDynamic} {
		jobs = append(jobs, func(ctx context.Context) error {
			fetch := func(ctx context.Context, token string) (*feishu.Page[feishu.Group], error) {
				return rd.r.API.Groups(ctx, typ, feishu.GroupListPageMax, token)
			}
			return feishu.Pages(ctx, fetch, func(gs []feishu.Group) error {
				lists[i] = append(lists[i], gs...)
				return nil
			})
		})
	}
	if err := rd.run(ctx, jobs); err != nil {
		return fmt.Errorf("listing the user groups: %w", err)
	}
	rd.keep(func(s *Snapshot) {
		s.Groups.Read, s.Groups.Depts = true, opts.Departments
		for _, l := range lists {
			for _, g := range l {
				s.Groups.add(&Group{Group: g})
			}
		}
	})
	if opts.Members == nil {
		return nil
	}
	jobs = nil
	for _, g := range rd.s.Groups.Order {
		if opts.Members(g) {
			jobs = append(jobs, rd.groupMembers(g, opts.Departments))
		}
	}
	return rd.run(ctx, jobs)
}

// groupMembers lists one group's user members (and department members).
func (rd *reading) groupMembers(g *Group, depts bool) func(context.Context) error {
	return func(ctx context.Context) error {
		users, err := listMembers(ctx, rd.r.API, g.Key(), feishu.MemberTypeUser, feishu.UserIDTypeUserID)
		if err != nil {
			return fmt.Errorf("listing the members of group %s: %w", g.Name, err)
		}
		var ds []string
		if depts {
			if ds, err = listMembers(ctx, rd.r.API, g.Key(), feishu.MemberTypeDepartment, feishu.DepartmentIDTypeDepartmentID); err != nil {
				return fmt.Errorf("listing the department members of group %s: %w", g.Name, err)
			}
		}
		rd.keep(func(*Snapshot) { g.Users, g.Departments, g.MembersRead = users, ds, true })
		return nil
	}
}

func listMembers(ctx context.Context, api API, groupID, memberType, idType string) ([]string, error) {
	var out []string
	fetch := func(ctx context.Context, token string) (*feishu.Page[feishu.GroupMember], error) {
		return api.GroupMembers(ctx, groupID, memberType, idType, feishu.GroupListPageMax, token)
	}
	err := feishu.Pages(ctx, fetch, func(ms []feishu.GroupMember) error {
		for _, m := range ms {
			out = append(out, m.MemberID)
		}
		return nil
	})
	return out, err
}

// HasGroups reports whether a sheet describes groups or memberships.
func HasGroups(o *org.Org) bool { return len(o.Groups)+len(o.Memberships) > 0 }

// sheetGroups picks the tenant groups a sheet describes: those its group
// rows or membership rows name (by custom ID, else by name).
func sheetGroups(o *org.Org) func(g *Group) bool {
	ids, names := map[string]bool{}, map[string]bool{}
	for _, g := range o.Groups {
		ids[g.ID()], names[g.Name()] = true, true
	}
	for _, m := range o.Memberships {
		ids[m.GroupID()], names[m.GroupName()] = true, true
	}
	delete(ids, "")
	delete(names, "")
	return func(g *Group) bool {
		return ids[g.Key()] || ids[g.GroupID] || names[g.Name]
	}
}

// fillGroups lists the groups and the members of those the sheet names,
// then reads the members the snapshot does not hold yet (a member who is
// not in the sheet, to be named if the plan removes them).
func (rd *reading) fillGroups(ctx context.Context, o *org.Org) error {
	if !HasGroups(o) || rd.s.Groups.Read {
		return nil
	}
	if err := rd.groups(ctx, GroupOptions{Members: sheetGroups(o)}); err != nil {
		return err
	}
	var ids []string
	for _, g := range rd.s.Groups.Order {
		ids = append(ids, g.Users...)
	}
	var jobs []func(context.Context) error
	for _, chunk := range chunks(missing(dedupe(ids), rd.s.Users), feishu.BatchMax) {
		jobs = append(jobs, rd.users(chunk))
	}
	return rd.run(ctx, jobs)
}

// MinCalls is the fewest successful calls that list these groups and their
// members: one simplelist page per 100 groups of each type (at least one
// each), and per group one member page per 100 users (at least one), and
// as many for its departments when they were listed.
func (gs *GroupSet) MinCalls() map[feishu.Endpoint]int {
	depts := gs.Depts
	pages := func(n int) int { return max(1, (n+feishu.GroupListPageMax-1)/feishu.GroupListPageMax) }
	byType := map[int]int{}
	m := map[feishu.Endpoint]int{}
	for _, g := range gs.Order {
		byType[g.Type]++
		if g.MembersRead {
			m[feishu.EPGroupMembers] += pages(len(g.Users))
			if depts {
				m[feishu.EPGroupMembers] += pages(len(g.Departments))
			}
		}
	}
	m[feishu.EPGroupList] = pages(byType[feishu.GroupTypeNormal]) + pages(byType[feishu.GroupTypeDynamic])
	return m
}
