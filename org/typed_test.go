package org_test

import (
	"os"
	"path/filepath"
	"reflect"
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
		if !reflect.DeepEqual(u.Values, wantU[i]) {
			t.Errorf("user row %d: %+v, want %+v", u.Num, u.Values, wantU[i])
		}
	}
	wantD := []org.DepartmentValues{{Order: "7", OrderN: 7, GroupChat: true, GroupChatOK: true}, {}, {}}
	for i, d := range o.Departments {
		if !reflect.DeepEqual(d.Values, wantD[i]) {
			t.Errorf("department row %d: %+v, want %+v", d.Num, d.Values, wantD[i])
		}
	}
}

// TestPeopleValues: a department's leader cell is the main leader then
// deputies, the deputy column adds deputies, and HRBPs and dotted-line
// leaders are lists; each person is kept once, in the first role named, and
// the repeats are returned for validation to report.
func TestPeopleValues(t *testing.T) {
	dir := t.TempDir()
	depts := filepath.Join(dir, "departments.csv")
	os.WriteFile(depts, []byte("department_id,name,parent_department_id,leader_user_id,deputy_leader_user_ids,department_hrbps\n"+
		"D1,甲,0,u1;u2,u3,h1、h2\n"+
		"D2,乙,0,u1,u2;u1；u2,h1;h1\n"+
		"D3,丙,0,,u3,\n"+
		"D4,丁,0,u1,,\n"), 0o600)
	users := filepath.Join(dir, "users.csv")
	os.WriteFile(users, []byte("user_id,name,mobile,department_ids,employee_type,dotted_line_leader_user_ids\nu9,甲,13800138001,0,1,\"u1,u2,u1\"\n"), 0o600)
	o, ps := org.Load([]org.Input{{Path: depts, Kind: org.KindDepartments}, {Path: users, Kind: org.KindUsers}})
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	type people struct {
		main                         string
		deputies, repeats, hrbps, hr []string
	}
	want := []people{
		{main: "u1", deputies: []string{"u2", "u3"}, hrbps: []string{"h1", "h2"}},
		{main: "u1", deputies: []string{"u2"}, repeats: []string{"u1", "u2"}, hrbps: []string{"h1"}, hr: []string{"h1"}},
		{deputies: []string{"u3"}},
		{main: "u1"},
	}
	for i, d := range o.Departments {
		v := d.Values
		got := people{v.MainLeader, v.Deputies, v.LeaderRepeats, v.HRBPs, v.HRBPRepeats}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("row %d: %+v, want %+v", d.Num, got, want[i])
		}
	}
	if v := o.Users[0].Values; !reflect.DeepEqual(v.DottedLeaders, []string{"u1", "u2"}) || !reflect.DeepEqual(v.DottedRepeats, []string{"u1"}) {
		t.Errorf("dotted-line leaders %v, repeats %v", v.DottedLeaders, v.DottedRepeats)
	}
}
