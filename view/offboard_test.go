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
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

// TestOffboard: a leaver's row shows their departments, who receives
// what (grouped by receiver, and what nobody receives), the departments
// they lead and that their groups were not read; a department's row its
// new leader or that it goes; a hidden character in a name is shown, not
// obeyed.
func TestOffboard(t *testing.T) {
	s := tenant.New()
	s.Children[tenant.RootID] = []feishu.Department{{DepartmentID: "T", Name: "T", ParentDepartmentID: "0"}}
	s.Departments["T"] = &feishu.Department{DepartmentID: "T", Name: "Team", ParentDepartmentID: "0", LeaderUserID: "lead"}
	s.Children["T"] = []feishu.Department{}
	s.Members["T"] = []string{"boss", "lead"}
	for _, u := range []*feishu.User{
		{UserID: "boss", Name: "Boss", Status: &feishu.UserStatus{}, DepartmentIDs: []string{"T"}},
		{UserID: "lead", Name: "Le\u202ead", LeaderUserID: "boss", Status: &feishu.UserStatus{}, DepartmentIDs: []string{"T"}},
	} {
		s.Users[u.UserID] = u
	}
	f := filepath.Join(t.TempDir(), "leavers.csv")
	os.WriteFile(f, []byte("user_id,docs_acceptor_user_id,leader_successor_user_id\nlead,boss,boss\n"), 0o600)
	o, ps := org.LoadWith([]org.Input{{Path: f}}, org.LeaverLoad)
	p := plan.BuildOffboard(o, append(ps, validate.Validate(o)...), s, plan.OffboardOptions{})
	var out bytes.Buffer
	Offboard(&out, p, plan.OffboardActions)
	for _, want := range []string{
		"删除 delete    user       lead Le\ufffdad",
		"部门 departments: T",
		"→ boss (docs_acceptor_user_id): 文档 docs",
		"→ boss (direct_leader): 日程 calendar",
		"无人接收 nobody: 部门群 department_chat",
		"负责部门 leads: T",
		"用户组 groups: 未读取 not read",
		"更新 update    department T Team",
		"leader_user_id: lead → boss",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
	if strings.ContainsRune(out.String(), '\u202e') {
		t.Error("a bidi control reached the terminal")
	}
}
