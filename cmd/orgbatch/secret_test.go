package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

const stdinSecret = "stdin-secret-7c1e0a"

// runWithStdin runs the CLI with stdin and no credentials in the
// environment.
func runWithStdin(t *testing.T, stdin *strings.Reader, args ...string) (int, string, string) {
	t.Helper()
	io, out, errOut := TestIO()
	io.In = stdin
	code := Main(context.Background(), args, io)
	return code, out.String(), errOut.String()
}

// TestAppSecretStdin: --app-secret-stdin reads the secret from the first
// line of standard input (and nothing after it); the import works, and the
// secret is in none of the output, the report files, the journal or the
// lock files.
func TestAppSecretStdin(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{AppSecret: stdinSecret})
	reports := t.TempDir()
	stdin := strings.NewReader(stdinSecret + "\nthe next line\n")
	code, out, errOut := runWithStdin(t, stdin, "import", samplesXLSX, "--base-url", url, "--app-id", sandbox.DefaultAppID, "--app-secret-stdin", "--report", reports, "--rate-scale", "1000", "--yes")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "app secret from standard input") || strings.Contains(errOut, "warning: --app-secret") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if rest := stdin.Len(); rest != len("the next line\n") {
		t.Errorf("%d bytes left on stdin: it read past the secret's line", rest)
	}
	checkNoSecret(t, stdinSecret, out+errOut, reports)
}

// checkNoSecret fails if the secret is in the output or any file under dir
// (hidden ones, such as lock files, included).
func checkNoSecret(t *testing.T, secret, output, dir string) {
	t.Helper()
	if strings.Contains(output, secret) {
		t.Error("the secret was printed")
	}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			if data, _ := os.ReadFile(p); strings.Contains(string(data), secret) || tokenPattern.Match(data) {
				t.Errorf("%s holds the secret or a token", p)
			}
		}
		return nil
	})
}

// TestAppSecretFlagWarns: --app-secret still works, with a warning on
// stderr (in both languages) that names the alternatives.
func TestAppSecretFlagWarns(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{AppSecret: stdinSecret})
	code, out, errOut := runWithStdin(t, strings.NewReader(""), "tree", "--base-url", url, "--app-id", sandbox.DefaultAppID, "--app-secret", stdinSecret, "--quiet")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"other users of this machine can see it (ps)", "--app-secret-stdin", "FEISHU_APP_SECRET", "进程列表"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("warning lacks %q:\n%s", want, errOut)
		}
	}
	checkNoSecret(t, stdinSecret, out+errOut, t.TempDir())
}

func TestAppSecretStdinMisuse(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{AppSecret: stdinSecret})
	for name, c := range map[string]struct {
		stdin string
		args  []string
	}{
		"empty stdin":  {"", []string{"--base-url", url, "--app-id", "cli_x", "--app-secret-stdin"}},
		"blank line":   {"  \nsecret\n", []string{"--base-url", url, "--app-id", "cli_x", "--app-secret-stdin"}},
		"both flags":   {stdinSecret + "\n", []string{"--base-url", url, "--app-id", "cli_x", "--app-secret-stdin", "--app-secret", "x"}},
		"with sandbox": {stdinSecret + "\n", []string{"--sandbox", "--app-secret-stdin"}},
	} {
		code, out, errOut := runWithStdin(t, strings.NewReader(c.stdin), append([]string{"tree"}, c.args...)...)
		if code != ExitUsage || !strings.Contains(errOut, "--app-secret-stdin") || strings.Contains(out+errOut, stdinSecret) {
			t.Errorf("%s: exit %d\n%s\n%s", name, code, out, errOut)
		}
	}
}
