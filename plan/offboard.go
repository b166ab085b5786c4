package plan

import (
	"fmt"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// Offboarding plans (orgbatch offboard): a leavers sheet against the
// tenant. Each leaver row is a user change — delete, unchanged (already
// resigned) or blocked — that hands the leaver's resources over
// (handover.go); the departments they lead get their leader slot cleared
// or given to a successor first, and the departments left empty once the
// leavers are gone are deleted after them, children first
// (offboard_depts.go). Like an import plan it is pure data: the steps run
// in the importer's graph.

// OffboardOptions adjust an offboarding plan.
type OffboardOptions struct {
	// Previous is the record of the interrupted run being resumed (its
	// offboarding.json): the departments it was to delete and the leader
	// slots it was to change are rows of this plan too, so that the report
	// says what became of them once they are done.
	Previous *OffboardRecord
}

// Offboarding is what an offboarding or restore plan says about a row
// beyond its action.
type Offboarding struct {
	// A leaver's direct leader, who receives what the sheet gives nobody.
	Leader   string     `json:"leader,omitempty"`
	Handover []Handover `json:"handover,omitempty"`
	// Leads are the departments a leaver leads (leader_user_id).
	Leads []string `json:"leads,omitempty"`
	// GroupsRead says whether the leaver's user groups were read (Groups).
	// This build does not read user groups yet.
	GroupsRead bool     `json:"groups_read"`
	Groups     []string `json:"groups,omitempty"`
	// Department is a department as it was before the plan changes it:
	// restore re-creates a deleted one from it.
	Department *feishu.Department `json:"department,omitempty"`
}

// offboarder builds an offboarding plan.
type offboarder struct {
	org    *org.Org
	t      *tenant.Snapshot
	opts   OffboardOptions
	plan   *Plan
	rows   map[rowKey][]problem.Problem
	online []problem.Problem
	rowsOf []*leaving
	// leaving holds every row that names an active user, blocked or not:
	// nobody hands anything to someone the sheet says is leaving.
	leaving map[string]*leaving
	depts   map[string]*Change // department rows by department_id
	roles   map[string]*roles  // user → the departments they lead, deputise, are HRBP of
	paths   map[string]string  // department → walked path (path)
}

// leaving is one leaver row.
type leaving struct {
	row  *org.Leaver
	c    *Change
	user *feishu.User // nil when not found
	body feishu.UserDelete
	step *Step
}

// BuildOffboard plans the leavers of o against the snapshot: a walked
// tree of departments (children and member counts), the users the sheet
// names with their leaders (tenant.Reader.People), and the direct
// members of the departments that may be left empty (Members; see
// OffboardReads). problems are the sheet's validation problems.
func BuildOffboard(o *org.Org, problems []problem.Problem, t *tenant.Snapshot, opts OffboardOptions) *Plan {
	b := newOffboarder(o, problems, t, opts)
	b.resolve()
	b.handovers()
	emptied := b.emptied()
	b.leaderSlots(emptied)
	b.deletions(emptied)
	b.previousRows(emptied)
	b.plan.Problems = append(append([]problem.Problem(nil), problems...), b.online...)
	problem.Sort(b.plan.Problems)
	prioritize(b.plan.Steps)
	return b.plan
}

func newOffboarder(o *org.Org, problems []problem.Problem, t *tenant.Snapshot, opts OffboardOptions) *offboarder {
	return &offboarder{org: o, t: t, opts: opts, plan: &Plan{Tenant: t}, rows: byRow(problems),
		leaving: map[string]*leaving{}, depts: map[string]*Change{}}
}

func (b *offboarder) add(c *Change, code string, loc problem.Loc, args ...any) {
	b.online = addProblem(b.online, c, code, loc, args...)
}

// resolve finds the user of each row and checks that it is who the row
// means: a user_id is that user (a mobile or email beside it must be
// theirs); without one, the mobile and the email must not name two users.
// A name, when given, must be theirs. Two rows of one user block both.
// An active user is leaving; one already resigned has nothing to do.
func (b *offboarder) resolve() {
	b.resolveRows(ActionDelete, func(lv *leaving) {
		c, u := lv.c, lv.user
		if resigned(u) {
			if c.Action != ActionBlocked {
				c.Action = ActionUnchanged
			}
			if !b.opts.Previous.hasUser(u.UserID) {
				b.add(c, "PLAN_LEAVER_GONE", lv.row.Loc(""), u.UserID, u.Name)
			}
			return
		}
		b.leaving[u.UserID] = lv
		if u.IsTenantManager {
			b.add(c, "PLAN_LEAVER_ADMIN", lv.row.Loc("user_id"), u.UserID, u.Name)
		}
	})
}

// resolveRows makes each row a change with action a, finds its user and
// hands every row whose user was found, once, to found.
func (b *offboarder) resolveRows(a Action, found func(*leaving)) {
	claimed := map[string]*leaving{}
	for _, l := range b.org.Leavers {
		c := &Change{Kind: KindUser, Key: leaverKey(l), Name: l.Name(), Record: l.Record, Action: a, Offboard: &Offboarding{}}
		c.Problems = append(c.Problems, b.rows[rowKey{l.T.File, l.T.Sheet, l.Num}]...)
		if problem.HasErrors(c.Problems) {
			c.Action = ActionBlocked
		}
		lv := &leaving{row: l, c: c}
		b.rowsOf = append(b.rowsOf, lv)
		b.plan.Changes = append(b.plan.Changes, c)
		if lv.user = b.find(c, l); lv.user == nil {
			continue
		}
		u := lv.user
		c.Key, c.Name, c.Departments = u.UserID, u.Name, u.DepartmentIDs
		c.Existing = IDs{UserID: u.UserID, OpenID: u.OpenID, UnionID: u.UnionID}
		if first := claimed[u.UserID]; first != nil {
			b.add(c, "PLAN_USER_TWICE", c.loc(), first.row.Num, u.UserID, u.Name)
			b.add(first.c, "PLAN_USER_TWICE", first.c.loc(), l.Num, u.UserID, u.Name)
			continue
		}
		claimed[u.UserID] = lv
		found(lv)
	}
}

// leaverKey names a row before its user is known: user_id, else its
// mobile or email, else its row.
func leaverKey(l *org.Leaver) string {
	switch {
	case l.UserID() != "":
		return l.UserID()
	case l.Values.Mobile.E164 != "":
		return "mobile:" + l.Values.Mobile.E164
	case l.Values.Email != "":
		return "email:" + l.Values.Email
	}
	return fmt.Sprintf("row:%d", l.Num)
}

// find is the user a row names, nil (with the row blocked) when there is
// none or it is not sure who.
func (b *offboarder) find(c *Change, l *org.Leaver) *feishu.User {
	mobile, email := l.Values.Mobile.E164, l.Values.Email
	byMobile, byEmail := b.contactOwner(mobile), b.contactOwner(email)
	id, by := l.UserID(), MatchUserID
	switch {
	case id != "":
	case byMobile != "" && byEmail != "" && byMobile != byEmail:
		b.add(c, "PLAN_CONTACT_AMBIGUOUS", l.Loc("email"), byMobile, b.name(byMobile), byEmail, b.name(byEmail))
		return nil
	case byMobile != "":
		id, by = byMobile, MatchMobile
	case byEmail != "":
		id, by = byEmail, MatchEmail
	}
	u := b.t.Users[id]
	if u == nil {
		if what := strings.TrimSpace(strings.Join([]string{l.UserID(), l.Mobile(), l.Email()}, " ")); what != "" {
			b.add(c, "PLAN_LEAVER_NOT_FOUND", l.Loc(""), what)
		}
		return nil
	}
	c.MatchedBy = by
	if by == MatchUserID {
		b.sameContact(c, l, u, "mobile", l.Mobile(), mobile, tenant.NormMobile(u.Mobile))
		b.sameContact(c, l, u, "email", l.Email(), email, strings.ToLower(u.Email))
	}
	if n := l.Name(); n != "" && !sameName(n, u.Name) {
		b.add(c, "PLAN_LEAVER_NAME_MISMATCH", l.Loc("name"), n, u.UserID, u.Name)
	}
	return u
}

// sameContact blocks a row whose mobile or email is not its user's (the
// message does not show theirs: terminals and tickets collect it).
func (b *offboarder) sameContact(c *Change, l *org.Leaver, u *feishu.User, key, cell, norm, theirs string) {
	if norm != "" && norm != theirs {
		b.add(c, "PLAN_LEAVER_CONTACT_MISMATCH", l.Loc(key), l.T.Column(key), cell, u.UserID)
	}
}

// contactOwner is the user a mobile or email belongs to: an active one,
// else a resigned one (a leaver gone since, or being resumed).
func (b *offboarder) contactOwner(key string) string {
	if key == "" {
		return ""
	}
	if id := b.t.ByMobile[key]; id != "" {
		return id
	}
	if id := b.t.ByEmail[key]; id != "" {
		return id
	}
	return b.t.ResignedByContact[key]
}

func (b *offboarder) name(id string) string { return nameOr(b.t.Users[id]) }

// handovers decides the handover of every row naming an active user
// (blocked rows too, so the plan shows all that is wrong at once), and
// checks the successor of the departments they lead.
func (b *offboarder) handovers() {
	for _, lv := range b.rowsOf {
		if lv.user == nil || b.leaving[lv.user.UserID] != lv {
			continue
		}
		b.handover(lv)
		lv.c.Offboard.Leads = b.rolesOf(lv.user.UserID).leads
		b.checkDeputies(lv)
		b.otherRoles(lv)
		if succ := lv.row.Acceptor(org.LeaderSuccessor); succ != "" {
			b.checkAcceptor(lv, org.LeaderSuccessor, succ)
			if len(lv.c.Offboard.Leads) == 0 {
				b.add(lv.c, "PLAN_SUCCESSOR_UNUSED", lv.row.Loc(org.LeaderSuccessor), succ)
			}
		}
	}
}

// deleting are the rows whose user is deleted by this plan.
func (b *offboarder) deleting() map[string]*leaving {
	out := map[string]*leaving{}
	for id, lv := range b.leaving {
		if lv.c.Action == ActionDelete {
			out[id] = lv
		}
	}
	return out
}

// deletions adds the delete step of every leaver that goes: after the
// leader slots of their departments are changed.
func (b *offboarder) deletions(emptied []string) {
	for _, lv := range b.rowsOf {
		if lv.c.Action != ActionDelete {
			continue
		}
		lv.step = &Step{ID: UserDeleteStep(lv.user.UserID), Request: DeleteUser{ID: lv.user.UserID, Body: lv.body}}
		for _, d := range lv.c.Offboard.Leads {
			if c := b.depts[d]; c != nil && c.Action == ActionUpdate {
				lv.step.Deps = append(lv.step.Deps, DepartmentLeaderStep(d))
			}
		}
		b.addStep(lv.c, lv.step)
	}
	b.departmentDeletes(emptied)
}

func (b *offboarder) addStep(c *Change, s *Step) {
	s.Change = c
	c.Steps = append(c.Steps, s)
	b.plan.Steps = append(b.plan.Steps, s)
}
