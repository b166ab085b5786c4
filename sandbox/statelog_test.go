package sandbox_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

// writeSome makes every kind of write: departments (one with a
// client_token, one moved, one deleted), users (one patched, one resigned).
func writeSome(c *client, prefix string) {
	c.mkDept(prefix+"a", "0", prefix+"A")
	c.mkDept(prefix+"b", "0", prefix+"B")
	c.ok("POST", depts+custom+"&client_token="+prefix+"tok", feishu.Department{DepartmentID: prefix + "c", ParentDepartmentID: prefix + "a", Name: prefix + "C"}, nil)
	c.ok("PATCH", depts+"/"+prefix+"c"+custom, feishu.DepartmentPatch{ParentDepartmentID: ptr(prefix + "b")}, nil)
	c.mkDept(prefix+"gone", "0", prefix+"Gone")
	c.ok("DELETE", depts+"/"+prefix+"gone"+custom, nil, nil)
	c.mkUser(prefix+"u1", "1380000"+fmt.Sprintf("%04d", len(prefix)*100+1), prefix+"a")
	c.mkUser(prefix+"u2", "1380000"+fmt.Sprintf("%04d", len(prefix)*100+2), prefix+"c")
	c.ok("PATCH", users+"/"+prefix+"u1"+custom, feishu.UserPatch{Name: ptr("Renamed"), DepartmentIDs: &[]string{prefix + "b"}}, nil)
	c.ok("DELETE", users+"/"+prefix+"u2"+custom, nil, nil)
	c.ok("PATCH", depts+"/"+prefix+"a"+custom, feishu.DepartmentPatch{LeaderUserID: ptr(prefix + "u1")}, nil)
}

// TestStateLogWithoutClose: acknowledged writes go to the log, not into a
// rewrite of the state file, and a server started on the same files
// without the first one ever stopping (a kill -9) has every one of them,
// client_tokens included.
func TestStateLogWithoutClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	srv, c := start(t, sandbox.Options{StatePath: path})
	before, _ := os.ReadFile(path)
	writeSome(c, "")
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a write rewrote the whole state file")
	}
	if st, err := os.Stat(path + ".log"); err != nil || st.Size() == 0 {
		t.Fatalf("no state log: %v", err)
	}
	srv2, c2 := start(t, sandbox.Options{StatePath: path})
	if got, want := srv2.Departments(), srv.Departments(); !reflect.DeepEqual(got, want) {
		t.Fatalf("departments after replay:\n%+v\nwant\n%+v", got, want)
	}
	if got, want := srv2.Users(), srv.Users(); !reflect.DeepEqual(got, want) {
		t.Fatalf("users after replay:\n%+v\nwant\n%+v", got, want)
	}
	var again feishu.DepartmentData
	c2.ok("POST", depts+custom+"&client_token=tok", feishu.Department{DepartmentID: "c", ParentDepartmentID: "a", Name: "C"}, &again)
	if again.Department.ParentDepartmentID != "b" || len(srv2.Departments()) != 3 {
		t.Fatalf("client_token replay after restart: %+v, %d departments", again.Department, len(srv2.Departments()))
	}
	// Close writes the whole state and drops the log.
	want := srv2.Departments()
	if err := srv2.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".log"); !os.IsNotExist(err) {
		t.Errorf("state log left after Close: %v", err)
	}
	srv3, _ := startRaw(t, sandbox.Options{StatePath: path})
	if got := srv3.Departments(); !reflect.DeepEqual(got, want) {
		t.Errorf("after Close and restart: %+v", got)
	}
}

// TestStateLogTornTail: a line cut short by a crash (never acknowledged)
// is dropped, and so is anything after it; the log is cut back to the
// last good line.
func TestStateLogTornTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	srv, c := start(t, sandbox.Options{StatePath: path})
	c.mkDept("a", "0", "A")
	want := srv.Departments()
	f, err := os.OpenFile(path+".log", os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := f.Stat()
	f.WriteString(`{"v":99,"dept":{"department_id":"half`)
	f.Close()
	srv2, c2 := start(t, sandbox.Options{StatePath: path})
	if got := srv2.Departments(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after a torn tail: %+v", got)
	}
	if st, _ := os.Stat(path + ".log"); st.Size() != good.Size() {
		t.Errorf("log is %d bytes, want it cut back to %d", st.Size(), good.Size())
	}
	c2.mkDept("b", "0", "B") // and it goes on from there
	srv3, _ := startRaw(t, sandbox.Options{StatePath: path})
	if n := len(srv3.Departments()); n != 2 {
		t.Errorf("%d departments, want 2", n)
	}
}

// TestStateLogSnapshots: when the log outgrows the snapshot, the state is
// written whole and the log emptied; the log never holds much more than
// the snapshot, and the state survives.
func TestStateLogSnapshots(t *testing.T) {
	sandbox.SetMinCompact(t, 2048)
	path := filepath.Join(t.TempDir(), "state.json")
	srv, c := start(t, sandbox.Options{StatePath: path})
	maxLog := int64(0)
	for i := range 60 {
		c.mkDept(fmt.Sprintf("d%02d", i), "0", fmt.Sprintf("D%02d", i))
		st, err := os.Stat(path + ".log")
		if err == nil {
			maxLog = max(maxLog, st.Size())
		}
	}
	snap, _ := os.Stat(path)
	if !strings.Contains(readFile(t, path), `"department_id":"d0`) {
		t.Errorf("no snapshot taken: state file %d bytes", snap.Size())
	}
	if maxLog > max(2048, snap.Size())+1024 {
		t.Errorf("log grew to %d bytes beside a %d-byte snapshot", maxLog, snap.Size())
	}
	srv2, _ := start(t, sandbox.Options{StatePath: path})
	if got, want := srv2.Departments(), srv.Departments(); !reflect.DeepEqual(got, want) {
		t.Fatalf("%d departments after restart, want %d", len(got), len(want))
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
