package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sandbox"
)

// TestImportGroups imports a group of 250 members — 240 in Feishu, 10
// created in the same run — and a group without a custom ID, against the
// sandbox. Between planning and execution one member resigns, one is
// added by someone else and one new user's mobile is taken: each member's
// own result code is read (42006 failed, 42005 already a member, the
// member whose creation failed skipped), in the fewest batch_add calls.
func TestImportGroups(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	ctx := context.Background()
	var existing []string
	for i := range 240 {
		id := fmt.Sprintf("e%03d", i)
		if _, err := tn.srv.SeedUser(feishu.User{UserID: id, Name: "老" + id, Mobile: fmt.Sprintf("137%08d", i), DepartmentIDs: []string{"0"}, EmployeeType: 1}); err != nil {
			t.Fatal(err)
		}
		existing = append(existing, id)
	}
	dir := t.TempDir()
	users := "user_id,name,mobile,department_ids,employee_type\n"
	var fresh []string
	for i := range 10 {
		id := fmt.Sprintf("n%02d", i)
		users += fmt.Sprintf("%s,新人%d,139000000%02d,0,1\n", id, i, i)
		fresh = append(fresh, id)
	}
	groups := "group_id,name,description,members\n" +
		"BIG,大组,二百五十人," + strings.Join(append(fresh, existing...), ";") + "\n" +
		",无ID组,,n00\n"
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(s), 0o600)
		return p
	}
	if _, err := tn.api.CreateGroup(ctx, feishu.GroupCreate{GroupID: "BIG", Name: "大组", Description: "二百五十人"}); err != nil {
		t.Fatal(err)
	}
	o := loadSheet(t, write("users.csv", users), write("groups.csv", groups))
	p := tn.planFor(t, o)
	if n := p.Count(plan.KindMember, plan.ActionCreate); n != 251 {
		t.Fatalf("plan adds %d members", n)
	}
	// Meanwhile: e005 resigns, e006 is added by someone else, n09's
	// mobile goes to another user.
	tn.srv.SetUserStatus("e005", feishu.UserStatus{IsResigned: true})
	if _, err := tn.api.AddGroupMembers(ctx, "BIG", feishu.UserMembers("user_id", []string{"e006"})); err != nil {
		t.Fatal(err)
	}
	if _, err := tn.srv.SeedUser(feishu.User{UserID: "other", Name: "别人", Mobile: "13900000009", DepartmentIDs: []string{"0"}, EmployeeType: 1}); err != nil {
		t.Fatal(err)
	}
	tn.srv.ResetStats()
	res := tn.run(t, p, Options{Workers: 8})

	status := map[string]Outcome{}
	for _, oc := range res.Outcomes {
		status[oc.Change.Key] = oc
	}
	for key, want := range map[string]Status{
		"BIG": StatusUnchanged, "name:无ID组": StatusCreated,
		"BIG/e000": StatusAdded, "BIG/n00": StatusAdded, "BIG/e006": StatusUnchanged,
		"BIG/e005": StatusFailed, "BIG/n09": StatusSkipped, "name:无ID组/n00": StatusAdded,
	} {
		if got := status[key]; got.Status != want {
			t.Errorf("%s: %s (%d %s), want %s", key, got.Status, got.Code, got.Message, want)
		}
	}
	if oc := status["BIG/e005"]; oc.Code != feishu.CodeUserResigned.Num {
		t.Errorf("the resigned member's code %d", oc.Code)
	}
	if oc := status["name:无ID组/n00"]; oc.IDs.GroupID == "" || oc.IDs.UserID != "n00" {
		t.Errorf("the member of the group created without an ID: %+v", oc.IDs)
	}
	got := map[string]int{}
	for _, g := range tn.srv.Groups() {
		got[g.Name] = len(g.Users)
	}
	if got["大组"] != 248 || got["无ID组"] != 1 {
		t.Errorf("groups now %v, want 大组 248 (240 − e005 + 9 new, e006 counted once)", got)
	}
	// 250 members to add: ⌈250/100⌉ = 3 batch_add calls, plus 1.
	if n := tn.srv.Stats().Endpoints[feishu.EPGroupMembersAdd].Calls; n != 4 {
		t.Errorf("%d batch_add calls, want 4", n)
	}
}

// groupSizes are the sandbox's groups' user counts by name.
func groupSizes(srv *sandbox.Server) map[string]int {
	out := map[string]int{}
	for _, g := range srv.Groups() {
		out[g.Name] = len(g.Users)
	}
	return out
}
