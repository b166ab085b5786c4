package plan

import (
	"reflect"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

func ls(main string, deputies ...string) []feishu.DepartmentLeader {
	out := []feishu.DepartmentLeader{{LeaderType: feishu.LeaderMain, LeaderID: main}}
	for _, d := range deputies {
		out = append(out, feishu.DepartmentLeader{LeaderType: feishu.LeaderDeputy, LeaderID: d})
	}
	return out
}

// TestWithout: people whose rows failed are left out of a request; a
// leaders list without its main leader goes whole, a list that loses
// everyone is not sent (an empty list would clear the field), and a PATCH
// left with nothing is not sent at all.
func TestWithout(t *testing.T) {
	gone := map[string]bool{"x": true}
	tests := []struct {
		name string
		in   Request
		want Request
		left bool
	}{
		{"a deputy", CreateDepartment{feishu.Department{Name: "D", LeaderUserID: "m", Leaders: ls("m", "x", "d"), DepartmentHrbps: []string{"x", "h"}}},
			CreateDepartment{feishu.Department{Name: "D", LeaderUserID: "m", Leaders: ls("m", "d"), DepartmentHrbps: []string{"h"}}}, true},
		{"the main leader", CreateDepartment{feishu.Department{Name: "D", LeaderUserID: "x", Leaders: ls("x", "d"), DepartmentHrbps: []string{"x"}}},
			CreateDepartment{feishu.Department{Name: "D"}}, true},
		{"a patch's main leader", PatchDepartment{"D", feishu.DepartmentPatch{LeaderUserID: ptr("x"), Leaders: ptr(ls("x", "d"))}},
			PatchDepartment{"D", feishu.DepartmentPatch{}}, false},
		{"a patch keeps the rest", PatchDepartment{"D", feishu.DepartmentPatch{Name: ptr("N"), DepartmentHrbps: &[]string{"x"}}},
			PatchDepartment{"D", feishu.DepartmentPatch{Name: ptr("N")}}, true},
		{"a manager and a dotted-line leader", CreateUser{Body: feishu.User{Name: "U", LeaderUserID: "x", DottedLineLeaderUserIDs: []string{"x", "m"}}},
			CreateUser{Body: feishu.User{Name: "U", DottedLineLeaderUserIDs: []string{"m"}}}, true},
		{"a user's leader step", PatchUser{ID: "u", Patch: feishu.UserPatch{DottedLineLeaderUserIDs: &[]string{"x"}}},
			PatchUser{ID: "u", Patch: feishu.UserPatch{}}, false},
	}
	for _, tt := range tests {
		got, left := tt.in.Without(gone)
		if !reflect.DeepEqual(got, tt.want) || left != tt.left {
			t.Errorf("%s: %+v %v, want %+v %v", tt.name, got, left, tt.want, tt.left)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestLeaderStepAfterTheDepartmentsPatch: an existing department renamed
// and given a deputy created in the same run gets its leaders after its
// own PATCH, never beside it.
func TestLeaderStepAfterTheDepartmentsPatch(t *testing.T) {
	o, ps := sheetOrg(t, "department_id,name,parent_department_id,leader_user_id\nD,新名,0,m;n\n",
		userHeader+"n,新人,13800000002,,D,1,,\n")
	tn := tenant.New()
	tn.Departments["D"] = &feishu.Department{DepartmentID: "D", Name: "旧名", ParentDepartmentID: "0", LeaderUserID: "m"}
	tn.Users["m"] = &feishu.User{UserID: "m", Name: "经理", Mobile: "+8613800000001", DepartmentIDs: []string{"D"}, EmployeeType: 1}
	p := Build(o, ps, tn)
	var leader *Step
	for _, s := range p.Steps {
		if s.ID == DepartmentLeaderStep("D") {
			leader = s
		}
	}
	if leader == nil || joinIDs(leader.Deps) != "dept:D" || joinIDs(leader.Soft) != "user:n" {
		t.Fatalf("leader step %+v", leader)
	}
	if f := change(p, "D").Fields; len(f) != 2 || f[1] != (FieldChange{"leader_user_id", "m", "m;n"}) {
		t.Errorf("fields %+v", f)
	}
}
