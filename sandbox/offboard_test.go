package sandbox_test

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

// offboardOrg: boss leads team T; w1 and w2 work for boss in T, w3 has no
// leader; admin is the tenant administrator.
func offboardOrg(t *testing.T, opts sandbox.Options) (*sandbox.Server, *client) {
	t.Helper()
	srv, c := start(t, opts)
	c.mkDept("T", "0", "Team")
	c.mkUser("boss", "13800000001", "T")
	for i, id := range []string{"w1", "w2", "w3"} {
		u := feishu.User{UserID: id, Name: "U " + id, Mobile: "1380000001" + string(rune('0'+i)), Email: id + "@example.com", DepartmentIDs: []string{"T"}, EmployeeType: 1}
		if id != "w3" {
			u.LeaderUserID = "boss"
		}
		c.ok("POST", users+custom, u, nil)
	}
	if _, err := srv.SeedUser(feishu.User{UserID: "admin", Name: "Admin", Mobile: "13800000099", DepartmentIDs: []string{"T"}, EmployeeType: 1, IsTenantManager: true}); err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// TestDeleteUserAcceptors: every acceptor is checked before anything
// changes (41052 for one who does not exist, has resigned or is the
// leaver, 40001 for an unknown email processing type, 41052 for a
// transfer without acceptor); the tenant administrator is 44037, a
// lifecycle-only user 44062. A delete that passes records who received
// what: the named acceptors, the direct leader by default, and without
// a leader the documented fallbacks.
func TestDeleteUserAcceptors(t *testing.T) {
	srv, c := offboardOrg(t, sandbox.Options{})
	c.ok("DELETE", users+"/w2"+custom, nil, nil) // w2 has resigned
	if err := srv.SetLifecycleOnly("boss", true); err != nil {
		t.Fatal(err)
	}
	refused := []struct {
		name string
		user string
		body feishu.UserDelete
		code int
	}{
		{"unknown acceptor", "w1", feishu.UserDelete{DocsAcceptorUserID: "ghost"}, 41052},
		{"resigned acceptor", "w1", feishu.UserDelete{CalendarAcceptorUserID: "w2"}, 41052},
		{"the leaver", "w1", feishu.UserDelete{MinutesAcceptorUserID: "w1"}, 41052},
		{"email type", "w1", feishu.UserDelete{EmailAcceptor: &feishu.ResourceAcceptor{ProcessingType: "4"}}, 40001},
		{"email transfer to nobody", "w1", feishu.UserDelete{EmailAcceptor: &feishu.ResourceAcceptor{ProcessingType: feishu.EmailTransfer}}, 41052},
		{"email acceptor resigned", "w1", feishu.UserDelete{EmailAcceptor: &feishu.ResourceAcceptor{ProcessingType: feishu.EmailTransfer, AcceptorUserID: "w2"}}, 41052},
		{"tenant administrator", "admin", feishu.UserDelete{}, 44037},
		{"lifecycle engine only", "boss", feishu.UserDelete{}, 44062},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			c.wantCode(tt.code, "DELETE", users+"/"+tt.user+custom, tt.body)
			if u := c.getUser(tt.user); u.Status.IsResigned {
				t.Fatal("a refused delete resigned the user")
			}
		})
	}

	c.ok("DELETE", users+"/w1"+custom, feishu.UserDelete{DocsAcceptorUserID: "w3", EmailAcceptor: &feishu.ResourceAcceptor{ProcessingType: feishu.EmailDelete}}, nil)
	c.ok("DELETE", users+"/w3"+custom, nil, nil)
	want := map[string]map[string]string{
		"w1": {sandbox.ResDocs: "w3", sandbox.ResCalendar: "boss", sandbox.ResApplication: "boss", sandbox.ResMinutes: "boss", sandbox.ResSurvey: "boss",
			sandbox.ResEmail: sandbox.HandDeleted, sandbox.ResAnycross: "boss", sandbox.ResDepartmentChat: sandbox.HandFirstMember, sandbox.ResExternalChat: sandbox.HandFirstMember},
		"w3": {sandbox.ResDocs: sandbox.HandKept, sandbox.ResCalendar: sandbox.HandDeleted, sandbox.ResApplication: sandbox.HandKept, sandbox.ResMinutes: sandbox.HandKept,
			sandbox.ResSurvey: sandbox.HandDeleted, sandbox.ResEmail: sandbox.HandRetained, sandbox.ResAnycross: sandbox.HandKept,
			sandbox.ResDepartmentChat: sandbox.HandFirstMember, sandbox.ResExternalChat: sandbox.HandFirstMember},
	}
	for id, w := range want {
		got, ok := srv.Handover(id)
		if !ok || !maps.Equal(got, w) {
			t.Errorf("handover of %s: %v, want %v", id, got, w)
		}
	}
	// Deleting a resigned user again succeeds and changes nothing.
	c.ok("DELETE", users+"/w1"+custom, feishu.UserDelete{DocsAcceptorUserID: "ghost"}, nil)
}

// TestResurrect: a deleted user comes back into the departments given
// (the root without any), with the highest department_order as primary;
// not their admin role. Refused: an active user (44033), a deletion more
// than 30 days old (44028), a mobile or email an active user has taken
// meanwhile (44030, 44031), an unknown department (44035).
func TestResurrect(t *testing.T) {
	clock := newFakeClock()
	srv, c := offboardOrg(t, sandbox.Options{Now: clock.Now})
	c.mkDept("S", "0", "Second")
	for _, id := range []string{"w1", "w2", "w3"} {
		c.ok("DELETE", users+"/"+id+custom, nil, nil)
	}
	resurrect := func(id string) string { return users + "/" + id + "/resurrect" + custom }
	c.wantCode(44033, "POST", resurrect("boss"), nil)
	c.wantCode(44035, "POST", resurrect("w1"), feishu.UserResurrect{Departments: []feishu.UserDepartmentInfo{{DepartmentID: "nope"}}})
	c.ok("POST", resurrect("w1"), feishu.UserResurrect{Departments: []feishu.UserDepartmentInfo{{DepartmentID: "T"}, {DepartmentID: "S", DepartmentOrder: 5}}}, nil)
	u := c.getUser("w1")
	if u.Status.IsResigned || !slices.Equal(u.DepartmentIDs, []string{"T", "S"}) || u.LeaderUserID != "boss" {
		t.Fatalf("resurrected: %+v", u)
	}
	for _, o := range u.Orders {
		if o.IsPrimaryDept != (o.DepartmentID == "S") {
			t.Errorf("primary department: %+v", u.Orders)
		}
	}
	c.ok("POST", resurrect("w2"), nil, nil)
	if u := c.getUser("w2"); !slices.Equal(u.DepartmentIDs, []string{"0"}) {
		t.Errorf("without departments: %v, want the root", u.DepartmentIDs)
	}
	// w3's mobile and email are taken by newcomers.
	c.ok("DELETE", users+"/w2"+custom, nil, nil)
	c.ok("POST", users+custom, feishu.User{UserID: "new", Name: "New", Mobile: "13800000012", DepartmentIDs: []string{"T"}, EmployeeType: 1}, nil)
	c.wantCode(44030, "POST", resurrect("w3"), nil)
	c.ok("PATCH", users+"/new"+custom, feishu.UserPatch{Mobile: ptr("13800000077"), Email: ptr("w3@example.com")}, nil)
	c.wantCode(44031, "POST", resurrect("w3"), nil)
	// Past 30 days, w2 cannot come back.
	clock.Advance(31 * 24 * time.Hour)
	c.token = c.fetchToken()
	c.wantCode(44028, "POST", resurrect("w2"), nil)

	c.ok("DELETE", users+"/boss"+custom, nil, nil)
	if err := srv.SetUserStatus("admin", feishu.UserStatus{IsResigned: true}); err != nil {
		t.Fatal(err)
	}
	c.ok("POST", resurrect("admin"), nil, nil)
	if c.getUser("admin").IsTenantManager {
		t.Error("the admin role came back with the user")
	}
}

// TestDeleteDepartmentPreconditions: a department with an active direct
// member is 43011, with a sub-department 43012; resigned members do not
// count; the root is 40002; children first, then the parent goes.
func TestDeleteDepartmentPreconditions(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkDept("P", "0", "Parent")
	c.mkDept("C", "P", "Child")
	c.mkUser("m", "13800000001", "C")
	del := func(id string) string { return feishu.PathDepartments + "/" + id + custom }
	c.wantCode(43012, "DELETE", del("P"), nil)
	c.wantCode(43011, "DELETE", del("C"), nil)
	c.wantCode(40002, "DELETE", del("0"), nil)
	c.ok("DELETE", users+"/m"+custom, nil, nil)
	c.ok("DELETE", del("C"), nil, nil)
	c.ok("DELETE", del("P"), nil, nil)
	c.wantCode(40015, "GET", del("P"), nil)
}

// TestOffboardStatePersists: deletion times, handovers and lifecycle
// flags survive a restart, so the 30-day window holds across runs.
func TestOffboardStatePersists(t *testing.T) {
	clock := newFakeClock()
	state := filepath.Join(t.TempDir(), "state.json")
	srv, c := offboardOrg(t, sandbox.Options{StatePath: state, Now: clock.Now})
	c.ok("DELETE", users+"/w1"+custom, feishu.UserDelete{DocsAcceptorUserID: "w3"}, nil)
	// Without Close (a kill -9): the deletion and its handover are in the
	// state log, not (yet) in a snapshot.
	if srvLog, _ := start(t, sandbox.Options{StatePath: state, Now: clock.Now}); true {
		if h, ok := srvLog.Handover("w1"); !ok || h[sandbox.ResDocs] != "w3" {
			t.Errorf("handover replayed from the log: %v", h)
		}
	}
	if err := srv.SetLifecycleOnly("w2", true); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	clock.Advance(31 * 24 * time.Hour)
	srv2, c2 := start(t, sandbox.Options{StatePath: state, Now: clock.Now})
	if h, ok := srv2.Handover("w1"); !ok || h[sandbox.ResDocs] != "w3" {
		t.Errorf("handover after restart: %v", h)
	}
	c2.wantCode(44028, "POST", users+"/w1/resurrect"+custom, nil)
	c2.wantCode(44062, "DELETE", users+"/w2"+custom, nil)
}
