package tenant_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
)

// TestTranslateUserIDs: a sheet that names users by open_id — rows,
// leaders, department leaders, group members — is mapped onto user_ids
// (also against a sandbox whose batch reads fail on an unknown ID); a row
// whose open_id names no one is an error, an empty one is left to create.
func TestTranslateUserIDs(t *testing.T) {
	for _, strict := range []bool{false, true} {
		tn := start(t, sandbox.Options{StrictBatch: strict})
		var open []string
		for _, id := range []string{"u1", "u2"} {
			u, err := tn.srv.SeedUser(feishu.User{UserID: id, Name: id, Mobile: "1380000000" + id[1:], DepartmentIDs: []string{"0"}, EmployeeType: 1})
			if err != nil {
				t.Fatal(err)
			}
			open = append(open, u.OpenID)
		}
		dir := t.TempDir()
		write := func(name, s string) org.Input {
			p := filepath.Join(dir, name)
			os.WriteFile(p, []byte(s), 0o600)
			return org.Input{Path: p}
		}
		o, _ := org.Load([]org.Input{
			write("users.csv", "user_id,name,mobile,department_ids,employee_type,leader_user_id\n"+
				open[0]+",甲,13800000001,0,1,\n"+
				open[1]+",乙,13800000002,0,1,"+open[0]+"\n"+
				"ou_nobody,丙,13800000003,0,1,"+open[1]+"\n"+
				",丁,13800000004,0,1,"+open[0]+"\n"),
			write("departments.csv", "department_id,name,parent_department_id,leader_user_id\nD1,部,0,"+open[1]+"\n"),
			write("groups.csv", "group_id,name,members\nG1,组,"+open[0]+";"+open[1]+";ou_nobody\n"),
		})
		api := feishu.NewPaced(tn.api, tn.pacer).WithUserIDType(feishu.UserIDTypeOpenID)
		mapped, ps, err := tenant.TranslateUserIDs(context.Background(), api, o, feishu.UserIDTypeOpenID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range mapped.Users {
			got = append(got, u.UserID()+">"+u.LeaderUserID())
		}
		if strings.Join(got, " ") != "u1> u2>u1 ou_nobody>u2 >u1" || mapped.Departments[0].LeaderUserID() != "u2" {
			t.Errorf("strict %v: users %v, leader %s", strict, got, mapped.Departments[0].LeaderUserID())
		}
		var members []string
		for _, r := range mapped.Groups[0].Members {
			members = append(members, r.Value)
		}
		if strings.Join(members, ";") != "u1;u2;ou_nobody" {
			t.Errorf("members %v", members)
		}
		if len(ps) != 1 || ps[0].Rule != "PLAN_USER_ID_UNKNOWN" || ps[0].Row != 4 {
			t.Errorf("problems %v", ps)
		}
		if o.Users[0].UserID() != open[0] {
			t.Error("the original org was changed")
		}
	}
}
