package main

import (
	"context"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
)

func TestTreeCommand(t *testing.T) {
	srv, url := exportTestTenant(t)
	code, out, errOut := runAgainst(t, context.Background(), "tree", "--base-url", url, "--rate-scale", "1000", "--depth", "1")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if lines[0] != "总公司 (303)" || lines[1] != "├── 总裁办 (12)" || lines[2] != "├── 技术中心 (121)" || !strings.HasPrefix(lines[len(lines)-1], "└── ") {
		t.Errorf("tree:\n%s", out)
	}
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "│") || strings.HasPrefix(l, "    ") {
			t.Errorf("--depth 1 shows a second level: %q", l)
		}
	}
	// Departments only: no member listing.
	st := srv.Stats().Endpoints
	if st[feishu.EPFindByDepartment].Calls != 0 || st[feishu.EPChildren].Calls != 1 || st[feishu.EPGetDepartment].Calls != 1 {
		t.Errorf("calls: %+v", st)
	}

	code, out, _ = runAgainst(t, context.Background(), "tree", "--base-url", url, "--rate-scale", "1000", "--root", "TECH", "-q")
	if code != ExitOK || !strings.HasPrefix(out, "技术中心 (121)\n├── ") || !strings.Contains(out, "└── =SUM(A1:A9) (3)") {
		t.Errorf("sub-tree: exit %d\n%s", code, out)
	}

	for name, args := range map[string][]string{
		"unknown root":   {"--root", "NOPE"},
		"negative depth": {"--depth", "-1"},
		"argument":       {"extra"},
	} {
		if code, out, errOut := runAgainst(t, context.Background(), append([]string{"tree", "--base-url", url, "--rate-scale", "1000"}, args...)...); code != ExitUsage {
			t.Errorf("%s: exit %d\n%s\n%s", name, code, out, errOut)
		}
	}
}

// TestTreeOnSeededSandbox: the in-process sandbox, seeded from a sheet.
func TestTreeOnSeededSandbox(t *testing.T) {
	code, out, errOut := runCLI(t, "tree", "--sandbox", "--sandbox-seed", samplesXLSX, "--rate-scale", "1000")
	if code != ExitOK || !strings.Contains(out, "│   ├── 研发一部 (46)") || !strings.Contains(errOut, "local sandbox") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}
