package plan

import (
	"slices"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// TestRestorePlan: from an offboarding's record, the squad it deleted is
// created again (its leader once they are back), x returns into both
// their departments with their sort order and gets back the leader slot
// that was cleared; y's department is gone for good (the root, warned);
// z is active; w's mobile was taken meanwhile. What was handed over is
// said not to come back. A user whose deletion the journal does not have
// is not touched.
func TestRestorePlan(t *testing.T) {
	tn := newOffTenant()
	tn.dept("T", "0", "", "boss", "n")
	tn.counts()
	tn.user("boss", "", "T")
	for _, id := range []string{"x", "y", "w"} {
		tn.user(id, "boss").Status.IsResigned = true
	}
	tn.user("z", "boss", "T")
	n := tn.user("n", "boss", "T")
	n.Mobile = tn.Users["w"].Mobile
	tn.ByMobile[n.Mobile] = "n"
	rec := &OffboardRecord{
		Users: []RecordUser{
			{UserID: "x", Name: "名x", Departments: []string{"S", "T"}, Orders: []feishu.UserOrder{{DepartmentID: "S", UserOrder: 3, DepartmentOrder: 9}},
				Handover: []Handover{{Resource: "docs", To: "boss", By: ByLeader}, {Resource: "calendar", By: ByFeishu, Fallback: FallbackDeleted}}},
			{UserID: "y", Name: "名y", Departments: []string{"G"}},
			{UserID: "z", Name: "名z", Departments: []string{"T"}},
			{UserID: "w", Name: "名w", Departments: []string{"T"}},
			{UserID: "never", Name: "名never"},
		},
		Departments: []feishu.Department{{DepartmentID: "S", Name: "Squad", ParentDepartmentID: "T", Order: "5", LeaderUserID: "x"}},
		Leaders:     []LeaderSlot{{DepartmentID: "T", Name: "NT", From: "x", To: ""}},
	}
	done := func(id StepID) bool { return id != UserDeleteStep("never") }
	p := BuildRestore(&org.Org{}, nil, tn.Snapshot, RestoreOptions{Record: rec, Done: done, TokenSalt: "s"})
	want := map[string]string{
		"x": "restore PLAN_RESTORE_NOT_RESTORED",
		"y": "restore PLAN_RESTORE_DEPT_GONE,PLAN_RESTORE_TO_ROOT",
		"z": "unchanged PLAN_RESTORE_ACTIVE",
		"w": "blocked PLAN_RESTORE_CONTACT_TAKEN",
		"S": "create ",
		"T": "update ",
	}
	for key, w := range want {
		if got := rulesOf(change(p, key)); got != w {
			t.Errorf("%s: %q, want %q", key, got, w)
		}
	}
	if change(p, "never") != nil {
		t.Error("a user the run never deleted is restored")
	}
	steps := map[string]*Step{}
	for _, s := range p.Steps {
		steps[s.ID.String()] = s
	}
	x := steps["user-restore:x"].Request.(ResurrectUser)
	if len(x.Body.Departments) != 2 || x.Body.Departments[0] != (feishu.UserDepartmentInfo{DepartmentID: "S", UserOrder: 3, DepartmentOrder: 9}) ||
		!slices.Equal(steps["user-restore:x"].Deps, []StepID{DepartmentStep("S")}) {
		t.Errorf("x: %+v deps %v", x, steps["user-restore:x"].Deps)
	}
	if y := steps["user-restore:y"].Request.(ResurrectUser); len(y.Body.Departments) != 0 {
		t.Errorf("y: %+v", y)
	}
	sc := steps["dept:S"]
	if body := sc.Request.(CreateDepartment).Body; body.LeaderUserID != "" || body.Order != "5" || sc.ClientToken == "" {
		t.Errorf("S is created without its leader (resigned until restored): %+v %q", body, sc.ClientToken)
	}
	for _, id := range []string{"dept-leader:S", "dept-leader:T"} {
		if s := steps[id]; s == nil || !slices.Contains(s.Deps, UserRestoreStep("x")) {
			t.Errorf("%s: %+v: x gets the slot back once restored", id, s)
		}
	}

	// Resumed after the squad was created and x brought back, but before
	// x had the squad again: the squad is an unchanged row that gets its
	// leader (x is active now); x is unchanged (the journal says restored).
	tn.dept("S", "T", "")
	tn.Users["x"].Status.IsResigned = false
	p = BuildRestore(&org.Org{}, nil, tn.Snapshot, RestoreOptions{Record: rec, Done: done, TokenSalt: "s"})
	if got := rulesOf(change(p, "S")); got != "update " {
		t.Errorf("resumed: S %q", got)
	}
	if got := rulesOf(change(p, "x")); got != "unchanged PLAN_RESTORE_ACTIVE" {
		t.Errorf("resumed: x %q", got)
	}
	for _, st := range p.Steps {
		if st.ID == DepartmentLeaderStep("S") && len(st.Deps) != 0 {
			t.Errorf("resumed: S's leader waits for %v", st.Deps)
		}
		if st.ID == DepartmentStep("S") {
			t.Error("resumed: S created again")
		}
	}
}
