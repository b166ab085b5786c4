package main

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/runlock"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// holdTenant takes a tenant's lock as another process would.
func holdTenant(t *testing.T, url string) {
	t.Helper()
	io, _, _ := TestIO()
	l, err := runlock.Acquire(run.TenantLockPath(lockDir(io, "reports"), run.TenantKey(url, sandbox.DefaultAppID)), "tenant", runlock.Holder{PID: 4242, Host: "hr-laptop", Command: "orgbatch import other.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Release() })
}

// TestTenantLockRefusesWriters: while another process holds the tenant, an
// import and a `diff --prune --yes` exit 2 naming it and write nothing; a
// dry run and a plain diff (they only read) go ahead.
func TestTenantLockRefusesWriters(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader})
	holdTenant(t, url)
	dir := t.TempDir()
	users := dropRows(t, "../../samples/users.csv", filepath.Join(dir, "users.csv"), "u0300")
	writes := srv.Stats().WritesApplied
	for _, args := range [][]string{
		{"import", samplesXLSX, "--yes"},
		{"diff", "../../samples/departments.csv", users, "--prune", "--yes"},
	} {
		code, out, errOut := runAgainst(t, context.Background(), append(args, "--base-url", url, "--report", dir, "--rate-scale", "1000")...)
		if code != ExitUsage || !strings.Contains(errOut, "pid 4242 on hr-laptop") || !strings.Contains(errOut, "orgbatch import other.xlsx") {
			t.Errorf("%s: exit %d\n%s\n%s", args[0], code, out, errOut)
		}
	}
	if srv.Stats().WritesApplied != writes {
		t.Error("a refused command wrote to the tenant")
	}
	for _, args := range [][]string{{"import", samplesXLSX, "--dry-run"}, {"diff", samplesXLSX}} {
		if code, out, errOut := runAgainst(t, context.Background(), append(args, "--base-url", url, "--report", dir, "--rate-scale", "1000")...); code != ExitOK {
			t.Errorf("%v: exit %d\n%s\n%s", args, code, out, errOut)
		}
	}
}

// unfinishedRun makes a run folder as a killed import leaves it: run.json
// and an empty journal, no summary.
func unfinishedRun(t *testing.T, reports string, info run.Info) string {
	t.Helper()
	dir := filepath.Join(reports, "import-20261123-101500")
	os.MkdirAll(dir, 0o700)
	data, _ := json.Marshal(info)
	os.WriteFile(filepath.Join(dir, "run.json"), data, 0o600)
	os.WriteFile(filepath.Join(dir, report.JournalFile), nil, 0o600)
	return dir
}

// TestResumeOfALockedRunFolder: a run folder another process works in
// cannot be resumed (exit 2, naming it); once free it can, and the resume
// removes the temporary files the killed run left there.
func TestResumeOfALockedRunFolder(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	reports := t.TempDir()
	dir := unfinishedRun(t, reports, run.Info{Inputs: []string{samplesXLSX}, TokenSalt: "0123456789abcdef", Tenant: run.TenantKey(url, sandbox.DefaultAppID)})
	l, err := runlock.Acquire(filepath.Join(dir, run.RunLockFile), "run folder", runlock.Holder{PID: 4343, Host: "hr-laptop", Command: "orgbatch import company.xlsx", RunDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"import", samplesXLSX, "--base-url", url, "--report", reports, "--rate-scale", "1000", "--yes", "--resume", dir}
	code, out, errOut := runAgainst(t, context.Background(), args...)
	if code != ExitUsage || !strings.Contains(errOut, "pid 4343") || !strings.Contains(errOut, "run folder "+dir) {
		t.Fatalf("resume of a locked run folder: exit %d\n%s\n%s", code, out, errOut)
	}
	if srv.Stats().WritesApplied != 0 {
		t.Fatal("the refused resume wrote")
	}
	l.Release()

	stale := []string{".report.xlsx.tmp-12345", ".plan.xlsx.tmp-777"}
	os.WriteFile(filepath.Join(dir, stale[0]), []byte("half a workbook"), 0o600)
	os.MkdirAll(filepath.Join(dir, stale[1]), 0o700)
	os.WriteFile(filepath.Join(dir, stale[1], "excelize-123"), []byte("stream buffer"), 0o600)
	code, out, errOut = runAgainst(t, context.Background(), args...)
	if code != ExitOK {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("stale %s was not removed", name)
		}
	}
	if left, _ := atomicfile.RemoveStale(dir); len(left) != 0 {
		t.Errorf("the run left temporary files: %v", left)
	}
}

// TestResumeAgainstAnotherTenant: a run folder is resumed only against the
// tenant it was written to.
func TestResumeAgainstAnotherTenant(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{})
	reports := t.TempDir()
	dir := unfinishedRun(t, reports, run.Info{Inputs: []string{samplesXLSX}, Tenant: run.TenantKey("https://open.feishu.cn", "cli_real")})
	code, _, errOut := runAgainst(t, context.Background(), "import", samplesXLSX, "--base-url", url, "--report", reports, "--yes", "--resume", dir)
	if code != ExitUsage || !strings.Contains(errOut, "https://open.feishu.cn app cli_real") {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
}

// TestResumeWarnsOfDamagedJournalLines: a damaged line in the middle of a
// run folder's journal is named in a warning; the resume goes on.
func TestResumeWarnsOfDamagedJournalLines(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{})
	reports := t.TempDir()
	dir := unfinishedRun(t, reports, run.Info{Inputs: []string{samplesXLSX}, Tenant: run.TenantKey(url, sandbox.DefaultAppID)})
	good := func(step string) string {
		body := `{"step":"` + step + `","op":"create_department","status":"intent","ids":{},"attempts":0}`
		return body + " " + crcHex(body) + "\n"
	}
	journal := good("dept:TECH") + `{"step":"dept:PROD","op":"create_dep` + " 00000000\n" + good("dept:SALES")
	os.WriteFile(filepath.Join(dir, report.JournalFile), []byte(journal), 0o600)
	code, out, errOut := runAgainst(t, context.Background(), "import", samplesXLSX, "--base-url", url, "--report", reports, "--rate-scale", "1000", "--yes", "--resume", dir, "--quiet")
	if code != ExitOK || !strings.Contains(errOut, "journal.jsonl line(s) 2 are damaged") || !strings.Contains(errOut, "日志第 2 行已损坏") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
}

func crcHex(s string) string { return fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(s))) }
