package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// runAsked runs the CLI as if on a terminal, answering its questions with
// the lines of answers; asked counts the y/N questions in its stderr.
func runAsked(t *testing.T, answers string, args ...string) (code int, out, errOut string) {
	t.Helper()
	io, o, e := TestIO()
	io.In = strings.NewReader(answers)
	io.InIsTTY, io.ErrIsTTY = true, true
	code = Main(context.Background(), append(args, "--quiet"), io.WithEnv(sandboxEnv))
	return code, o.String(), e.String()
}

func asked(errOut string) int { return strings.Count(errOut, "[y/N]") }

// TestImportAsksBeforeWriting: an import into any tenant but the embedded
// sandbox names it (URL, app_id, the tenant's name) with the plan's counts
// and asks y/N on a terminal; elsewhere it needs --yes; a dry run never
// asks. Every refusal is exit 2 with the tenant untouched.
func TestImportAsksBeforeWriting(t *testing.T) {
	tests := []struct {
		name      string
		terminal  bool
		answers   string
		args      []string
		noScope   bool
		code      int
		questions int
		writes    bool
		want      []string
	}{
		{name: "y on a terminal", terminal: true, answers: "y\n", code: ExitOK, questions: 1, writes: true,
			want: []string{"about to write to: http://127.0.0.1:", "app_id " + sandbox.DefaultAppID, `租户 tenant "星辰科技"`, "create 351"}},
		{name: "是 on a terminal", terminal: true, answers: "是\n", code: ExitOK, questions: 1, writes: true},
		{name: "n on a terminal", terminal: true, answers: "n\n", code: ExitUsage, questions: 1, want: []string{"not confirmed", "nothing was written"}},
		{name: "an empty answer is no", terminal: true, answers: "\n", code: ExitUsage, questions: 1},
		{name: "stdin closed", terminal: true, answers: "", code: ExitUsage, questions: 1, want: []string{"no answer"}},
		{name: "not a terminal, no --yes", code: ExitUsage, want: []string{"not a terminal", "run again with --yes", "nothing was written"}},
		{name: "not a terminal, --yes", args: []string{"--yes"}, code: ExitOK, writes: true, want: []string{"about to write to:"}},
		{name: "--yes on a terminal does not ask", terminal: true, args: []string{"--yes"}, code: ExitOK, writes: true},
		{name: "--dry-run never asks", terminal: true, answers: "y\n", args: []string{"--dry-run"}, code: ExitOK,
			want: []string{"a real run asks before writing to http://127.0.0.1:"}},
		{name: "the app may not read the tenant's name", args: []string{"--yes"}, noScope: true, code: ExitOK, writes: true,
			want: []string{"name unknown (the app may not read it: scope tenant:tenant:readonly)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, url := sandboxtest.Start(t, sandbox.Options{TenantName: "星辰科技", NoTenantScope: tt.noScope})
			args := append([]string{"import", samplesXLSX, "--base-url", url, "--report", t.TempDir(), "--rate-scale", "1000"}, tt.args...)
			var code int
			var errOut string
			if tt.terminal {
				code, _, errOut = runAsked(t, tt.answers, args...)
			} else {
				code, _, errOut = runAgainst(t, context.Background(), args...)
			}
			if code != tt.code || asked(errOut) != tt.questions {
				t.Fatalf("exit %d, %d questions; want %d, %d\n%s", code, asked(errOut), tt.code, tt.questions, errOut)
			}
			if w := srv.Stats().WritesApplied; (w > 0) != tt.writes {
				t.Errorf("%d writes applied, want writes=%v", w, tt.writes)
			}
			for _, s := range tt.want {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
		})
	}
}

// TestEmbeddedSandboxNeverAsks: --sandbox is a rehearsal inside the
// process: no y/N, no --yes, on a terminal or not.
func TestEmbeddedSandboxNeverAsks(t *testing.T) {
	code, _, errOut := runAsked(t, "", "import", samplesXLSX, "--sandbox", "--rate-scale", "1000", "--report", t.TempDir())
	if code != ExitOK || asked(errOut) != 0 || strings.Contains(errOut, "about to write") {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
}

// renameAll copies users.csv with every name changed, as a wrong column
// mapping would.
func renameAll(t *testing.T, to string, n int) string {
	t.Helper()
	f, err := os.Open("../../samples/users.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]map[string]string{}
	for _, r := range rows[1 : n+1] {
		edits[r[0]] = map[string]string{"姓名 (name)": r[1] + "改"}
	}
	return editCSV(t, "../../samples/users.csv", to, edits)
}

// TestImportWideChangesNeedTheirNumber: a plan that renames all 300 people
// of the tenant stops before writing unless the operator states 300 —
// typed when asked, or --confirm-changes 300; a wrong number refuses; a
// dry run and diff show the warning and the flag, and never ask. Three
// renames go through on a plain yes.
func TestImportWideChangesNeedTheirNumber(t *testing.T) {
	dir := t.TempDir()
	all := renameAll(t, filepath.Join(dir, "all.csv"), 300)
	three := renameAll(t, filepath.Join(dir, "three.csv"), 3)
	tests := []struct {
		name     string
		users    string
		terminal bool
		answers  string
		args     []string
		code     int
		renamed  int
		want     []string
	}{
		{name: "--yes alone", users: all, args: []string{"--yes"}, code: ExitUsage,
			want: []string{"wide changes", "user       rename   300 of 300 matched (100%)", "run again with --confirm-changes 300"}},
		{name: "not a terminal, nothing stated", users: all, code: ExitUsage, want: []string{"run again with --yes --confirm-changes 300"}},
		{name: "a wrong number on the flag", users: all, args: []string{"--yes", "--confirm-changes", "299"}, code: ExitUsage,
			want: []string{"--confirm-changes 299 does not match the plan: 300"}},
		{name: "the number on the flag", users: all, args: []string{"--yes", "--confirm-changes", "300"}, code: ExitOK, renamed: 300},
		{name: "a wrong number typed", users: all, terminal: true, answers: "y\n30\n", code: ExitUsage, want: []string{`you typed "30", not 300`}},
		{name: "no typed after yes", users: all, terminal: true, answers: "n\n", code: ExitUsage},
		{name: "the number typed", users: all, terminal: true, answers: "y\n300\n", code: ExitOK, renamed: 300,
			want: []string{"type the number of", "(300): "}},
		{name: "the dry run shows it", users: all, terminal: true, args: []string{"--dry-run"}, code: ExitOK,
			want: []string{"wide changes", "→ 确认 confirm: --confirm-changes 300, or type 300 when asked"}},
		{name: "a wrong number fails the dry run too", users: all, args: []string{"--dry-run", "--confirm-changes", "3"}, code: ExitUsage},
		{name: "three renames are no mass change", users: three, args: []string{"--yes"}, code: ExitOK, renamed: 3},
		{name: "a stated number must match even when not needed", users: three, args: []string{"--yes", "--confirm-changes", "4"}, code: ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, url := seededSandbox(t)
			srv.ResetStats()
			args := append([]string{"import", "../../samples/departments.csv", tt.users, "--base-url", url, "--report", t.TempDir(), "--rate-scale", "1000"}, tt.args...)
			var code int
			var errOut string
			if tt.terminal {
				code, _, errOut = runAsked(t, tt.answers, args...)
			} else {
				code, _, errOut = runAgainst(t, context.Background(), args...)
			}
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, errOut)
			}
			if w := srv.Stats().WritesApplied; w != int64(tt.renamed) {
				t.Errorf("%d writes applied, want %d", w, tt.renamed)
			}
			for _, s := range tt.want {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
		})
	}

	// The embedded sandbox asks no y/N, but a wide plan is wide anywhere.
	code, _, errOut := runAgainst(t, context.Background(), "import", "../../samples/departments.csv", all, "--sandbox",
		"--sandbox-seed", samplesXLSX, "--rate-scale", "1000", "--report", dir)
	if code != ExitUsage || !strings.Contains(errOut, "run again with --confirm-changes 300") {
		t.Errorf("embedded sandbox: exit %d\n%s", code, errOut)
	}
	// diff shows what the import would need.
	_, url := seededSandbox(t)
	code, _, errOut = runAgainst(t, context.Background(), "diff", "../../samples/departments.csv", all, "--base-url", url, "--report", dir, "--rate-scale", "1000")
	if code != ExitRowsFailed || !strings.Contains(errOut, "--confirm-changes 300") {
		t.Errorf("diff: exit %d\n%s", code, errOut)
	}
}

// TestPruneNeedsTheNumber: deleting more than a handful (or a few percent)
// needs the exact number; the listing shows every one with a masked
// mobile; one person of 300 goes on --yes alone.
func TestPruneNeedsTheNumber(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile("../../samples/users.csv")
	lines := strings.SplitAfter(string(data), "\n")
	few := filepath.Join(dir, "few.csv") // the first 10 of 300 people
	os.WriteFile(few, []byte(strings.Join(lines[:11], "")), 0o600)
	tests := []struct {
		name     string
		terminal bool
		answers  string
		args     []string
		code     int
		deleted  int
		want     []string
	}{
		{name: "the listing", code: ExitRowsFailed,
			want: []string{"删除 deleting 290 of 300 成员 users", "--delete-count 290, or type 290 when asked", "add --yes"}},
		{name: "--yes alone, not a terminal", args: []string{"--yes"}, code: ExitUsage, want: []string{"run again with --delete-count 290"}},
		{name: "a wrong number", args: []string{"--yes", "--delete-count", "29"}, code: ExitUsage, want: []string{"--delete-count 29 与计划不符"}},
		{name: "a wrong number typed", terminal: true, answers: "300\n", args: []string{"--yes"}, code: ExitUsage, want: []string{`you typed "300", not 290`}},
		{name: "the number typed", terminal: true, answers: "290\n", args: []string{"--yes"}, code: ExitOK, deleted: 290},
		{name: "the number stated", args: []string{"--yes", "--delete-count", "290"}, code: ExitOK, deleted: 290},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, url := seededSandbox(t)
			srv.ResetStats()
			args := append([]string{"diff", "--users", few, "--base-url", url, "--report", t.TempDir(), "--rate-scale", "1000", "--prune"}, tt.args...)
			var code int
			var out, errOut string
			if tt.terminal {
				code, out, errOut = runAsked(t, tt.answers, args...)
			} else {
				code, out, errOut = runAgainst(t, context.Background(), args...)
			}
			if code != tt.code || asked(errOut) != 0 {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, out, errOut)
			}
			if w := srv.Stats().WritesApplied; w != int64(tt.deleted) {
				t.Errorf("%d writes applied, want %d", w, tt.deleted)
			}
			for _, s := range tt.want {
				if !strings.Contains(out+errOut, s) {
					t.Errorf("output lacks %q:\n%s\n%s", s, out, errOut)
				}
			}
			if tt.name == "the listing" {
				// every one, with name and masked contact, never the whole mobile
				if n := strings.Count(out, "  user       "); n != 290 {
					t.Errorf("%d users listed", n)
				}
				if !strings.Contains(out, "u0300 ") || !strings.Contains(out, "****") || strings.Contains(out, "13900104729") {
					t.Errorf("listing:\n%s", out)
				}
			}
		})
	}

	// One person of 300 goes on --yes alone.
	srv, url := seededSandbox(t)
	one := dropRows(t, "../../samples/users.csv", filepath.Join(dir, "one.csv"), "u0300")
	code, out, errOut := runAgainst(t, context.Background(), "diff", "--users", one, "--base-url", url, "--report", dir, "--rate-scale", "1000", "--prune", "--yes")
	if code != ExitOK || activeUsers(srv) != 299 {
		t.Errorf("one user: exit %d, %d active\n%s\n%s", code, activeUsers(srv), out, errOut)
	}
}

// TestPlainHTTPRefused: http:// goes only to loopback; the secret never
// crosses a network in the clear, whichever command and however the URL
// is given.
func TestPlainHTTPRefused(t *testing.T) {
	tests := []struct {
		url    string
		refuse bool
	}{
		{"http://127.0.0.1:8080", false},
		{"http://127.8.9.10:1", false},
		{"http://localhost:1", false},
		{"HTTP://LOCALHOST:1", false},
		{"http://[::1]:1", false},
		{"https://open.feishu.cn", false},
		{"https://10.0.0.5", false},
		{"http://10.0.0.5:8080", true},
		{"http://open.feishu.cn", true},
		{"http://[2001:db8::1]:80", true},
		{"http://localhost.example.com", true},
	}
	io, _, _ := TestIO()
	for _, tt := range tests {
		f := &targetFlags{appID: "cli_x", appSecret: "s", baseURL: tt.url, rateScale: 1}
		_, err := f.connect(context.Background(), io, nil)
		var ee *ExitError
		if refused := errors.As(err, &ee) && ee.Code == ExitUsage; refused != tt.refuse {
			t.Errorf("%s: err %v, want refused=%v", tt.url, err, tt.refuse)
		}
	}
	// The environment's base URL too, for a command that only reads.
	io, _, errOut := TestIO()
	code := Main(context.Background(), []string{"tree"}, io.WithEnv(map[string]string{
		"FEISHU_APP_ID": "cli_x", "FEISHU_APP_SECRET": "s", "FEISHU_BASE_URL": "http://192.0.2.7:8080"}))
	if code != ExitUsage || !strings.Contains(errOut.String(), "refusing plain http:// to 192.0.2.7:8080") {
		t.Errorf("tree: exit %d %s", code, errOut)
	}
}

// TestWriteGate drives the confirmation unit alone.
func TestWriteGate(t *testing.T) {
	wide := counted{N: 40, Required: true, Flag: "--confirm-changes", What: "changes"}
	small := counted{N: 3, Flag: "--confirm-changes", What: "changes"}
	stated := func(c counted, n int) counted { c.Given = countFlag{n, true}; return c }
	tests := []struct {
		name      string
		gate      writeGate
		terminal  bool
		answers   string
		code      int // 0: passes
		questions int // y/N questions
	}{
		{"nothing to confirm", writeGate{Counts: []counted{small}}, false, "", 0, 0},
		{"--yes", writeGate{Target: "T", Yes: true}, false, "", 0, 0},
		{"no --yes off a terminal", writeGate{Target: "T"}, false, "", ExitUsage, 0},
		{"y", writeGate{Target: "T"}, true, "Y\n", 0, 1},
		{"n", writeGate{Target: "T"}, true, "no\n", ExitUsage, 1},
		{"a wide count off a terminal", writeGate{Yes: true, Counts: []counted{wide}}, false, "", ExitUsage, 0},
		{"a wide count stated", writeGate{Counts: []counted{stated(wide, 40)}}, false, "", 0, 0},
		{"a wide count mistyped", writeGate{Counts: []counted{wide}}, true, "4O\n", ExitUsage, 0},
		{"a wide count typed", writeGate{Counts: []counted{wide}}, true, " 40 \n", 0, 0},
		{"y, then the count", writeGate{Target: "T", Counts: []counted{wide}}, true, "y\n40\n", 0, 1},
		{"a small count mis-stated", writeGate{Yes: true, Target: "T", Counts: []counted{stated(small, 4)}}, true, "", ExitUsage, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, errOut := TestIO()
			io.In = strings.NewReader(tt.answers)
			io.InIsTTY, io.ErrIsTTY = tt.terminal, tt.terminal
			err := tt.gate.pass(context.Background(), io)
			if exitCodeOf(err) != tt.code || asked(errOut.String()) != tt.questions {
				t.Errorf("pass = %v (exit %d), %d questions; want exit %d, %d\n%s", err, exitCodeOf(err), asked(errOut.String()), tt.code, tt.questions, errOut)
			}
			if !tt.terminal {
				return
			}
			// The preview never reads an answer.
			io.In = failingReader{t}
			if err := tt.gate.preview(io); err != nil && !strings.Contains(tt.name, "mis-stated") {
				t.Errorf("preview: %v", err)
			}
		})
	}
}

type failingReader struct{ t *testing.T }

func (r failingReader) Read([]byte) (int, error) {
	r.t.Error("the preview read an answer")
	return 0, io.EOF
}

// TestAskInterrupted: Ctrl-C while a question waits is exit 3, nothing
// written.
func TestAskInterrupted(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	ios, _, errOut := TestIO()
	ios.In, ios.InIsTTY, ios.ErrIsTTY = r, true, true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- (&writeGate{Target: "T"}).pass(ctx, ios) }()
	cancel()
	if err := <-done; exitCodeOf(err) != ExitInterrupted || !strings.Contains(fmt.Sprint(err), "nothing was written") {
		t.Fatalf("pass = %v\n%s", err, errOut)
	}
}
