package plan

import (
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// Restore plans (orgbatch restore): bring back users deleted by mistake
// with resurrect. From an offboarding run's record the API's gaps are
// filled in: the departments the run deleted are created again first
// (resurrect does not restore departments), each user returns to the
// departments they were in, and a leader slot the run cleared gets its
// leader back. From a list alone (a leavers sheet) users return to the
// root department. What cannot be restored — resources handed over at the
// deletion, a leader slot given to a successor — is said on each row.

// RestoreOptions adjust a restore plan.
type RestoreOptions struct {
	// Record is the offboarding run's record (nil for a list alone).
	Record *OffboardRecord
	// Done reports the steps of that run that were done (or sent): only
	// what it did is undone. Nil means everything in the record.
	Done func(StepID) bool
	// TokenSalt goes into the client_tokens of the departments created.
	TokenSalt string
}

func (o RestoreOptions) done(id StepID) bool { return o.Done == nil || o.Done(id) }

// restorer builds a restore plan.
type restorer struct {
	*offboarder
	ropts    RestoreOptions
	restored map[string]*Change // users being restored, by user_id
}

// BuildRestore plans the restore of the users of o's leavers rows, or —
// when o has none — of every user the record says the run deleted. The
// snapshot holds those users (resigned ones included), the active owners
// of their mobiles and emails, the departments of the record, and the
// children of the parents departments are re-created under.
func BuildRestore(o *org.Org, problems []problem.Problem, t *tenant.Snapshot, opts RestoreOptions) *Plan {
	b := &restorer{offboarder: newOffboarder(o, problems, t, OffboardOptions{}), ropts: opts, restored: map[string]*Change{}}
	b.plan.TokenSalt = opts.TokenSalt
	if len(o.Leavers) > 0 {
		b.resolveRows(ActionRestore, func(lv *leaving) { b.user(lv.c, lv.user) })
	} else {
		b.recordUsers()
	}
	created := b.departments()
	for _, c := range b.plan.Changes {
		if c.Kind == KindUser && c.Action == ActionRestore {
			b.resurrect(c, created)
		}
	}
	b.leaders(created)
	b.plan.Problems = append(append([]problem.Problem(nil), problems...), b.online...)
	problem.Sort(b.plan.Problems)
	prioritize(b.plan.Steps)
	return b.plan
}

// recordUsers are the rows of the users the run deleted.
func (b *restorer) recordUsers() {
	for _, r := range b.ropts.Record.usersDone(b.ropts) {
		c := &Change{Kind: KindUser, Key: r.UserID, Name: r.Name, Action: ActionRestore, Offboard: &Offboarding{}}
		b.plan.Changes = append(b.plan.Changes, c)
		u := b.t.Users[r.UserID]
		if u == nil {
			b.add(c, "PLAN_LEAVER_NOT_FOUND", problem.Loc{}, r.UserID)
			continue
		}
		c.Existing = IDs{UserID: u.UserID, OpenID: u.OpenID, UnionID: u.UnionID}
		b.user(c, u)
	}
}

func (r *OffboardRecord) usersDone(o RestoreOptions) []RecordUser {
	if r == nil {
		return nil
	}
	var out []RecordUser
	for _, u := range r.Users {
		if o.done(UserDeleteStep(u.UserID)) {
			out = append(out, u)
		}
	}
	return out
}

// user checks a user to restore: resigned, and with a mobile and an email
// no active user has taken meanwhile (44030, 44031).
func (b *restorer) user(c *Change, u *feishu.User) {
	if !resigned(u) {
		if c.Action != ActionBlocked {
			c.Action = ActionUnchanged
		}
		b.add(c, "PLAN_RESTORE_ACTIVE", c.loc(), u.UserID, u.Name)
		return
	}
	for _, k := range []struct{ field, value, key string }{
		{"mobile", u.Mobile, tenant.NormMobile(u.Mobile)}, {"email", u.Email, strings.ToLower(u.Email)},
	} {
		owners := b.t.ByMobile
		if k.field == "email" {
			owners = b.t.ByEmail
		}
		if other := owners[k.key]; k.value != "" && other != "" && other != u.UserID {
			b.add(c, "PLAN_RESTORE_CONTACT_TAKEN", b.loc(c, k.field), u.UserID, k.field, other, k.field)
		}
	}
	if c.Action == ActionRestore {
		b.restored[u.UserID] = c
	}
}

func (b *restorer) loc(c *Change, field string) problem.Loc {
	if c.Record.T != nil {
		return c.Record.Loc(field)
	}
	return problem.Loc{}
}

// departments re-creates, parents first, the departments the run deleted
// that are gone: under a parent that exists or is re-created, with a name
// no sibling has taken meanwhile. One that exists again (a resumed
// restore created it; someone else did) is an unchanged row: the journal
// tells which. It returns the rows by ID.
func (b *restorer) departments() map[string]*Change {
	rows := map[string]*Change{}
	rec := b.ropts.Record
	if rec == nil {
		return rows
	}
	for i := len(rec.Departments) - 1; i >= 0; i-- { // the record is children first
		d := rec.Departments[i]
		if !b.ropts.done(DepartmentDeleteStep(d.DepartmentID)) {
			continue
		}
		c := &Change{Kind: KindDepartment, Key: d.DepartmentID, Name: d.Name, Action: ActionCreate, Path: d.DepartmentID, Offboard: &Offboarding{}}
		b.plan.Changes = append(b.plan.Changes, c)
		rows[d.DepartmentID], b.depts[d.DepartmentID] = c, c
		if now := b.t.Departments[d.DepartmentID]; now != nil {
			c.Action, c.Existing = ActionUnchanged, IDs{DepartmentID: now.DepartmentID, OpenDepartmentID: now.OpenDepartmentID}
			continue
		}
		b.recreate(c, d, rows)
	}
	return rows
}

// recreate adds the create of a department the run deleted.
func (b *restorer) recreate(c *Change, d feishu.Department, rows map[string]*Change) {
	body := feishu.Department{DepartmentID: d.DepartmentID, Name: d.Name, I18nName: d.I18nName, ParentDepartmentID: d.ParentDepartmentID, Order: b.freeOrder(d)}
	if l := b.t.Users[d.LeaderUserID]; l != nil && !resigned(l) {
		body.LeaderUserID = d.LeaderUserID
	}
	step := &Step{ID: DepartmentStep(d.DepartmentID), Request: CreateDepartment{Body: body}, salt: b.ropts.TokenSalt}
	step.ClientToken = clientToken(step.salt, step.ID, &body)
	switch p := d.ParentDepartmentID; {
	case rows[p] != nil && rows[p].Action == ActionCreate:
		step.Deps = []StepID{DepartmentStep(p)}
	case p != tenant.RootID && b.t.Departments[p] == nil:
		b.add(c, "PLAN_PARENT_MISSING", problem.Loc{}, p)
	}
	for _, sib := range b.t.Children[d.ParentDepartmentID] {
		if sib.DepartmentID != d.DepartmentID && org.SegmentKey(sib.Name) == org.SegmentKey(d.Name) {
			b.add(c, "PLAN_NAME_TAKEN", problem.Loc{}, d.Name, sib.DepartmentID)
		}
	}
	if c.Action == ActionCreate {
		b.addStep(c, step)
	}
}

// freeOrder keeps a department's order unless a sibling has taken it.
func (b *restorer) freeOrder(d feishu.Department) string {
	for _, sib := range b.t.Children[d.ParentDepartmentID] {
		if sib.Order == d.Order {
			return ""
		}
	}
	return d.Order
}

// resurrect adds a user's resurrection into the departments they were in
// that exist or are re-created (in their old sort positions), the root
// when none, and says what is not restored.
func (b *restorer) resurrect(c *Change, created map[string]*Change) {
	r := b.ropts.Record.User(c.Key)
	req := ResurrectUser{ID: c.Key}
	s := &Step{ID: UserRestoreStep(c.Key)}
	for _, d := range departmentsOf(r) {
		switch cc := created[d]; {
		case cc != nil && cc.Action == ActionCreate:
			s.Deps = append(s.Deps, DepartmentStep(d))
		case d == tenant.RootID || b.t.Departments[d] != nil:
		default:
			b.add(c, "PLAN_RESTORE_DEPT_GONE", b.loc(c, ""), d)
			continue
		}
		info := feishu.UserDepartmentInfo{DepartmentID: d}
		for _, o := range r.Orders {
			if o.DepartmentID == d {
				info.UserOrder, info.DepartmentOrder = o.UserOrder, o.DepartmentOrder
			}
		}
		req.Body.Departments = append(req.Body.Departments, info)
		c.Departments = append(c.Departments, d)
	}
	if len(req.Body.Departments) == 0 {
		b.add(c, "PLAN_RESTORE_TO_ROOT", b.loc(c, ""), c.Key, "")
	}
	if lost := b.notRestored(r); lost != "" {
		b.add(c, "PLAN_RESTORE_NOT_RESTORED", b.loc(c, ""), lost)
	}
	s.Request = req
	b.addStep(c, s)
}

func departmentsOf(r *RecordUser) []string {
	if r == nil {
		return nil
	}
	return r.Departments
}

// notRestored lists what a user's restore leaves as it is: what they
// handed over, and leader slots given to a successor.
func (b *restorer) notRestored(r *RecordUser) string {
	if r == nil {
		return ""
	}
	var out, to []string
	given := map[string][]string{} // receiver → resources
	for _, h := range r.Handover {
		if h.To != "" {
			if given[h.To] == nil {
				to = append(to, h.To)
			}
			given[h.To] = append(given[h.To], ResourceLabel(h.Resource))
		}
	}
	for _, id := range to {
		out = append(out, strings.Join(given[id], "、")+" → "+id)
	}
	for _, s := range b.ropts.Record.Leaders {
		if s.From == r.UserID && s.To != "" && b.ropts.done(DepartmentLeaderStep(s.DepartmentID)) {
			out = append(out, "部门负责人 leader of "+s.DepartmentID+" → "+s.To)
		}
	}
	return strings.Join(out, "; ")
}

// leaders gives the leader slots back: those the run cleared (if still
// empty) and those of the departments it deleted (re-created now, or by
// a restore being resumed), to a leader who is restored in this plan
// (after it) or is active again already.
func (b *restorer) leaders(rows map[string]*Change) {
	rec := b.ropts.Record
	if rec == nil {
		return
	}
	for _, s := range rec.Leaders {
		if s.To == "" && b.ropts.done(DepartmentLeaderStep(s.DepartmentID)) && b.t.Departments[s.DepartmentID] != nil {
			b.leaderBack(s.DepartmentID, s.From, nil)
		}
	}
	for _, d := range rec.Departments {
		if c := rows[d.DepartmentID]; c != nil && c.Action == ActionCreate {
			b.leaderBack(d.DepartmentID, d.LeaderUserID, c)
		} else if c != nil {
			b.leaderBack(d.DepartmentID, d.LeaderUserID, nil)
		}
	}
}

// leaderBack sets dept's leader back to leader once they are back. created
// is the department's create row when this plan creates it (the create
// carries an active leader itself); else the department exists and must
// have no leader now.
func (b *restorer) leaderBack(dept, leader string, created *Change) {
	if leader == "" {
		return
	}
	restoring := b.restored[leader] != nil
	l := b.t.Users[leader]
	if created != nil {
		if restoring {
			b.leaderStep(created, dept, leader, []StepID{DepartmentStep(dept), UserRestoreStep(leader)})
		}
		return
	}
	if d := b.t.Departments[dept]; d == nil || d.LeaderUserID != "" || !restoring && (l == nil || resigned(l)) {
		return
	}
	c := b.depts[dept]
	if c == nil {
		c = b.deptChange(dept, ActionUpdate)
	} else if c.Action == ActionUnchanged {
		c.Action = ActionUpdate
	}
	var deps []StepID
	if restoring {
		deps = []StepID{UserRestoreStep(leader)}
	}
	b.leaderStep(c, dept, leader, deps)
}

func (b *restorer) leaderStep(c *Change, dept, leader string, deps []StepID) {
	c.Fields = append(c.Fields, FieldChange{"leader_user_id", "", leader})
	b.addStep(c, &Step{ID: DepartmentLeaderStep(dept), Request: SetLeader{ID: dept, LeaderUserID: leader}, Deps: deps})
}
