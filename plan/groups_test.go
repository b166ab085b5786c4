package plan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

// groupOrg loads a users sheet, a groups sheet and a membership sheet
// (any may be "").
func groupOrg(t *testing.T, users, groups, members string) (*org.Org, []problem.Problem) {
	t.Helper()
	dir := t.TempDir()
	var in []org.Input
	for _, f := range []struct {
		kind    org.Kind
		content string
	}{{org.KindUsers, users}, {org.KindGroups, groups}, {org.KindGroupMembers, members}} {
		if f.content == "" {
			continue
		}
		p := filepath.Join(dir, string(f.kind)+".csv")
		os.WriteFile(p, []byte(f.content), 0o600)
		in = append(in, org.Input{Path: p, Kind: f.kind})
	}
	o, ps := org.Load(in)
	return o, append(ps, validate.Validate(o)...)
}

// groupTenant has users u1 (a@x.com), u2 (b@x.com), u3 (resigned), u4,
// and groups G1 研发 {u1}, G2 动态 (dynamic) {u2}, G3 旧名, X9 外部 {u1, u2},
// G6 动态二 (dynamic).
func groupTenant() *tenant.Snapshot {
	tn := tenant.New()
	for i, u := range []feishu.User{
		{UserID: "u1", Name: "张三", Email: "a@x.com"},
		{UserID: "u2", Name: "李四", Email: "b@x.com"},
		{UserID: "u3", Name: "王五", Status: &feishu.UserStatus{IsResigned: true}},
		{UserID: "u4", Name: "赵六"},
	} {
		u.Mobile = fmt.Sprintf("+861380000000%d", i+1)
		tn.Users[u.UserID] = &u
		if !tenant.Resigned(&u) {
			tn.ByMobile[u.Mobile] = u.UserID
			if u.Email != "" {
				tn.ByEmail[u.Email] = u.UserID
			}
		}
	}
	tn.Groups.Read = true
	for _, g := range []tenant.Group{
		{Group: feishu.Group{ID: "G1", GroupID: "G1", Name: "研发", Type: 1}, Users: []string{"u1"}},
		{Group: feishu.Group{ID: "G2", GroupID: "G2", Name: "动态", Type: 2}, Users: []string{"u2"}},
		{Group: feishu.Group{ID: "G3", GroupID: "G3", Name: "旧名", Type: 1}},
		{Group: feishu.Group{ID: "X9", GroupID: "X9", Name: "外部", Type: 1}, Users: []string{"u1", "u2"}},
		{Group: feishu.Group{ID: "G6", GroupID: "G6", Name: "动态二", Type: 2}},
		{Group: feishu.Group{ID: "G9", GroupID: "G9", Name: "九", Type: 1}},
	} {
		g.MembersRead = true
		tenantAddGroup(tn, g)
	}
	return tn
}

func tenantAddGroup(tn *tenant.Snapshot, g tenant.Group) { tn.Groups.Add(&g) }

const memberHeader = "group_id,group_name,user_id,email,mobile,name\n"

func TestPlanGroups(t *testing.T) {
	o, ps := groupOrg(t,
		userHeader+"n1,新人,13900000001,n1@x.com,0,1,,\nu1,张三,13800000001,a@x.com,0,1,,\n",
		"group_id,name,description,members,group_type\n"+
			"G1,研发,,u1;u2;13900000001,\n"+
			"G2,动态,,,动态\n"+
			"G6,动态二,新描述,,\n"+
			"G3,新名,,,普通\n"+
			"G4,研发二组,,u3;u9,\n"+
			"G5,外部,,,\n"+
			",无ID组,,u1,\n"+
			",新动态,,,dynamic\n"+
			"G9,九,,,dynamic\n",
		memberHeader+
			"X9,,u4,,,赵六\n"+
			",外部,u1,,,\n"+
			"X9,别的名字,u2,,,\n"+
			"X9,,u1,b@x.com,,\n"+
			"X9,,,a@x.com,,错名\n"+
			"NOPE,,u1,,,\n"+
			"G2,,u1,,,\n"+
			"G2,,u2,,,\n")
	if problem.HasErrors(ps) {
		t.Fatalf("sheet problems: %v", ps)
	}
	p := Build(o, ps, groupTenant())
	rowChange := func(file string, row int) *Change {
		for _, c := range p.Changes {
			if c.Record.T != nil && strings.HasPrefix(filepath.Base(c.Record.T.File), file) && c.Record.Num == row {
				return c
			}
		}
		return nil
	}
	for _, tc := range []struct {
		c      *Change
		action Action
		rules  string
	}{
		{change(p, "G1"), ActionUnchanged, ""},
		{change(p, "G1/u1"), ActionUnchanged, ""},
		{change(p, "G1/u2"), ActionCreate, ""},
		{change(p, "G1/n1"), ActionCreate, ""}, // by mobile: the users row, created in this run
		{change(p, "G2"), ActionUnchanged, ""},
		{change(p, "G6"), ActionBlocked, "PLAN_GROUP_DYNAMIC"},
		{change(p, "G3"), ActionUpdate, ""},
		{change(p, "G4"), ActionCreate, ""},
		{change(p, "G4/u3"), ActionBlocked, "PLAN_MEMBER_RESIGNED"},
		{change(p, "G4/u9"), ActionBlocked, "PLAN_MEMBER_MISSING"},
		{change(p, "G5"), ActionBlocked, "PLAN_GROUP_NAME_TAKEN"},
		{change(p, "name:无ID组"), ActionCreate, ""},
		{change(p, "name:新动态"), ActionBlocked, "PLAN_GROUP_DYNAMIC"},
		{change(p, "G9"), ActionBlocked, "PLAN_GROUP_TYPE_MISMATCH"},
		{rowChange("group_members", 2), ActionCreate, ""},
		{rowChange("group_members", 3), ActionUnchanged, ""},
		{rowChange("group_members", 4), ActionBlocked, "PLAN_MEMBER_GROUP_CONFLICT"},
		{rowChange("group_members", 5), ActionBlocked, "PLAN_MEMBER_AMBIGUOUS"},
		{rowChange("group_members", 6), ActionBlocked, "PLAN_MEMBER_NAME_MISMATCH"},
		{rowChange("group_members", 7), ActionBlocked, "PLAN_GROUP_MISSING"},
		{rowChange("group_members", 8), ActionBlocked, "PLAN_GROUP_DYNAMIC"},
		{rowChange("group_members", 9), ActionUnchanged, ""},
	} {
		if tc.c == nil {
			t.Errorf("a change is missing (want %s %s)", tc.action, tc.rules)
			continue
		}
		if tc.c.Action != tc.action || rules(tc.c) != tc.rules {
			t.Errorf("%s: %s %s, want %s %s", tc.c.Key, tc.c.Action, rules(tc.c), tc.action, tc.rules)
		}
	}
	// Steps: G1's batch adds u2 (exists) and n1 after their creation; the
	// group without an ID gets its ID from its create.
	steps := map[string]*Step{}
	for _, s := range p.Steps {
		steps[s.ID.String()] = s
	}
	add := steps["group-add:G1#1"]
	if add == nil || joinIDs(add.Soft) != "user:n1" || len(add.Deps) != 0 {
		t.Fatalf("G1's batch: %+v", add)
	}
	if ms := add.Request.(AddGroupMembers).Members; len(ms) != 2 || ms[0].UserID != "u2" || ms[1].Step != UserStep("n1") {
		t.Errorf("G1's members %+v", ms)
	}
	noID := steps["group-add:name:无ID组#1"]
	if noID == nil || joinIDs(noID.Deps) != "group:name:无ID组" || noID.Request.(AddGroupMembers).Group.Step != GroupStep("name:无ID组") {
		t.Errorf("batch of a group created without an ID: %+v", noID)
	}
	if r, ok := steps["group:G3"].Request.(PatchGroup); !ok || *r.Patch.Name != "新名" || r.Patch.Description != nil {
		t.Errorf("G3's patch %+v", steps["group:G3"])
	}
	if r := steps["group-add:X9#1"].Request.(AddGroupMembers); len(r.Members) != 1 || r.Members[0].UserID != "u4" {
		t.Errorf("X9 (named by membership rows only): %+v", r)
	}
	for _, id := range []string{"group:G2", "group:G6", "group:G5", "group-add:G4#1", "group:G1", "group-add:G2#1"} {
		if steps[id] != nil {
			t.Errorf("step %s planned", id)
		}
	}
	// The 500-group limit: 499 in the tenant, two created, one blocked.
	tn := tenant.New()
	tn.Groups.Read = true
	for i := range 499 {
		tenantAddGroup(tn, tenant.Group{Group: feishu.Group{ID: fmt.Sprintf("t%d", i), Name: fmt.Sprintf("组%d", i)}})
	}
	o, ps = groupOrg(t, "", "name\n新一\n新二\n", "")
	p = Build(o, ps, tn)
	if a, b := change(p, "name:新一"), change(p, "name:新二"); a.Action != ActionCreate || b.Action != ActionBlocked || rules(b) != "PLAN_GROUP_LIMIT" {
		t.Errorf("limit: %s %s / %s %s", a.Action, rules(a), b.Action, rules(b))
	}
}

// TestPlanGroupBatches: 250 members (240 in Feishu, 10 created in this
// run) go in three batch_add calls, the members who exist first, so only
// the last batch waits for the creations.
func TestPlanGroupBatches(t *testing.T) {
	tn := tenant.New()
	var members, users []string
	for i := range 240 {
		id := fmt.Sprintf("e%03d", i)
		tn.Users[id] = &feishu.User{UserID: id, Name: id}
		members = append(members, id)
	}
	for i := range 10 {
		id := fmt.Sprintf("n%02d", i)
		users = append(users, fmt.Sprintf("%s,新%d,139000000%02d,,0,1,,", id, i, i))
		members = append([]string{id}, members...) // listed first
	}
	o, ps := groupOrg(t, userHeader+strings.Join(users, "\n")+"\n", "group_id,name,members\nBIG,大组,"+strings.Join(members, ";")+"\n", "")
	p := Build(o, ps, tn)
	var batches []*Step
	for _, s := range p.Steps {
		if s.ID.Kind == StepGroupAdd {
			batches = append(batches, s)
		}
	}
	if len(batches) != 3 {
		t.Fatalf("%d batches", len(batches))
	}
	n := 0
	for i, s := range batches {
		r := s.Request.(AddGroupMembers)
		n += len(r.Members)
		if joinIDs(s.Deps) != "group:BIG" {
			t.Errorf("batch %d deps %v", i, s.Deps)
		}
		if wantAfter := map[int]int{0: 0, 1: 0, 2: 10}[i]; len(s.Soft) != wantAfter {
			t.Errorf("batch %d waits for %d creations, want %d", i, len(s.Soft), wantAfter)
		}
	}
	if n != 250 || len(batches[0].Request.(AddGroupMembers).Members) != 100 {
		t.Errorf("%d members in the batches", n)
	}
	// Every step can be ordered: the batches come after the users they add.
	if len(p.Ordered()) != len(p.Steps) {
		t.Error("the step graph does not order")
	}
}

// TestPlanGroupRemovals: with RemoveMembers, the members of a group the
// sheet lists completely who are not listed are removed; never without
// the option, from a dynamic group, or from a group whose list has errors.
func TestPlanGroupRemovals(t *testing.T) {
	tn := groupTenant()
	tenantAddGroup(tn, tenant.Group{Group: feishu.Group{ID: "G7", Name: "七", Type: 1}, MembersRead: true, Users: []string{"u1", "u2", "u4"}})
	o, ps := groupOrg(t, "", "group_id,name,members\nG7,七,u1\nG2,动态,\n", memberHeader+"X9,,u1,,,\nG1,,u9,,,\n")
	removed := func(p *Plan) string {
		var out []string
		for _, c := range p.Changes {
			if c.Action == ActionRemove {
				out = append(out, c.Key)
			}
		}
		return strings.Join(out, ",")
	}
	if got := removed(Build(o, ps, tn)); got != "" {
		t.Errorf("removed without the option: %s", got)
	}
	p := BuildWith(o, ps, tn, Options{RemoveMembers: true})
	if got := removed(p); got != "G7/u2,G7/u4,X9/u2" {
		t.Errorf("removed %s", got)
	}
	if p.ListedMembers != 3+2+1 { // G7, X9 and G1 (held)
		t.Errorf("ListedMembers %d", p.ListedMembers)
	}
	var batch *Step
	for _, s := range p.Steps {
		if s.ID == GroupRemoveStep("G7", 1) {
			batch = s
		}
	}
	if batch == nil || len(batch.Request.(RemoveGroupMembers).Members) != 2 {
		t.Errorf("G7's removal batch %+v", batch)
	}
	var held []string
	for _, pr := range p.Problems {
		if pr.Rule == "PLAN_GROUP_REMOVE_HELD" {
			held = append(held, pr.Message)
		}
	}
	if len(held) != 1 || !strings.Contains(held[0], "研发") {
		t.Errorf("G1 (a member missing) is held: %v", held)
	}
}
