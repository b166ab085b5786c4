package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"github.com/orgbatch/orgbatch/plan"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// The kill -9 test runs an import in a child process: this test binary,
// re-executed with ORGBATCH_TEST_CHILD_ARGS set, runs Main with those args.
func TestMain(m *testing.M) {
	if args := os.Getenv("ORGBATCH_TEST_CHILD_ARGS"); args != "" {
		io := SystemIO()
		os.Exit(Main(context.Background(), strings.Split(args, "\x1f"), io))
	}
	// Tenant locks go to the user's cache directory: a private one for the
	// tests (children inherit it).
	cache, err := os.MkdirTemp("", "orgbatch-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// tokenPattern matches a tenant_access_token as the sandbox issues them.
var tokenPattern = regexp.MustCompile(`\bt-[0-9A-Za-z_-]{16,}`)

const samplesXLSX = "../../samples/company.xlsx"

var sandboxEnv = map[string]string{"FEISHU_APP_ID": sandbox.DefaultAppID, "FEISHU_APP_SECRET": sandbox.DefaultAppSecret}

// runAgainst runs the CLI with the sandbox's credentials in its environment.
func runAgainst(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	io, out, errOut := TestIO()
	code := Main(ctx, args, io.WithEnv(sandboxEnv))
	return code, out.String(), errOut.String()
}

func readSummary(t *testing.T, dir string) report.Summary {
	t.Helper()
	var s report.Summary
	data, err := os.ReadFile(filepath.Join(dir, report.SummaryJSON))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func onlyRunDir(t *testing.T, reports string) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(reports, "import-*"))
	if len(dirs) != 1 {
		t.Fatalf("run dirs: %v", dirs)
	}
	return dirs[0]
}

// TestImportAgainstBaseURL: `orgbatch import FILE --base-url URL` with
// FEISHU_APP_ID/FEISHU_APP_SECRET works exactly as against Feishu, and
// writes the report files, private to the owner, without secrets.
func TestImportAgainstBaseURL(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	reports := t.TempDir()
	code, out, errOut := runAgainst(t, context.Background(), "import", samplesXLSX, "--base-url", url, "--report", reports, "--rate-scale", "1000", "--yes")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if len(srv.Departments()) != 46 || len(srv.Users()) != 300 {
		t.Fatalf("tenant: %d depts, %d users", len(srv.Departments()), len(srv.Users()))
	}
	dir := onlyRunDir(t, reports)
	s := readSummary(t, dir)
	if s.Rows["user"]["created"] != 300 || s.Rows["department"]["created"] != 46 || s.Interrupted {
		t.Errorf("summary rows %v", s.Rows)
	}
	for _, f := range []string{"report.xlsx", "summary.json", "plan.xlsx", "plan.json", "journal.jsonl", "run.json"} {
		p := filepath.Join(dir, f)
		st, err := os.Stat(p)
		if err != nil {
			t.Errorf("missing %s", f)
			continue
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", f, st.Mode().Perm())
		}
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), sandbox.DefaultAppSecret) || tokenPattern.Match(data) {
			t.Errorf("%s contains a secret or token", f)
		}
	}
	if strings.Contains(out+errOut, sandbox.DefaultAppSecret) {
		t.Error("secret printed")
	}
	if !strings.Contains(out, filepath.Join(dir, "report.xlsx")) {
		t.Errorf("report path not printed:\n%s", out)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	code, out, errOut := runAgainst(t, context.Background(), "import", samplesXLSX, "--dry-run", "--base-url", url, "--report", t.TempDir())
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if st := srv.Stats(); st.WritesApplied != 0 || len(srv.Departments()) != 0 {
		t.Fatalf("dry run wrote to the tenant: %d writes", st.WritesApplied)
	}
	if !strings.Contains(out, "create") || !strings.Contains(errOut, "plan.xlsx") {
		t.Errorf("plan not shown:\n%s\n%s", out, errOut)
	}
}

// TestImportEditedSheetPatchesOnlyWhatChanged: after a full import, an
// edited sheet (one job title, one person moved) sends exactly two PATCH
// requests carrying just those fields; re-running it then changes nothing.
func TestImportEditedSheetPatchesOnlyWhatChanged(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader})
	dir := t.TempDir()
	users := editCSV(t, "../../samples/users.csv", filepath.Join(dir, "users.csv"), map[string]map[string]string{
		"u0005": {"职务 (job_title)": "首席布道师"},
		"u0007": {"所属部门ID (department_ids)": "PROD-PM"},
	})
	srv.ResetStats()
	code, out, errOut := runAgainst(t, context.Background(), "import", "../../samples/departments.csv", users, "--base-url", url, "--report", dir, "--rate-scale", "1000", "--yes", "--create-missing-titles")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	st := srv.Stats()
	if n := st.Endpoints[feishu.EPPatchUser].OK; n != 2 || st.WritesApplied != 2 {
		t.Fatalf("PATCH users = %d, writes = %d; want 2", n, st.WritesApplied)
	}
	var plan struct {
		Steps []struct {
			ID        string         `json:"id"`
			UserPatch map[string]any `json:"user_patch"`
		} `json:"steps"`
	}
	data, _ := os.ReadFile(filepath.Join(onlyRunDir(t, dir), "plan.json"))
	json.Unmarshal(data, &plan)
	got := map[string][]string{}
	for _, s := range plan.Steps {
		for k := range s.UserPatch {
			got[s.ID] = append(got[s.ID], k)
		}
	}
	if strings.Join(got["user:u0005"], ",") != "job_title" || strings.Join(got["user:u0007"], ",") != "department_ids" || len(got) != 2 {
		t.Errorf("patched fields = %v", got)
	}
	for _, u := range srv.Users() {
		if u.UserID == "u0005" && u.JobTitle != "首席布道师" || u.UserID == "u0007" && strings.Join(u.DepartmentIDs, ",") != "PROD-PM" {
			t.Errorf("tenant user %s = %+v", u.UserID, u)
		}
	}
}

// editCSV copies a CSV, changing the named columns of the rows whose
// first cell is a key.
func editCSV(t *testing.T, from, to string, edits map[string]map[string]string) string {
	t.Helper()
	f, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	for _, row := range rows[1:] {
		for col, v := range edits[row[0]] {
			for i, h := range header {
				if h == col {
					row[i] = v
				}
			}
		}
	}
	out, _ := os.Create(to)
	defer out.Close()
	w := csv.NewWriter(out)
	w.WriteAll(rows)
	return to
}

func TestImportRefusesInvalidSheets(t *testing.T) {
	code, _, errOut := runAgainst(t, context.Background(), "import", "../../samples/invalid/users_fields.csv", "--sandbox", "--report", t.TempDir())
	if code != ExitUsage || !strings.Contains(errOut, "--skip-invalid") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, _, errOut = runAgainst(t, context.Background(), "import", "--sandbox", "--report", t.TempDir())
	if code != ExitUsage {
		t.Fatalf("no files: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "import", samplesXLSX, "--report", t.TempDir()) // empty environment
	if code != ExitUsage || !strings.Contains(errOut, "--sandbox") {
		t.Fatalf("no credentials: exit %d: %s", code, errOut)
	}
}

// TestImportSkipInvalidImportsTheRest: with --skip-invalid the valid rows
// go in, each invalid row is reported failed with its rule, and rows that
// depend on an invalid one are skipped.
func TestImportSkipInvalidImportsTheRest(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	dir := t.TempDir()
	users := editCSV(t, "../../samples/users.csv", filepath.Join(dir, "users.csv"), map[string]map[string]string{
		"u0010": {"手机号 (mobile)": "12345"},
	})
	depts := editCSV(t, "../../samples/departments.csv", filepath.Join(dir, "departments.csv"), map[string]map[string]string{
		"LEGAL": {"部门名称 (name)": "法务/合规"},
	})
	code, out, errOut := runAgainst(t, context.Background(), "import", depts, users, "--skip-invalid", "--base-url", url, "--report", dir, "--rate-scale", "1000", "--yes")
	if code != ExitRowsFailed {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	s := readSummary(t, onlyRunDir(t, dir))
	// u0010 fails (its own mobile); LEGAL fails (a / in its name) and the
	// people in LEGAL are skipped, not failed: their rows are fine.
	if s.Rows["user"]["failed"] != 1 || s.Rows["department"]["failed"] != 1 || s.Rows["user"]["skipped"] == 0 {
		t.Errorf("rows = %v", s.Rows)
	}
	if len(srv.Departments()) != 45 {
		t.Errorf("tenant has %d departments", len(srv.Departments()))
	}
	failed, _ := filepath.Glob(filepath.Join(onlyRunDir(t, dir), "failed-*.csv"))
	if len(failed) != 2 {
		t.Fatalf("failed files %v", failed)
	}
	// The failed files are in the input format: validating them again
	// finds the same two errors, to fix and import.
	code, out, _ = runCLI(t, append([]string{"validate", "--no-report", "--format", "json"}, failed...)...)
	if code != ExitRowsFailed || !strings.Contains(out, "USER_MOBILE_FORMAT") || !strings.Contains(out, "DEPT_NAME_SLASH") {
		t.Errorf("validate failed files: exit %d\n%s", code, out)
	}
}

// TestImportInterruptedWritesReport: Ctrl-C (a cancelled context) stops
// the import, still writes the report of what was done, and exits 3 with
// the command to resume.
func TestImportInterruptedWritesReport(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{RateScale: 10})
	reports := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for srv.Stats().WritesApplied < 60 {
			time.Sleep(2 * time.Millisecond)
		}
		cancel()
	}()
	code, out, errOut := runAgainst(t, ctx, "import", samplesXLSX, "--base-url", url, "--report", reports, "--rate-scale", "10", "--yes")
	if code != ExitInterrupted || !strings.Contains(errOut, "--resume") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	s := readSummary(t, onlyRunDir(t, reports))
	if !s.Interrupted || s.Rows["user"]["interrupted"] == 0 || s.Rows["user"]["skipped"] != 0 {
		t.Errorf("summary %+v", s)
	}
	if _, err := os.Stat(filepath.Join(onlyRunDir(t, reports), "report.xlsx")); err != nil {
		t.Error("no report after interruption")
	}
}

// TestDomainFlagWinsOverConfig: --domain lark targets Lark even when the
// config file says feishu.
func TestDomainFlagWinsOverConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config")
	os.WriteFile(cfg, []byte("app_id = cli_x\napp_secret = s3cret\ndomain = feishu   # or lark\n"), 0o600)
	io, _, _ := TestIO()
	for flagDomain, want := range map[string]string{"lark": "https://open.larksuite.com", "": "https://open.feishu.cn"} {
		f := &targetFlags{configPath: cfg, domain: flagDomain, rateScale: 1}
		tgt, err := f.connect(context.Background(), io, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tgt.BaseURL != want || strings.Contains(tgt.Desc, "s3cret") {
			t.Errorf("--domain %q: %s (%s)", flagDomain, tgt.BaseURL, tgt.Desc)
		}
	}
}

// TestResumeHint: the hint printed on exit 3 is a command that works as
// given: with --yes where the resumed run could not ask.
func TestResumeHint(t *testing.T) {
	in := []string{"company.xlsx"}
	folder := &run.Folder{Dir: "reports/import-1"}
	io, _, _ := TestIO()
	if got := resumeHint(io, &target{}, in, folder, plan.Options{}); got != "orgbatch import company.xlsx --resume reports/import-1 --yes" {
		t.Errorf("not at a terminal: %q", got)
	}
	flagged := plan.Options{AcceptRenames: true, PathRoot: "示例公司", CreateMissing: plan.CreateMissing{Levels: true}}
	if got := resumeHint(io, &target{}, in, folder, flagged); got != "orgbatch import company.xlsx --accept-renames --create-missing-levels --path-root=示例公司 --resume reports/import-1 --yes" {
		t.Errorf("with planning options: %q", got)
	}
	spaced := []string{"HR files/company's.xlsx"}
	if got := resumeHint(io, &target{}, spaced, folder, plan.Options{PathRoot: "Acme Ltd"}); got != `orgbatch import 'HR files/company'\''s.xlsx' '--path-root=Acme Ltd' --resume reports/import-1 --yes` {
		t.Errorf("quoted: %q", got)
	}
	io.InIsTTY, io.ErrIsTTY = true, true
	if got := resumeHint(io, &target{}, in, folder, plan.Options{}); strings.HasSuffix(got, "--yes") {
		t.Errorf("at a terminal: %q", got)
	}
	io.InIsTTY = false
	if got := resumeHint(io, &target{Sandbox: &sandbox.Server{}}, in, folder, plan.Options{}); strings.HasSuffix(got, "--yes") {
		t.Errorf("embedded sandbox: %q", got)
	}
}

// TestBenchImportRuns: the benchmark runs the import a user runs — which
// asks before writing to a served sandbox, so it must say --yes.
func TestBenchImportRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an import")
	}
	code, out, errOut := runCLI(t, "bench", "import", "--users", "40", "--departments", "4", "--rate-scale", "1000",
		"--latency", "0", "--jitter", "0", "--no-baseline", "--workers", "4")
	if code != ExitOK || !strings.Contains(out, "ratio") {
		t.Fatalf("bench import: exit %d\n%s\n%s", code, out, errOut)
	}
}
