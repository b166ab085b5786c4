package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/sandbox"
)

// holdGate serves a sandbox and, from its holdAt-th write (a create or a
// PATCH) on, holds the answers: after the sandbox applied the write (the
// row exists, the client never hears of it), or before (it never arrives).
// held is closed when the first write is held: the moment to kill -9.
type holdGate struct {
	inner   http.Handler
	holdAt  int
	before  bool
	mu      sync.Mutex
	n       int
	held    chan struct{}
	release chan struct{}
	once    sync.Once
}

func newHoldGate(inner http.Handler, holdAt int, before bool) *holdGate {
	return &holdGate{inner: inner, holdAt: holdAt, before: before, held: make(chan struct{}), release: make(chan struct{})}
}

func isWrite(r *http.Request) bool {
	return r.Method == http.MethodPatch || r.Method == http.MethodDelete ||
		r.Method == http.MethodPost && (r.URL.Path == feishu.PathDepartments || r.URL.Path == feishu.PathUsers || strings.HasSuffix(r.URL.Path, "/resurrect"))
}

func (g *holdGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !isWrite(r) {
		g.inner.ServeHTTP(w, r)
		return
	}
	g.mu.Lock()
	g.n++
	first := g.holdAt > 0 && g.n == g.holdAt
	hold := g.holdAt > 0 && g.n >= g.holdAt
	g.mu.Unlock()
	if !hold {
		g.inner.ServeHTTP(w, r)
		return
	}
	// Only the Nth write is applied before it is held: those after it (a
	// concurrent run sends several at once) never arrive, so the tenant at
	// the kill holds exactly the first N writes (N-1 with before).
	if !g.before && first {
		g.inner.ServeHTTP(httptest.NewRecorder(), r) // applied; the answer is lost
	}
	g.once.Do(func() { close(g.held) })
	<-g.release
}

// stop lets held handlers return (their client is dead) and serves
// normally from now on.
func (g *holdGate) stop() {
	g.mu.Lock()
	g.holdAt = 0
	g.mu.Unlock()
	select {
	case <-g.release:
	default:
		close(g.release)
	}
}

// startChild runs `orgbatch args...` in a child process: this test binary,
// re-executed (see TestMain).
// exited is closed when the child has ended.
func startChild(t *testing.T, args ...string) (cmd *exec.Cmd, exited <-chan struct{}) {
	t.Helper()
	cmd = exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ORGBATCH_TEST_CHILD_ARGS="+strings.Join(args, "\x1f"),
		"FEISHU_APP_ID="+sandbox.DefaultAppID, "FEISHU_APP_SECRET="+sandbox.DefaultAppSecret)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-done })
	return cmd, done
}

// TestKillNineThenResume kills a real import process with SIGKILL at
// chosen points — right after Feishu applied a create whose answer never
// came back (so the journal has its intent but not its end), before a
// write arrives, among departments, users and leader PATCHes — and resumes
// it with `--resume DIR`. Every time the report says that every row was
// created, exactly once, and the tenant has each exactly once. While the
// killed process was still alive, a second import of the same tenant was
// refused, naming it; once it was dead, its lock files (its details still
// in them) did not block the resume.
func TestKillNineThenResume(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	const depts, users = 46, 300
	trials := []struct {
		holdAt int
		before bool
	}{
		{1, false},   // the very first department
		{20, false},  // departments
		{40, true},   // a department write that never arrived
		{90, false},  // users
		{250, false}, // users, and leader PATCHes
		{330, true},  // late: leader PATCHes
	}
	for _, tr := range trials {
		t.Run(fmt.Sprintf("write%d-before%v", tr.holdAt, tr.before), func(t *testing.T) {
			srv, err := sandbox.New(sandbox.Options{Directory: samplegen.Directory()})
			if err != nil {
				t.Fatal(err)
			}
			gate := newHoldGate(srv.Handler(), tr.holdAt, tr.before)
			hs := httptest.NewServer(gate)
			defer hs.Close()
			defer gate.stop()
			reports := t.TempDir()
			args := []string{"import", samplesXLSX, "--base-url", hs.URL, "--report", reports, "--rate-scale", "1000", "--quiet", "--yes"}
			childArgs := args
			if tr.holdAt == 1 {
				childArgs = append(childArgs, "--app-secret", sandbox.DefaultAppSecret)
			}
			child, exited := startChild(t, childArgs...)
			select {
			case <-gate.held:
			case <-exited:
				t.Fatal("the child ended before it was killed")
			}
			if tr.holdAt == 1 {
				// The child is alive and holds the tenant: a second import
				// is refused and names it. Its lock files name it too, and
				// not the secret it was given on the command line.
				code, _, errOut := runAgainst(t, context.Background(), args...)
				if code != ExitUsage || !strings.Contains(errOut, fmt.Sprintf("pid %d", child.Process.Pid)) || !strings.Contains(errOut, "orgbatch import") {
					t.Errorf("a second import while one runs: exit %d\n%s", code, errOut)
				}
				locks, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "orgbatch", "locks", "*"))
				locks = append(locks, filepath.Join(onlyRunDir(t, reports), run.RunLockFile))
				for _, l := range locks {
					data, _ := os.ReadFile(l)
					if strings.Contains(string(data), sandbox.DefaultAppSecret) {
						t.Errorf("%s holds the secret", l)
					}
				}
				checkNoSecret(t, sandbox.DefaultAppSecret, errOut, reports)
			}
			child.Process.Signal(syscall.SIGKILL)
			<-exited
			gate.stop()
			dir := onlyRunDir(t, reports)
			if _, err := os.Stat(filepath.Join(dir, report.SummaryJSON)); err == nil {
				t.Fatal("a killed run wrote its summary")
			}
			if n := len(srv.Departments()) + len(srv.Users()); n >= depts+users {
				t.Fatalf("the child had created everything (%d) before it was killed", n)
			}

			code, out, errOut := runAgainst(t, context.Background(), "import", samplesXLSX, "--base-url", hs.URL, "--report", reports, "--rate-scale", "1000", "--yes", "--resume", dir)
			if code != ExitOK || !strings.Contains(errOut, dir) {
				t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
			}
			s := readSummary(t, dir)
			if s.Rows["department"]["created"] != depts || s.Rows["user"]["created"] != users || len(s.Rows["department"])+len(s.Rows["user"]) != 2 {
				t.Errorf("report rows %v: want all %d departments and %d users created", s.Rows, depts, users)
			}
			checkOnce(t, srv, depts, users)
			data, _ := os.ReadFile(filepath.Join(dir, report.JournalFile))
			if strings.Contains(string(data), sandbox.DefaultAppSecret) || tokenPattern.Match(data) {
				t.Error("the journal holds a secret or token")
			}
		})
	}
}

// checkOnce: the tenant has each department and each person exactly once.
func checkOnce(t *testing.T, srv *sandbox.Server, depts, users int) {
	t.Helper()
	ids, mobiles := map[string]bool{}, map[string]bool{}
	for _, d := range srv.Departments() {
		ids["d:"+d.DepartmentID] = true
	}
	for _, u := range srv.Users() {
		ids["u:"+u.UserID] = true
		mobiles[u.Mobile] = true
	}
	if len(srv.Departments()) != depts || len(srv.Users()) != users || len(ids) != depts+users || len(mobiles) != users {
		t.Errorf("tenant: %d departments, %d users, %d distinct IDs, %d distinct mobiles; want %d and %d", len(srv.Departments()), len(srv.Users()), len(ids), len(mobiles), depts, users)
	}
}
