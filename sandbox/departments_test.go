package sandbox_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

const depts = feishu.PathDepartments

func TestRootDepartment(t *testing.T) {
	_, c := start(t, sandbox.Options{TenantName: "Acme"})
	for _, typ := range []string{"", "?department_id_type=department_id", "?department_id_type=open_department_id"} {
		var out feishu.DepartmentData
		c.ok("GET", depts+"/0"+typ, nil, &out)
		if d := out.Department; d.Name != "Acme" || d.DepartmentID != "0" || d.OpenDepartmentID != "0" {
			t.Errorf("root %s: %+v", typ, d)
		}
	}
	c.wantCode(feishu.CodeRootDept.Num, "PATCH", depts+"/0", feishu.DepartmentPatch{Name: ptr("x")})
	c.wantCode(feishu.CodeRootDept.Num, "PUT", depts+"/0", feishu.Department{Name: "x", ParentDepartmentID: "0"})
	c.wantCode(feishu.CodeRootDept.Num, "DELETE", depts+"/0", nil)
}

func TestCreateDepartmentRules(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "a", ParentDepartmentID: "0", Name: "A",
		Order: "10", I18nName: &feishu.I18nName{EnUs: "Alpha"}}, nil)
	c.mkUser("gone", "13800000001", "0")
	c.ok("DELETE", feishu.PathUsers+"/gone"+custom, nil, nil)
	c.mkUser("boss", "13800000002", "0")
	if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: "b", ParentDepartmentID: "0", Name: "B"}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		body feishu.Department
		qs   string
		code int
		http int
	}{
		{"ok", feishu.Department{ParentDepartmentID: "0", Name: "C"}, custom, 0, 200},
		{"same name elsewhere", feishu.Department{ParentDepartmentID: "a", Name: "A"}, custom, 0, 200},
		{"empty name", feishu.Department{ParentDepartmentID: "0"}, custom, 40016, 401},
		{"slash in name", feishu.Department{ParentDepartmentID: "0", Name: "R/D"}, custom, 43029, 400},
		{"slash in i18n", feishu.Department{ParentDepartmentID: "0", Name: "RD", I18nName: &feishu.I18nName{JaJp: "R/D"}}, custom, 43029, 400},
		{"missing parent", feishu.Department{Name: "X"}, custom, 44101, 400},
		{"unknown parent", feishu.Department{ParentDepartmentID: "nope", Name: "X"}, custom, 40015, 400},
		{"parent in other id type", feishu.Department{ParentDepartmentID: "a", Name: "X"}, "", 40015, 400},
		{"id od-", feishu.Department{DepartmentID: "od-1", ParentDepartmentID: "0", Name: "X"}, custom, 43008, 400},
		{"id 0", feishu.Department{DepartmentID: "0", ParentDepartmentID: "a", Name: "X"}, custom, 43008, 400},
		{"id 1", feishu.Department{DepartmentID: "1", ParentDepartmentID: "0", Name: "X"}, custom, 43008, 400},
		{"id leading dash", feishu.Department{DepartmentID: "-x", ParentDepartmentID: "0", Name: "X"}, custom, 43008, 400},
		{"id space", feishu.Department{DepartmentID: "a b", ParentDepartmentID: "0", Name: "X"}, custom, 43008, 400},
		{"id 65 chars", feishu.Department{DepartmentID: strings.Repeat("x", 65), ParentDepartmentID: "0", Name: "X"}, custom, 43008, 400},
		{"id 64 chars", feishu.Department{DepartmentID: strings.Repeat("x", 64), ParentDepartmentID: "0", Name: "X64"}, custom, 0, 200},
		{"id punctuation", feishu.Department{DepartmentID: "a_b-c@d.e", ParentDepartmentID: "0", Name: "Xp"}, custom, 0, 200},
		{"duplicate id", feishu.Department{DepartmentID: "a", ParentDepartmentID: "0", Name: "X"}, custom, 43007, 400},
		{"duplicate sibling name", feishu.Department{ParentDepartmentID: "0", Name: "A"}, custom, 43022, 400},
		{"name equals sibling en_us", feishu.Department{ParentDepartmentID: "0", Name: "Alpha"}, custom, 43022, 400},
		{"i18n equals sibling name", feishu.Department{ParentDepartmentID: "0", Name: "Y", I18nName: &feishu.I18nName{EnUs: "A"}}, custom, 43018, 400},
		{"i18n equals sibling i18n", feishu.Department{ParentDepartmentID: "0", Name: "Y", I18nName: &feishu.I18nName{ZhCn: "Alpha"}}, custom, 43018, 400},
		{"duplicate order", feishu.Department{ParentDepartmentID: "0", Name: "Y", Order: "10"}, custom, 43005, 400},
		{"order elsewhere", feishu.Department{ParentDepartmentID: "b", Name: "Y", Order: "10"}, custom, 0, 200},
		{"negative order", feishu.Department{ParentDepartmentID: "0", Name: "Y", Order: "-1"}, custom, 40001, 400},
		{"text order", feishu.Department{ParentDepartmentID: "0", Name: "Y", Order: "ten"}, custom, 40001, 400},
		{"unknown leader", feishu.Department{ParentDepartmentID: "0", Name: "Y", LeaderUserID: "ghost"}, custom, 41012, 400},
		{"resigned leader", feishu.Department{ParentDepartmentID: "0", Name: "Y", LeaderUserID: "gone"}, custom, 42006, 400},
		{"leader ok", feishu.Department{ParentDepartmentID: "0", Name: "Led", LeaderUserID: "boss"}, custom, 0, 200},
		{"bad id type", feishu.Department{ParentDepartmentID: "0", Name: "Z"}, "?department_id_type=custom", 40001, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do("POST", depts+tt.qs, tt.body)
			if r.code != tt.code || r.status != tt.http {
				t.Fatalf("got HTTP %d %s, want %d code %d", r.status, r.raw, tt.http, tt.code)
			}
		})
	}
}

func TestDepartmentDefaultOrderAndChildrenOrder(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "late", ParentDepartmentID: "0", Name: "Late", Order: "100"}, nil)
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "early", ParentDepartmentID: "0", Name: "Early", Order: "5"}, nil)
	auto := c.mkDept("auto", "0", "Auto")
	if auto.Order != "101" {
		t.Errorf("default order %q, want after every sibling (101)", auto.Order)
	}
	var page feishu.Page[feishu.Department]
	c.ok("GET", depts+"/0/children"+custom, nil, &page)
	var got []string
	for _, d := range page.Items {
		got = append(got, d.DepartmentID)
	}
	if want := []string{"early", "late", "auto"}; !slices.Equal(got, want) {
		t.Errorf("children %v, want %v", got, want)
	}
}

func TestDepartmentDepthLimit(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	parent := "0"
	for i := 1; i <= 25; i++ {
		id := fmt.Sprintf("l%d", i)
		c.mkDept(id, parent, id)
		parent = id
	}
	c.wantCode(43019, "POST", depts+custom, feishu.Department{ParentDepartmentID: "l25", Name: "too deep"})
	// A move that would push a sub-tree below level 25 fails too.
	c.mkDept("s1", "0", "s1")
	c.mkDept("s2", "s1", "s2")
	c.wantCode(43019, "PATCH", depts+"/s1"+custom, feishu.DepartmentPatch{ParentDepartmentID: ptr("l24")})
	c.ok("PATCH", depts+"/s1"+custom, feishu.DepartmentPatch{ParentDepartmentID: ptr("l23")}, nil)
	if d := c.getDept("s2"); d.ParentDepartmentID != "s1" {
		t.Fatalf("s2 moved along: %+v", d)
	}
}

func TestDepartmentChildrenLimit(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	c.mkDept("big", "0", "Big")
	for i := range 1000 {
		if _, err := srv.SeedDepartment(feishu.Department{ParentDepartmentID: "big", Name: fmt.Sprint("c", i)}); err != nil {
			t.Fatal(err)
		}
	}
	c.wantCode(43013, "POST", depts+custom, feishu.Department{ParentDepartmentID: "big", Name: "one more"})
	c.mkDept("mover", "0", "Mover")
	c.wantCode(43013, "PATCH", depts+"/mover"+custom, feishu.DepartmentPatch{ParentDepartmentID: ptr("big")})
}

func TestPatchDepartment(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.mkDept("a1", "a", "A1")
	c.mkDept("a11", "a1", "A11")
	c.mkDept("b", "0", "B")
	c.mkDept("bx", "b", "X")
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "b7", ParentDepartmentID: "b", Name: "Seven", Order: "7"}, nil)
	c.mkUser("lead", "13800000010", "a")

	tests := []struct {
		name  string
		id    string
		patch feishu.DepartmentPatch
		code  int
	}{
		{"unknown", "nope", feishu.DepartmentPatch{Name: ptr("x")}, 40015},
		{"empty name", "a", feishu.DepartmentPatch{Name: ptr("")}, 40016},
		{"slash", "a", feishu.DepartmentPatch{Name: ptr("a/b")}, 43029},
		{"name of sibling", "a", feishu.DepartmentPatch{Name: ptr("B")}, 43022},
		{"i18n of sibling", "a", feishu.DepartmentPatch{I18nName: &feishu.I18nName{EnUs: "B"}}, 43018},
		{"under itself", "a", feishu.DepartmentPatch{ParentDepartmentID: ptr("a")}, 40001},
		{"under descendant", "a", feishu.DepartmentPatch{ParentDepartmentID: ptr("a11")}, 40001},
		{"unknown parent", "a", feishu.DepartmentPatch{ParentDepartmentID: ptr("zz")}, 40015},
		{"move onto a name", "a1", feishu.DepartmentPatch{ParentDepartmentID: ptr("b"), Name: ptr("X")}, 43022},
		{"duplicate order", "bx", feishu.DepartmentPatch{Order: ptr("7")}, 43005},
		{"bad leader", "a", feishu.DepartmentPatch{LeaderUserID: ptr("ghost")}, 41012},
		{"rename", "a", feishu.DepartmentPatch{Name: ptr("A2")}, 0},
		{"keep own name", "a", feishu.DepartmentPatch{Name: ptr("A2"), I18nName: &feishu.I18nName{ZhCn: "A2"}}, 0},
		{"order", "bx", feishu.DepartmentPatch{Order: ptr("3")}, 0},
		{"leader", "a", feishu.DepartmentPatch{LeaderUserID: ptr("lead")}, 0},
		{"move", "a1", feishu.DepartmentPatch{ParentDepartmentID: ptr("b")}, 0},
		{"group chat", "b", feishu.DepartmentPatch{CreateGroupChat: ptr(true)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.wantCode(tt.code, "PATCH", depts+"/"+tt.id+custom, tt.patch)
		})
	}
	a := c.getDept("a")
	if a.Name != "A2" || a.LeaderUserID != "lead" || a.I18nName == nil || a.I18nName.ZhCn != "A2" {
		t.Errorf("a after patches: %+v", a)
	}
	if a1 := c.getDept("a1"); a1.ParentDepartmentID != "b" {
		t.Errorf("a1 not moved: %+v", a1)
	}
	if b := c.getDept("b"); b.ChatID == "" || !b.CreateGroupChat {
		t.Errorf("b has no chat: %+v", b)
	}
	// Moving onto a taken order assigns a free one.
	c.ok("PATCH", depts+"/a"+custom, feishu.DepartmentPatch{Order: ptr("7")}, nil)
	c.ok("PATCH", depts+"/a"+custom, feishu.DepartmentPatch{ParentDepartmentID: ptr("b")}, nil)
	if a := c.getDept("a"); a.Order == "7" {
		t.Errorf("moved department kept a taken order")
	}
	// Clearing the leader.
	c.ok("PATCH", depts+"/a"+custom, feishu.DepartmentPatch{LeaderUserID: ptr("")}, nil)
	if a := c.getDept("a"); a.LeaderUserID != "" || a.Leaders != nil {
		t.Errorf("leader not cleared: %+v", a)
	}
}

func TestPutDepartment(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkUser("lead", "13800000011", "0")
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "a", ParentDepartmentID: "0", Name: "A", Order: "42",
		LeaderUserID: "lead", I18nName: &feishu.I18nName{EnUs: "Ay"}}, nil)
	c.mkDept("b", "0", "B")
	c.wantCode(40016, "PUT", depts+"/a"+custom, feishu.Department{ParentDepartmentID: "0"})
	c.wantCode(40017, "PUT", depts+"/a"+custom, feishu.Department{Name: "A"})
	c.wantCode(40015, "PUT", depts+"/zz"+custom, feishu.Department{Name: "A", ParentDepartmentID: "0"})
	var out feishu.DepartmentData
	c.ok("PUT", depts+"/a"+custom, feishu.Department{Name: "A new", ParentDepartmentID: "b"}, &out)
	d := out.Department
	if d.Name != "A new" || d.ParentDepartmentID != "b" || d.LeaderUserID != "" || d.I18nName != nil || d.Order != "42" {
		t.Errorf("after PUT: %+v (want leader and i18n reset, order kept)", d)
	}
}

func TestDeleteDepartment(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.mkDept("a1", "a", "A1")
	c.mkUser("u", "13800000012", "a1")
	c.wantCode(40015, "DELETE", depts+"/nope"+custom, nil)
	c.wantCode(43012, "DELETE", depts+"/a"+custom, nil)
	c.wantCode(43011, "DELETE", depts+"/a1"+custom, nil)
	c.ok("DELETE", feishu.PathUsers+"/u"+custom, nil, nil)
	r := c.wantCode(0, "DELETE", depts+"/a1"+custom, nil)
	if string(r.data) != "{}" {
		t.Errorf("delete data %s, want {}", r.data)
	}
	c.wantCode(40015, "GET", depts+"/a1"+custom, nil)
	// The custom ID and the name are free again.
	c.mkDept("a1", "a", "A1")
}

func TestDepartmentIDTypes(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	u := c.mkUser("lead", "13800000013", "0")
	var out, out2 feishu.DepartmentData
	// Default types: open_department_id and open_id in body and answer.
	c.ok("POST", depts, feishu.Department{DepartmentID: "a", ParentDepartmentID: "0", Name: "A", LeaderUserID: u.OpenID}, &out)
	a := out.Department
	if !strings.HasPrefix(a.OpenDepartmentID, "od-") || a.DepartmentID != "a" || a.LeaderUserID != u.OpenID {
		t.Fatalf("created %+v", a)
	}
	c.ok("POST", depts, feishu.Department{DepartmentID: "b", ParentDepartmentID: a.OpenDepartmentID, Name: "B"}, &out2)
	b := out2.Department
	if b.ParentDepartmentID != a.OpenDepartmentID {
		t.Fatalf("parent rendered %q, want open ID", b.ParentDepartmentID)
	}
	tests := []struct {
		path, qs, parent, leader string
	}{
		{b.OpenDepartmentID, "", a.OpenDepartmentID, ""},
		{b.OpenDepartmentID, "?department_id_type=open_department_id", a.OpenDepartmentID, ""},
		{"b", "?department_id_type=department_id", "a", ""},
	}
	for _, tt := range tests {
		var got feishu.DepartmentData
		c.ok("GET", depts+"/"+tt.path+tt.qs, nil, &got)
		if got.Department.ParentDepartmentID != tt.parent || got.Department.DepartmentID != "b" || got.Department.OpenDepartmentID != b.OpenDepartmentID {
			t.Errorf("GET %s%s: %+v", tt.path, tt.qs, got.Department)
		}
	}
	for typ, want := range map[string]string{"user_id": "lead", "open_id": u.OpenID, "union_id": u.UnionID} {
		var got feishu.DepartmentData
		c.ok("GET", depts+"/a?department_id_type=department_id&user_id_type="+typ, nil, &got)
		if got.Department.LeaderUserID != want || got.Department.Leaders[0].LeaderID != want {
			t.Errorf("leader as %s: %+v", typ, got.Department)
		}
	}
	// The leader set by union_id.
	c.ok("PATCH", depts+"/"+a.OpenDepartmentID+"?user_id_type=union_id", feishu.DepartmentPatch{LeaderUserID: &u.UnionID}, nil)
	// The wrong type for an ID is not found.
	c.wantCode(40015, "GET", depts+"/a", nil)
	c.wantCode(40015, "GET", depts+"/"+a.OpenDepartmentID+"?department_id_type=department_id", nil)
}

func TestChildrenPagination(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	// 10 top departments with 11 children each: 120 departments.
	var bfs []string
	for i := range 10 {
		top := fmt.Sprintf("t%02d", i)
		if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: top, ParentDepartmentID: "0", Name: top}); err != nil {
			t.Fatal(err)
		}
		bfs = append(bfs, top)
	}
	for i := range 10 {
		for j := range 11 {
			id := fmt.Sprintf("t%02d-%02d", i, j)
			if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: id, ParentDepartmentID: fmt.Sprintf("t%02d", i), Name: id}); err != nil {
				t.Fatal(err)
			}
			bfs = append(bfs, id)
		}
	}
	collect := func(path string, size int) (ids []string, pages int) {
		token := ""
		for {
			qs := "&" + custom[1:] + "&page_size=" + fmt.Sprint(size)
			if token != "" {
				qs += "&page_token=" + token
			}
			var p feishu.Page[feishu.Department]
			c.ok("GET", path+qs, nil, &p)
			pages++
			for _, d := range p.Items {
				ids = append(ids, d.DepartmentID)
			}
			if !p.HasMore {
				if p.PageToken != "" {
					t.Fatalf("last page carries a token")
				}
				return ids, pages
			}
			if p.PageToken == "" || len(p.Items) != size {
				t.Fatalf("page with has_more: %d items, token %q", len(p.Items), p.PageToken)
			}
			token = p.PageToken
		}
	}
	got, pages := collect(depts+"/0/children?fetch_child=true", 50)
	if !slices.Equal(got, bfs) || pages != 3 {
		t.Fatalf("fetch_child: %d pages, %d items; order differs: %v", pages, len(got), got[:12])
	}
	got, pages = collect(depts+"/0/children?fetch_child=false", 3)
	if !slices.Equal(got, bfs[:10]) || pages != 4 {
		t.Fatalf("direct children: %d pages, %v", pages, got)
	}
	got, _ = collect(depts+"/t03/children?fetch_child=true", 10)
	if len(got) != 11 {
		t.Fatalf("t03 sub-tree: %v", got)
	}
	var p feishu.Page[feishu.Department]
	c.ok("GET", depts+"/0/children"+custom+"&fetch_child=true", nil, &p)
	if len(p.Items) != 10 || !p.HasMore {
		t.Fatalf("default page size 10: %d items, has_more %v", len(p.Items), p.HasMore)
	}
	other := p.PageToken
	c.ok("GET", depts+"/t01/children"+custom+"&page_size=50", nil, &p)

	for _, tt := range []struct {
		qs   string
		code int
	}{
		{"&page_size=51", 40011},
		{"&page_size=0", 40011},
		{"&page_size=ten", 40011},
		{"&page_size=50", 0},
		{"&page_token=garbage", 40012},
		{"&page_token=" + other[:len(other)-2] + "AA", 40012},
		{"&fetch_child=maybe", 40001},
	} {
		c.wantCode(tt.code, "GET", depts+"/0/children"+custom+tt.qs, nil)
	}
	// A token issued for one listing is refused by another.
	c.wantCode(40012, "GET", depts+"/t01/children"+custom+"&page_token="+other, nil)
	c.wantCode(40012, "GET", depts+"/0/children"+custom+"&page_token="+other, nil)
	c.wantCode(0, "GET", depts+"/0/children"+custom+"&fetch_child=true&page_token="+other, nil)
	c.wantCode(40015, "GET", depts+"/nope/children"+custom, nil)
}

func TestParentDepartments(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkDept("a", "0", "A")
	c.mkDept("b", "a", "B")
	c.mkDept("c", "b", "C")
	c.mkDept("d", "c", "D")
	var p feishu.Page[feishu.Department]
	c.ok("GET", feishu.PathDepartmentsParent+custom+"&department_id=d", nil, &p)
	var got []string
	for _, d := range p.Items {
		got = append(got, d.DepartmentID)
	}
	if want := []string{"c", "b", "a"}; !slices.Equal(got, want) || p.HasMore {
		t.Fatalf("parents %v, want %v", got, want)
	}
	c.ok("GET", feishu.PathDepartmentsParent+custom+"&department_id=d&page_size=2", nil, &p)
	if len(p.Items) != 2 || !p.HasMore {
		t.Fatalf("page of 2: %+v", p)
	}
	c.ok("GET", feishu.PathDepartmentsParent+custom+"&department_id=d&page_size=2&page_token="+p.PageToken, nil, &p)
	if len(p.Items) != 1 || p.Items[0].DepartmentID != "a" || p.HasMore {
		t.Fatalf("second page: %+v", p)
	}
	c.ok("GET", feishu.PathDepartmentsParent+custom+"&department_id=0", nil, &p)
	if len(p.Items) != 0 {
		t.Fatalf("root has no parents: %+v", p)
	}
	c.wantCode(44102, "GET", feishu.PathDepartmentsParent+custom, nil)
	c.wantCode(40015, "GET", feishu.PathDepartmentsParent+custom+"&department_id=zz", nil)
	c.wantCode(40011, "GET", feishu.PathDepartmentsParent+custom+"&department_id=d&page_size=51", nil)
}

func TestBatchDepartments(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	a := c.mkDept("a", "0", "A")
	c.mkDept("b", "0", "B")
	var out feishu.BatchData[feishu.Department]
	c.ok("GET", feishu.PathDepartmentsBatch+q("department_ids", a.OpenDepartmentID, "department_ids", "od-unknown", "department_ids", "0"), nil, &out)
	if len(out.Items) != 2 || out.Items[0].DepartmentID != "a" || out.Items[1].DepartmentID != "0" {
		t.Fatalf("batch: %+v", out.Items)
	}
	c.ok("GET", feishu.PathDepartmentsBatch+custom+"&department_ids=b&department_ids=a", nil, &out)
	if len(out.Items) != 2 || out.Items[0].DepartmentID != "b" {
		t.Fatalf("batch by custom ID: %+v", out.Items)
	}
	many := custom
	for i := range 51 {
		many += fmt.Sprintf("&department_ids=x%d", i)
	}
	c.wantCode(40001, "GET", feishu.PathDepartmentsBatch+many, nil)
	c.wantCode(40001, "GET", feishu.PathDepartmentsBatch, nil)
}

func TestUnknownPath(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	r := c.do("GET", "/open-apis/contact/v3/nothing", nil)
	if r.status != 404 || r.code != feishu.CodeNotFound.Num {
		t.Fatalf("unknown path: HTTP %d %s", r.status, r.raw)
	}
	if r := c.do("POST", depts+"/0", nil); r.status != 405 || r.code != feishu.CodeMethodMismatch.Num {
		t.Fatalf("wrong method: HTTP %d %s", r.status, r.raw)
	}
}

func TestStrictBatchFailsOnUnknownIDs(t *testing.T) {
	for _, strict := range []bool{false, true} {
		srv, url := sandboxtest.Start(t, sandbox.Options{StrictBatch: strict})
		if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: "A", Name: "甲", ParentDepartmentID: "0"}); err != nil {
			t.Fatal(err)
		}
		api := sandbox.NewClient(url)
		got, err := api.BatchDepartments(context.Background(), []string{"A", "NOPE"})
		switch {
		case !strict && (err != nil || len(got) != 1):
			t.Errorf("lenient: %v %v", got, err)
		case strict && feishu.ErrorCode(err) != feishu.CodeDeptIDsNotExist.Num:
			t.Errorf("strict: %v", err)
		}
		_, err = api.BatchUsers(context.Background(), []string{"nobody"})
		if strict && feishu.ErrorCode(err) != feishu.CodeUserIDsNotExist.Num || !strict && err != nil {
			t.Errorf("users strict=%v: %v", strict, err)
		}
	}
}
