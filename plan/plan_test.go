package plan

import (
	"encoding/json"
	"reflect"
	"slices"

	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/tenant"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/validate"
)

// sheetOrg writes CSVs and loads them.
func sheetOrg(t *testing.T, depts, users string) (*org.Org, []problem.Problem) {
	t.Helper()
	dir := t.TempDir()
	var in []org.Input
	if depts != "" {
		p := filepath.Join(dir, "departments.csv")
		os.WriteFile(p, []byte(depts), 0o600)
		in = append(in, org.Input{Path: p, Kind: org.KindDepartments})
	}
	if users != "" {
		p := filepath.Join(dir, "users.csv")
		os.WriteFile(p, []byte(users), 0o600)
		in = append(in, org.Input{Path: p, Kind: org.KindUsers})
	}
	o, ps := org.Load(in)
	return o, append(ps, validate.Validate(o)...)
}

const userHeader = "user_id,name,mobile,email,department_ids,employee_type,leader_user_id,job_title\n"

func change(p *Plan, key string) *Change {
	for _, c := range p.Changes {
		if c.Key == key {
			return c
		}
	}
	return nil
}

func rules(c *Change) string {
	var out []string
	for _, p := range c.Problems {
		out = append(out, p.Rule)
	}
	return strings.Join(out, ",")
}

func TestPlanActions(t *testing.T) {
	o, ps := sheetOrg(t,
		"department_id,name,parent_department_id,name_en\nA,甲,0,Alpha\nB,乙,A,\nC,丙,B,\nD,丁,0,\n",
		userHeader+
			"u1,张三,13800000001,u1@example.com,A,1,,工程师\n"+
			"u2,李四,13800000002,,B;C,1,u1,\n"+
			"u3,王五,13800000003,,D,1,u2,\n")
	tn := tenant.New()
	tn.Departments["A"] = &feishu.Department{DepartmentID: "A", OpenDepartmentID: "od-a", Name: "甲", ParentDepartmentID: "0", I18nName: &feishu.I18nName{EnUs: "Alpha"}}
	tn.Departments["B"] = &feishu.Department{DepartmentID: "B", Name: "乙", ParentDepartmentID: "0"} // moves under A
	tn.Departments["D"] = &feishu.Department{DepartmentID: "D", Name: "旧名", ParentDepartmentID: "0"}
	tn.Users["u1"] = &feishu.User{UserID: "u1", OpenID: "ou_1", Name: "张三", Mobile: "+8613800000001", Email: "U1@example.com", DepartmentIDs: []string{"A"}, EmployeeType: 1, JobTitle: "工程师"}
	tn.Users["u2"] = &feishu.User{UserID: "u2", Name: "李四", Mobile: "+8613800000002", DepartmentIDs: []string{"B"}, EmployeeType: 1, LeaderUserID: "u1"}
	tn.ByMobile["+8613800000001"], tn.ByMobile["+8613800000002"] = "u1", "u2"
	p := Build(o, ps, tn)

	want := map[string]Action{"A": ActionUnchanged, "B": ActionMove, "C": ActionCreate, "D": ActionUpdate, "u1": ActionUnchanged, "u2": ActionMove, "u3": ActionCreate}
	for key, a := range want {
		if c := change(p, key); c == nil || c.Action != a {
			t.Errorf("%s: %+v, want %s", key, c, a)
		}
	}
	if f := change(p, "D").Fields; len(f) != 1 || f[0] != (FieldChange{"name", "旧名", "丁"}) {
		t.Errorf("D fields %+v", f)
	}
	if f := change(p, "u2").Fields; len(f) != 1 || f[0].Field != "department_ids" || f[0].New != "B;C" {
		t.Errorf("u2 fields %+v", f)
	}
	if change(p, "u1").Existing.OpenID != "ou_1" || change(p, "A").Existing.OpenDepartmentID != "od-a" {
		t.Error("existing IDs not carried")
	}
	steps := map[string]*Step{}
	for _, s := range p.Steps {
		steps[s.ID.String()] = s
	}
	// C is created under B (which exists): no dependency. u2's move needs C
	// created; u3 is created in D (exists) with u2 (exists) as leader.
	if s := steps["dept:C"]; s == nil || s.Op() != OpCreateDepartment || len(s.Deps) != 0 || s.ClientToken == "" {
		t.Errorf("dept:C = %+v", s)
	}
	if s := steps["user:u2"]; s == nil || s.Op() != OpPatchUser || joinIDs(s.Deps) != "dept:C" || userPatch(s).Name != nil {
		t.Errorf("user:u2 = %+v", s)
	}
	if s := steps["user:u3"]; s == nil || userBody(s).LeaderUserID != "u2" || len(s.Soft) != 0 {
		t.Errorf("user:u3 = %+v", s)
	}
	if len(p.Steps) != 5 { // B move, C create, D rename, u2 move, u3 create
		t.Errorf("%d steps", len(p.Steps))
	}
}

func TestPlanEmptyTenantDependencies(t *testing.T) {
	o, ps := sheetOrg(t,
		"department_id,name,parent_department_id,leader_user_id\nA,甲,0,m\nB,乙,A,\n",
		userHeader+"m,经理,13800000001,,A,1,,\nr,员工,13800000002,,B,1,m,\n")
	p := Build(o, ps, tenant.New())
	steps := map[string]*Step{}
	for _, s := range p.Steps {
		steps[s.ID.String()] = s
	}
	checks := []struct {
		id, deps, leaderDep string
	}{
		{"dept:A", "", ""},
		{"dept:B", "dept:A", ""},
		{"user:m", "dept:A", ""},
		{"user:r", "dept:B", "user:m"},
		{"dept-leader:A", "dept:A", "user:m"}, // the leader is a soft dependency
	}
	for _, c := range checks {
		s := steps[c.id]
		if s == nil || joinIDs(s.Deps) != c.deps || joinIDs(s.Soft) != c.leaderDep {
			t.Errorf("%s = %+v", c.id, s)
		}
	}
	// The leader is not in A's create (he does not exist yet) but in r's.
	if deptBody(steps["dept:A"]).LeaderUserID != "" || userBody(steps["user:r"]).LeaderUserID != "m" {
		t.Error("leaders misplaced")
	}
	// The critical path goes first: A (→ B → r, A → m → r) outranks r.
	if steps["dept:A"].Priority <= steps["user:r"].Priority {
		t.Errorf("priorities A=%d r=%d", steps["dept:A"].Priority, steps["user:r"].Priority)
	}
}

func TestPlanOnlineProblems(t *testing.T) {
	o, ps := sheetOrg(t,
		"department_id,name,parent_department_id,leader_user_id\n"+
			"N,新部门,0,\n"+ // clashes with an existing sibling named 新部门
			"O,孤儿,GHOST,\n"+ // parent exists nowhere
			"K,子部门,O,\n"+ // depends on the blocked O: skipped
			"L,有负责人,0,nobody\n"+ // leader exists nowhere: warning only
			"R,在飞书,EXIST,boss\n", // parent and leader not in the sheet, but in the tenant
		userHeader+
			"a,甲,13800000001,,0,1,,\n"+ // mobile belongs to someone else
			"b,乙,13800000002,taken@example.com,0,1,,\n"+ // email belongs to someone else
			"c,丙,13800000003,,NOWHERE,1,,\n"+ // department exists nowhere
			"d,丁,13800000004,,K,1,,\n"+ // department blocked: skipped
			"e,戊,13800000005,,0,1,,\n"+ // user_id of a resigned user
			"f,己,13800000006,,0,1,ghost,\n"+ // leader exists nowhere: warning
			"g,庚,13800000007,,EXIST,1,boss,\n") // department and leader in the tenant
	tn := tenant.New()
	tn.Children["0"] = []feishu.Department{{DepartmentID: "X1", Name: "新部门"}}
	tn.ByMobile["+8613800000001"] = "other1"
	tn.ByEmail["taken@example.com"] = "other2"
	tn.Users["e"] = &feishu.User{UserID: "e", Status: &feishu.UserStatus{IsResigned: true}}
	tn.Departments["EXIST"] = &feishu.Department{DepartmentID: "EXIST", Name: "在飞书的部门"}
	tn.Users["boss"] = &feishu.User{UserID: "boss", Name: "老板"}
	p := Build(o, ps, tn)
	want := map[string]struct {
		action    Action
		rules     string
		blockedBy string
	}{
		"N": {ActionBlocked, "PLAN_NAME_TAKEN", ""},
		// The offline warnings (DEPT_PARENT_UNKNOWN, USER_LEADER_UNKNOWN, …)
		// are the plan's to check: replaced by its own problem, or cleared.
		"O": {ActionBlocked, "PLAN_PARENT_MISSING", ""},
		"K": {ActionBlocked, "PLAN_BLOCKED_BY", "O"},
		"L": {ActionCreate, "PLAN_LEADER_MISSING", ""},
		"R": {ActionCreate, "", ""},
		"a": {ActionBlocked, "PLAN_MOBILE_TAKEN", ""},
		"b": {ActionBlocked, "PLAN_EMAIL_TAKEN", ""},
		"c": {ActionBlocked, "PLAN_DEPT_MISSING", ""},
		"d": {ActionBlocked, "PLAN_BLOCKED_BY", "K"},
		"e": {ActionBlocked, "PLAN_USER_RESIGNED", ""},
		"f": {ActionCreate, "PLAN_LEADER_MISSING", ""},
		"g": {ActionCreate, "", ""},
	}
	if !slices.ContainsFunc(ps, func(p problem.Problem) bool { return p.Rule == "USER_LEADER_UNKNOWN" && p.Row == 8 }) {
		t.Fatal("validation did not warn about g's leader: the test checks nothing")
	}
	for key, w := range want {
		c := change(p, key)
		if c == nil || c.Action != w.action || rules(c) != w.rules || c.BlockedBy != w.blockedBy {
			t.Errorf("%s: action %v rules %q blockedBy %q; want %+v", key, c.Action, rules(c), c.BlockedBy, w)
		}
	}
	if s := change(p, "L").Steps[0]; deptBody(s).LeaderUserID != "" {
		t.Error("unknown leader sent")
	}
	if !p.Blocked() || len(p.Problems) == 0 {
		t.Error("plan not blocked")
	}
}

func TestClientTokenIsDeterministic(t *testing.T) {
	a := ClientToken(UserStep("u1"), feishu.User{UserID: "u1", Name: "甲"})
	b := ClientToken(UserStep("u1"), feishu.User{UserID: "u1", Name: "甲"})
	c := ClientToken(UserStep("u1"), feishu.User{UserID: "u1", Name: "乙"})
	if a != b || a == c || len(a) != 36 {
		t.Errorf("tokens %s %s %s", a, b, c)
	}
}

func deptBody(s *Step) feishu.Department { return s.Request.(CreateDepartment).Body }
func userBody(s *Step) feishu.User       { return s.Request.(CreateUser).Body }
func userPatch(s *Step) feishu.UserPatch { return s.Request.(PatchUser).Patch }

func joinIDs(ids []StepID) string {
	var out []string
	for _, id := range ids {
		out = append(out, id.String())
	}
	return strings.Join(out, ",")
}

// TestWriteJSONStreams: the streamed plan.json is one JSON document with
// the summary, every change and every step, as the JSON type reads it.
func TestWriteJSONStreams(t *testing.T) {
	p := &Plan{
		Changes: []*Change{
			{Kind: KindDepartment, Key: "D1", Name: "技术 <&>", Action: ActionCreate},
			{Kind: KindUser, Key: "u1", Action: ActionUpdate, Fields: []FieldChange{{Field: "name", Old: "a", New: "b"}}},
		},
		Steps: []*Step{
			{ID: DepartmentStep("D1"), Request: CreateDepartment{Body: feishu.Department{DepartmentID: "D1", Name: "技术 <&>"}}, Priority: 2},
			{ID: UserStep("u1"), Request: PatchUser{ID: "u1"}, Deps: []StepID{DepartmentStep("D1")}, Priority: 1},
		},
	}
	for _, plan := range []*Plan{p, {}} {
		var b strings.Builder
		if err := WriteJSON(&b, plan); err != nil {
			t.Fatal(err)
		}
		// As data: the streamed document holds what marshalling the
		// whole plan at once would (steps marshal one way, so compare
		// generically).
		var got struct {
			Summary map[Kind]map[Action]int `json:"summary"`
			Changes []any                   `json:"changes"`
			Steps   []any                   `json:"steps"`
		}
		if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, b.String())
		}
		var want struct{ Changes, Steps []any }
		whole, _ := json.Marshal(JSON{Changes: append([]*Change{}, plan.Changes...), Steps: append([]*Step{}, plan.Steps...)})
		json.Unmarshal(whole, &want)
		if got.Changes == nil || got.Steps == nil {
			t.Fatalf("changes or steps missing: %s", b.String())
		}
		if !reflect.DeepEqual(got.Changes, want.Changes) || !reflect.DeepEqual(got.Steps, want.Steps) {
			t.Errorf("read back\n%v\n%v\nwant\n%v\n%v", got.Changes, got.Steps, want.Changes, want.Steps)
		}
		if n := got.Summary[KindUser][ActionUpdate]; plan == p && n != 1 || len(got.Summary[KindDepartment]) != len(Actions) {
			t.Errorf("summary %v", got.Summary)
		}
		if plan == p && !strings.Contains(b.String(), "<&>") {
			t.Error("HTML escaping in plan.json")
		}
	}
}
