package sandbox_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

const users = feishu.PathUsers

func baseUser() feishu.User {
	return feishu.User{Name: "Zhang San", Mobile: "13900000000", DepartmentIDs: []string{"a"}, EmployeeType: 1}
}

func TestCreateUserRules(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	var many []string
	for i := range 51 {
		id := fmt.Sprintf("m%d", i)
		if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: id, ParentDepartmentID: "0", Name: id}); err != nil {
			t.Fatal(err)
		}
		many = append(many, id)
	}
	c.ok("POST", users+custom, feishu.User{UserID: "taken", Name: "T", Mobile: "+8613800000000", Email: "Taken@Example.com",
		DepartmentIDs: []string{"a"}, EmployeeType: 2, EmployeeNo: "E1"}, nil)
	c.mkUser("gone", "13800000009", "a")
	c.ok("DELETE", users+"/gone"+custom, nil, nil)

	with := func(f func(*feishu.User)) feishu.User { u := baseUser(); f(&u); return u }
	tests := []struct {
		name string
		u    feishu.User
		code int
	}{
		{"ok minimal", with(func(u *feishu.User) { u.Mobile = "13900000001" }), 0},
		{"ok international", with(func(u *feishu.User) { u.Mobile = "+41446681800"; u.Email = "ch@example.com" }), 0},
		{"ok +86", with(func(u *feishu.User) { u.Mobile = "+8613900000002" }), 0},
		{"ok root dept", with(func(u *feishu.User) { u.Mobile = "13900000003"; u.DepartmentIDs = []string{"0"} }), 0},
		{"ok 50 depts", with(func(u *feishu.User) { u.Mobile = "13900000004"; u.DepartmentIDs = many[:50] }), 0},
		{"ok leader", with(func(u *feishu.User) { u.Mobile = "13900000005"; u.LeaderUserID = "taken" }), 0},
		{"ok mobile of resigned", with(func(u *feishu.User) { u.Mobile = "13800000009" }), 0},
		{"no name", with(func(u *feishu.User) { u.Name = "" }), 41040},
		{"name too long", with(func(u *feishu.User) { u.Name = strings.Repeat("名", 256) }), 41070},
		{"en_name too long", with(func(u *feishu.User) { u.EnName = strings.Repeat("e", 256) }), 41071},
		{"no mobile", with(func(u *feishu.User) { u.Mobile = "" }), 41010},
		{"mobile 10 digits", with(func(u *feishu.User) { u.Mobile = "1390000000" }), 41004},
		{"mobile not 1", with(func(u *feishu.User) { u.Mobile = "23900000000" }), 41004},
		{"mobile +86 short", with(func(u *feishu.User) { u.Mobile = "+861390000000" }), 41004},
		{"mobile no plus", with(func(u *feishu.User) { u.Mobile = "41446681800" }), 41004},
		{"mobile too long", with(func(u *feishu.User) { u.Mobile = "+1234567890123456" }), 41004},
		{"mobile letters", with(func(u *feishu.User) { u.Mobile = "+41abc" }), 41004},
		{"duplicate mobile", with(func(u *feishu.User) { u.Mobile = "13800000000" }), 41001},
		{"bad email", with(func(u *feishu.User) { u.Email = "not-an-email" }), 41005},
		{"duplicate email", with(func(u *feishu.User) { u.Email = "taken@example.com" }), 41002},
		{"intl without email", with(func(u *feishu.User) { u.Mobile = "+41446681801" }), 44020},
		{"no departments", with(func(u *feishu.User) { u.DepartmentIDs = nil }), 41017},
		{"51 departments", with(func(u *feishu.User) { u.DepartmentIDs = many }), 41033},
		{"unknown department", with(func(u *feishu.User) { u.DepartmentIDs = []string{"zz"} }), 44035},
		{"no employee type", with(func(u *feishu.User) { u.EmployeeType = 0 }), 41059},
		{"employee type 6", with(func(u *feishu.User) { u.EmployeeType = 6 }), 41059},
		{"duplicate user_id", with(func(u *feishu.User) { u.UserID = "taken" }), 41011},
		{"user_id of resigned", with(func(u *feishu.User) { u.UserID = "gone" }), 41011},
		{"user_id too long", with(func(u *feishu.User) { u.UserID = strings.Repeat("u", 65) }), 41043},
		{"user_id space", with(func(u *feishu.User) { u.UserID = "a b" }), 40001},
		{"duplicate employee_no", with(func(u *feishu.User) { u.EmployeeNo = "E1" }), 44051},
		{"gender 4", with(func(u *feishu.User) { u.Gender = 4 }), 41038},
		{"gender -1", with(func(u *feishu.User) { u.Gender = -1 }), 41038},
		{"leader self", with(func(u *feishu.User) { u.UserID = "me"; u.LeaderUserID = "me" }), 41030},
		{"unknown leader", with(func(u *feishu.User) { u.LeaderUserID = "ghost" }), 44022},
		{"resigned leader", with(func(u *feishu.User) { u.LeaderUserID = "gone" }), 44021},
		{"job title 101", with(func(u *feishu.User) { u.JobTitle = strings.Repeat("j", 101) }), 41063},
		{"city 101", with(func(u *feishu.User) { u.City = strings.Repeat("c", 101) }), 40001},
		{"orders outside departments", with(func(u *feishu.User) {
			u.Orders = []feishu.UserOrder{{DepartmentID: "m1", IsPrimaryDept: true}}
		}), 41025},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.wantCode(tt.code, "POST", users+custom, tt.u)
		})
	}
	if r := c.do("POST", users+custom, "{"); r.code != 40001 {
		t.Errorf("bad JSON: %s", r.raw)
	}
}

func TestUserDefaultsAndRendering(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.mkDept("b", "0", "B")
	boss := c.mkUser("boss", "13800000001", "a")
	var out feishu.UserData
	c.ok("POST", users, feishu.User{Name: "Li", Mobile: "13800000002", DepartmentIDs: []string{c.getDept("b").OpenDepartmentID, c.getDept("a").OpenDepartmentID},
		EmployeeType: 3, LeaderUserID: boss.OpenID, Orders: []feishu.UserOrder{{DepartmentID: c.getDept("a").OpenDepartmentID, IsPrimaryDept: true}}}, &out)
	u := out.User
	if !strings.HasPrefix(u.OpenID, "ou_") || !strings.HasPrefix(u.UnionID, "on_") || u.UserID == "" {
		t.Fatalf("IDs: %+v", u)
	}
	if u.Mobile != "+8613800000002" || u.MobileVisible == nil || !*u.MobileVisible || u.JoinTime == 0 || u.Status == nil {
		t.Errorf("defaults: %+v", u)
	}
	for typ, want := range map[string]string{"user_id": "boss", "open_id": boss.OpenID, "union_id": boss.UnionID} {
		var got feishu.UserData
		c.ok("GET", users+"/"+userIDOf(*u, typ)+"?department_id_type=department_id&user_id_type="+typ, nil, &got)
		if got.User.LeaderUserID != want || !slices.Equal(got.User.DepartmentIDs, []string{"b", "a"}) || got.User.OpenID != u.OpenID {
			t.Errorf("as %s: %+v", typ, got.User)
		}
	}
	if a, b := c.getDept("a"), c.getDept("b"); a.PrimaryMemberCount != 2 || b.PrimaryMemberCount != 0 || b.MemberCount != 1 {
		t.Errorf("primary counts: a %d/%d b %d/%d", a.MemberCount, a.PrimaryMemberCount, b.MemberCount, b.PrimaryMemberCount)
	}
	c.wantCode(41012, "GET", users+"/"+u.OpenID+"?user_id_type=user_id", nil)
	c.wantCode(40001, "GET", users+"/"+u.OpenID+"?user_id_type=email", nil)
}

func userIDOf(u feishu.User, typ string) string {
	switch typ {
	case "user_id":
		return u.UserID
	case "union_id":
		return u.UnionID
	}
	return u.OpenID
}

func counts(c *client, ids ...string) []int {
	var out []int
	for _, id := range ids {
		d := c.getDept(id)
		out = append(out, d.MemberCount, d.PrimaryMemberCount)
	}
	return out
}

func TestMemberCounts(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.mkDept("a1", "a", "A1")
	c.mkDept("a2", "a", "A2")
	c.mkDept("b", "0", "B")
	check := func(step string, want ...int) {
		t.Helper()
		if got := counts(c, "0", "a", "a1", "a2", "b"); !slices.Equal(got, want) {
			t.Fatalf("%s: counts (member, primary) of 0,a,a1,a2,b = %v, want %v", step, got, want)
		}
	}
	check("empty", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	c.mkUser("u1", "13800000001", "a1")
	check("u1 in a1", 1, 1, 1, 1, 1, 1, 0, 0, 0, 0)
	c.mkUser("u2", "13800000002", "a1", "a2") // counted once in a
	check("u2 in a1+a2", 2, 2, 2, 2, 2, 2, 1, 0, 0, 0)
	c.mkUser("u3", "13800000003", "b", "a") // primary b
	check("u3 in b+a", 3, 3, 3, 2, 2, 2, 1, 0, 1, 1)
	c.ok("PATCH", users+"/u2"+custom, feishu.UserPatch{DepartmentIDs: &[]string{"b"}}, nil)
	check("u2 to b", 3, 3, 2, 1, 1, 1, 0, 0, 2, 2)
	c.ok("PATCH", depts+"/a1"+custom, feishu.DepartmentPatch{ParentDepartmentID: ptr("b")}, nil)
	check("a1 under b", 3, 3, 1, 0, 1, 1, 0, 0, 3, 3)
	c.ok("DELETE", users+"/u3"+custom, nil, nil)
	check("u3 resigned", 2, 2, 0, 0, 1, 1, 0, 0, 2, 2)
	c.ok("DELETE", users+"/u3"+custom, nil, nil) // again: no change
	check("u3 deleted twice", 2, 2, 0, 0, 1, 1, 0, 0, 2, 2)
}

func TestFindByDepartmentPagination(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.mkDept("a1", "a", "A1")
	var want []string
	for i := range 130 {
		id := fmt.Sprintf("u%03d", i)
		if _, err := srv.SeedUser(feishu.User{UserID: id, Name: id, Mobile: fmt.Sprintf("1380000%04d", i), DepartmentIDs: []string{"a"}, EmployeeType: 1}); err != nil {
			t.Fatal(err)
		}
		want = append(want, id)
	}
	c.mkUser("sub", "13900000000", "a1") // not a direct member of a
	c.ok("DELETE", users+"/u005"+custom, nil, nil)
	want = slices.Delete(want, 5, 6)

	var got []string
	token, pages := "", 0
	for {
		qs := custom + "&department_id=a&page_size=50"
		if token != "" {
			qs += "&page_token=" + token
		}
		var p feishu.Page[feishu.User]
		c.ok("GET", feishu.PathFindByDepartment+qs, nil, &p)
		pages++
		for _, u := range p.Items {
			got = append(got, u.UserID)
		}
		if !p.HasMore {
			if p.PageToken != "" {
				t.Fatal("token on the last page")
			}
			break
		}
		token = p.PageToken
	}
	if !slices.Equal(got, want) || pages != 3 {
		t.Fatalf("%d pages, %d users; want 3 pages of %d", pages, len(got), len(want))
	}
	var p feishu.Page[feishu.User]
	c.ok("GET", feishu.PathFindByDepartment+custom+"&department_id=a", nil, &p)
	if len(p.Items) != 10 || !p.HasMore {
		t.Fatalf("default page size: %d", len(p.Items))
	}
	c.ok("GET", feishu.PathFindByDepartment+custom+"&department_id=0", nil, &p)
	if len(p.Items) != 0 {
		t.Fatalf("root has no direct members: %d", len(p.Items))
	}
	for _, tt := range []struct {
		qs   string
		code int
	}{
		{"", 40001},
		{"&department_id=zz", 40015},
		{"&department_id=a&page_size=51", 40011},
		{"&department_id=a&page_token=xyz", 40012},
	} {
		c.wantCode(tt.code, "GET", feishu.PathFindByDepartment+custom+tt.qs, nil)
	}
	// Open department IDs work too.
	c.ok("GET", feishu.PathFindByDepartment+"?department_id="+c.getDept("a1").OpenDepartmentID, nil, &p)
	if len(p.Items) != 1 || p.Items[0].DepartmentIDs[0] != c.getDept("a1").OpenDepartmentID {
		t.Fatalf("by open ID: %+v", p.Items)
	}
}

func TestPatchUser(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.mkDept("b", "0", "B")
	var many []string
	for i := range 51 {
		id := fmt.Sprintf("m%d", i)
		if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: id, ParentDepartmentID: "0", Name: id}); err != nil {
			t.Fatal(err)
		}
		many = append(many, id)
	}
	c.ok("POST", users+custom, feishu.User{UserID: "u", Name: "U", Mobile: "13800000001", Email: "u@example.com",
		DepartmentIDs: []string{"a"}, EmployeeType: 1, City: "Hangzhou", JobTitle: "Dev"}, nil)
	c.mkUser("other", "13800000002", "a")
	c.mkUser("gone", "13800000003", "a")
	c.ok("DELETE", users+"/gone"+custom, nil, nil)
	c.mkUser("unjoined", "13800000004", "a")
	if err := srv.SetUserStatus("unjoined", feishu.UserStatus{IsUnjoin: true}); err != nil {
		t.Fatal(err)
	}
	path := users + "/u" + custom
	tests := []struct {
		name  string
		path  string
		patch feishu.UserPatch
		code  int
	}{
		{"unknown user", users + "/ghost" + custom, feishu.UserPatch{Name: ptr("x")}, 41012},
		{"resigned", users + "/gone" + custom, feishu.UserPatch{Name: ptr("x")}, 42006},
		{"unjoined", users + "/unjoined" + custom, feishu.UserPatch{Name: ptr("x")}, 44010},
		{"empty name", path, feishu.UserPatch{Name: ptr("")}, 41040},
		{"taken mobile", path, feishu.UserPatch{Mobile: ptr("+8613800000002")}, 41001},
		{"bad mobile", path, feishu.UserPatch{Mobile: ptr("123")}, 41004},
		{"intl mobile, email kept", path, feishu.UserPatch{Mobile: ptr("+41446681800")}, 0},
		{"clear email with intl mobile", path, feishu.UserPatch{Email: ptr("")}, 44020},
		{"back to mainland", path, feishu.UserPatch{Mobile: ptr("13800000001")}, 0},
		{"bad email", path, feishu.UserPatch{Email: ptr("x@")}, 41005},
		{"no departments", path, feishu.UserPatch{DepartmentIDs: &[]string{}}, 41017},
		{"51 departments", path, feishu.UserPatch{DepartmentIDs: &many}, 41033},
		{"unknown department", path, feishu.UserPatch{DepartmentIDs: &[]string{"zz"}}, 44035},
		{"employee type 9", path, feishu.UserPatch{EmployeeType: ptr(9)}, 41059},
		{"gender 7", path, feishu.UserPatch{Gender: ptr(7)}, 41038},
		{"leader self", path, feishu.UserPatch{LeaderUserID: ptr("u")}, 41030},
		{"leader unknown", path, feishu.UserPatch{LeaderUserID: ptr("ghost")}, 44022},
		{"leader resigned", path, feishu.UserPatch{LeaderUserID: ptr("gone")}, 44021},
		{"job title 101", path, feishu.UserPatch{JobTitle: ptr(strings.Repeat("j", 101))}, 41063},
		{"name", path, feishu.UserPatch{Name: ptr("U2")}, 0},
		{"leader", path, feishu.UserPatch{LeaderUserID: ptr("other")}, 0},
		{"departments", path, feishu.UserPatch{DepartmentIDs: &[]string{"b", "a"}}, 0},
		{"frozen", path, feishu.UserPatch{IsFrozen: ptr(true)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.wantCode(tt.code, "PATCH", tt.path, tt.patch)
		})
	}
	u := c.getUser("u")
	if u.Name != "U2" || u.City != "Hangzhou" || u.JobTitle != "Dev" || u.Email != "u@example.com" || u.LeaderUserID != "other" ||
		!slices.Equal(u.DepartmentIDs, []string{"b", "a"}) || !u.Status.IsFrozen || u.Mobile != "+8613800000001" {
		t.Fatalf("after patches: %+v", u)
	}
}

func TestDeleteUserResigns(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.ok("POST", users+custom, feishu.User{UserID: "u", Name: "U", Mobile: "13800000001", Email: "u@example.com",
		DepartmentIDs: []string{"a"}, EmployeeType: 1}, nil)
	r := c.wantCode(0, "DELETE", users+"/u"+custom, nil)
	if string(r.data) != "{}" {
		t.Errorf("delete data %s", r.data)
	}
	u := c.getUser("u")
	if !u.Status.IsResigned || len(u.DepartmentIDs) != 0 {
		t.Fatalf("resigned user: %+v", u)
	}
	var p feishu.Page[feishu.User]
	c.ok("GET", feishu.PathFindByDepartment+custom+"&department_id=a", nil, &p)
	if len(p.Items) != 0 {
		t.Fatal("find_by_department lists a resigned user")
	}
	c.wantCode(41012, "DELETE", users+"/ghost"+custom, nil)
	// The resigned user's mobile and email are free again.
	c.ok("POST", users+custom, feishu.User{UserID: "u2", Name: "U2", Mobile: "+8613800000001", Email: "U@example.com",
		DepartmentIDs: []string{"a"}, EmployeeType: 1}, nil)
}

func TestBatchUsersAndBatchGetID(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.ok("POST", users+custom, feishu.User{UserID: "x", Name: "X", Mobile: "13800000001", Email: "x@example.com", DepartmentIDs: []string{"a"}, EmployeeType: 1}, nil)
	c.ok("POST", users+custom, feishu.User{UserID: "y", Name: "Y", Mobile: "13800000002", Email: "y@example.com", DepartmentIDs: []string{"a"}, EmployeeType: 1}, nil)
	c.ok("DELETE", users+"/y"+custom, nil, nil)

	var b feishu.BatchData[feishu.User]
	c.ok("GET", feishu.PathUsersBatch+custom+"&user_ids=y&user_ids=ghost&user_ids=x", nil, &b)
	if len(b.Items) != 2 || b.Items[0].UserID != "y" || b.Items[1].UserID != "x" {
		t.Fatalf("batch: %+v", b.Items)
	}
	many := custom
	for i := range 51 {
		many += fmt.Sprintf("&user_ids=u%d", i)
	}
	c.wantCode(40001, "GET", feishu.PathUsersBatch+many, nil)

	req := feishu.BatchGetIDRequest{Emails: []string{"X@example.com", "y@example.com", "no@example.com"},
		Mobiles: []string{"+8613800000001", "13800000002", "13999999999"}}
	var out feishu.BatchGetIDData
	c.ok("POST", feishu.PathBatchGetID+"?user_id_type=user_id", req, &out)
	var ids []string
	for _, e := range out.UserList {
		ids = append(ids, e.UserID)
	}
	if want := []string{"x", "", "", "x", "", ""}; !slices.Equal(ids, want) {
		t.Fatalf("user_ids %v, want %v", ids, want)
	}
	if e := out.UserList[2]; e.Email != "no@example.com" || e.Mobile != "" || e.Status != nil {
		t.Errorf("miss entry: %+v", e)
	}
	if e := out.UserList[4]; e.Mobile != "13800000002" || e.Email != "" {
		t.Errorf("mobile entry echoes the query: %+v", e)
	}
	req.IncludeResigned = true
	c.ok("POST", feishu.PathBatchGetID+"?user_id_type=user_id", req, &out)
	if out.UserList[1].UserID != "y" || !out.UserList[1].Status.IsResigned || out.UserList[4].UserID != "y" {
		t.Fatalf("include_resigned: %+v", out.UserList)
	}
	c.ok("POST", feishu.PathBatchGetID, feishu.BatchGetIDRequest{Emails: []string{"x@example.com"}}, &out)
	if !strings.HasPrefix(out.UserList[0].UserID, "ou_") {
		t.Fatalf("default type open_id: %+v", out.UserList)
	}
	c.wantCode(40001, "POST", feishu.PathBatchGetID, feishu.BatchGetIDRequest{Emails: make([]string, 51)})
}

func TestEmployeeTypeEnums(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	var p feishu.Page[feishu.EmployeeTypeEnum]
	c.ok("GET", feishu.PathEmployeeTypeEnums, nil, &p)
	if len(p.Items) != 5 || p.HasMore || p.Items[0].EnumValue != "1" || p.Items[0].Content != "正式" || p.Items[4].EnumType != 1 {
		t.Fatalf("enums: %+v", p)
	}
	c.ok("GET", feishu.PathEmployeeTypeEnums+"?page_size=2", nil, &p)
	if len(p.Items) != 2 || !p.HasMore {
		t.Fatalf("page of 2: %+v", p)
	}
	c.ok("GET", feishu.PathEmployeeTypeEnums+"?page_size=2&page_token="+p.PageToken, nil, &p)
	if p.Items[0].EnumValue != "3" {
		t.Fatalf("second page: %+v", p)
	}
	c.wantCode(40011, "GET", feishu.PathEmployeeTypeEnums+"?page_size=101", nil)
	c.wantCode(0, "GET", feishu.PathEmployeeTypeEnums+"?page_size=100", nil)
}

func TestTenantQuery(t *testing.T) {
	_, c := start(t, sandbox.Options{TenantName: "星辰科技"})
	var d feishu.TenantData
	c.ok("GET", feishu.PathTenantQuery, nil, &d)
	if d.Tenant.Name != "星辰科技" || d.Tenant.TenantKey == "" || d.Tenant.DisplayID == "" {
		t.Fatalf("tenant: %+v", d)
	}
	_, c = start(t, sandbox.Options{NoTenantScope: true})
	c.wantCode(feishu.CodeNoScope.Num, "GET", feishu.PathTenantQuery, nil)
}
