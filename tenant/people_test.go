package tenant_test

import (
	"context"
	"slices"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
)

// TestPeopleAndMembers: the users an offboarding names are read by ID
// and by contact, resigned ones included (a resigned contact lands in
// ResignedByContact, not among the active contacts), with their leaders;
// an unknown ID is simply absent — whether the batch read leaves it out
// or fails (--strict-batch). Members lists direct members only.
func TestPeopleAndMembers(t *testing.T) {
	for _, strict := range []bool{false, true} {
		tn := start(t, sandbox.Options{StrictBatch: strict})
		seed := func(u feishu.User) {
			t.Helper()
			if _, err := tn.srv.SeedUser(u); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tn.srv.SeedDepartment(feishu.Department{DepartmentID: "T", ParentDepartmentID: "0", Name: "T"}); err != nil {
			t.Fatal(err)
		}
		if _, err := tn.srv.SeedDepartment(feishu.Department{DepartmentID: "C", ParentDepartmentID: "T", Name: "C"}); err != nil {
			t.Fatal(err)
		}
		seed(feishu.User{UserID: "boss", Name: "Boss", Mobile: "13800000001", DepartmentIDs: []string{"T"}, EmployeeType: 1})
		seed(feishu.User{UserID: "a", Name: "A", Mobile: "13800000002", Email: "a@example.com", LeaderUserID: "boss", DepartmentIDs: []string{"T"}, EmployeeType: 1})
		seed(feishu.User{UserID: "gone", Name: "Gone", Mobile: "13800000003", DepartmentIDs: []string{"C"}, EmployeeType: 1})
		if err := tn.srv.SetUserStatus("gone", feishu.UserStatus{IsResigned: true}); err != nil {
			t.Fatal(err)
		}
		s := tenant.New()
		r := tn.reader(4)
		err := r.People(context.Background(), s, tenant.PeopleRefs{IDs: []string{"ghost"}, Mobiles: []string{"+8613800000003"}, Emails: []string{"a@example.com"}})
		if err != nil {
			t.Fatalf("strict %v: %v", strict, err)
		}
		if s.ResignedByContact["+8613800000003"] != "gone" || s.ByEmail["a@example.com"] != "a" || s.ByMobile["+8613800000003"] != "" {
			t.Errorf("strict %v: contacts %v / %v / %v", strict, s.ByMobile, s.ByEmail, s.ResignedByContact)
		}
		if s.Users["gone"] == nil || !tenant.Resigned(s.Users["gone"]) || s.Users["a"] == nil || s.Users["boss"] == nil || s.Users["ghost"] != nil {
			t.Errorf("strict %v: users %v", strict, s.Users)
		}
		if err := r.Members(context.Background(), s, []string{"T", "C"}); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.Members["T"], []string{"boss", "a"}) || len(s.Members["C"]) != 0 {
			t.Errorf("members %v", s.Members)
		}
	}
}
