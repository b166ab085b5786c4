package sandbox_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// groupClient is the real client against a sandbox, with custom IDs.
func groupClient(t *testing.T, opts sandbox.Options) (*sandbox.Server, *feishu.Client) {
	t.Helper()
	srv, base := sandboxtest.Start(t, opts)
	return srv, feishu.NewClient(feishu.WithBaseURL(base), feishu.WithCredentials(sandbox.DefaultAppID, sandbox.DefaultAppSecret),
		feishu.WithIDTypes(feishu.UserIDTypeUserID, feishu.DepartmentIDTypeDepartmentID))
}

func seedUsers(t *testing.T, srv *sandbox.Server, n int) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("u%04d", i+1)
		if _, err := srv.SeedUser(feishu.User{UserID: ids[i], Name: "成员" + ids[i], Mobile: fmt.Sprintf("139%08d", i+1), DepartmentIDs: []string{"0"}, EmployeeType: 1}); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

func TestGroupCreateRules(t *testing.T) {
	ctx := context.Background()
	srv, api := groupClient(t, sandbox.Options{})
	if _, err := srv.SeedGroup(sandbox.GroupState{GroupID: "dyn1", Name: "动态组", Type: feishu.GroupTypeDynamic}); err != nil {
		t.Fatal(err)
	}
	if id, err := api.CreateGroup(ctx, feishu.GroupCreate{GroupID: "g1", Name: "研发", Description: "all of R&D"}); err != nil || id != "g1" {
		t.Fatalf("create: %q %v", id, err)
	}
	id, err := api.CreateGroup(ctx, feishu.GroupCreate{Name: "无ID"})
	if err != nil || id == "" {
		t.Fatalf("create without group_id: %q %v", id, err)
	}
	for _, tc := range []struct {
		name string
		in   feishu.GroupCreate
		code int
	}{
		{"duplicate id", feishu.GroupCreate{GroupID: "g1", Name: "另一个"}, 47005},
		{"duplicate name", feishu.GroupCreate{GroupID: "g2", Name: "研发"}, 47009},
		{"name of a dynamic group", feishu.GroupCreate{Name: "动态组"}, 47009},
		{"empty name", feishu.GroupCreate{GroupID: "g3"}, 42001},
		{"long name", feishu.GroupCreate{Name: strings.Repeat("名", 101)}, 42013},
		{"long description", feishu.GroupCreate{Name: "x", Description: strings.Repeat("d", 501)}, 42014},
		{"dynamic", feishu.GroupCreate{Name: "y", Type: feishu.GroupTypeDynamic}, 42003},
		{"bad id", feishu.GroupCreate{GroupID: "a b", Name: "z"}, 42002},
		{"id too long", feishu.GroupCreate{GroupID: strings.Repeat("a", 65), Name: "z"}, 42002},
	} {
		if _, err := api.CreateGroup(ctx, tc.in); feishu.ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %d", tc.name, err, tc.code)
		}
	}
	if _, err := api.CreateGroup(ctx, feishu.GroupCreate{Name: strings.Repeat("名", 100), Description: strings.Repeat("描", 500)}); err != nil {
		t.Errorf("names of 100 and descriptions of 500 characters are allowed: %v", err)
	}
	// Patch: rename, a taken name, a dynamic group, an unknown ID.
	if err := api.PatchGroup(ctx, "g1", feishu.GroupPatch{Name: ptr("研发中心")}); err != nil {
		t.Fatal(err)
	}
	if g, err := api.GetGroup(ctx, "g1"); err != nil || g.Name != "研发中心" || g.Description != "all of R&D" || g.Type != 1 {
		t.Errorf("after patch: %+v %v", g, err)
	}
	for _, tc := range []struct {
		id   string
		p    feishu.GroupPatch
		code int
	}{
		{"g1", feishu.GroupPatch{Name: ptr("无ID")}, 47009},
		{"dyn1", feishu.GroupPatch{Description: ptr("x")}, 42003},
		{"nope", feishu.GroupPatch{Name: ptr("x")}, 42002},
	} {
		if err := api.PatchGroup(ctx, tc.id, tc.p); feishu.ErrorCode(err) != tc.code {
			t.Errorf("patch %s: %v, want %d", tc.id, err, tc.code)
		}
	}
	if _, err := api.GetGroup(ctx, "nope"); feishu.ErrorCode(err) != 42002 {
		t.Errorf("get unknown: %v", err)
	}
}

// TestGroupLimit: at most 500 groups, normal and dynamic together.
func TestGroupLimit(t *testing.T) {
	ctx := context.Background()
	srv, api := groupClient(t, sandbox.Options{})
	for i := range 10 {
		if _, err := srv.SeedGroup(sandbox.GroupState{Name: fmt.Sprintf("动态%d", i), Type: feishu.GroupTypeDynamic}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 490 {
		if _, err := api.CreateGroup(ctx, feishu.GroupCreate{Name: fmt.Sprintf("组%03d", i)}); err != nil {
			t.Fatal(i, err)
		}
	}
	if _, err := api.CreateGroup(ctx, feishu.GroupCreate{Name: "第501个"}); feishu.ErrorCode(err) != 42016 {
		t.Fatalf("501st group: %v", err)
	}
	// One listing per type, pages of at most 100.
	var normal, dynamic []feishu.Group
	for _, tc := range []struct {
		typ  int
		into *[]feishu.Group
	}{{1, &normal}, {2, &dynamic}} {
		err := feishu.Pages(ctx, func(ctx context.Context, tok string) (*feishu.Page[feishu.Group], error) {
			return api.Groups(ctx, tc.typ, feishu.GroupListPageMax, tok)
		}, func(gs []feishu.Group) error {
			if len(gs) > 100 {
				t.Errorf("a page of %d", len(gs))
			}
			*tc.into = append(*tc.into, gs...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(normal) != 490 || len(dynamic) != 10 || dynamic[0].Type != 2 || normal[0].Type != 1 {
		t.Errorf("listed %d normal, %d dynamic", len(normal), len(dynamic))
	}
	if _, err := api.Groups(ctx, 1, 101, ""); feishu.ErrorCode(err) != feishu.CodePageSize.Num {
		t.Errorf("page_size 101: %v", err)
	}
}

// TestGroupMembers: a group of 250 in three batch_add calls, each member
// with its result code; the listing; batch_remove with a partial failure;
// a resigned user leaves the group; a group with members is not deleted.
func TestGroupMembers(t *testing.T) {
	ctx := context.Background()
	srv, api := groupClient(t, sandbox.Options{})
	ids := seedUsers(t, srv, 252)
	if _, err := api.CreateGroup(ctx, feishu.GroupCreate{GroupID: "big", Name: "大组"}); err != nil {
		t.Fatal(err)
	}
	if err := api.DeleteUser(ctx, ids[251], feishu.UserDelete{}); err != nil { // resigned
		t.Fatal(err)
	}
	for i := 0; i < 250; i += 100 {
		res, err := api.AddGroupMembers(ctx, "big", feishu.UserMembers(feishu.UserIDTypeUserID, ids[i:min(i+100, 250)]))
		if err != nil || len(res) != min(100, 250-i) {
			t.Fatalf("batch_add %d: %d results, %v", i, len(res), err)
		}
		for _, r := range res {
			if r.Code != 0 {
				t.Errorf("member %s: code %d", r.MemberID, r.Code)
			}
		}
	}
	res, err := api.AddGroupMembers(ctx, "big", feishu.UserMembers(feishu.UserIDTypeUserID, []string{ids[0], ids[250], ids[251], "ghost"}))
	if err != nil {
		t.Fatal(err)
	}
	want := []feishu.MemberResult{{MemberID: ids[0], Code: 42005}, {MemberID: ids[250]}, {MemberID: ids[251], Code: 42006}, {MemberID: "ghost", Code: 41073}}
	if !slices.Equal(res, want) {
		t.Errorf("results %v, want %v", res, want)
	}
	if g, _ := api.GetGroup(ctx, "big"); g.MemberUserCount != 251 {
		t.Errorf("member_user_count %d", g.MemberUserCount)
	}
	// Shape errors fail the whole call.
	tooMany := feishu.UserMembers(feishu.UserIDTypeUserID, ids[:101])
	for _, tc := range []struct {
		name    string
		members []feishu.GroupMember
		code    int
	}{
		{"department member", []feishu.GroupMember{{MemberID: "0", MemberType: "department", MemberIDType: "department_id"}}, 41074},
		{"bad id type", []feishu.GroupMember{{MemberID: ids[0], MemberType: "user", MemberIDType: "email"}}, 41071},
		{"mismatched id type", []feishu.GroupMember{{MemberID: ids[0], MemberType: "user", MemberIDType: "department_id"}}, 41072},
	} {
		if _, err := api.AddGroupMembers(ctx, "big", tc.members); feishu.ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %d", tc.name, err, tc.code)
		}
	}
	if _, err := api.AddGroupMembers(ctx, "big", tooMany); err == nil {
		t.Error("101 members: the client sends it")
	}
	// Listing: pages of 100, in the requested ID type.
	var listed []string
	err = feishu.Pages(ctx, func(ctx context.Context, tok string) (*feishu.Page[feishu.GroupMember], error) {
		return api.GroupMembers(ctx, "big", feishu.MemberTypeUser, feishu.UserIDTypeUserID, feishu.GroupListPageMax, tok)
	}, func(ms []feishu.GroupMember) error {
		for _, m := range ms {
			listed = append(listed, m.MemberID)
		}
		return nil
	})
	if err != nil || len(listed) != 251 || listed[0] != ids[0] || listed[250] != ids[250] {
		t.Fatalf("listed %d (%v)", len(listed), err)
	}
	byOpen, err := api.GroupMembers(ctx, "big", feishu.MemberTypeUser, feishu.UserIDTypeOpenID, 1, "")
	if err != nil || !strings.HasPrefix(byOpen.Items[0].MemberID, "ou_") {
		t.Errorf("open_id listing: %+v %v", byOpen, err)
	}
	// Remove: unknown IDs make it a partial failure, with results; the
	// others are removed.
	res, err = api.RemoveGroupMembers(ctx, "big", feishu.UserMembers(feishu.UserIDTypeUserID, []string{ids[0], "ghost", ids[251]}))
	if feishu.ErrorCode(err) != 40022 || !slices.Equal(res, []feishu.MemberResult{{MemberID: ids[0]}, {MemberID: "ghost", Code: 41073}, {MemberID: ids[251]}}) {
		t.Errorf("remove: %v %v", res, err)
	}
	if err := api.DeleteUser(ctx, ids[1], feishu.UserDelete{}); err != nil {
		t.Fatal(err)
	}
	if g, _ := api.GetGroup(ctx, "big"); g.MemberUserCount != 249 {
		t.Errorf("after removing one and resigning one: %d members", g.MemberUserCount)
	}
	// Delete: not with members; empty, yes.
	if err := api.DeleteGroup(ctx, "big"); feishu.ErrorCode(err) != 42017 {
		t.Errorf("delete with members: %v", err)
	}
	if _, err := api.CreateGroup(ctx, feishu.GroupCreate{GroupID: "empty", Name: "空组"}); err != nil {
		t.Fatal(err)
	}
	if err := api.DeleteGroup(ctx, "empty"); err != nil {
		t.Errorf("delete an empty group: %v", err)
	}
	if _, err := api.GetGroup(ctx, "empty"); feishu.ErrorCode(err) != 42002 {
		t.Errorf("a deleted group: %v", err)
	}
}

// TestGroupsPersist: groups, their members and dynamic groups survive a
// restart from the state file.
func TestGroupsPersist(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	srv, err := sandbox.New(sandbox.Options{StatePath: state})
	if err != nil {
		t.Fatal(err)
	}
	ids := seedUsers(t, srv, 3)
	if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: "D1", ParentDepartmentID: "0", Name: "研发"}); err != nil {
		t.Fatal(err)
	}
	want := []sandbox.GroupState{
		{GroupID: "g1", Name: "普通", Description: "说明", Type: 1, Users: ids[:2], Departments: []string{"D1"}},
		{GroupID: "g2", Name: "动态", Type: 2, Users: ids[2:]},
	}
	for _, g := range want {
		if _, err := srv.SeedGroup(g); err != nil {
			t.Fatal(err)
		}
	}
	srv.Close()
	again, err := sandbox.New(sandbox.Options{StatePath: state})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := again.Groups(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after restart %+v, want %+v", got, want)
	}
}

// TestGroupsInStateLog: group writes go to the state log as small records
// (no rewrite of the state file), and a server started on the same files
// without the first one stopping (a kill -9) has the same groups: created,
// renamed, deleted and made again, members added in batches, removed,
// added again (at the end), and left on resigning.
func TestGroupsInStateLog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.json")
	srv, api := groupClient(t, sandbox.Options{StatePath: path})
	ids := seedUsers(t, srv, 260)
	if _, err := srv.SeedGroup(sandbox.GroupState{GroupID: "dyn", Name: "动态", Type: feishu.GroupTypeDynamic, Users: ids[250:]}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	for _, g := range []feishu.GroupCreate{{GroupID: "g1", Name: "一"}, {GroupID: "g2", Name: "二"}, {GroupID: "g3", Name: "三"}} {
		if _, err := api.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 250; i += 100 {
		if _, err := api.AddGroupMembers(ctx, "g1", feishu.UserMembers(feishu.UserIDTypeUserID, ids[i:min(i+100, 250)])); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := api.AddGroupMembers(ctx, "g2", feishu.UserMembers(feishu.UserIDTypeUserID, ids[:5])); err != nil {
		t.Fatal(err)
	}
	gone := append(slices.Clone(ids[4:14]), "nobody")
	if _, err := api.RemoveGroupMembers(ctx, "g1", feishu.UserMembers(feishu.UserIDTypeUserID, gone)); err == nil {
		t.Fatal("removing a non-user: no 40022")
	}
	if _, err := api.AddGroupMembers(ctx, "g1", feishu.UserMembers(feishu.UserIDTypeUserID, ids[4:5])); err != nil {
		t.Fatal(err)
	}
	if err := api.PatchGroup(ctx, "g2", feishu.GroupPatch{Name: ptr("二组")}); err != nil {
		t.Fatal(err)
	}
	if err := api.DeleteGroup(ctx, "g3"); err != nil {
		t.Fatal(err)
	}
	if _, err := api.CreateGroup(ctx, feishu.GroupCreate{GroupID: "g3", Name: "三again"}); err != nil {
		t.Fatal(err)
	}
	if err := api.DeleteUser(ctx, ids[0], feishu.UserDelete{}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a group write rewrote the whole state file")
	}
	want := srv.Groups()
	if g1 := want[1]; len(g1.Users) != 240 || g1.Users[len(g1.Users)-1] != ids[4] || slices.Contains(g1.Users, ids[0]) {
		t.Fatalf("g1 in the live state: %d members, last %q", len(g1.Users), g1.Users[len(g1.Users)-1])
	}
	srv2, _ := groupClient(t, sandbox.Options{StatePath: path})
	if got := srv2.Groups(); !slices.EqualFunc(got, want, func(a, b sandbox.GroupState) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
		t.Fatalf("groups after replay:\n%+v\nwant\n%+v", got, want)
	}
}
