package rehearse

import (
	"bufio"
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/tenant"
)

// snapshot builds a small tenant read: departments D1 and D2 under the
// root, users u1 and u2, u1's mobile, in the order given.
func snapshot(reverse bool, edit func(*tenant.Snapshot)) *tenant.Snapshot {
	s := tenant.New()
	depts := []feishu.Department{{DepartmentID: "D1", Name: "研发部", ParentDepartmentID: "0", MemberCount: 3}, {DepartmentID: "D2", Name: "销售部", ParentDepartmentID: "0"}}
	users := []feishu.User{{UserID: "u1", Name: "张三", Mobile: "+8613900000001", DepartmentIDs: []string{"D1"}}, {UserID: "u2", Name: "李四", DepartmentIDs: []string{"D2"}}}
	if reverse {
		slices.Reverse(depts)
		slices.Reverse(users)
	}
	for i := range depts {
		s.Departments[depts[i].DepartmentID] = &depts[i]
	}
	for i := range users {
		s.Users[users[i].UserID] = &users[i]
	}
	s.Children["0"] = depts
	s.ByMobile["+8613900000001"] = "u1"
	if edit != nil {
		edit(s)
	}
	return s
}

func TestFingerprint(t *testing.T) {
	base := Fingerprint(snapshot(false, nil), nil)
	tests := []struct {
		name string
		s    *tenant.Snapshot
		want []string // the drifts, as keys and changes
	}{
		{"same tenant, other order", snapshot(true, nil), nil},
		{"member counts change", snapshot(false, func(s *tenant.Snapshot) { s.Departments["D1"].MemberCount = 40 }), nil},
		{"a department renamed", snapshot(true, func(s *tenant.Snapshot) { s.Departments["D1"].Name = "研发中心" }), []string{"department:D1 changed"}},
		{"a user gone", snapshot(false, func(s *tenant.Snapshot) { delete(s.Users, "u2") }), []string{"user:u2 gone"}},
		{"a user added", snapshot(false, func(s *tenant.Snapshot) { s.Users["u3"] = &feishu.User{UserID: "u3", Name: "王五"} }), []string{"user:u3 added"}},
		{"a mobile moved", snapshot(false, func(s *tenant.Snapshot) { s.ByMobile["+8613900000001"] = "u2" }), []string{"mobile:" + short("+8613900000001") + " changed"}},
		{"a sibling added", snapshot(false, func(s *tenant.Snapshot) {
			s.Children["0"] = append(s.Children["0"], feishu.Department{DepartmentID: "D3"})
		}), []string{"children:0 changed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now := Fingerprint(tc.s, nil)
			var got []string
			for _, d := range Compare(base, now) {
				got = append(got, d.Key+" "+d.Change)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("drifts %v, want %v", got, tc.want)
			}
			if (len(tc.want) == 0) != (now.Total == base.Total) {
				t.Errorf("total %s vs %s with drifts %v", now.Total, base.Total, got)
			}
		})
	}
}

// TestFingerprintValues: the keys come from the read, the values from the
// tenant read whole when it has them.
func TestFingerprintValues(t *testing.T) {
	read := snapshot(false, nil)
	whole := snapshot(false, func(s *tenant.Snapshot) { s.Users["u1"].Name = "张叁" })
	if Fingerprint(read, ValuesOf(whole)).Total == Fingerprint(read, nil).Total {
		t.Error("the values of the whole read are not used")
	}
	if got, want := Fingerprint(read, ValuesOf(whole)).Total, Fingerprint(whole, nil).Total; got != want {
		t.Error("a read printed with the whole read's values differs from the whole read")
	}
}

// schemaSnapshot is snapshot with units, groups and a schema list read.
func schemaSnapshot(edit func(*tenant.Snapshot)) *tenant.Snapshot {
	return snapshot(false, func(s *tenant.Snapshot) {
		s.UnitsRead, s.Units = true, map[string]*feishu.Unit{"U1": {UnitID: "U1", Name: "华东", UnitType: "region"}}
		s.DirRead.JobTitles = true
		s.Dir.JobTitles = []feishu.JobTitle{{JobTitleID: "jt1", Name: "工程师", Status: true}}
		s.Groups.Read = true
		s.Groups.ByID = map[string]*tenant.Group{}
		g := &tenant.Group{Group: feishu.Group{ID: "g1", GroupID: "grp-eng", Name: "工程", MemberUserCount: 2}, MembersRead: true, Users: []string{"u2", "u1"}}
		s.Groups.ByID["g1"], s.Groups.ByID["grp-eng"] = g, g
		s.Groups.Order = []*tenant.Group{g}
		if edit != nil {
			edit(s)
		}
	})
}

// TestValuesPrintAsTheRead: values printed ahead give, entry by entry
// (hashes and names), the print of the snapshot they come from; a read
// printed with another tenant's values takes those.
func TestValuesPrintAsTheRead(t *testing.T) {
	s := schemaSnapshot(nil)
	got, want := Fingerprint(s, ValuesOf(s)), Fingerprint(s, nil)
	if !maps.Equal(got.Entries, want.Entries) || got.Total != want.Total {
		t.Errorf("printed with its values:\n%v\nwant\n%v", got.Entries, want.Entries)
	}
	other := schemaSnapshot(func(s *tenant.Snapshot) {
		s.Units["U1"].Name = "华东区"
		s.Dir.JobTitles[0].Name = "研发工程师"
		s.Groups.Order[0].Users = []string{"u1"}
		s.Departments["D2"].Name = "市场部"
	})
	var changed []string
	for _, d := range Compare(want, Fingerprint(s, ValuesOf(other))) {
		changed = append(changed, d.Key+" "+d.Change)
	}
	if w := []string{"department:D2 changed", "directory:job_titles changed", "group:g1 changed", "unit:U1 changed"}; !slices.Equal(changed, w) {
		t.Errorf("drifts %v, want %v", changed, w)
	}
}

func TestDriftMessages(t *testing.T) {
	for _, tc := range []struct {
		d    Drift
		want []string
	}{
		{Drift{Key: "department:D1", Name: "研发部", Change: "changed"}, []string{"department D1 (研发部) changed", "部门 D1 已更改"}},
		{Drift{Key: "user:u9", Change: "added"}, []string{"user u9 added", "成员 u9 为新增"}},
		{Drift{Key: "mobile:abc", Name: "u1", Change: "changed"}, []string{"belonged to u1", "原属于 u1"}},
	} {
		for _, w := range tc.want {
			if !strings.Contains(tc.d.String(), w) {
				t.Errorf("%q lacks %q", tc.d.String(), w)
			}
		}
	}
}

func TestPlanDigest(t *testing.T) {
	a := &plan.Change{Kind: plan.KindDepartment, Key: "D1", Action: plan.ActionCreate}
	b := &plan.Change{Kind: plan.KindUser, Key: "u1", Action: plan.ActionUpdate, Fields: []plan.FieldChange{{Field: "name", Old: "张三", New: "张叁"}}}
	b2 := *b
	b2.Fields = []plan.FieldChange{{Field: "name", Old: "张三", New: "张山"}}
	base := PlanDigest(&plan.Plan{Changes: []*plan.Change{a, b}})
	if PlanDigest(&plan.Plan{Changes: []*plan.Change{b, a}}) != base {
		t.Error("the digest depends on the order of the changes")
	}
	if PlanDigest(&plan.Plan{Changes: []*plan.Change{a, &b2}}) == base {
		t.Error("another new value gives the same digest")
	}
}

// TestPlanDigestStreamed: the digest is the hash of the canonical rows'
// one JSON encoding (as rehearsal.json files already written hold it),
// though it is hashed a row at a time.
func TestPlanDigestStreamed(t *testing.T) {
	p := &plan.Plan{Changes: []*plan.Change{
		{Kind: plan.KindUser, Key: "u1", Action: plan.ActionUpdate, Fields: []plan.FieldChange{{Field: "name", Old: "<a&b>", New: "张叁"}}},
		{Kind: plan.KindDepartment, Key: "D1", Action: plan.ActionCreate, Departments: []string{"0"}},
		{Kind: plan.KindUser, Key: "u0", Action: plan.ActionUnchanged},
	}}
	for _, p := range []*plan.Plan{p, {}} {
		b, err := json.Marshal(canonRows(p))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := PlanDigest(p), short(string(b)); got != want {
			t.Errorf("%d rows: digest %s, want %s", len(p.Changes), got, want)
		}
	}
}

// TestRecordEncoded: the record written a print entry at a time is
// json.Marshal's encoding of it, byte for byte.
func TestRecordEncoded(t *testing.T) {
	print := Fingerprint(schemaSnapshot(func(s *tenant.Snapshot) { s.Users["u2"].Name = "<李&四>" }), nil)
	for _, p := range []*Print{print, {Total: "t"}, {Total: "t", Entries: map[string]Entry{}}} {
		rec := &Record{Version: 1, Tenant: "T", Inputs: []Input{{Path: "a.xlsx", SHA256: "1"}}, Plan: "d", Changes: map[string]int{"create": 2}, Fingerprint: p}
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := rec.encode(w); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		want, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != string(want)+"\n" {
			t.Errorf("encoded\n%s\nwant\n%s", got, want)
		}
	}
}

func TestCheckInputs(t *testing.T) {
	rec := &Record{Tenant: "T", Inputs: []Input{{Path: "a.xlsx", SHA256: "1"}}, Options: map[string]string{"--accept-renames": "false"}}
	for _, tc := range []struct {
		name   string
		inputs []Input
		opts   map[string]string
		tenant string
		want   string
	}{
		{"same", []Input{{Path: "/x/a.xlsx", SHA256: "1"}}, map[string]string{"--accept-renames": "false"}, "T", ""},
		{"content", []Input{{Path: "a.xlsx", SHA256: "2"}}, map[string]string{"--accept-renames": "false"}, "T", "a.xlsx changed"},
		{"files", nil, map[string]string{"--accept-renames": "false"}, "T", "1 file(s), this import reads 0"},
		{"flag", []Input{{Path: "a.xlsx", SHA256: "1"}}, map[string]string{"--accept-renames": "true"}, "T", `--accept-renames is "true"`},
		{"new flag", []Input{{Path: "a.xlsx", SHA256: "1"}}, map[string]string{"--accept-renames": "false", "--x": "1"}, "T", `--x is "1"`},
		{"tenant", []Input{{Path: "a.xlsx", SHA256: "1"}}, map[string]string{"--accept-renames": "false"}, "U", "this import writes to U"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := rec.CheckInputs("dir", tc.inputs, tc.opts, tc.tenant)
			switch {
			case tc.want == "" && st != nil:
				t.Errorf("stale: %v", st)
			case tc.want != "" && (st == nil || !strings.Contains(st.Error(), tc.want)):
				t.Errorf("got %v, want %q", st, tc.want)
			}
		})
	}
}
