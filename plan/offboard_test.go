package plan

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

// leaverSheet writes a leavers CSV and loads it as offboard does.
func leaverSheet(t *testing.T, csv string) (*org.Org, []problem.Problem) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "leavers.csv")
	os.WriteFile(p, []byte(csv), 0o600)
	o, ps := org.LoadWith([]org.Input{{Path: p}}, org.LeaverLoad)
	return o, append(ps, validate.Validate(o)...)
}

// offTenant is a walked-like snapshot: departments with parents, members
// listed and children, users.
type offTenant struct{ *tenant.Snapshot }

func newOffTenant() offTenant {
	s := tenant.New()
	s.Children[tenant.RootID] = nil
	return offTenant{s}
}

func (t offTenant) dept(id, parent, leader string, members ...string) {
	t.Departments[id] = &feishu.Department{DepartmentID: id, Name: "N" + id, ParentDepartmentID: parent, LeaderUserID: leader}
	t.Children[parent] = append(t.Children[parent], *t.Departments[id])
	if _, ok := t.Children[id]; !ok {
		t.Children[id] = []feishu.Department{}
	}
	t.Members[id] = members
}

func (t offTenant) user(id, leader string, depts ...string) *feishu.User {
	u := &feishu.User{UserID: id, Name: "名" + id, Mobile: fmt.Sprintf("+86138%08d", len(t.Users)), LeaderUserID: leader, DepartmentIDs: depts, Status: &feishu.UserStatus{}}
	t.Users[id] = u
	t.ByMobile[u.Mobile] = id
	return u
}

// counts sets member_count as a walk reads it: distinct users here or below.
func (t offTenant) counts() {
	for id, d := range t.Departments {
		seen := map[string]bool{}
		var walk func(string)
		walk = func(x string) {
			for _, m := range t.Members[x] {
				seen[m] = true
			}
			for _, k := range t.Children[x] {
				walk(k.DepartmentID)
			}
		}
		walk(id)
		d.MemberCount = len(seen)
	}
}

const leaverHeader = "user_id,name,mobile,acceptor_user_id,docs_acceptor_user_id,email_processing,leader_successor_user_id\n"

// TestOffboardEmptiesDepartmentsChildrenFirst: the squad and its
// sub-squad lose everyone, so both go — the sub-squad first, each after
// its members; the team keeps its boss, and a department that was empty
// before is not touched. Only departments that can be left empty by
// member_count get their members listed.
func TestOffboardEmptiesDepartmentsChildrenFirst(t *testing.T) {
	tn := newOffTenant()
	tn.dept("T", "0", "boss", "boss")
	tn.dept("S", "T", "lead", "lead")
	tn.dept("SS", "S", "x1", "x1", "x2")
	tn.dept("E", "T", "")
	tn.counts()
	tn.user("boss", "", "T")
	tn.user("lead", "boss", "S")
	tn.user("x1", "lead", "SS")
	tn.user("x2", "x1", "SS")
	o, ps := leaverSheet(t, leaverHeader+"lead,,,,,,\nx1,,,boss,,,\nx2,,,boss,,,\n")

	unlisted := *tn.Snapshot
	unlisted.Members = map[string][]string{}
	if got := OffboardReads(o, ps, &unlisted, OffboardOptions{}); !slices.Equal(got, []string{"S", "SS"}) {
		t.Errorf("members to list: %v, want S and SS (T keeps its boss by member_count)", got)
	}

	p := BuildOffboard(o, ps, tn.Snapshot, OffboardOptions{})
	for key, a := range map[string]Action{"lead": ActionDelete, "x1": ActionDelete, "x2": ActionDelete, "SS": ActionDelete, "S": ActionDelete} {
		if c := change(p, key); c == nil || c.Action != a {
			t.Errorf("%s: %+v, want %s", key, c, a)
		}
	}
	if change(p, "T") != nil || change(p, "E") != nil {
		t.Error("a kept department has a row")
	}
	var order []string
	for _, s := range p.Ordered() {
		order = append(order, s.ID.String())
	}
	if i, j := slices.Index(order, "dept-delete:SS"), slices.Index(order, "dept-delete:S"); i < 0 || j < i {
		t.Errorf("order %v: the sub-squad must go before the squad", order)
	}
	deps := map[string][]StepID{}
	for _, s := range p.Steps {
		deps[s.ID.String()] = s.Deps
	}
	if !slices.Equal(deps["dept-delete:SS"], []StepID{UserDeleteStep("x1"), UserDeleteStep("x2")}) ||
		!slices.Equal(deps["dept-delete:S"], []StepID{UserDeleteStep("lead"), DepartmentDeleteStep("SS")}) {
		t.Errorf("deps %v", deps)
	}
	if c := change(p, "lead"); len(c.Steps) != 1 || len(c.Steps[0].Deps) != 0 || rules(c) != "" {
		t.Errorf("lead leads S, which goes: no leader slot to clear; %+v %s", c.Steps, rules(c))
	}
	rec := p.Record(nil)
	if len(rec.Users) != 3 || len(rec.Departments) != 2 || rec.Departments[0].DepartmentID != "SS" || len(rec.Leaders) != 0 {
		t.Errorf("record %+v", rec)
	}

	// x2 stays (blocked: their leader x1 leaves too and no acceptor is
	// given): the sub-squad keeps a member, so neither department goes.
	o2, ps2 := leaverSheet(t, leaverHeader+"lead,,,,,,\nx1,,,boss,,,\nx2,,,,,,\n")
	p2 := BuildOffboard(o2, ps2, tn.Snapshot, OffboardOptions{})
	if c := change(p2, "x2"); c.Action != ActionBlocked || !strings.Contains(rules(c), "PLAN_LEADER_LEAVING") {
		t.Errorf("x2: %s %s", c.Action, rules(c))
	}
	for _, d := range []string{"S", "SS"} { // kept: their leavers' leader slots are cleared
		if c := change(p2, d); c == nil || c.Action != ActionUpdate {
			t.Errorf("a department with a blocked leaver in it is deleted (%s: %+v)", d, c)
		}
	}
	if c := change(p2, "lead"); c.Action != ActionDelete || !strings.Contains(rules(c), "PLAN_LEAVER_LEADS") {
		t.Errorf("lead: %s %s: the kept squad's leader slot is cleared, with a warning", c.Action, rules(c))
	}
}

// TestOffboardHandover: who receives what, and the refusals.
func TestOffboardHandover(t *testing.T) {
	tn := newOffTenant()
	tn.dept("T", "0", "lead", "boss", "lead", "w1", "w2", "w3", "nobody", "x", "y", "adm", "orph", "z")
	tn.counts()
	tn.user("boss", "", "T")
	tn.user("lead", "boss", "T")
	tn.user("w1", "lead", "T")
	tn.user("w2", "lead", "T")
	tn.user("w3", "boss", "T")
	tn.user("nobody", "", "T")
	tn.user("x", "boss", "T")
	tn.user("y", "boss", "T")
	tn.user("adm", "boss", "T").IsTenantManager = true
	tn.user("orph", "ex", "T")
	tn.user("z", "boss", "T")
	tn.user("ex", "", "T").Status.IsResigned = true
	tn.user("gone", "", "T").Status.IsResigned = true
	tn.Tree = &tenant.Tree{}
	o, ps := leaverSheet(t, leaverHeader+
		"lead,名lead,,,,,w3\n"+ // leads T: w3 takes over
		"w1,,,,,,\n"+ // their leader leaves too: refused
		"w2,,,boss,,删除,\n"+ // everything to boss, email deleted
		"nobody,,,,,,\n"+ // no leader: warned
		"x,,,,w1,,\n"+ // docs to someone leaving: refused
		"y,,,,ghost,,\n"+ // docs to nobody known: refused
		"adm,,,,,,\n"+ // the tenant administrator
		",,"+org.LocalMobile(tn.Users["orph"].Mobile)+",,,,\n"+ // by mobile; leader resigned
		"gone,,,,,,\n"+ // already resigned
		"w3x,,,,,,\n"+ // not found
		"z,错的,,,,,w9\n") // wrong name, a successor unknown and without departments
	p := BuildOffboard(o, ps, tn.Snapshot, OffboardOptions{})
	want := map[string]struct {
		a     Action
		rules string
	}{
		"lead":   {ActionDelete, ""},
		"w1":     {ActionBlocked, "PLAN_LEADER_LEAVING"},
		"w2":     {ActionDelete, ""},
		"nobody": {ActionDelete, "PLAN_LEAVER_NO_LEADER"},
		"x":      {ActionBlocked, "PLAN_ACCEPTOR_LEAVING"},
		"y":      {ActionBlocked, "PLAN_ACCEPTOR_INVALID"},
		"adm":    {ActionBlocked, "PLAN_LEAVER_ADMIN"},
		"orph":   {ActionDelete, "PLAN_LEAVER_NO_LEADER"},
		"gone":   {ActionUnchanged, "PLAN_LEAVER_GONE"},
		"w3x":    {ActionBlocked, "PLAN_LEAVER_NOT_FOUND"},
		"z":      {ActionBlocked, "PLAN_LEAVER_NAME_MISMATCH,PLAN_ACCEPTOR_INVALID,PLAN_SUCCESSOR_UNUSED"},
	}
	for key, w := range want {
		c := change(p, key)
		if c == nil || c.Action != w.a || rules(c) != w.rules {
			t.Errorf("%s: %v %q, want %s %q", key, c != nil && true, rulesOf(c), w.a, w.rules)
		}
	}
	body := func(key string) feishu.UserDelete {
		for _, s := range change(p, key).Steps {
			if r, ok := s.Request.(DeleteUser); ok {
				return r.Body
			}
		}
		t.Fatalf("%s has no delete step", key)
		return feishu.UserDelete{}
	}
	if b := body("w2"); b.DocsAcceptorUserID != "boss" || b.DepartmentChatAcceptorUserID != "boss" || b.EmailAcceptor == nil ||
		*b.EmailAcceptor != (feishu.ResourceAcceptor{ProcessingType: feishu.EmailDelete}) {
		t.Errorf("w2's body %+v", b)
	}
	if b := body("lead"); b.DocsAcceptorUserID != "boss" || b.CalendarAcceptorUserID != "boss" || b.DepartmentChatAcceptorUserID != "" ||
		b.EmailAcceptor.AcceptorUserID != "boss" {
		t.Errorf("lead's body: the direct leader, sent explicitly; chats to Feishu's default: %+v", b)
	}
	if b := body("nobody"); !b.IsZero() {
		t.Errorf("without leader and acceptor nothing is sent: %+v", b)
	}
	tc := change(p, "T")
	if tc == nil || tc.Action != ActionUpdate || tc.Fields[0] != (FieldChange{"leader_user_id", "lead", "w3"}) {
		t.Fatalf("T: %+v", tc)
	}
	if s := change(p, "lead").Steps[0]; !slices.Equal(s.Deps, []StepID{DepartmentLeaderStep("T")}) {
		t.Errorf("lead goes after T has its new leader: %v", s.Deps)
	}
	if change(p, "orph").MatchedBy != MatchMobile {
		t.Error("orph was not matched by mobile")
	}
}

func rulesOf(c *Change) string {
	if c == nil {
		return "(no row)"
	}
	return string(c.Action) + " " + rules(c)
}

// TestOffboardIdentity: a user_id with another user's mobile beside it,
// a mobile and an email of two users, two rows of one user, and a
// resigned user found by contact (a leaver gone already).
func TestOffboardIdentity(t *testing.T) {
	tn := newOffTenant()
	tn.dept("T", "0", "", "boss", "a", "b", "c", "d")
	tn.counts()
	tn.user("boss", "", "T")
	a, b, c, d := tn.user("a", "boss", "T"), tn.user("b", "boss", "T"), tn.user("c", "boss", "T"), tn.user("d", "boss", "T")
	a.Email = "a@example.com"
	tn.ByEmail["a@example.com"] = "a"
	gone := tn.user("gone", "boss", "T")
	gone.Status.IsResigned = true
	delete(tn.ByMobile, gone.Mobile)
	tn.ResignedByContact[gone.Mobile] = "gone"
	mob := func(u *feishu.User) string { return org.LocalMobile(u.Mobile) }
	o, ps := leaverSheet(t, "user_id,mobile,email\n"+
		"a,"+mob(c)+",\n"+ // row 2: a's row with c's mobile
		","+mob(d)+",a@example.com\n"+ // row 3: d's mobile, a's email
		"b,,\n"+ // row 4
		","+mob(b)+",\n"+ // row 5: b again
		","+mob(gone)+",\n") // row 6
	p := BuildOffboard(o, ps, tn.Snapshot, OffboardOptions{})
	got := map[int]string{}
	for _, c := range p.Changes {
		got[c.Record.Num] = rulesOf(c)
	}
	want := map[int]string{
		2: "blocked PLAN_LEAVER_CONTACT_MISMATCH",
		3: "blocked PLAN_CONTACT_AMBIGUOUS",
		4: "blocked PLAN_USER_TWICE",
		5: "blocked PLAN_USER_TWICE",
		6: "unchanged PLAN_LEAVER_GONE",
	}
	for row, w := range want {
		if got[row] != w {
			t.Errorf("row %d: %s, want %s", row, got[row], w)
		}
	}
	if len(p.Steps) != 0 {
		t.Errorf("steps %v", p.Steps)
	}
}

// TestOffboardResumeRows: resumed with the record of a run that deleted
// the squad and cleared a leader slot, the plan has those rows (unchanged
// now: the journal says what was done) — and keeps, with a warning, a
// department the run was to delete that someone joined meanwhile.
func TestOffboardResumeRows(t *testing.T) {
	tn := newOffTenant()
	tn.dept("T", "0", "", "boss")
	tn.dept("K", "T", "", "newcomer")
	tn.counts()
	tn.user("boss", "", "T")
	tn.user("newcomer", "boss", "K")
	tn.user("x", "boss").Status.IsResigned = true
	prev := &OffboardRecord{
		Users:       []RecordUser{{UserID: "x", Name: "名x", Departments: []string{"S"}}},
		Departments: []feishu.Department{{DepartmentID: "S", Name: "Squad", ParentDepartmentID: "T"}, {DepartmentID: "K", Name: "Kept", ParentDepartmentID: "T"}},
		Leaders:     []LeaderSlot{{DepartmentID: "T", Name: "NT", From: "x", To: ""}},
	}
	o, ps := leaverSheet(t, leaverHeader+"x,,,,,,\n")
	if got := OffboardReads(o, ps, &tenant.Snapshot{Departments: tn.Departments, Users: tn.Users, Members: map[string][]string{}, Children: tn.Children}, OffboardOptions{Previous: prev}); !slices.Equal(got, []string{"K"}) {
		t.Errorf("members to list on resume: %v, want K", got)
	}
	p := BuildOffboard(o, ps, tn.Snapshot, OffboardOptions{Previous: prev})
	for key, w := range map[string]string{"x": "unchanged ", "S": "unchanged ", "K": "unchanged PLAN_DEPT_KEPT", "T": "unchanged "} {
		if got := rulesOf(change(p, key)); got != w {
			t.Errorf("%s: %q, want %q", key, got, w)
		}
	}
	if len(p.Steps) != 0 {
		t.Errorf("steps %v", p.Steps)
	}
	if rec := p.Record(prev); len(rec.Users) != 1 || len(rec.Departments) != 2 || len(rec.Leaders) != 1 {
		t.Errorf("the record of a resumed run keeps the first one's: %+v", rec)
	}
}

// TestOffboardDeputiesAndRoles: clearing the leader of a department with
// deputies who stay would clear them too — refused without a successor;
// a leaver who is a deputy or an HRBP elsewhere is told those roles stay.
func TestOffboardDeputiesAndRoles(t *testing.T) {
	tn := newOffTenant()
	tn.dept("T", "0", "lead", "boss", "lead", "dep", "succ")
	tn.Departments["T"].Leaders = []feishu.DepartmentLeader{{LeaderType: feishu.LeaderMain, LeaderID: "lead"}, {LeaderType: feishu.LeaderDeputy, LeaderID: "dep"}}
	tn.dept("H", "0", "boss", "boss")
	tn.Departments["H"].DepartmentHrbps = []string{"dep"}
	tn.Departments["H"].Leaders = []feishu.DepartmentLeader{{LeaderType: feishu.LeaderMain, LeaderID: "boss"}, {LeaderType: feishu.LeaderDeputy, LeaderID: "dep"}}
	tn.counts()
	for _, id := range []string{"lead", "dep", "succ"} {
		tn.user(id, "boss", "T")
	}
	tn.user("boss", "", "T")
	for _, tt := range []struct{ sheet, lead string }{
		{leaverHeader + "lead,,,boss,,,\n", "blocked PLAN_LEADER_DEPUTIES"},
		{leaverHeader + "lead,,,boss,,,succ\n", "delete "},
		{leaverHeader + "lead,,,boss,,,\ndep,,,boss,,,\n", "delete PLAN_LEAVER_LEADS"}, // the deputy leaves too
	} {
		o, ps := leaverSheet(t, tt.sheet)
		p := BuildOffboard(o, ps, tn.Snapshot, OffboardOptions{})
		if got := rulesOf(change(p, "lead")); got != tt.lead {
			t.Errorf("%q: lead %q, want %q", tt.sheet, got, tt.lead)
		}
		if c := change(p, "dep"); c != nil && rulesOf(c) != "delete PLAN_LEAVER_ROLES" {
			t.Errorf("dep: %q", rulesOf(c))
		}
	}
}
