package sandbox_test

import (
	"reflect"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

func leadersOf(main string, deputies ...string) []feishu.DepartmentLeader {
	out := []feishu.DepartmentLeader{{LeaderType: feishu.LeaderMain, LeaderID: main}}
	for _, d := range deputies {
		out = append(out, feishu.DepartmentLeader{LeaderType: feishu.LeaderDeputy, LeaderID: d})
	}
	return out
}

// peopleTenant has active users a, b, c, a resigned one and an unjoined one.
func peopleTenant(t *testing.T) (*sandbox.Server, *client) {
	srv, c := start(t, sandbox.Options{})
	for i, id := range []string{"a", "b", "c", "gone", "new"} {
		c.mkUser(id, "1380000000"+string(rune('1'+i)), "0")
	}
	c.ok("DELETE", feishu.PathUsers+"/gone"+custom, nil, nil)
	if err := srv.SetUserStatus("new", feishu.UserStatus{IsUnjoin: true}); err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func TestDepartmentLeadersAndHrbpsOnCreate(t *testing.T) {
	_, c := peopleTenant(t)
	tests := []struct {
		name string
		body feishu.Department
		code int
	}{
		{"main and deputies", feishu.Department{Leaders: leadersOf("a", "b", "c")}, 0},
		{"leaders with the same leader_user_id", feishu.Department{LeaderUserID: "a", Leaders: leadersOf("a", "b")}, 0},
		{"leader_user_id is not the main leader", feishu.Department{LeaderUserID: "b", Leaders: leadersOf("a", "b")}, 40001},
		{"no main leader", feishu.Department{Leaders: []feishu.DepartmentLeader{{LeaderType: 2, LeaderID: "a"}}}, 40001},
		{"two main leaders", feishu.Department{Leaders: []feishu.DepartmentLeader{{LeaderType: 1, LeaderID: "a"}, {LeaderType: 1, LeaderID: "b"}}}, 40001},
		{"bad leader type", feishu.Department{Leaders: []feishu.DepartmentLeader{{LeaderType: 3, LeaderID: "a"}}}, 40001},
		{"leader twice", feishu.Department{Leaders: leadersOf("a", "b", "a")}, 43016},
		{"unknown deputy", feishu.Department{Leaders: leadersOf("a", "ghost")}, 41012},
		{"resigned deputy", feishu.Department{Leaders: leadersOf("a", "gone")}, 42006},
		{"unjoined leader", feishu.Department{LeaderUserID: "new"}, 43025},
		{"hrbps", feishu.Department{DepartmentHrbps: []string{"b", "c"}}, 0},
		{"unknown hrbp", feishu.Department{DepartmentHrbps: []string{"ghost"}}, 43028},
		{"resigned hrbp", feishu.Department{DepartmentHrbps: []string{"gone"}}, 43028},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.body.ParentDepartmentID, tt.body.Name = "0", "D"+string(rune('a'+i))
			r := c.do("POST", depts+custom, tt.body)
			if r.code != tt.code {
				t.Fatalf("got HTTP %d %s, want code %d", r.status, r.raw, tt.code)
			}
		})
	}
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "X", ParentDepartmentID: "0", Name: "X",
		Leaders: leadersOf("a", "c", "b"), DepartmentHrbps: []string{"c", "b", "c"}}, nil)
	got := c.getDept("X")
	if got.LeaderUserID != "a" || !reflect.DeepEqual(got.Leaders, leadersOf("a", "c", "b")) || !reflect.DeepEqual(got.DepartmentHrbps, []string{"c", "b"}) {
		t.Fatalf("leaders %q %+v hrbps %v", got.LeaderUserID, got.Leaders, got.DepartmentHrbps)
	}
	// Other ID types name the same people.
	var open feishu.DepartmentData
	c.ok("GET", depts+"/"+got.OpenDepartmentID, nil, &open)
	if want := c.getUser("c").OpenID; open.Department.Leaders[1].LeaderID != want || open.Department.DepartmentHrbps[0] != want {
		t.Fatalf("open IDs: %+v", open.Department)
	}
}

func TestPatchDepartmentLeaders(t *testing.T) {
	_, c := peopleTenant(t)
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "X", ParentDepartmentID: "0", Name: "X",
		Leaders: leadersOf("a", "b"), DepartmentHrbps: []string{"c"}}, nil)
	path := depts + "/X" + custom
	steps := []struct {
		name         string
		patch        feishu.DepartmentPatch
		code         int
		main         string
		deputies     []string
		wantHrbps    []string
		unchangedAll bool
	}{
		{name: "other fields keep the people", patch: feishu.DepartmentPatch{Order: ptr("5")}, main: "a", deputies: []string{"b"}, wantHrbps: []string{"c"}},
		{name: "leader_user_id keeps the deputies", patch: feishu.DepartmentPatch{LeaderUserID: ptr("c")}, main: "c", deputies: []string{"b"}, wantHrbps: []string{"c"}},
		{name: "a deputy made main leaves the deputies", patch: feishu.DepartmentPatch{LeaderUserID: ptr("b")}, main: "b", wantHrbps: []string{"c"}},
		{name: "leaders replace", patch: feishu.DepartmentPatch{Leaders: ptr(leadersOf("a", "c"))}, main: "a", deputies: []string{"c"}, wantHrbps: []string{"c"}},
		{name: "hrbps replace", patch: feishu.DepartmentPatch{DepartmentHrbps: &[]string{"a", "b"}}, main: "a", deputies: []string{"c"}, wantHrbps: []string{"a", "b"}},
		{name: "leaders twice", patch: feishu.DepartmentPatch{Leaders: ptr(leadersOf("a", "a"))}, code: 43016, main: "a", deputies: []string{"c"}, wantHrbps: []string{"a", "b"}},
		{name: "bad hrbp changes nothing", patch: feishu.DepartmentPatch{Name: ptr("Y"), DepartmentHrbps: &[]string{"gone"}}, code: 43028, main: "a", deputies: []string{"c"}, wantHrbps: []string{"a", "b"}},
		{name: "empty lists clear", patch: feishu.DepartmentPatch{Leaders: &[]feishu.DepartmentLeader{}, DepartmentHrbps: &[]string{}}},
		{name: "set again", patch: feishu.DepartmentPatch{Leaders: ptr(leadersOf("a", "b"))}, main: "a", deputies: []string{"b"}},
		{name: "leader_user_id empty clears main and deputies", patch: feishu.DepartmentPatch{LeaderUserID: ptr("")}},
	}
	for _, st := range steps {
		r := c.do("PATCH", path, st.patch)
		if r.code != st.code {
			t.Fatalf("%s: got %s, want code %d", st.name, r.raw, st.code)
		}
		got := c.getDept("X")
		var deputies []string
		for _, l := range got.Leaders {
			if l.LeaderType == feishu.LeaderDeputy {
				deputies = append(deputies, l.LeaderID)
			}
		}
		if got.LeaderUserID != st.main || !reflect.DeepEqual(deputies, st.deputies) || !reflect.DeepEqual(got.DepartmentHrbps, st.wantHrbps) {
			t.Fatalf("%s: main %q deputies %v hrbps %v", st.name, got.LeaderUserID, deputies, got.DepartmentHrbps)
		}
	}
}

func TestPutDepartmentResetsLeadersKeepsHrbps(t *testing.T) {
	_, c := peopleTenant(t)
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "X", ParentDepartmentID: "0", Name: "X",
		Leaders: leadersOf("a", "b"), DepartmentHrbps: []string{"c"}}, nil)
	c.ok("PUT", depts+"/X"+custom, feishu.Department{ParentDepartmentID: "0", Name: "X2", LeaderUserID: "c"}, nil)
	got := c.getDept("X")
	if got.LeaderUserID != "c" || len(got.Leaders) != 1 || !reflect.DeepEqual(got.DepartmentHrbps, []string{"c"}) {
		t.Fatalf("after PUT: %+v", got)
	}
}

func TestDottedLineLeaders(t *testing.T) {
	_, c := peopleTenant(t)
	tests := []struct {
		name   string
		id     string
		dotted []string
		code   int
	}{
		{"ok", "u1", []string{"a", "b", "a"}, 0},
		{"self", "u2", []string{"u2"}, 41030},
		{"unknown", "u3", []string{"ghost"}, 44022},
		{"resigned", "u4", []string{"gone"}, 44021},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do("POST", feishu.PathUsers+custom, feishu.User{UserID: tt.id, Name: tt.id, Mobile: "1390000000" + string(rune('1'+i)),
				DepartmentIDs: []string{"0"}, EmployeeType: 1, DottedLineLeaderUserIDs: tt.dotted})
			if r.code != tt.code {
				t.Fatalf("got %s, want code %d", r.raw, tt.code)
			}
		})
	}
	if got := c.getUser("u1").DottedLineLeaderUserIDs; !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Fatalf("dotted %v", got)
	}
	c.ok("PATCH", feishu.PathUsers+"/u1"+custom, feishu.UserPatch{Name: ptr("renamed")}, nil)
	if got := c.getUser("u1").DottedLineLeaderUserIDs; !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Fatalf("a PATCH without the field changed it: %v", got)
	}
	c.ok("PATCH", feishu.PathUsers+"/u1"+custom, feishu.UserPatch{DottedLineLeaderUserIDs: &[]string{"c"}}, nil)
	if got := c.getUser("u1").DottedLineLeaderUserIDs; !reflect.DeepEqual(got, []string{"c"}) {
		t.Fatalf("dotted %v", got)
	}
	c.wantCode(41030, "PATCH", feishu.PathUsers+"/u1"+custom, feishu.UserPatch{DottedLineLeaderUserIDs: &[]string{"u1"}})
	c.ok("PATCH", feishu.PathUsers+"/u1"+custom, feishu.UserPatch{DottedLineLeaderUserIDs: &[]string{}}, nil)
	if got := c.getUser("u1").DottedLineLeaderUserIDs; got != nil {
		t.Fatalf("not cleared: %v", got)
	}
}

// The state file keeps deputies, HRBPs, dotted-line leaders and units,
// and a restart restores them.
func TestPeopleAndUnitsPersist(t *testing.T) {
	path := t.TempDir() + "/state.json"
	srv, c := start(t, sandbox.Options{StatePath: path})
	c.mkUser("a", "13800000001", "0")
	c.mkUser("b", "13800000002", "0")
	c.ok("POST", feishu.PathUnits, feishu.Unit{UnitID: "U1", Name: "子公司一", UnitType: "子公司"}, nil)
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "X", ParentDepartmentID: "0", Name: "X",
		Leaders: leadersOf("a", "b"), DepartmentHrbps: []string{"b"}, UnitIDs: []string{"U1"}}, nil)
	c.ok("PATCH", feishu.PathUsers+"/a"+custom, feishu.UserPatch{DottedLineLeaderUserIDs: &[]string{"b"}}, nil)
	before, users := srv.Departments(), srv.Users()
	srv.Close()
	again, err := sandbox.New(sandbox.Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := again.Departments(); !reflect.DeepEqual(got, before) {
		t.Fatalf("departments after restart:\n%+v\nwant\n%+v", got, before)
	}
	if got := again.Users(); !reflect.DeepEqual(got[0].DottedLineLeaderUserIDs, users[0].DottedLineLeaderUserIDs) {
		t.Fatalf("dotted-line leaders after restart: %+v", got[0])
	}
	if got := again.Units(); !reflect.DeepEqual(got, []feishu.Unit{{UnitID: "U1", Name: "子公司一", UnitType: "子公司"}}) {
		t.Fatalf("units after restart: %+v", got)
	}
}
