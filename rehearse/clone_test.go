package rehearse

import (
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
)

// TestCloneKeepsIDs: a clone loads into a sandbox with every ID as read;
// a link to a user the tenant no longer has is dropped and said.
func TestCloneKeepsIDs(t *testing.T) {
	s := snapshot(false, func(s *tenant.Snapshot) {
		s.Departments["D1"].OpenDepartmentID = "od-1111"
		s.Departments["D1"].LeaderUserID = "u1"
		s.Departments["D2"].LeaderUserID = "gone"
		s.Users["u1"].OpenID, s.Users["u1"].UnionID = "ou_1111", "on_1111"
		s.Users["u1"].EmployeeType, s.Users["u2"].EmployeeType = 1, 2
		s.Users["u2"].LeaderUserID = "u1"
		s.Users["u2"].Status = &feishu.UserStatus{IsResigned: true}
	})
	c := NewClone(s)
	if len(c.Dropped) != 1 || !strings.Contains(c.Dropped[0], "department D2: gone") {
		t.Errorf("dropped %v", c.Dropped)
	}
	srv, err := sandbox.New(sandbox.Options{State: &c.State})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	st := srv.State()
	byID := map[string]feishu.Department{}
	for _, d := range st.Departments {
		byID[d.DepartmentID] = d
	}
	if d := byID["D1"]; d.OpenDepartmentID != "od-1111" || d.LeaderUserID != "u1" {
		t.Errorf("D1 in the clone: %+v", d)
	}
	for _, u := range st.Users {
		switch u.UserID {
		case "u1":
			if u.OpenID != "ou_1111" || u.UnionID != "on_1111" {
				t.Errorf("u1 in the clone: %+v", u)
			}
		case "u2":
			if u.Status == nil || !u.Status.IsResigned || u.LeaderUserID != "u1" {
				t.Errorf("u2 in the clone: %+v", u)
			}
		}
	}
}
