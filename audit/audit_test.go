package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/audit/audittest"
)

var company = audittest.Company

func TestFindings(t *testing.T) {
	tests := []struct {
		name string
		org  testOrg
		opts Options
		want map[string][]string // kind → subjects; kinds not named must be empty
	}{
		{"every kind once", company, Options{}, map[string][]string{
			DeptNoLeader:    {"技术中心/后端组", "空部门", "空部门/空子部门"},
			LeaderResigned:  {"销售部/华东"},
			LeaderOutside:   {"销售部/华南"},
			ManagerResigned: {"u7", "u8"},
			UserNoManager:   {"u10"}, // u1 and u5 lead top-level departments
			DeptEmpty:       {"空部门"}, // its empty sub-department is not listed again
			DuplicateName:   {"张三"},
			DuplicateMobile: {"+86138****0001"},
			DuplicateEmail:  {"a***@example.com"},
		}},
		{"thresholds", company, Options{MaxDepth: 1, MaxChildren: 2}, map[string][]string{
			DeptNoLeader:    {"技术中心/后端组", "空部门", "空部门/空子部门"},
			LeaderResigned:  {"销售部/华东"},
			LeaderOutside:   {"销售部/华南"},
			ManagerResigned: {"u7", "u8"},
			UserNoManager:   {"u10"},
			DeptEmpty:       {"空部门"},
			DuplicateName:   {"张三"},
			DuplicateMobile: {"+86138****0001"},
			DuplicateEmail:  {"a***@example.com"},
			BranchDeep:      {"技术中心/前端组", "技术中心/后端组", "销售部/华东", "销售部/华南", "空部门/空子部门"},
			BranchWide:      {CompanyName},
		}},
		{"a deputy who resigned, a leader in a sub-department", testOrg{
			Depts: []d{"A 0 甲 u1;u9", "A1 A 乙 u2"},
			Users: []u{"u1 一 A1 -", "u2 二 A1 u1"},
			Gone:  []u{"u9 离职九"},
		}, Options{}, map[string][]string{
			LeaderResigned: {"甲"}, // u1 is in A1, below A: not outside
		}},
		{"a --root branch: a leader outside it, a manager outside it", testOrg{
			Root:  "A",
			Depts: []d{"A X 甲 u1", "A1 A 乙 u7"},
			Users: []u{"u1 一 A u5", "u2 二 A1 u7"},
			Gone:  []u{"u7 七 Z -", "u5 五 Z -"}, // active, read by ID: in department Z outside the branch
		}, Options{}, map[string][]string{
			LeaderOutside: {"甲/乙"},
			// u1 leads the --root department: the top of the chain, though
			// they have a manager outside it (not a finding: u5 is active).
		}},
		{"an empty tenant", testOrg{}, Options{}, map[string][]string{}},
		{"a tenant with no departments", testOrg{Users: []u{"u1 一 0 -", "u2 二 0 u1"}}, Options{}, map[string][]string{
			UserNoManager: {"u1"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Build(tt.org.Snapshot(), nil, tt.opts)
			if len(r.Findings) != len(Kinds) {
				t.Fatalf("%d groups, want one per kind (%d)", len(r.Findings), len(Kinds))
			}
			for i, g := range r.Findings {
				if g.Kind.Code != Kinds[i].Code {
					t.Errorf("group %d is %s, want %s", i, g.Kind.Code, Kinds[i].Code)
				}
				if got, want := subjects(g), tt.want[g.Kind.Code]; !slices.Equal(got, want) {
					t.Errorf("%s: %q, want %q", g.Kind.Code, got, want)
				}
				for _, f := range g.Items {
					if f.ZH == "" || f.EN == "" || strings.Contains(f.ZH+f.EN, "%!") {
						t.Errorf("%s: message %q / %q", g.Kind.Code, f.ZH, f.EN)
					}
				}
			}
		})
	}
}

func TestFindingMessages(t *testing.T) {
	r := Build(company.Snapshot(), nil, Options{})
	want := map[string][2]string{
		DeptNoLeader:    {"没有负责人（1 人）", "no leader (1 people)"},
		LeaderResigned:  {"主负责人 离职老王（u9）已离职", "main leader 离职老王 (u9) has resigned"},
		LeaderOutside:   {"主负责人 钱七（u6）不在本部门及其下级部门，所在部门：技术中心", "main leader 钱七 (u6) is not in this department or below it; is in: 技术中心"},
		ManagerResigned: {"直属上级 离职老王（u9）已离职", "manager 离职老王 (u9) has resigned"},
		DuplicateName:   {"2 人同名：张三 (u1, 技术中心); 张·三 (u4, 技术中心/后端组)", "2 users have this name: 张三 (u1, 技术中心); 张·三 (u4, 技术中心/后端组)"},
	}
	for _, g := range r.Findings {
		if w, ok := want[g.Kind.Code]; ok {
			if f := g.Items[0]; f.ZH != w[0] || f.EN != w[1] {
				t.Errorf("%s: %q / %q, want %q / %q", g.Kind.Code, f.ZH, f.EN, w[0], w[1])
			}
		}
	}
	unknown := group(t, r, ManagerResigned).Items[1]
	if !strings.Contains(unknown.EN, "? (u404) does not exist") {
		t.Errorf("an unknown manager: %q", unknown.EN)
	}
}

func TestChartAndLevels(t *testing.T) {
	r := Build(company.Snapshot(), nil, Options{})
	counts := map[string]int{}
	for _, n := range r.Nodes {
		counts[n.Label()] = n.Headcount
	}
	want := map[string]int{CompanyName: 9, "技术中心": 5, "技术中心/前端组": 2, "技术中心/后端组": 1, "销售部": 3, "空部门": 0, "空部门/空子部门": 0}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("headcount of %s: %d, want %d", k, counts[k], v)
		}
	}
	if r.People != 9 || r.Departments != 8 || !r.Root.Company || len(r.Root.Children) != 3 {
		t.Errorf("people %d, departments %d, root %+v", r.People, r.Departments, r.Root)
	}
	fe := r.Nodes[2]
	if fe.Leader == nil || fe.Leader.Name != "李四" || len(fe.Deputies) != 1 || fe.Deputies[0].Name != "王五" {
		t.Errorf("前端组's leaders: %+v %+v", fe.Leader, fe.Deputies)
	}
	if want := []Mark{{DeptNoLeader, 1}}; !slices.Equal(r.Nodes[3].Marks, want) {
		t.Errorf("后端组's marks: %v, want %v", r.Nodes[3].Marks, want)
	}
	// 销售部: its leader's reports' managers (u7, u8) in 华东 and 华南, and
	// those departments' leaders.
	if s := r.Nodes[4]; s.Below != 4 || len(s.Marks) != 0 {
		t.Errorf("销售部: %d below, marks %v", s.Below, s.Marks)
	}
	if r.Root.Below != r.Root.Children[0].Below+r.Root.Children[0].marked()+r.Root.Children[1].Below+r.Root.Children[1].marked()+r.Root.Children[2].Below+r.Root.Children[2].marked() {
		t.Errorf("the company's Below %d", r.Root.Below)
	}
	wantLevels := []Level{
		{Depth: 0, Members: 1},
		{Depth: 1, Departments: 3, Members: 3, NoLeader: 1, Empty: 1},
		{Depth: 2, Departments: 5, Members: 5, NoLeader: 2, Empty: 1},
	}
	if !slices.Equal(r.Levels, wantLevels) {
		t.Errorf("levels %+v\nwant %+v", r.Levels, wantLevels)
	}
	// A --root chart has no company level.
	sub := testOrg{Root: "A", Depts: []d{"A X 甲 u1", "A1 A 乙 u1"}, Users: []u{"u1 一 A;A1 -"}}
	r = Build(sub.Snapshot(), nil, Options{})
	if want := []Level{{Depth: 1, Departments: 1, Members: 1}, {Depth: 2, Departments: 1, Members: 1}}; !slices.Equal(r.Levels, want) {
		t.Errorf("--root levels %+v, want %+v", r.Levels, want)
	}
	if r.Root.Headcount != 1 || r.Root.Company {
		t.Errorf("--root chart: %+v", r.Root)
	}
}

func TestReferenced(t *testing.T) {
	s := company.Snapshot()
	delete(s.Users, "u9")
	if got := Referenced(s); !slices.Equal(got, []string{"u9", "u9", "u404"}) {
		t.Errorf("Referenced = %q", got)
	}
}
