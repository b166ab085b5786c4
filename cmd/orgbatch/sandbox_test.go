package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// lineWriter is a concurrency-safe buffer that hands out its first line.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	first chan string
	sent  bool
}

func newLineWriter() *lineWriter { return &lineWriter{first: make(chan string, 1)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, _ := w.buf.Write(p)
	if line, _, ok := strings.Cut(w.buf.String(), "\n"); ok && !w.sent {
		w.sent = true
		w.first <- line
	}
	return n, nil
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func TestSandboxServe(t *testing.T) {
	const secret = "env-secret-5f1c"
	io, _, _ := TestIO()
	out, errOut := newLineWriter(), newLineWriter()
	io.Out, io.ErrOut = out, errOut
	io = io.WithEnv(map[string]string{"FEISHU_APP_SECRET": secret})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"sandbox", "serve", "--addr", "127.0.0.1:0", "--app-id", "cli_cmdtest", "-v"}, io)
	}()
	var base string
	select {
	case base = <-out.first:
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("printed %q", base)
	}

	body, _ := json.Marshal(feishu.TokenRequest{AppID: "cli_cmdtest", AppSecret: secret})
	hr, err := http.Post(base+feishu.PathTenantToken, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var tr feishu.TokenResponse
	err = json.NewDecoder(hr.Body).Decode(&tr)
	hr.Body.Close()
	if err != nil || tr.Code != 0 {
		t.Fatalf("token: %+v %v", tr, err)
	}
	req, _ := http.NewRequest("GET", base+feishu.PathDepartments+"/0?client_token=x", nil)
	req.Header.Set("Authorization", "Bearer "+tr.TenantAccessToken)
	if hr, err = http.DefaultClient.Do(req); err != nil || hr.StatusCode != 200 {
		t.Fatalf("GET root: %v %v", hr, err)
	}
	hr.Body.Close()

	cancel()
	if code := <-done; code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	all := out.String() + errOut.String()
	if strings.Contains(all, secret) || strings.Contains(all, tr.TenantAccessToken) {
		t.Fatalf("output shows the secret or a token:\n%s", all)
	}
	if !strings.Contains(errOut.String(), "cli_cmdtest") || !strings.Contains(errOut.String(), "$FEISHU_APP_SECRET") {
		t.Errorf("stderr hint: %s", errOut.String())
	}
	if !strings.Contains(errOut.String(), "/open-apis/contact/v3/departments/0") {
		t.Errorf("verbose log lacks the request: %s", errOut.String())
	}
}

func TestSandboxServeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "org.xlsx")
	if err := os.WriteFile(sheet, []byte("PK\x03\x04"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"fail rate", []string{"--fail-rate", "2"}, "--fail-rate"},
		{"rate scale", []string{"--rate-scale", "0"}, "--rate-scale"},
		{"rate windows", []string{"--rate-windows", "rolling"}, "--rate-windows"},
		{"bad addr", []string{"--addr", "nowhere"}, "--addr"},
		{"bad sheet seed", []string{"--seed", sheet}, "not a valid .xlsx file"},
		{"unknown flag", []string{"--nope"}, "unknown flag"},
		{"extra arg", []string{"x"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, errOut := TestIO()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			code := Main(ctx, append([]string{"sandbox", "serve"}, tt.args...), io)
			if code != ExitUsage || !strings.Contains(errOut.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q; want %d mentioning %q", code, errOut.String(), ExitUsage, tt.want)
			}
		})
	}
}

func TestSandboxServeFlags(t *testing.T) {
	io, _, _ := TestIO()
	var got *sandboxServeOptions
	cmd := newSandboxServeCmd(io, func(_ context.Context, o *sandboxServeOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--latency", "20ms", "--jitter", "10ms", "--fail-rate", "0.05", "--drop-before-rate", "0.1",
		"--drop-after-rate", "0.2", "--token-expiry-rate", "0.01", "--token-ttl", "2h", "--rate-scale", "20",
		"--rate-windows", "sliding", "--lock-contention", "--no-tenant-scope", "--fault-seed", "7", "--tenant-name", "总公司", "--state", "s.json", "--seed", "seed.json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Latency != 20*time.Millisecond || got.Jitter != 10*time.Millisecond || got.FailRate != 0.05 ||
		got.DropBeforeRate != 0.1 || got.DropAfterRate != 0.2 || got.TokenExpiry != 0.01 || got.TokenTTL != 2*time.Hour ||
		got.RateScale != 20 || !got.LockContention || !got.NoTenantScope || got.FaultSeed != 7 || got.TenantName != "总公司" ||
		got.StatePath != "s.json" || got.SeedPath != "seed.json" || got.Addr != "127.0.0.1:0" || got.RateWindows != "sliding" {
		t.Fatalf("options %+v", got)
	}
}

func TestSandboxAddr(t *testing.T) {
	tests := []struct {
		in, bind string
		public   bool
	}{
		{"127.0.0.1:0", "127.0.0.1:0", false},
		{":8787", "127.0.0.1:8787", false},
		{"localhost:1", "localhost:1", false},
		{"[::1]:2", "[::1]:2", false},
		{"0.0.0.0:3", "0.0.0.0:3", true},
		{"10.1.2.3:4", "10.1.2.3:4", true},
	}
	for _, tt := range tests {
		bind, public, err := sandboxAddr(tt.in)
		if err != nil || bind != tt.bind || public != tt.public {
			t.Errorf("sandboxAddr(%q) = %q %v %v", tt.in, bind, public, err)
		}
	}
}

// TestSandboxSeedFromSheet: --sandbox-seed (and sandbox serve --seed) load
// an org in the import sheet format, so the sample company can be the
// starting tenant of a rehearsal; importing the same sheet then changes
// nothing.
func TestSandboxSeedFromSheet(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "import", "../../samples/company.xlsx", "--sandbox", "--sandbox-seed", "../../samples/company.xlsx", "--rate-scale", "1000", "--report", dir)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "unchanged 351") || !strings.Contains(out, "300") {
		t.Errorf("seeded tenant should make every row unchanged:\n%s\n%s", out, errOut)
	}
}

// TestEmbeddedSandboxSaysItForgets: a --sandbox run without a state file
// ends by saying its tenant was discarded and how to keep one (not with
// --quiet); with --sandbox-state the tenant is there for the next run.
func TestEmbeddedSandboxSaysItForgets(t *testing.T) {
	const note = "the local sandbox's tenant was discarded"
	company := "../../samples/company.xlsx"
	reports := t.TempDir()
	code, out, errOut := runAgainst(t, context.Background(), "import", company, "--sandbox", "--rate-scale", "1000", "--report", reports)
	if code != ExitOK || !strings.Contains(errOut, note) || !strings.Contains(errOut, "--sandbox-state FILE") || !strings.Contains(errOut, "本地沙箱的租户数据已丢弃") {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runAgainst(t, context.Background(), "tree", "--sandbox", "-q")
	if code != ExitOK || strings.Contains(errOut, note) || strings.Contains(out, "技术中心") {
		t.Fatalf("tree -q: exit %d\n%s\n%s", code, out, errOut)
	}
	state := filepath.Join(t.TempDir(), "org.json")
	code, out, errOut = runAgainst(t, context.Background(), "import", company, "--sandbox", "--sandbox-state", state, "--rate-scale", "1000", "--report", reports)
	if code != ExitOK || strings.Contains(errOut, note) {
		t.Fatalf("import with a state: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runAgainst(t, context.Background(), "tree", "--sandbox", "--sandbox-state", state)
	if code != ExitOK || strings.Contains(errOut, note) || !strings.Contains(out, "技术中心") {
		t.Fatalf("tree with the state: exit %d\n%s\n%s", code, out, errOut)
	}
}
