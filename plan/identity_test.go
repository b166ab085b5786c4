package plan

import (
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/tenant"

	"github.com/orgbatch/orgbatch/feishu"
)

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

// TestPlanIdentityByContact: a row without user_id is matched by mobile,
// else email, and only trusted as that person when the name agrees; the
// plan records how each row was matched.
func TestPlanIdentityByContact(t *testing.T) {
	tests := []struct {
		name    string
		row     string // user_id,name,mobile,email,department_ids,employee_type,leader_user_id,job_title
		accept  bool
		action  Action
		rules   string
		matched string
		fields  string
	}{
		{"same person by mobile", ",李四,13900000001,,0,1,,架构师", false, ActionUpdate, "", MatchMobile, "job_title"},
		{"another name by mobile", ",张三,13900000001,,0,1,,", false, ActionBlocked, "PLAN_NAME_MISMATCH", MatchMobile, ""},
		{"another name by mobile, renames accepted", ",张三,13900000001,,0,1,,", true, ActionUpdate, "", MatchMobile, "name"},
		{"another name by email", ",张三,13900000005,LiSi@corp.example.cn,0,1,,", false, ActionBlocked, "PLAN_NAME_MISMATCH", MatchEmail, ""},
		{"the same name written differently", ",李　四,13900000001,,0,1,,", false, ActionUpdate, "", MatchMobile, "name"},
		{"mobile of one, email of another", ",李四,13900000001,wangwu@corp.example.cn,0,1,,", false, ActionBlocked, "PLAN_CONTACT_AMBIGUOUS", "", ""},
		{"mobile of one, email of another, renames accepted", ",李四,13900000001,wangwu@corp.example.cn,0,1,,", true, ActionBlocked, "PLAN_CONTACT_AMBIGUOUS", "", ""},
		{"a rename by user_id is the sheet's word", "u7,李思,13900000001,,0,1,,", false, ActionUpdate, "", MatchUserID, "name"},
		{"a user_id with another's mobile", "u1,李四,13900000001,,0,1,,", false, ActionBlocked, "PLAN_MOBILE_TAKEN", "", ""},
		{"a mobile of someone unreadable", ",赵六,13900000009,,0,1,,", false, ActionBlocked, "PLAN_MOBILE_TAKEN", "", ""},
		{"nobody: created", ",赵六,13900000006,,0,1,,", false, ActionCreate, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ps := sheetOrg(t, "", userHeader+tt.row+"\n")
			p := BuildWith(o, ps, identityTenant(), Options{AcceptRenames: tt.accept})
			c := p.Changes[0]
			var fields []string
			for _, f := range c.Fields {
				fields = append(fields, f.Field)
			}
			if c.Action != tt.action || rules(c) != tt.rules || c.MatchedBy != tt.matched || strings.Join(fields, ",") != tt.fields {
				t.Errorf("%s %q matched by %q fields %v; want %s %q %q %s\n%v", c.Action, rules(c), c.MatchedBy, fields, tt.action, tt.rules, tt.matched, tt.fields, c.Problems)
			}
			if c.Action == ActionBlocked && len(p.Steps) != 0 {
				t.Errorf("a blocked row has steps: %+v", p.Steps)
			}
		})
	}
}

// TestPlanRefusedRowsAgainstATenant: rows validation refuses are blocked
// whatever the tenant holds — the example row although the tenant has the
// department, a person whose leader cell names two people although the rest
// of the row matches (it used to be "unchanged" with a warning).
func TestPlanRefusedRowsAgainstATenant(t *testing.T) {
	o, ps := sheetOrg(t,
		"department_id,name,parent_department_id,name_en,leader_user_id,order,create_group_chat\nD100,技术中心,0,Technology Center,u0001,10,否\n",
		userHeader+",李四,13900000001,,0,1,u7;u8,工程师\n")
	tn := identityTenant()
	tn.Departments["D100"] = &feishu.Department{DepartmentID: "D100", Name: "技术中心", ParentDepartmentID: "0"}
	p := Build(o, ps, tn)
	if c := change(p, "D100"); c.Action != ActionBlocked || !strings.Contains(rules(c), "ROW_EXAMPLE") {
		t.Errorf("example department: %s %s", c.Action, rules(c))
	}
	if c := change(p, "mobile:+8613900000001"); c.Action != ActionBlocked || rules(c) != "CELL_SEVERAL_VALUES" {
		t.Errorf("two leaders: %s %s", c.Action, rules(c))
	}
	if len(p.Steps) != 0 {
		t.Errorf("steps %+v", p.Steps)
	}
}

// TestPlanTwoRowsOnePerson: two rows that turn out to be one Feishu user —
// validation cannot tell, their contacts differ — would overwrite each
// other; both are blocked, each naming the other row.
func TestPlanTwoRowsOnePerson(t *testing.T) {
	tests := []struct{ name, rows string }{
		{"by user_id and by mobile", "u7,李四,13900000011,,0,1,,\n,李四,13900000001,,0,1,,\n"},
		{"by mobile and by email", ",李四,13900000001,,0,1,,\n,李四,13900000012,lisi@corp.example.cn,0,1,,\n"},
	}
	for _, tt := range tests {
		o, ps := sheetOrg(t, "", userHeader+tt.rows)
		p := Build(o, ps, identityTenant())
		for i, c := range p.Changes {
			if c.Action != ActionBlocked || rules(c) != "PLAN_USER_TWICE" || !strings.Contains(c.Problems[0].Message, "row "+[]string{"3", "2"}[i]) {
				t.Errorf("%s: row %d %s %s %v", tt.name, c.Record.Num, c.Action, rules(c), c.Problems)
			}
		}
		if len(p.Changes) != 2 || len(p.Steps) != 0 {
			t.Errorf("%s: %d changes, steps %+v", tt.name, len(p.Changes), p.Steps)
		}
	}
}
