package plan

import (
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// The people a row names: a department's leaders (main, then deputies)
// and HRBPs, a user's direct and dotted-line leaders. Each person is set
// now, in the row's own request, when they exist in the tenant; later,
// when they are created in this run, by a leader step once they exist (a
// soft dependency: a person whose row fails is left out with a warning);
// or not at all, with a warning, when they exist nowhere.

func resigned(u *feishu.User) bool { return tenant.Resigned(u) }

// people is a list of people a row names, as resolved: the IDs to set and
// whether any of them is created in this run (then the list waits).
type people struct {
	ids   []string
	later bool
}

// resolvePeople resolves each person of a list, warning about those who
// exist nowhere (they are dropped).
func (b *builder) resolvePeople(c *Change, ids []string, loc problem.Loc) people {
	var out people
	for _, id := range ids {
		switch {
		case id == "":
		case b.userRows[id] != nil:
			if e := b.t.Users[id]; e == nil || resigned(e) {
				out.later = true
			}
			out.ids = append(out.ids, id)
		case b.t.Users[id] != nil && !resigned(b.t.Users[id]):
			out.ids = append(out.ids, id)
		default:
			b.addOnline(c, "PLAN_LEADER_MISSING", loc, id)
		}
	}
	return out
}

// deptPeople are a department's leaders and HRBPs as the sheet gives them.
type deptPeople struct {
	main     string // "" when the sheet names no leader, or the main one exists nowhere
	deputies []string
	hrbps    []string
	// leadersGiven and hrbpsGiven say which the sheet sets at all.
	leadersGiven, hrbpsGiven bool
}

// resolveDeptPeople resolves a department's leaders and HRBPs into those
// set now and those that wait for people created in this run. Deputies are
// set only with their main leader.
func (b *builder) resolveDeptPeople(c *Change, d dept) (now, later deptPeople) {
	if d.leader != "" {
		ls := b.resolvePeople(c, append([]string{d.leader}, d.deputies...), d.row.Loc("leader_user_id"))
		if len(ls.ids) > 0 && ls.ids[0] == d.leader {
			set := &now
			if ls.later {
				set = &later
			}
			set.main, set.deputies, set.leadersGiven = d.leader, ls.ids[1:], true
		}
	}
	if len(d.hrbps) > 0 {
		hs := b.resolvePeople(c, d.hrbps, d.row.Loc("department_hrbps"))
		set := &now
		if hs.later {
			set = &later
		}
		set.hrbps, set.hrbpsGiven = hs.ids, len(hs.ids) > 0
	}
	return now, later
}

// leaders is the leaders list of the department's people: main first.
func (p deptPeople) leaders() []feishu.DepartmentLeader {
	out := []feishu.DepartmentLeader{{LeaderType: feishu.LeaderMain, LeaderID: p.main}}
	for _, id := range p.deputies {
		out = append(out, feishu.DepartmentLeader{LeaderType: feishu.LeaderDeputy, LeaderID: id})
	}
	return out
}

// intoBody puts the people into a create body: leader_user_id, and the
// leaders list when there are deputies; HRBPs.
func (p deptPeople) intoBody(body *feishu.Department) {
	if p.leadersGiven {
		body.LeaderUserID = p.main
		if len(p.deputies) > 0 {
			body.Leaders = p.leaders()
		}
	}
	if p.hrbpsGiven {
		body.DepartmentHrbps = p.hrbps
	}
}

// intoPatch records and sets what differs from the department e (nil for
// one created in this run): the main leader alone when the sheet gives no
// deputies (the tenant's deputies stay), else the whole leaders list; the
// HRBPs as a set.
func (p deptPeople) intoPatch(c *Change, e *feishu.Department, patch *feishu.DepartmentPatch) {
	oldMain, oldDeputies, oldHrbps := existingPeople(e)
	if p.leadersGiven {
		main := p.main
		switch {
		case len(p.deputies) == 0 && main != oldMain:
			c.Fields = append(c.Fields, FieldChange{"leader_user_id", oldMain, main})
			patch.LeaderUserID = &main
		case len(p.deputies) > 0 && (main != oldMain || !sameSet(p.deputies, oldDeputies)):
			c.Fields = append(c.Fields, FieldChange{"leader_user_id", joinPeople(oldMain, oldDeputies), joinPeople(main, p.deputies)})
			ls := p.leaders()
			patch.LeaderUserID, patch.Leaders = &main, &ls
		}
	}
	if p.hrbpsGiven && !sameSet(p.hrbps, oldHrbps) {
		c.Fields = append(c.Fields, FieldChange{"department_hrbps", strings.Join(oldHrbps, ";"), strings.Join(p.hrbps, ";")})
		hrbps := p.hrbps
		patch.DepartmentHrbps = &hrbps
	}
}

// existingPeople are a department's main leader, deputies and HRBPs in the
// tenant.
func existingPeople(e *feishu.Department) (main string, deputies, hrbps []string) {
	if e == nil {
		return "", nil, nil
	}
	main, deputies = e.MainAndDeputies()
	return main, deputies, e.DepartmentHrbps
}

func joinPeople(main string, deputies []string) string {
	return strings.Join(append([]string{main}, deputies...), ";")
}

// pendingPeople is a row whose people wait for users created in this run:
// a department's leaders or HRBPs, a user's dotted-line leaders.
type pendingPeople struct {
	change *Change
	key    string // department_id, or the user's key
	dept   deptPeople
	dotted []string
	userID string // the user's ID in Feishu, for a user's leader step
}

// peopleSteps adds, for each row whose people are created in this run, one
// PATCH once the row and those people exist. A person whose row is
// blocked is left out with a warning (a leaders list without its main
// leader is left out whole).
func (b *builder) peopleSteps() {
	for _, pp := range b.pending {
		c := pp.change
		if c.Action == ActionBlocked {
			continue
		}
		keep := func(id, col string) bool {
			if e := b.t.Users[id]; e != nil && !resigned(e) {
				return true
			}
			if uc := b.users[id]; uc == nil || uc.Action == ActionBlocked {
				c.Problems = append(c.Problems, problem.New("PLAN_LEADER_MISSING", c.Record.Loc(col), id))
				return false
			}
			return true
		}
		var s *Step
		if c.Kind == KindDepartment {
			s = b.deptPeopleStep(pp, keep)
		} else {
			s = b.userPeopleStep(pp, keep)
		}
		if s == nil {
			continue
		}
		if c.Action == ActionUnchanged {
			c.Action = ActionUpdate
		}
		b.addStep(c, s)
	}
}

func (b *builder) deptPeopleStep(pp pendingPeople, keep func(id, col string) bool) *Step {
	p := pp.dept
	if p.leadersGiven {
		if !keep(p.main, "leader_user_id") {
			p.leadersGiven, p.deputies = false, nil
		}
		p.deputies = slices.DeleteFunc(slices.Clone(p.deputies), func(id string) bool { return !keep(id, "leader_user_id") })
	}
	p.hrbps = slices.DeleteFunc(slices.Clone(p.hrbps), func(id string) bool { return !keep(id, "department_hrbps") })
	p.hrbpsGiven = p.hrbpsGiven && len(p.hrbps) > 0
	var patch feishu.DepartmentPatch
	p.intoPatch(pp.change, b.t.Departments[pp.key], &patch)
	if patch == (feishu.DepartmentPatch{}) {
		return nil
	}
	s := &Step{ID: DepartmentLeaderStep(pp.key), Request: PatchDepartment{ID: pp.key, Patch: patch}, needs: []string{pp.key}}
	if own := b.steps[DepartmentStep(pp.key)]; own != nil {
		s.Deps = []StepID{own.ID} // after the department's own PATCH too: one write at a time (43030)
	}
	return s
}

func (b *builder) userPeopleStep(pp pendingPeople, keep func(id, col string) bool) *Step {
	dotted := slices.DeleteFunc(slices.Clone(pp.dotted), func(id string) bool { return !keep(id, "dotted_line_leader_user_ids") })
	if len(dotted) == 0 {
		return nil
	}
	c := pp.change
	var old []string
	if e := b.t.Users[pp.userID]; e != nil {
		old = e.DottedLineLeaderUserIDs
	}
	c.Fields = append(c.Fields, FieldChange{"dotted_line_leader_user_ids", strings.Join(old, ";"), strings.Join(dotted, ";")})
	s := &Step{ID: UserLeadersStep(pp.key), Request: PatchUser{ID: pp.userID, Patch: feishu.UserPatch{DottedLineLeaderUserIDs: &dotted}}}
	if own := b.steps[UserStep(pp.key)]; own != nil {
		s.Deps = []StepID{own.ID} // after the user's own create or PATCH
	}
	return s
}

// softDeps are the steps that create the people a request names who are
// not in the tenant yet: every such person is a row of the sheet, created
// in this run — unless their row is blocked, and then the step is not in
// the plan and dropBlockedPeople leaves them out.
func (b *builder) softDeps(r Request) []StepID {
	var out []StepID
	for _, id := range peopleOf(r) {
		if e := b.t.Users[id]; e != nil && !resigned(e) {
			continue
		}
		if d := UserStep(id); !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// peopleOf lists the people a request names.
func peopleOf(r Request) []string {
	var out []string
	add := func(ids ...string) {
		for _, id := range ids {
			if id != "" {
				out = append(out, id)
			}
		}
	}
	switch r := r.(type) {
	case CreateDepartment:
		add(r.Body.LeaderUserID)
		add(leaderIDs(r.Body.Leaders)...)
		add(r.Body.DepartmentHrbps...)
	case PatchDepartment:
		add(deref(r.Patch.LeaderUserID))
		add(leaderIDs(derefs(r.Patch.Leaders))...)
		add(derefs(r.Patch.DepartmentHrbps)...)
	case CreateUser:
		add(r.Body.LeaderUserID)
		add(r.Body.DottedLineLeaderUserIDs...)
	case PatchUser:
		add(deref(r.Patch.LeaderUserID))
		add(derefs(r.Patch.DottedLineLeaderUserIDs)...)
	}
	return out
}

func leaderIDs(ls []feishu.DepartmentLeader) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.LeaderID)
	}
	return out
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func derefs[T any](p *[]T) []T { return deref(p) }

// dropBlockedPeople takes out of every step the people whose rows turned
// out blocked (their creations are not in the plan): the row is created or
// updated without them, with a warning; a step left with nothing to send
// goes. The importer leaves people out the same way (Step.Without) when
// their creation fails.
func (b *builder) dropBlockedPeople() {
	kept := b.plan.Steps[:0]
	for _, s := range b.plan.Steps {
		gone := map[string]bool{}
		s.Soft = slices.DeleteFunc(s.Soft, func(d StepID) bool {
			if b.steps[d] == nil {
				gone[d.Key] = true
			}
			return gone[d.Key]
		})
		if len(gone) == 0 {
			kept = append(kept, s)
			continue
		}
		c := s.Change
		for _, id := range sortedKeys(gone) {
			c.Problems = append(c.Problems, problem.New("PLAN_LEADER_MISSING", c.loc(), id))
		}
		c.Fields = dropFromFields(c.Fields, gone)
		var left bool
		if s.Request, left = s.Request.Without(gone); !left {
			delete(b.steps, s.ID)
			c.Steps = slices.DeleteFunc(c.Steps, func(x *Step) bool { return x == s })
			if len(c.Steps) == 0 && len(c.Fields) == 0 {
				c.Action = ActionUnchanged
			}
			continue
		}
		kept = append(kept, s)
	}
	b.plan.Steps = kept
}

// dropFromFields leaves the people in gone out of the changes of people
// fields (IDs joined by ;), as Request.Without leaves them out of the
// request: a leaders change without its main leader (the first) goes
// whole, and so does a change left with no one.
func dropFromFields(fs []FieldChange, gone map[string]bool) []FieldChange {
	out := fs[:0]
	for _, f := range fs {
		switch f.Field {
		case "leader_user_id", "department_hrbps", "dotted_line_leader_user_ids":
			ids := strings.Split(f.New, ";")
			if f.Field == "leader_user_id" && gone[ids[0]] {
				continue
			}
			if ids = dropIDs(ids, gone); ids == nil {
				continue
			}
			f.New = strings.Join(ids, ";")
		}
		out = append(out, f)
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
