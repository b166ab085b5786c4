package view

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

func usersSheet(t *testing.T, csv string) (*org.Org, []problem.Problem) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "users.csv")
	if err := os.WriteFile(p, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	o, ps := org.Load([]org.Input{{Path: p, Kind: org.KindUsers}})
	return o, append(ps, validate.Validate(o)...)
}

// identityTenant has two people; u9 exists too but the app cannot read
// their record (only batch_get_id found their mobile).
func identityTenant() *tenant.Snapshot {
	tn := tenant.New()
	tn.Users["u7"] = &feishu.User{UserID: "u7", OpenID: "ou_7", Name: "李四", Mobile: "+8613900000001", Email: "lisi@corp.example.cn", DepartmentIDs: []string{"0"}, EmployeeType: 1, JobTitle: "工程师"}
	tn.Users["u8"] = &feishu.User{UserID: "u8", OpenID: "ou_8", Name: "王五", Mobile: "+8613900000002", Email: "wangwu@corp.example.cn", DepartmentIDs: []string{"0"}, EmployeeType: 1}
	tn.ByMobile["+8613900000001"], tn.ByEmail["lisi@corp.example.cn"] = "u7", "u7"
	tn.ByMobile["+8613900000002"], tn.ByEmail["wangwu@corp.example.cn"] = "u8", "u8"
	tn.ByMobile["+8613900000009"] = "u9"
	return tn
}

// TestRenderShowsWhatTheTenantCheckFound: the console plan lists an
// unchanged row that has an online problem, says how the rows matched by
// contact were found, and shows a blocked identity conflict.
func TestRenderShowsWhatTheTenantCheckFound(t *testing.T) {
	o, ps := usersSheet(t, "user_id,name,mobile,email,department_ids,employee_type,leader_user_id,job_title\n"+
		"u8,王五,13900000002,,0,1,ghost,\n"+ // unchanged but for a leader that exists nowhere
		",李四,13900000001,,0,1,,架构师\n"+ // matched by mobile
		",张三,13900000003,lisi@corp.example.cn,0,1,,\n") // the email is 李四's
	p := plan.Build(o, ps, identityTenant())
	var out bytes.Buffer
	Plan(&out, p)
	text := out.String()
	for _, want := range []string{
		"不变 unchanged user       u8 王五",
		"warning PLAN_LEADER_MISSING",
		"按手机号匹配 matched by mobile → user_id u7",
		"阻止 blocked   user       mobile:+8613900000003 张三",
		"error PLAN_NAME_MISMATCH",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plan lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "matched by") != 2 || !strings.Contains(text, "按邮箱匹配 matched by email → user_id u7") {
		t.Errorf("the rows matched by contact (and only they) say how:\n%s", text)
	}
}

// TestPlanSaysUnitsUnavailableOnce: a tenant without units is said once,
// not under every unit row it blocks.
func TestPlanSaysUnitsUnavailableOnce(t *testing.T) {
	pr := problem.New(plan.UnitsUnavailable, problem.Loc{File: "units.csv"}, 2, 2)
	p := &plan.Plan{Problems: []problem.Problem{pr}, Changes: []*plan.Change{
		{Kind: plan.KindUnit, Key: "U1", Action: plan.ActionBlocked, BlockedBy: plan.UnitsUnavailable, Problems: []problem.Problem{pr}},
		{Kind: plan.KindUnit, Key: "U2", Action: plan.ActionBlocked, BlockedBy: plan.UnitsUnavailable, Problems: []problem.Problem{pr}},
	}}
	var out bytes.Buffer
	Plan(&out, p)
	if n := strings.Count(out.String(), plan.UnitsUnavailable); n != 1 {
		t.Errorf("the plan says it %d times:\n%s", n, out.String())
	}
}
