package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sandbox"
)

// writeCSVs writes CSV files into a temporary folder and loads them.
func writeCSVs(t *testing.T, files map[string]string) *org.Org {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return loadSheet(t, paths...)
}

func deptsByID(srv *sandbox.Server) map[string]feishu.Department {
	out := map[string]feishu.Department{}
	for _, d := range srv.Departments() {
		out[d.DepartmentID] = d
	}
	return out
}

func usersByID(srv *sandbox.Server) map[string]feishu.User {
	out := map[string]feishu.User{}
	for _, u := range srv.Users() {
		out[u.UserID] = u
	}
	return out
}

func leaderIDs(d feishu.Department) []string {
	var out []string
	for _, l := range d.Leaders {
		out = append(out, l.LeaderID)
	}
	return out
}

const peopleUsers = "user_id,name,mobile,department_ids,employee_type,leader_user_id,dotted_line_leader_user_ids\n" +
	"m,经理,13800000001,A,1,,\n" +
	"d1,副手,13800000002,A,1,m,h1\n" + // d1 and h1 are each other's dotted-line leaders
	"h1,人事一,13800000003,A,1,m,d1\n" +
	"h2,人事二,13800000004,A,1,m,\n" +
	"u,员工,13800000005,B,1,m,d1;m\n" +
	",无ID,13800000006,B,1,m,x;h2\n" // no user_id: waits for its dotted-line leaders in its own create

// TestPeopleCreatedInTheSameRun: main and deputy leaders, HRBPs and
// dotted-line leaders who are created in the same run are set once they
// exist — dotted lines that go round in a circle included — and one who
// already exists is set at once.
func TestPeopleCreatedInTheSameRun(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	if _, err := tn.srv.SeedUser(feishu.User{UserID: "x", Name: "老员工", Mobile: "+8613900000009", DepartmentIDs: []string{"0"}, EmployeeType: 1}); err != nil {
		t.Fatal(err)
	}
	o := writeCSVs(t, map[string]string{
		"d.csv": "department_id,name,parent_department_id,leader_user_id,deputy_leader_user_ids,department_hrbps\n" +
			"A,甲,0,m;d1,,h1;h2\n" +
			"B,乙,0,x,d1,x\n" +
			"C,丙,0,x,,x\n",
		"u.csv": peopleUsers,
	})
	p := tn.planFor(t, o)
	steps := map[string]*plan.Step{}
	for _, s := range p.Steps {
		steps[s.ID.String()] = s
	}
	checks := []struct{ id, deps, soft string }{
		{"dept-leader:A", "dept:A", "user:d1,user:h1,user:h2,user:m"},
		{"dept-leader:B", "dept:B", "user:d1"}, // x exists, but the list waits for d1
		{"user-leaders:d1", "user:d1", "user:h1"},
		{"user-leaders:h1", "user:h1", "user:d1"},
		{"user-leaders:u", "user:u", "user:d1,user:m"},
		{"user:mobile:+8613800000006", "dept:B", "user:h2,user:m"}, // x exists: no wait for x
	}
	for _, c := range checks {
		s := steps[c.id]
		if s == nil || joinStepIDs(s.Deps) != c.deps || joinStepIDs(s.Soft) != c.soft {
			t.Errorf("%s = %+v", c.id, s)
		}
	}
	if s := steps["dept:C"]; s == nil || s.Request.(plan.CreateDepartment).Body.LeaderUserID != "x" || len(s.Request.(plan.CreateDepartment).Body.DepartmentHrbps) != 1 {
		t.Errorf("dept:C sets its existing leader and HRBP at once: %+v", s)
	}
	res := tn.run(t, p, Options{Workers: 6})
	for _, oc := range res.Outcomes {
		if oc.Status != StatusCreated {
			t.Errorf("%s %s: %s %s", oc.Change.Kind, oc.Change.Key, oc.Status, oc.Message)
		}
	}
	depts, users := deptsByID(tn.srv), usersByID(tn.srv)
	if a := depts["A"]; a.LeaderUserID != "m" || !reflect.DeepEqual(leaderIDs(a), []string{"m", "d1"}) || !reflect.DeepEqual(a.DepartmentHrbps, []string{"h1", "h2"}) {
		t.Errorf("A: leader %s leaders %v hrbps %v", a.LeaderUserID, a.Leaders, a.DepartmentHrbps)
	}
	if b := depts["B"]; !reflect.DeepEqual(leaderIDs(b), []string{"x", "d1"}) || b.Leaders[1].LeaderType != feishu.LeaderDeputy {
		t.Errorf("B: leaders %v", b.Leaders)
	}
	want := map[string][]string{"d1": {"h1"}, "h1": {"d1"}, "u": {"d1", "m"}, "m": nil}
	for id, dotted := range want {
		if got := users[id].DottedLineLeaderUserIDs; !reflect.DeepEqual(got, dotted) {
			t.Errorf("%s dotted-line leaders %v, want %v", id, got, dotted)
		}
	}
	for _, u := range users {
		if u.Name == "无ID" && (!reflect.DeepEqual(u.DottedLineLeaderUserIDs, []string{"x", "h2"}) || u.LeaderUserID != "m") {
			t.Errorf("the user without user_id: leader %s dotted %v", u.LeaderUserID, u.DottedLineLeaderUserIDs)
		}
	}
	// Done: nothing more to do.
	if again := tn.planFor(t, o); len(again.Steps) != 0 {
		t.Fatalf("re-run: %s, steps %v", plan.Summary(again), again.Steps)
	}
}

func joinStepIDs(ids []plan.StepID) string {
	var s []string
	for _, id := range ids {
		s = append(s, id.String())
	}
	slices.Sort(s)
	return strings.Join(s, ",")
}

// TestFailedPersonIsLeftOut: a deputy and an HRBP whose creation fails at
// import are left out of the department's leader step, with a warning;
// the others are set.
func TestFailedPersonIsLeftOut(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	o := writeCSVs(t, map[string]string{
		"d.csv": "department_id,name,parent_department_id,leader_user_id,department_hrbps\nA,甲,0,m;d1,h1;h2\n",
		"u.csv": peopleUsers,
	})
	p := tn.planFor(t, o)
	// Someone takes d1's and h2's mobiles between the plan and the import.
	for _, mob := range []string{"+8613800000002", "+8613800000004"} {
		if _, err := tn.srv.SeedUser(feishu.User{Name: "别人", Mobile: mob, DepartmentIDs: []string{"0"}, EmployeeType: 1}); err != nil {
			t.Fatal(err)
		}
	}
	res := tn.run(t, p, Options{Workers: 4})
	var a Outcome
	for _, oc := range res.Outcomes {
		if oc.Change.Key == "A" {
			a = oc
		}
	}
	if a.Status != StatusCreated || len(a.Warnings) == 0 || !strings.Contains(a.Warnings[0], "d1") || !strings.Contains(a.Warnings[0], "h2") {
		t.Errorf("A: %s %v", a.Status, a.Warnings)
	}
	if d := deptsByID(tn.srv)["A"]; d.LeaderUserID != "m" || len(d.Leaders) != 1 || !reflect.DeepEqual(d.DepartmentHrbps, []string{"h1"}) {
		t.Errorf("A: leaders %v hrbps %v", d.Leaders, d.DepartmentHrbps)
	}
}

// TestUpdatePeople: against departments and users that exist, the sheet's
// deputies replace the tenant's, a leader cell without deputies changes
// the main leader only (the tenant's deputies stay), HRBPs and dotted-line
// leaders are compared as sets, and empty cells change nothing.
func TestUpdatePeople(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	for i, id := range []string{"a", "b", "c", "d"} {
		if _, err := tn.srv.SeedUser(feishu.User{UserID: id, Name: id, Mobile: fmt.Sprintf("+86138000000%02d", i), DepartmentIDs: []string{"0"}, EmployeeType: 1}); err != nil {
			t.Fatal(err)
		}
	}
	lead := func(main string, deputies ...string) []feishu.DepartmentLeader {
		out := []feishu.DepartmentLeader{{LeaderType: 1, LeaderID: main}}
		for _, d := range deputies {
			out = append(out, feishu.DepartmentLeader{LeaderType: 2, LeaderID: d})
		}
		return out
	}
	for _, d := range []feishu.Department{
		{DepartmentID: "P", Name: "P", ParentDepartmentID: "0", LeaderUserID: "a", Leaders: lead("a", "b"), DepartmentHrbps: []string{"c", "d"}},
		{DepartmentID: "Q", Name: "Q", ParentDepartmentID: "0", LeaderUserID: "a", Leaders: lead("a", "b"), DepartmentHrbps: []string{"c"}},
		{DepartmentID: "R", Name: "R", ParentDepartmentID: "0", LeaderUserID: "a", Leaders: lead("a", "b")},
	} {
		if _, err := tn.srv.SeedDepartment(d); err != nil {
			t.Fatal(err)
		}
	}
	o := writeCSVs(t, map[string]string{"d.csv": "department_id,name,parent_department_id,leader_user_id,department_hrbps\n" +
		"P,P,0,a;b,d;c\n" + // the same people in another order: unchanged
		"Q,Q,0,c,d\n" + //     main leader c, b stays deputy; HRBPs d
		"R,R,0,a;c;d,\n"}) //   deputies c and d instead of b
	p := tn.planFor(t, o)
	want := map[string]string{"P": "unchanged", "Q": "leader_user_id: a → c; department_hrbps: c → d", "R": "leader_user_id: a;b → a;c;d"}
	for _, c := range p.Changes {
		got := string(c.Action)
		if len(c.Fields) > 0 {
			var fs []string
			for _, f := range c.Fields {
				fs = append(fs, f.Field+": "+f.Old+" → "+f.New)
			}
			got = strings.Join(fs, "; ")
		}
		if got != want[c.Key] {
			t.Errorf("%s: %s, want %s", c.Key, got, want[c.Key])
		}
	}
	tn.run(t, p, Options{Workers: 2})
	depts := deptsByID(tn.srv)
	if q := depts["Q"]; !reflect.DeepEqual(leaderIDs(q), []string{"c", "b"}) || !reflect.DeepEqual(q.DepartmentHrbps, []string{"d"}) {
		t.Errorf("Q: %v %v", q.Leaders, q.DepartmentHrbps)
	}
	if r := depts["R"]; !reflect.DeepEqual(leaderIDs(r), []string{"a", "c", "d"}) {
		t.Errorf("R: %v", r.Leaders)
	}
}
