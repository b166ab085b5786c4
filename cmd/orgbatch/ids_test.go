package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/sandbox"
)

func onlyIDsDir(t *testing.T, reports string) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(reports, "ids-*"))
	if len(dirs) != 1 {
		t.Fatalf("run dirs: %v", dirs)
	}
	return dirs[0]
}

// TestIDsCommand: the sample's users sheet looked up in the seeded
// sandbox, lists on the command line, and the refusals.
func TestIDsCommand(t *testing.T) {
	srv, url := seededSandbox(t)
	srv.SetUserStatus("u0300", feishu.UserStatus{IsResigned: true})
	reports := t.TempDir()
	run := func(args ...string) (int, string, string) {
		return runAgainst(t, context.Background(), append(args, "--base-url", url, "--report", reports, "--rate-scale", "1000")...)
	}
	code, out, errOut := run("ids", "../../samples/users.csv", "--include-resigned")
	if code != ExitOK || !strings.Contains(out, "已激活 active 299, 已离职 resigned 1") || !strings.Contains(out, "mapping.csv") {
		t.Fatalf("ids: exit %d\n%s\n%s", code, out, errOut)
	}
	dir := onlyIDsDir(t, reports)
	for _, f := range []string{"mapping.xlsx", "mapping.csv", "journal.jsonl", "run.json", "summary.json"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v", f, err)
		}
	}
	journal, _ := os.ReadFile(filepath.Join(dir, report.JournalFile))
	// A mobile is a JSON string of its own ("13900000001", "+8613900000001");
	// the journal's hex keys may hold the digits 13900 by chance.
	if m := regexp.MustCompile(`"(\+?86)?1[3-9]\d{9}"`).FindString(string(journal)); m != "" || strings.Contains(string(journal), "@xingchen") {
		t.Errorf("the journal holds mobiles or emails (%s):\n%s", m, journal)
	}
	code, out, _ = run("ids", "--email", "emp00001@xingchen.example.com,nobody@example.com", "--mobile", "13900000000")
	if code != ExitOK || !strings.Contains(out, "已激活 active 2, 未找到 not found 1") {
		t.Errorf("lists: exit %d\n%s", code, out)
	}
	noColumn := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(noColumn, []byte("姓名,部门\n张三,技术\n"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"ids"}, "nothing to look up"},
		{[]string{"ids", noColumn}, "email"},
		{[]string{"ids", "../../samples/users.csv", "--email", "a@b.cn"}, "not both"},
	} {
		if code, out, errOut := run(tc.args...); code != ExitUsage || !strings.Contains(out+errOut, tc.want) {
			t.Errorf("%v: exit %d\n%s\n%s", tc.args, code, out, errOut)
		}
	}
}

// TestIDsKillNineThenResume kills a real `orgbatch ids` of 1,000 rows
// with SIGKILL while batch_get_id call 7 of 20 is held (one batch in
// flight at a time, so six batches are journaled), resumes it, and checks
// that the resumed run asked only about what was left and that its
// mapping is the one an uninterrupted run writes. A changed input is not
// resumed.
func TestIDsKillNineThenResume(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for i := range 1000 {
		u := feishu.User{UserID: fmt.Sprintf("p%04d", i), Name: "人", Mobile: fmt.Sprintf("1370000%04d", i), Email: fmt.Sprintf("p%04d@corp.example.cn", i), DepartmentIDs: []string{"0"}, EmployeeType: 1}
		if i%10 == 9 {
			u.Email = "" // a tenth found by mobile only
		}
		if i < 900 {
			if _, err := srv.SeedUser(u); err != nil {
				t.Fatal(err)
			}
		}
		rows = append(rows, fmt.Sprintf("E%04d,p%04d@corp.example.cn,1370000%04d", i, i, i))
	}
	input := filepath.Join(t.TempDir(), "staff.csv")
	os.WriteFile(input, []byte("工号,邮箱,手机号\n"+strings.Join(rows, "\n")+"\n"), 0o600)
	gate := newHoldGate(srv.Handler(), 7, true)
	gate.counts = func(r *http.Request) bool { return r.URL.Path == feishu.PathBatchGetID }
	hs := httptest.NewServer(gate)
	defer hs.Close()
	defer gate.stop()
	reports := t.TempDir()
	args := []string{"ids", input, "--base-url", hs.URL, "--report", reports, "--rate-scale", "1000", "--workers", "1", "--quiet"}
	child, exited := startChild(t, args...)
	select {
	case <-gate.held:
	case <-exited:
		t.Fatal("the child ended before it was killed")
	}
	child.Process.Signal(syscall.SIGKILL)
	<-exited
	gate.stop()
	dir := onlyIDsDir(t, reports)
	if _, err := os.Stat(filepath.Join(dir, "mapping.csv")); err == nil {
		t.Fatal("a killed run wrote its mapping")
	}

	srv.ResetStats()
	code, out, errOut := runAgainst(t, context.Background(), "ids", input, "--base-url", hs.URL, "--report", reports, "--rate-scale", "1000", "--resume")
	if code != ExitOK || !strings.Contains(errOut, "600 emails and mobiles were answered before") || !strings.Contains(out, "已激活 active 900, 未找到 not found 100") {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := srv.Stats().Endpoints[feishu.EPBatchGetID].Calls; n != 20-6 {
		t.Errorf("the resume made %d batch_get_id calls, want 14", n)
	}
	resumed, _ := os.ReadFile(filepath.Join(dir, "mapping.csv"))
	whole := t.TempDir()
	if code, out, errOut := runAgainst(t, context.Background(), "ids", input, "--base-url", hs.URL, "--report", whole, "--rate-scale", "1000"); code != ExitOK {
		t.Fatalf("whole run: exit %d\n%s\n%s", code, out, errOut)
	}
	if want, _ := os.ReadFile(filepath.Join(onlyIDsDir(t, whole), "mapping.csv")); string(want) != string(resumed) {
		t.Error("the resumed mapping differs from an uninterrupted run's")
	}
	// A folder resumes only with the input and the flags it was run on.
	os.Remove(filepath.Join(dir, report.SummaryJSON))
	if code, _, errOut := runAgainst(t, context.Background(), "ids", input, "--include-resigned", "--base-url", hs.URL, "--report", reports, "--resume", dir); code != ExitUsage || !strings.Contains(errOut, "other input") {
		t.Errorf("resumed with --include-resigned: exit %d\n%s", code, errOut)
	}
	os.WriteFile(input, []byte("工号,邮箱,手机号\nE1,a@b.cn,\n"), 0o600)
	os.Remove(filepath.Join(dir, report.SummaryJSON))
	if code, _, errOut := runAgainst(t, context.Background(), "ids", input, "--base-url", hs.URL, "--report", reports, "--resume", dir); code != ExitUsage || !strings.Contains(errOut, "other input") {
		t.Errorf("a changed input resumed: exit %d\n%s", code, errOut)
	}
}
