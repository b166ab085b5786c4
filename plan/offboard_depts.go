package plan

import (
	"cmp"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// The departments of an offboarding: those a leaver leads (their leader
// slot is cleared or given to the successor before the leaver goes), and
// those left empty once the leavers are gone (deleted after them, children
// first: Feishu refuses a department with members, 43011, or with
// sub-departments, 43012). A department is left empty when it held a
// leaver, every one of its direct members leaves, and every one of its
// sub-departments is left empty too; its parent may then be left empty in
// turn. A department that was empty before, or holds anyone who stays —
// a blocked leaver included — is kept.

// roles are the departments a user leads (as main leader), is a deputy
// leader of, and is an HRBP of, each sorted.
type roles struct{ leads, deputy, hrbp []string }

// rolesOf is the user's roles (the index is built once, on first use).
func (b *offboarder) rolesOf(userID string) roles {
	if b.roles == nil {
		b.roles = map[string]*roles{}
		at := func(id string) *roles {
			if b.roles[id] == nil {
				b.roles[id] = &roles{}
			}
			return b.roles[id]
		}
		for id, d := range b.t.Departments {
			if id == tenant.RootID {
				continue
			}
			main, deputies := d.MainAndDeputies()
			if main != "" {
				at(main).leads = append(at(main).leads, id)
			}
			for _, u := range deputies {
				at(u).deputy = append(at(u).deputy, id)
			}
			for _, u := range d.DepartmentHrbps {
				at(u).hrbp = append(at(u).hrbp, id)
			}
		}
		for _, r := range b.roles {
			slices.Sort(r.leads)
			slices.Sort(r.deputy)
			slices.Sort(r.hrbp)
		}
	}
	if r := b.roles[userID]; r != nil {
		return *r
	}
	return roles{}
}

// checkDeputies refuses to clear the leader of a department with deputies
// who stay: Feishu keeps no deputies without a main leader, so clearing
// the slot would drop them too. A successor keeps them. A deputy who is
// leaving, or has left already (a resumed run deleted them before it was
// interrupted: the tenant may still name them), does not stay.
func (b *offboarder) checkDeputies(lv *leaving) {
	if lv.row.Acceptor(org.LeaderSuccessor) != "" {
		return
	}
	for _, id := range lv.c.Offboard.Leads {
		_, deputies := b.t.Departments[id].MainAndDeputies()
		staying := slices.DeleteFunc(slices.Clone(deputies), func(u string) bool {
			gone := b.t.Users[u] != nil && tenant.Resigned(b.t.Users[u])
			return b.leaving[u] != nil || gone
		})
		if len(staying) > 0 {
			b.add(lv.c, "PLAN_LEADER_DEPUTIES", lv.row.Loc(org.LeaderSuccessor), id, strings.Join(staying, "、"))
		}
	}
}

// otherRoles warns of the deputy-leader and HRBP roles a leaver keeps.
func (b *offboarder) otherRoles(lv *leaving) {
	r := b.rolesOf(lv.user.UserID)
	var what []string
	if len(r.deputy) > 0 {
		what = append(what, "副负责人 deputy leader of "+strings.Join(r.deputy, "、"))
	}
	if len(r.hrbp) > 0 {
		what = append(what, "部门HRBP HRBP of "+strings.Join(r.hrbp, "、"))
	}
	if len(what) > 0 {
		b.add(lv.c, "PLAN_LEAVER_ROLES", lv.row.Loc("user_id"), strings.Join(what, "; "))
	}
}

// candidates are the departments that may be left empty: those a leaver
// who goes is a direct member of, and those the interrupted run being
// resumed was to delete (its leavers are gone already).
func (b *offboarder) candidates(goners map[string]*leaving) map[string]bool {
	out := map[string]bool{}
	for _, lv := range goners {
		for _, d := range lv.user.DepartmentIDs {
			if d != tenant.RootID && b.t.Departments[d] != nil {
				out[d] = true
			}
		}
	}
	for _, d := range b.opts.Previous.departmentIDs() {
		if b.t.Departments[d] != nil {
			out[d] = true
		}
	}
	return out
}

// emptied returns the departments left empty, children first.
func (b *offboarder) emptied() []string {
	goners := b.deleting()
	cands := b.candidates(goners)
	gone := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, d := range b.byDepth(cands) {
			if gone[d] || !b.leftEmpty(d, goners, gone) {
				continue
			}
			gone[d], changed = true, true
			if p := b.t.Departments[d].ParentDepartmentID; p != tenant.RootID && b.t.Departments[p] != nil {
				cands[p] = true
			}
		}
	}
	out := make([]string, 0, len(gone))
	for d := range gone {
		out = append(out, d)
	}
	return b.byDepth(toSet(out))
}

// leftEmpty reports a department whose members were listed, all leave,
// and whose sub-departments (as walked) are all gone.
func (b *offboarder) leftEmpty(d string, goners map[string]*leaving, gone map[string]bool) bool {
	members, listed := b.t.Members[d]
	kids, walked := b.t.Children[d]
	if !listed || !walked {
		return false
	}
	for _, m := range members {
		if goners[m] == nil {
			return false
		}
	}
	for _, k := range kids {
		if !gone[k.DepartmentID] {
			return false
		}
	}
	return true
}

// byDepth lists departments deepest first (children before parents), then
// by ID.
func (b *offboarder) byDepth(set map[string]bool) []string {
	depth := func(id string) int {
		n := 0
		for p := id; p != tenant.RootID && n <= 64; n++ {
			d := b.t.Departments[p]
			if d == nil {
				break
			}
			p = d.ParentDepartmentID
		}
		return n
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	slices.SortFunc(out, func(x, y string) int { return cmp.Or(cmp.Compare(depth(y), depth(x)), cmp.Compare(x, y)) })
	return out
}

func toSet(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// deptChange is the row of a department the plan changes.
func (b *offboarder) deptChange(id string, a Action) *Change {
	d := b.t.Departments[id]
	c := &Change{Kind: KindDepartment, Key: id, Action: a, Path: b.path(id), Offboard: &Offboarding{}}
	if d != nil {
		before := *d
		c.Name, c.Offboard.Department = d.Name, &before
		c.Existing = IDs{DepartmentID: d.DepartmentID, OpenDepartmentID: d.OpenDepartmentID}
	}
	b.depts[id] = c
	b.plan.Changes = append(b.plan.Changes, c)
	return c
}

// path is a department's path as walked, or its ID.
func (b *offboarder) path(id string) string {
	if b.paths == nil {
		b.paths = map[string]string{}
		if b.t.Tree != nil {
			for _, d := range b.t.Tree.Departments {
				b.paths[d.DepartmentID] = d.Path
			}
		}
	}
	if p, ok := b.paths[id]; ok {
		return p
	}
	return id
}

// leaderSlots clears, or gives to the successor, the leader slot of every
// department a leaver who goes leads and that is kept.
func (b *offboarder) leaderSlots(emptied []string) {
	gone := toSet(emptied)
	for _, lv := range b.rowsOf {
		if lv.c.Action != ActionDelete {
			continue
		}
		succ := lv.row.Acceptor(org.LeaderSuccessor)
		var cleared []string
		for _, d := range lv.c.Offboard.Leads {
			if gone[d] {
				continue
			}
			c := b.deptChange(d, ActionUpdate)
			c.Fields = []FieldChange{{"leader_user_id", lv.user.UserID, succ}}
			b.addStep(c, &Step{ID: DepartmentLeaderStep(d), Request: SetLeader{ID: d, LeaderUserID: succ}})
			if succ == "" {
				cleared = append(cleared, d+" "+c.Name)
			}
		}
		if len(cleared) > 0 {
			b.add(lv.c, "PLAN_LEAVER_LEADS", lv.row.Loc(org.LeaderSuccessor), strings.Join(cleared, "、"))
		}
	}
}

// departmentDeletes adds the delete of each emptied department, after its
// members and its sub-departments are gone.
func (b *offboarder) departmentDeletes(emptied []string) {
	goners := b.deleting()
	for _, d := range emptied {
		c := b.deptChange(d, ActionDelete)
		s := &Step{ID: DepartmentDeleteStep(d), Request: DeleteDepartment{ID: d}}
		for _, m := range b.t.Members[d] {
			s.Deps = append(s.Deps, goners[m].step.ID)
		}
		for _, k := range b.t.Children[d] {
			s.Deps = append(s.Deps, DepartmentDeleteStep(k.DepartmentID))
		}
		b.addStep(c, s)
	}
}

// previousRows adds the rows of the run being resumed that this plan did
// not derive: departments it was to delete (gone now: unchanged, the
// journal says they were deleted; still there but no longer empty: kept,
// with a warning) and leader slots it was to change.
func (b *offboarder) previousRows(emptied []string) {
	prev := b.opts.Previous
	if prev == nil {
		return
	}
	gone := toSet(emptied)
	for _, d := range prev.Departments {
		if b.depts[d.DepartmentID] != nil {
			continue
		}
		c := b.previousChange(d.DepartmentID, d.Name)
		if b.t.Departments[d.DepartmentID] != nil && !gone[d.DepartmentID] {
			b.add(c, "PLAN_DEPT_KEPT", problem.Loc{}, d.DepartmentID+" "+d.Name)
		}
	}
	for _, s := range prev.Leaders {
		if b.depts[s.DepartmentID] == nil {
			b.previousChange(s.DepartmentID, s.Name)
		}
	}
}

func (b *offboarder) previousChange(id, name string) *Change {
	c := b.deptChange(id, ActionUnchanged)
	c.Offboard.Department = nil // the record has it as it was
	if c.Name == "" {
		c.Name = name
	}
	return c
}

// OffboardReads lists the departments whose direct members an
// offboarding plan needs listed (tenant.Reader.Members) to tell whether
// they are left empty: those a leaver who goes is in, their ancestors,
// and those a resumed run was to delete — less the ones whose
// member_count says more people are in them (or below) than leave.
func OffboardReads(o *org.Org, problems []problem.Problem, t *tenant.Snapshot, opts OffboardOptions) []string {
	b := newOffboarder(o, problems, t, opts)
	b.resolve()
	b.handovers()
	goners := b.deleting()
	under := map[string]map[string]bool{} // department → leavers in it or below
	for id, lv := range goners {
		for _, d := range lv.user.DepartmentIDs {
			for a, n := d, 0; a != tenant.RootID && t.Departments[a] != nil && n <= 64; a, n = t.Departments[a].ParentDepartmentID, n+1 {
				if under[a] == nil {
					under[a] = map[string]bool{}
				}
				under[a][id] = true
			}
		}
	}
	var out []string
	for d, ls := range under {
		if _, listed := t.Members[d]; !listed && t.Departments[d].MemberCount <= len(ls) {
			out = append(out, d)
		}
	}
	for _, d := range opts.Previous.departmentIDs() {
		if _, listed := t.Members[d]; !listed && t.Departments[d] != nil && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}
