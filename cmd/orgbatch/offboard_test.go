package main

import (
	"context"
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

const samplesLeavers = "../../samples/leavers.xlsx"

// The sample leavers sheet: 30 people; 对账小分队 and 清结算小队 are left
// empty; 增长组 goes to a successor.
const (
	sampleLeaverCount = 30
	sampleEmptied     = 2
)

var sampleEmptiedIDs = []string{"TECH-RD1-BE-PAY-SETTLE-REC", "TECH-RD1-BE-PAY-SETTLE"}

// companySandbox serves the sample company.
func companySandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	return sandboxtest.Start(t, sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader})
}

// finishedRun is the run folder of a kind that has a summary (a refused
// run leaves its plan in a folder of its own).
func finishedRun(t *testing.T, reports, kind string) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(reports, kind+"-2*", "summary.json"))
	if len(dirs) != 1 {
		t.Fatalf("finished %s runs: %v", kind, dirs)
	}
	return filepath.Dir(dirs[0])
}

func usersByID(srv *sandbox.Server) map[string]feishu.User {
	m := map[string]feishu.User{}
	for _, u := range srv.Users() {
		m[u.UserID] = u
	}
	return m
}

func deptIDs(srv *sandbox.Server) map[string]feishu.Department {
	m := map[string]feishu.Department{}
	for _, d := range srv.Departments() {
		m[d.DepartmentID] = d
	}
	return m
}

// TestOffboardSampleAndRestore: the sample's 30 leavers with mixed
// acceptors. The dry run writes nothing; a real run needs the exact
// numbers (a wrong one is refused, nothing written); with them every
// leaver resigns handing each resource to the acceptor the sheet names,
// else the default acceptor, else the direct leader; the two emptied
// departments go, the reconciliation unit first; 增长组 gets its
// successor. An export with --include-resigned lists the 30. Restoring
// from the run brings the same people back into their departments — the
// two departments re-created with their leaders — and says what the
// handover gave away.
func TestOffboardSampleAndRestore(t *testing.T) {
	srv, url := companySandbox(t)
	before := usersByID(srv)
	reports := t.TempDir()
	args := []string{"offboard", samplesLeavers, "--base-url", url, "--report", reports, "--rate-scale", "1000"}
	ctx := context.Background()

	code, out, errOut := runAgainst(t, ctx, args...)
	if code != ExitOK || !strings.Contains(errOut, "--delete-count 30") || !strings.Contains(out, "删除 delete    department TECH-RD1-BE-PAY-SETTLE-REC") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, refused := range [][]string{
		{"--execute", "--yes"},
		{"--execute", "--yes", "--delete-count", "29", "--delete-department-count", "2"},
		{"--execute", "--yes", "--delete-count", "30"},
	} {
		if code, out, errOut := runAgainst(t, ctx, append(args, refused...)...); code != ExitUsage {
			t.Fatalf("%v: exit %d\n%s\n%s", refused, code, out, errOut)
		}
	}
	if n := resignedCount(srv); n != 0 {
		t.Fatalf("a refused run deleted %d users", n)
	}

	code, out, errOut = runAgainst(t, ctx, append(args, "--execute", "--yes", "--delete-count", "30", "--delete-department-count", "2")...)
	if code != ExitOK {
		t.Fatalf("offboard: exit %d\n%s\n%s", code, out, errOut)
	}
	dir := finishedRun(t, reports, "offboard")
	s := readSummary(t, dir)
	if s.Rows["user"]["deleted"] != sampleLeaverCount || s.Rows["department"]["deleted"] != sampleEmptied || s.Rows["department"]["updated"] != 1 {
		t.Errorf("summary %v", s.Rows)
	}
	if n := resignedCount(srv); n != sampleLeaverCount {
		t.Errorf("%d resigned, want %d", n, sampleLeaverCount)
	}
	depts := deptIDs(srv)
	for _, id := range sampleEmptiedIDs {
		if _, ok := depts[id]; ok {
			t.Errorf("%s was not deleted", id)
		}
	}
	if l := depts["MKT-GROWTH"].LeaderUserID; l != "u0171" {
		t.Errorf("增长组's leader is %q, want the successor u0171", l)
	}
	checkHandovers(t, srv, before)
	for _, f := range []string{"offboarding.json", "journal.jsonl", "report.xlsx", "report-离职 leavers.csv", "report-departments.csv"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v", f, err)
		}
	}
	checkNoSecret(t, sandbox.DefaultAppSecret, out+errOut, reports)

	exp := filepath.Join(t.TempDir(), "export")
	if code, out, errOut := runAgainst(t, ctx, "export", "--base-url", url, "--include-resigned", "--report", reports, "--format", "csv", "--out", exp); code != ExitOK {
		t.Fatalf("export: exit %d\n%s\n%s", code, out, errOut)
	}
	if data, _ := os.ReadFile(filepath.Join(exp, "resigned.csv")); strings.Count(string(data), ",resigned") != sampleLeaverCount {
		t.Errorf("resigned.csv:\n%s", data)
	}

	rargs := []string{"restore", dir, "--base-url", url, "--report", reports, "--rate-scale", "1000"}
	if code, out, errOut := runAgainst(t, ctx, append(rargs, "--execute", "--yes")...); code != ExitUsage {
		t.Fatalf("restore without its count: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runAgainst(t, ctx, append(rargs, "--execute", "--yes", "--restore-count", "30")...)
	if code != ExitOK {
		t.Fatalf("restore: exit %d\n%s\n%s", code, out, errOut)
	}
	rdir := finishedRun(t, reports, "restore")
	rs := readSummary(t, rdir)
	if rs.Rows["user"]["restored"] != sampleLeaverCount || rs.Rows["department"]["created"] != sampleEmptied {
		t.Errorf("restore summary %v", rs.Rows)
	}
	after, depts := usersByID(srv), deptIDs(srv)
	for id, u := range before {
		if a := after[id]; a.Status.IsResigned || !slices.Equal(a.DepartmentIDs, u.DepartmentIDs) {
			t.Errorf("%s after the restore: resigned %v, departments %v, want %v", id, a.Status.IsResigned, a.DepartmentIDs, u.DepartmentIDs)
		}
	}
	if depts["TECH-RD1-BE-PAY-SETTLE-REC"].LeaderUserID != "u0039" || depts["TECH-RD1-BE-PAY-SETTLE"].LeaderUserID != "u0038" || depts["MKT-GROWTH"].LeaderUserID != "u0171" {
		t.Errorf("leaders after the restore: %v %v %v", depts["TECH-RD1-BE-PAY-SETTLE-REC"].LeaderUserID, depts["TECH-RD1-BE-PAY-SETTLE"].LeaderUserID, depts["MKT-GROWTH"].LeaderUserID)
	}
	data, _ := os.ReadFile(filepath.Join(rdir, "report-users.csv"))
	if !strings.Contains(string(data), "PLAN_RESTORE_NOT_RESTORED") && !strings.Contains(string(data), "不会恢复") {
		t.Errorf("the restore report does not say what was not restored:\n%s", data)
	}
}

func resignedCount(srv *sandbox.Server) int {
	n := 0
	for _, u := range srv.Users() {
		if u.Status != nil && u.Status.IsResigned {
			n++
		}
	}
	return n
}

// checkHandovers: who received what, per the sample sheet's columns.
func checkHandovers(t *testing.T, srv *sandbox.Server, before map[string]feishu.User) {
	t.Helper()
	want := []struct{ user, res, to string }{
		{"u0041", sandbox.ResDocs, "u0049"}, {"u0041", sandbox.ResCalendar, "u0037"}, {"u0041", sandbox.ResDepartmentChat, "u0037"},
		{"u0042", sandbox.ResEmail, sandbox.HandDeleted}, {"u0044", sandbox.ResEmail, sandbox.HandRetained},
		{"u0045", sandbox.ResExternalChat, "u0049"}, {"u0048", sandbox.ResEmail, "u0033"},
		{"u0026", sandbox.ResDocs, before["u0026"].LeaderUserID}, {"u0026", sandbox.ResDepartmentChat, sandbox.HandFirstMember},
		{"u0142", sandbox.ResEmail, "u0141"}, {"u0142", sandbox.ResDocs, before["u0142"].LeaderUserID},
		{"u0170", sandbox.ResDocs, "u0171"}, {"u0207", sandbox.ResEmail, sandbox.HandDeleted}, {"u0207", sandbox.ResDepartmentChat, "u0203"},
	}
	for _, w := range want {
		h, ok := srv.Handover(w.user)
		if !ok || h[w.res] != w.to {
			t.Errorf("%s's %s went to %q, want %q", w.user, w.res, h[w.res], w.to)
		}
	}
}

// TestOffboardLeadersAndRefusals: a leaver whose direct leader leaves too
// and who names no acceptor is refused (the rest goes ahead; exit 1), and
// their department, which keeps them, is kept; a leader who leaves
// without a successor leaves their department without a leader; a
// leavers sheet with errors is refused before anything is read.
func TestOffboardLeadersAndRefusals(t *testing.T) {
	srv, url := companySandbox(t)
	dir := t.TempDir()
	leavers := filepath.Join(dir, "leavers.csv")
	os.WriteFile(leavers, []byte("user_id,acceptor_user_id\nu0039,u0037\nu0040,\nu0164,\n"), 0o600)
	args := []string{"offboard", leavers, "--base-url", url, "--report", filepath.Join(dir, "reports"), "--rate-scale", "1000"}
	ctx := context.Background()
	code, out, _ := runAgainst(t, ctx, args...)
	if code != ExitRowsFailed || !strings.Contains(out, "PLAN_LEADER_LEAVING") || !strings.Contains(out, "PLAN_LEAVER_LEADS") {
		t.Fatalf("dry run: exit %d\n%s", code, out)
	}
	code, out, errOut := runAgainst(t, ctx, append(args, "--execute", "--yes")...)
	if code != ExitRowsFailed {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	users, depts := usersByID(srv), deptIDs(srv)
	if !users["u0039"].Status.IsResigned || users["u0040"].Status.IsResigned || !users["u0164"].Status.IsResigned {
		t.Errorf("resigned: u0039 %v, u0040 %v, u0164 %v", users["u0039"].Status.IsResigned, users["u0040"].Status.IsResigned, users["u0164"].Status.IsResigned)
	}
	if d, ok := depts["TECH-RD1-BE-PAY-SETTLE-REC"]; !ok || d.LeaderUserID != "" {
		t.Errorf("the unit u0039 led is kept, its leader slot cleared: %+v", d)
	}
	if d := depts["MKT-BRAND"]; d.LeaderUserID != "" {
		t.Errorf("MKT-BRAND's leader %q, want none", d.LeaderUserID)
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("user_id,email_processing\nu0041,归档\n"), 0o600)
	if code, out, errOut := runAgainst(t, ctx, "offboard", bad, "--base-url", url, "--execute", "--yes", "--report", filepath.Join(dir, "reports")); code != ExitUsage || !strings.Contains(errOut, "LEAVER_EMAIL_PROCESSING") {
		t.Errorf("a sheet with errors: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := runAgainst(t, ctx, "validate", "--leavers", bad, "--no-report"); code != ExitRowsFailed || !strings.Contains(out, "LEAVER_EMAIL_PROCESSING") {
		t.Errorf("validate --leavers: exit %d\n%s", code, out)
	}
}

// TestOffboardKillNineThenResume kills a real offboarding with SIGKILL at
// chosen points — right after Feishu applied a delete whose answer never
// came back, before a write arrives, among the leader PATCH, the user
// deletes and the department deletes — and resumes it, stating the same
// numbers. Every time the report says every leaver was deleted, each
// emptied department deleted and 增长组 updated, exactly once, and the
// tenant agrees.
func TestOffboardKillNineThenResume(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	trials := []struct {
		holdAt int
		before bool
	}{{1, false}, {5, true}, {17, false}, {31, false}, {32, true}}
	for _, tr := range trials {
		t.Run(fmt.Sprintf("write%d-before%v", tr.holdAt, tr.before), func(t *testing.T) {
			srv, err := sandbox.New(sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader, Directory: samplegen.Directory()})
			if err != nil {
				t.Fatal(err)
			}
			gate := newHoldGate(srv.Handler(), tr.holdAt, tr.before)
			hs := httptest.NewServer(gate)
			defer hs.Close()
			defer gate.stop()
			reports := t.TempDir()
			args := []string{"offboard", samplesLeavers, "--base-url", hs.URL, "--report", reports, "--rate-scale", "1000",
				"--execute", "--yes", "--delete-count", "30", "--delete-department-count", "2"}
			child, exited := startChild(t, append(args, "--quiet")...)
			select {
			case <-gate.held:
			case <-exited:
				t.Fatal("the child ended before it was killed")
			}
			child.Process.Signal(syscall.SIGKILL)
			<-exited
			gate.stop()
			dirs, _ := filepath.Glob(filepath.Join(reports, "offboard-2*"))
			if len(dirs) != 1 {
				t.Fatalf("run dirs %v", dirs)
			}
			dir := dirs[0]
			if _, err := os.Stat(filepath.Join(dir, report.SummaryJSON)); err == nil {
				t.Fatal("a killed run wrote its summary")
			}
			if n := resignedCount(srv); n == sampleLeaverCount && len(srv.Departments()) == 46-sampleEmptied {
				t.Fatal("the child had done everything before it was killed")
			}

			code, out, errOut := runAgainst(t, context.Background(), append(args, "--resume", dir)...)
			if code != ExitOK || !strings.Contains(errOut, dir) {
				t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
			}
			s := readSummary(t, dir)
			want := map[string]map[string]int{"user": {"deleted": sampleLeaverCount}, "department": {"deleted": sampleEmptied, "updated": 1}}
			if !maps.EqualFunc(s.Rows, want, maps.Equal) {
				t.Errorf("report rows %v, want %v", s.Rows, want)
			}
			depts := deptIDs(srv)
			if n := resignedCount(srv); n != sampleLeaverCount || len(depts) != 46-sampleEmptied || depts["MKT-GROWTH"].LeaderUserID != "u0171" {
				t.Errorf("tenant: %d resigned, %d departments, 增长组 led by %q", n, len(depts), depts["MKT-GROWTH"].LeaderUserID)
			}
		})
	}
}
