package audit

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/orgbatch/orgbatch/org"
)

func baseline(depts []BaseDepartment, users []BaseUser) *Baseline {
	b := &Baseline{Departments: map[string]BaseDepartment{}, Users: map[string]BaseUser{}, HasDepartments: depts != nil, HasUsers: users != nil}
	for _, d := range depts {
		b.Departments[d.ID] = d
	}
	for _, u := range users {
		b.Users[u.ID] = u
	}
	return b
}

// before is company as it was: 后端 not yet renamed, 华南 under 技术中心, a
// department since removed, 空子部门 not yet there, 李四 not yet in 前端组,
// 王五 with another name, someone who left, 吴十 not yet there.
var (
	beforeDepts = []BaseDepartment{
		{"T", "技术中心", "0"}, {"FE", "前端组", "T"}, {"BE", "后端", "T"}, {"S", "销售部", "0"},
		{"S1", "华东", "S"}, {"S2", "华南", "T"}, {"OLD", "旧部门", "S"}, {"E", "空部门", "0"},
	}
	beforeUsers = []BaseUser{
		{ID: "u1", Name: "张三", Departments: []string{"T"}}, {ID: "u2", Name: "李四", Departments: []string{"T"}},
		{ID: "u3", Name: "王五老", Departments: []string{"FE"}}, {ID: "u4", Name: "张·三", Departments: []string{"BE"}},
		{ID: "u5", Name: "赵六", Departments: []string{"S"}}, {ID: "u6", Name: "钱七", Departments: []string{"T"}},
		{ID: "u7", Name: "孙八", Departments: []string{"S1"}}, {ID: "u8", Name: "周九", Departments: []string{"S2"}},
		{ID: "uX", Name: "走了", Departments: []string{"OLD", "S"}},
	}
)

func TestChanges(t *testing.T) {
	type c = [3]string // ID, before, after
	tests := []struct {
		name    string
		org     testOrg
		base    *Baseline
		want    map[string][]c
		skipped []string
	}{
		{"every kind", company, baseline(beforeDepts, beforeUsers), map[string][]c{
			UserJoined:  {{"u10", "", CompanyName}},
			UserLeft:    {{"uX", "销售部/旧部门; 销售部", ""}},
			UserMoved:   {{"u2", "技术中心", "技术中心/前端组"}},
			UserRenamed: {{"u3", "王五老", "王五"}},
			DeptAdded:   {{"E1", "", "空部门/空子部门"}},
			DeptRemoved: {{"OLD", "销售部/旧部门", ""}},
			DeptMoved:   {{"S2", "技术中心", "销售部"}},
			DeptRenamed: {{"BE", "后端", "后端组"}},
		}, nil},
		{"users only: departments not compared", company, baseline(nil, beforeUsers), map[string][]c{
			UserJoined:  {{"u10", "", CompanyName}},
			UserLeft:    {{"uX", "OLD; 销售部", ""}}, // OLD exists nowhere now
			UserMoved:   {{"u2", "技术中心", "技术中心/前端组"}},
			UserRenamed: {{"u3", "王五老", "王五"}},
		}, []string{DeptAdded, DeptRemoved, DeptMoved, DeptRenamed}},
		{"the same org: no changes", company, baseline(nil, []BaseUser{
			{ID: "u1", Name: "张三", Departments: []string{"T"}}, {ID: "u10", Name: "吴十", Departments: []string{"0"}},
			{ID: "u2", Name: " 李四 ", Departments: []string{"FE", "FE"}}, {ID: "u3", Name: "王五", Departments: []string{"FE"}},
			{ID: "u4", Name: "张·三", Departments: []string{"BE"}}, {ID: "u5", Name: "赵六", Departments: []string{"S"}},
			{ID: "u6", Name: "钱七", Departments: []string{"T"}}, {ID: "u7", Name: "孙八", Departments: []string{"S1"}},
			{ID: "u8", Name: "周九", Departments: []string{"S2"}},
		}), map[string][]c{}, []string{DeptAdded, DeptRemoved, DeptMoved, DeptRenamed}},
		{"departments by path in the earlier sheet", testOrg{Depts: []d{"A 0 甲 -", "B A 乙 -"}, Users: []u{"u1 一 B -", "u2 二 A -"}},
			baseline(nil, []BaseUser{{ID: "u1", Name: "一", Paths: []string{"甲/乙"}}, {ID: "u2", Name: "二", Paths: []string{"甲/乙"}}}),
			map[string][]c{UserMoved: {{"u2", "甲/乙", "甲"}}}, []string{DeptAdded, DeptRemoved, DeptMoved, DeptRenamed}},
		{"a --root branch: what is outside it is not compared", testOrg{Root: "A", Depts: []d{"A X 甲 -", "A1 A 乙 -"}, Users: []u{"u1 一 A1 -"}},
			baseline([]BaseDepartment{{"X", "外", "0"}, {"A", "甲", "X"}, {"A2", "丙", "A"}, {"Y", "别处", "0"}},
				[]BaseUser{{ID: "u1", Name: "一", Departments: []string{"A2"}}, {ID: "u2", Name: "二", Departments: []string{"A2"}}, {ID: "u3", Name: "三", Departments: []string{"Y"}}}),
			map[string][]c{
				UserLeft:    {{"u2", "外/甲/丙", ""}},
				UserMoved:   {{"u1", "外/甲/丙", "甲/乙"}},
				DeptAdded:   {{"A1", "", "甲/乙"}},
				DeptRemoved: {{"A2", "外/甲/丙", ""}},
			}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Build(tt.org.Snapshot(), tt.base, Options{})
			if len(r.Changes.Groups) != len(ChangeKinds) {
				t.Fatalf("%d groups", len(r.Changes.Groups))
			}
			n := 0
			for i, g := range r.Changes.Groups {
				if g.Kind.Code != ChangeKinds[i].Code {
					t.Errorf("group %d is %s", i, g.Kind.Code)
				}
				var got []c
				for _, ch := range g.Items {
					got = append(got, c{ch.ID, ch.Before, ch.After})
					if ch.Code != g.Kind.Code || ch.Name == "" {
						t.Errorf("%s: %+v", g.Kind.Code, ch)
					}
				}
				n += len(got)
				if want := tt.want[g.Kind.Code]; !slices.Equal(got, want) {
					t.Errorf("%s: %q, want %q", g.Kind.Code, got, want)
				}
				if g.Skipped != slices.Contains(tt.skipped, g.Kind.Code) {
					t.Errorf("%s: skipped %v", g.Kind.Code, g.Skipped)
				}
			}
			if n != r.Changes.Total() {
				t.Errorf("Total %d, counted %d", r.Changes.Total(), n)
			}
		})
	}
	if r := Build(company.Snapshot(), nil, Options{}); r.Changes != nil {
		t.Error("changes without a baseline")
	}
}

// TestBaselineOf reads an export's users CSV alone: users are compared,
// departments are not, a row without user_id is counted.
func TestBaselineOf(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "users.csv")
	csv := "用户ID (user_id),姓名 (name),手机号 (mobile),所属部门ID (department_ids),人员类型 (employee_type),开放ID (open_id)\n" +
		"u1,张三,13800000001,T;FE,正式,ou_1\n,无ID,13800000002,T,正式,ou_2\n"
	if err := os.WriteFile(p, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	o, ps := org.Load([]org.Input{{Path: p}})
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	b := BaselineOf(o)
	if !b.HasUsers || b.HasDepartments || b.NoID != 1 || len(b.Users) != 1 {
		t.Fatalf("baseline %+v", b)
	}
	if u := b.Users["u1"]; u.Name != "张三" || !slices.Equal(u.Departments, []string{"T", "FE"}) {
		t.Errorf("u1: %+v", u)
	}
}
