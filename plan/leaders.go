package plan

import (
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

func resigned(u *feishu.User) bool { return tenant.Resigned(u) }

// pendingLeader is a department whose leader is created in this run.
type pendingLeader struct {
	change *Change
	dept   string
	leader string
}

// resolveLeader decides how a leader is set: now (the user exists in the
// tenant and is not being created), later (created in this run: a leader
// step after both exist), or not at all (unknown: a warning).
func (b *builder) resolveLeader(c *Change, id string, loc problem.Loc) (now, later string) {
	if id == "" {
		return "", ""
	}
	if row := b.userRows[id]; row != nil {
		if b.t.Users[id] != nil && !resigned(b.t.Users[id]) {
			return id, ""
		}
		return "", id
	}
	if u := b.t.Users[id]; u != nil && !resigned(u) {
		return id, ""
	}
	b.addOnline(c, "PLAN_LEADER_MISSING", loc, id)
	return "", ""
}

// leaderSteps adds, for each department whose leader is created in this
// run, a PATCH once both the department and the leader exist.
func (b *builder) leaderSteps() {
	for _, pl := range b.pendingLeaders {
		uc := b.users[pl.leader]
		if uc == nil || uc.Action == ActionBlocked {
			pl.change.Problems = append(pl.change.Problems, problem.New("PLAN_LEADER_MISSING", pl.change.Record.Loc("leader_user_id"), pl.leader))
			continue
		}
		if e := b.t.Departments[pl.dept]; e != nil && e.LeaderUserID == pl.leader {
			continue
		}
		leader := pl.leader
		// The leader's creation is a soft dependency: if it fails, the
		// department (created already) simply gets no leader.
		s := &Step{ID: DepartmentLeaderStep(pl.dept), Request: PatchDepartment{ID: pl.dept, Patch: feishu.DepartmentPatch{LeaderUserID: &leader}},
			needs: []string{pl.dept}}
		if st := b.steps[UserStep(pl.leader)]; st != nil && st.Op() == OpCreateUser {
			s.LeaderDep = st.ID
		}
		c := pl.change
		c.Fields = append(c.Fields, FieldChange{"leader_user_id", existingLeader(b.t.Departments[pl.dept]), leader})
		if c.Action == ActionUnchanged {
			c.Action = ActionUpdate
		}
		b.addStep(c, s)
	}
}

func existingLeader(d *feishu.Department) string {
	if d == nil {
		return ""
	}
	return d.LeaderUserID
}

// dropBlockedLeaders takes out a leader whose row turned out blocked: a
// user is then created (or updated) without the leader, a department gets
// no leader step, with a warning either way. The importer leaves a leader
// out the same way (Step.WithoutLeader) when the leader's creation fails.
func (b *builder) dropBlockedLeaders() {
	kept := b.plan.Steps[:0]
	for _, s := range b.plan.Steps {
		if s.LeaderDep.IsZero() || b.steps[s.LeaderDep] != nil {
			kept = append(kept, s)
			continue
		}
		c := s.Change
		leader := s.LeaderDep.Key
		s.LeaderDep = StepID{}
		c.Problems = append(c.Problems, problem.New("PLAN_LEADER_MISSING", c.loc(), leader))
		c.Fields = slices.DeleteFunc(c.Fields, func(f FieldChange) bool { return f.Field == "leader_user_id" && f.New == leader })
		var left bool
		if s.Request, left = s.Request.WithoutLeader(); !left {
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
