package sandbox_test

import (
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

func TestClientTokenDepartments(t *testing.T) {
	clock := newFakeClock()
	srv, c := start(t, sandbox.Options{Now: clock.Now})
	body := feishu.Department{ParentDepartmentID: "0", Name: "Sales"}
	var first, again feishu.DepartmentData
	c.ok("POST", depts+custom+"&client_token=tok-1", body, &first)
	c.ok("POST", depts+custom+"&client_token=tok-1", body, &again)
	if again.Department.OpenDepartmentID != first.Department.OpenDepartmentID || len(srv.Departments()) != 1 {
		t.Fatalf("replay created another department: %+v", srv.Departments())
	}
	// The replay answers the department as it is now.
	c.ok("PATCH", depts+"/"+first.Department.DepartmentID+custom, feishu.DepartmentPatch{Name: ptr("Sales 2")}, nil)
	c.ok("POST", depts+custom+"&client_token=tok-1", body, &again)
	if again.Department.Name != "Sales 2" {
		t.Fatalf("replay answered %q", again.Department.Name)
	}
	tests := []struct {
		name string
		qs   string
		body any
	}{
		{"other body", custom + "&client_token=tok-1", feishu.Department{ParentDepartmentID: "0", Name: "Other"}},
		{"other id type", "?department_id_type=open_department_id&user_id_type=user_id&client_token=tok-1", body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.wantCode(feishu.CodeNotSameRequest.Num, "POST", depts+tt.qs, tt.body)
		})
	}
	// Key order and spacing do not matter: the body is compared as canonical JSON.
	c.ok("POST", depts+custom+"&client_token=tok-1", map[string]any{"name": "Sales", "parent_department_id": "0"}, &again)

	// A failed create records nothing: the token may be used again.
	c.wantCode(43022, "POST", depts+custom+"&client_token=tok-2", feishu.Department{ParentDepartmentID: "0", Name: "Sales 2"})
	c.ok("POST", depts+custom+"&client_token=tok-2", feishu.Department{ParentDepartmentID: "0", Name: "Ops"}, nil)

	// The department made under a token is deleted: the replay says so.
	c.ok("DELETE", depts+"/"+first.Department.DepartmentID+custom, nil, nil)
	c.wantCode(40015, "POST", depts+custom+"&client_token=tok-1", body)

	// After the retention period the token is forgotten.
	c.ok("POST", depts+custom+"&client_token=tok-3", feishu.Department{ParentDepartmentID: "0", Name: "HR"}, nil)
	clock.Advance(sandbox.DefaultIdempotencyTTL)
	c.token = c.fetchToken()
	c.wantCode(43022, "POST", depts+custom+"&client_token=tok-3", feishu.Department{ParentDepartmentID: "0", Name: "HR"})
}

func TestClientTokenUsers(t *testing.T) {
	srv, c := start(t, sandbox.Options{IdempotencyTTL: time.Hour})
	c.mkDept("a", "0", "A")
	body := feishu.User{Name: "Li", Mobile: "13800000001", DepartmentIDs: []string{"a"}, EmployeeType: 1}
	var first, again feishu.UserData
	c.ok("POST", users+custom+"&client_token=u-1", body, &first)
	c.ok("POST", users+custom+"&client_token=u-1", body, &again)
	if again.User.OpenID != first.User.OpenID || len(srv.Users()) != 1 {
		t.Fatalf("replay created another user")
	}
	if d := c.getDept("a"); d.MemberCount != 1 {
		t.Fatalf("member_count %d after replay", d.MemberCount)
	}
	body.Name = "Wang"
	c.wantCode(40021, "POST", users+custom+"&client_token=u-1", body)
	// Departments and users have separate token namespaces.
	c.ok("POST", depts+custom+"&client_token=u-1", feishu.Department{ParentDepartmentID: "0", Name: "B"}, nil)
}
