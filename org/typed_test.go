package org_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/org"
)

// TestTypedValues: each row's typed values are parsed once, at load, and
// what is empty or does not parse is zero (or -1), never a guess.
func TestTypedValues(t *testing.T) {
	dir := t.TempDir()
	users := filepath.Join(dir, "users.csv")
	os.WriteFile(users, []byte("name,mobile,email,department_ids,employee_type,gender,join_time\n"+
		"甲,138 0013 8001,A@Example.com,0,实习,女,2024/1/2\n"+
		"乙,1.38E+10,not-an-email,0,兼职,x,someday\n"+
		"丙,,,0,,,\n"), 0o600)
	depts := filepath.Join(dir, "departments.csv")
	os.WriteFile(depts, []byte("department_id,name,parent_department_id,order,create_group_chat\nD1,甲,0,007,是\nD2,乙,0,abc,maybe\nD3,丙,0,,\n"), 0o600)
	o, ps := org.Load([]org.Input{{Path: users, Kind: org.KindUsers}, {Path: depts, Kind: org.KindDepartments}})
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	join := time.Date(2024, 1, 2, 0, 0, 0, 0, org.China).Unix()
	wantU := []org.UserValues{
		{Mobile: org.Mobile{E164: "+8613800138001", Mainland: true}, Email: "a@example.com", EmployeeType: 2, Gender: 2, JoinTime: join},
		{MobileSci: true, Gender: -1},
		{Gender: -1},
	}
	for i, u := range o.Users {
		if u.Values != wantU[i] {
			t.Errorf("user row %d: %+v, want %+v", u.Num, u.Values, wantU[i])
		}
	}
	wantD := []org.DepartmentValues{{Order: "7", OrderN: 7, GroupChat: true, GroupChatOK: true}, {}, {}}
	for i, d := range o.Departments {
		if d.Values != wantD[i] {
			t.Errorf("department row %d: %+v, want %+v", d.Num, d.Values, wantD[i])
		}
	}
}
