package sandbox_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

func TestPersistenceAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	opts := sandbox.Options{StatePath: path, AppSecret: "s3cret-value", TenantName: "Acme"}
	srv, base := startRaw(t, opts)
	c := &client{t: t, base: base, hc: http0()}
	c.token = c.tokenFor("s3cret-value")
	c.mkDept("a", "0", "A")
	c.mkDept("a1", "a", "A1")
	c.ok("POST", depts+custom+"&client_token=keep", feishu.Department{ParentDepartmentID: "0", Name: "B"}, nil)
	c.mkUser("boss", "13800000001", "a")
	c.ok("POST", users+custom, feishu.User{UserID: "u", Name: "U", Mobile: "13800000002", DepartmentIDs: []string{"a1", "a"},
		EmployeeType: 2, LeaderUserID: "boss", Email: "u@example.com"}, nil)
	c.ok("PATCH", depts+"/a"+custom, feishu.DepartmentPatch{LeaderUserID: ptr("boss")}, nil)
	c.mkUser("gone", "13800000003", "a1")
	c.ok("DELETE", users+"/gone"+custom, nil, nil)
	wantDepts, wantUsers := srv.Departments(), srv.Users()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "s3cret-value") || strings.Contains(string(b), c.token) {
		t.Fatal("the state file holds a secret or a token")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("left-over files: %v", entries)
	}

	srv2, base2 := startRaw(t, opts)
	if got := srv2.Departments(); !reflect.DeepEqual(got, wantDepts) {
		t.Fatalf("departments after restart:\n%+v\nwant\n%+v", got, wantDepts)
	}
	if got := srv2.Users(); !reflect.DeepEqual(got, wantUsers) {
		t.Fatalf("users after restart:\n%+v\nwant\n%+v", got, wantUsers)
	}
	c2 := &client{t: t, base: base2, hc: http0()}
	c2.token = c2.tokenFor("s3cret-value")
	if d := c2.getDept("a"); d.MemberCount != 2 || d.LeaderUserID != "boss" {
		t.Fatalf("a after restart: %+v", d)
	}
	if d := c2.getDept("0"); d.Name != "Acme" {
		t.Fatalf("root: %+v", d)
	}
	// client_token records survive too.
	var again feishu.DepartmentData
	c2.ok("POST", depts+custom+"&client_token=keep", feishu.Department{ParentDepartmentID: "0", Name: "B"}, &again)
	if len(srv2.Departments()) != len(wantDepts) {
		t.Fatal("replay after restart created a department")
	}
	// The old token is gone with the old process.
	if r := c2.raw("GET", depts+"/0", c.token, nil); r.code != 99991663 {
		t.Fatalf("old token: %s", r.raw)
	}
}

func TestSeedJSON(t *testing.T) {
	dir := t.TempDir()
	seed := sandbox.StateFile{
		Departments: []feishu.Department{ // child before parent, leaders forward
			{DepartmentID: "eng-be", ParentDepartmentID: "eng", Name: "Backend", LeaderUserID: "bob"},
			{DepartmentID: "eng", ParentDepartmentID: "0", Name: "Engineering", Order: "5"},
		},
		Users: []feishu.User{
			{UserID: "alice", Name: "Alice", Mobile: "13800000001", DepartmentIDs: []string{"eng"}, EmployeeType: 1, LeaderUserID: "bob"},
			{UserID: "bob", Name: "Bob", Mobile: "13800000002", DepartmentIDs: []string{"eng-be"}, EmployeeType: 1},
		},
	}
	seedPath := filepath.Join(dir, "seed.json")
	writeJSON(t, seedPath, seed)
	statePath := filepath.Join(dir, "state.json")
	srv, c := start(t, sandbox.Options{SeedPath: seedPath, StatePath: statePath})
	if d := c.getDept("eng"); d.MemberCount != 2 || d.Order != "5" {
		t.Fatalf("eng: %+v", d)
	}
	if d := c.getDept("eng-be"); d.LeaderUserID != "bob" || d.ParentDepartmentID != "eng" {
		t.Fatalf("eng-be: %+v", d)
	}
	if u := c.getUser("alice"); u.LeaderUserID != "bob" {
		t.Fatalf("alice: %+v", u)
	}
	if _, err := os.Stat(statePath); err != nil {
		t.Fatalf("seeded state not written: %v", err)
	}
	srv.Close()
	// With a state file present the seed is ignored.
	writeJSON(t, seedPath, sandbox.StateFile{})
	srv2, _ := startRaw(t, sandbox.Options{SeedPath: seedPath, StatePath: statePath})
	if n := len(srv2.Departments()); n != 2 {
		t.Fatalf("%d departments, want the state file's 2", n)
	}
}

func TestBadSeeds(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		seed   sandbox.StateFile
		code   int
		naming string
	}{
		{"bad department id", sandbox.StateFile{Departments: []feishu.Department{{DepartmentID: "od-x", ParentDepartmentID: "0", Name: "X"}}}, 43008, `"od-x"`},
		{"missing parent", sandbox.StateFile{Departments: []feishu.Department{{DepartmentID: "x", ParentDepartmentID: "nope", Name: "X"}}}, 40015, `"x"`},
		{"duplicate name", sandbox.StateFile{Departments: []feishu.Department{
			{DepartmentID: "x", ParentDepartmentID: "0", Name: "X"}, {DepartmentID: "y", ParentDepartmentID: "0", Name: "X"}}}, 43022, `"y"`},
		{"bad mobile", sandbox.StateFile{Users: []feishu.User{{UserID: "u1", Name: "U", Mobile: "12", DepartmentIDs: []string{"0"}, EmployeeType: 1}}}, 41004, `"u1"`},
		{"unknown leader", sandbox.StateFile{Users: []feishu.User{{UserID: "u1", Name: "U", Mobile: "13800000001", DepartmentIDs: []string{"0"}, EmployeeType: 1, LeaderUserID: "x"}}}, 44022, `"u1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, "seed.json")
			writeJSON(t, p, tt.seed)
			_, err := sandbox.New(sandbox.Options{SeedPath: p})
			var ce *sandbox.Error
			if !errors.As(err, &ce) || ce.Code.Num != tt.code || !strings.Contains(err.Error(), tt.naming) {
				t.Fatalf("err %v, want code %d naming %s", err, tt.code, tt.naming)
			}
		})
	}
}

func TestSheetSeeds(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "org.xlsx")
	if err := os.WriteFile(p, []byte("PK\x03\x04 not really"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sandbox.New(sandbox.Options{SeedPath: p}); !errors.Is(err, sandbox.ErrSheetSeedsNotWired) {
		t.Fatalf("no loader: %v", err)
	}
	loader := func(path string, _ feishu.Directory) (sandbox.StateFile, error) {
		if path != p {
			t.Errorf("loader got %s", path)
		}
		return sandbox.StateFile{Departments: []feishu.Department{{DepartmentID: "d", ParentDepartmentID: "0", Name: "D"}},
			Users: []feishu.User{{UserID: "u", Name: "U", Mobile: "13800000001", DepartmentIDs: []string{"d"}, EmployeeType: 1}}}, nil
	}
	srv, err := sandbox.New(sandbox.Options{SeedPath: p, SeedLoader: loader})
	if err != nil {
		t.Fatal(err)
	}
	if d := srv.Departments(); len(d) != 1 || d[0].MemberCount != 1 {
		t.Fatalf("loaded %+v", d)
	}
}

func TestSeedAPIAndStatus(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	d, err := srv.SeedDepartment(feishu.Department{DepartmentID: "a", ParentDepartmentID: "0", Name: "A"})
	if err != nil || !strings.HasPrefix(d.OpenDepartmentID, "od-") || d.ParentDepartmentID != "0" {
		t.Fatalf("SeedDepartment: %+v %v", d, err)
	}
	if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: "a", ParentDepartmentID: "0", Name: "A2"}); err == nil {
		t.Fatal("duplicate seed accepted")
	}
	u, err := srv.SeedUser(feishu.User{UserID: "u", Name: "U", Mobile: "13800000001", DepartmentIDs: []string{"a"}, EmployeeType: 1})
	if err != nil || u.DepartmentIDs[0] != "a" {
		t.Fatalf("SeedUser: %+v %v", u, err)
	}
	if _, err := srv.SeedUser(feishu.User{UserID: "v", Name: "V", Mobile: "13800000002", DepartmentIDs: []string{"zz"}, EmployeeType: 1}); err == nil {
		t.Fatal("seed user with unknown department accepted")
	}
	if err := srv.SetUserStatus("u", feishu.UserStatus{IsResigned: true}); err != nil {
		t.Fatal(err)
	}
	if d := c.getDept("a"); d.MemberCount != 0 {
		t.Fatalf("resigned via SetUserStatus still counted: %+v", d)
	}
	if err := srv.SetUserStatus("u", feishu.UserStatus{IsFrozen: true}); err != nil {
		t.Fatal(err)
	}
	got := c.getUser("u")
	if got.Status.IsResigned || !got.Status.IsFrozen || got.DepartmentIDs[0] != "0" || c.getDept("0").MemberCount != 1 {
		t.Fatalf("rejoined user: %+v", got)
	}
	if err := srv.SetUserStatus("nobody", feishu.UserStatus{}); err == nil {
		t.Fatal("unknown user accepted")
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestPersistenceConcurrentWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	srv, c := start(t, sandbox.Options{StatePath: path})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 10 {
				r := c.do("POST", depts+custom, feishu.Department{ParentDepartmentID: "0", Name: fmt.Sprintf("w%d-%d", w, i)})
				if r.code != 0 {
					t.Errorf("create: %s", r.raw)
				}
			}
		})
	}
	wg.Wait()
	want := srv.Departments()
	srv.Close()
	// Every acknowledged write is in the file, without a graceful stop.
	srv2, err := sandbox.New(sandbox.Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	if got := srv2.Departments(); len(got) != 80 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%d departments after restart", len(got))
	}
}
