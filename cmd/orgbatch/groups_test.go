package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// sampleCSVs are the sample company as CSV files, groups included.
var sampleCSVs = []string{"../../samples/departments.csv", "../../samples/users.csv", "../../samples/groups.csv", "../../samples/group_members.csv"}

func groupSizes(srv *sandbox.Server) map[string]int {
	out := map[string]int{}
	for _, g := range srv.Groups() {
		out[g.Name] = len(g.Users)
	}
	return out
}

// TestImportGroups: the sample company's import makes its four groups
// with their members; a second import changes nothing; a membership sheet
// without ten of the technology center's people leaves them in the group
// unless --remove-members, which needs their number (10 of 156 members of
// the groups the sheet lists), and then removes exactly them; diff says
// what an import would do either way.
func TestImportGroups(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	ctx := context.Background()
	reports := t.TempDir()
	run := func(args ...string) (int, string, string) {
		return runAgainst(t, ctx, append(args, "--base-url", url, "--report", reports, "--rate-scale", "1000")...)
	}
	code, out, errOut := run(append([]string{"import", "--yes"}, sampleCSVs...)...)
	// The final table's columns: created, updated, added, unchanged, …
	if code != ExitOK || !regexp.MustCompile(`用户组 groups +4 +0 +0 +0 `).MatchString(out) || !regexp.MustCompile(`组成员 members +0 +0 +156 +0 `).MatchString(out) {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	want := map[string]int{"技术中心全员": 111, "管理层": 9, "外包与顾问": 16, "新员工关怀组": 20}
	if got := groupSizes(srv); len(got) != 4 || got["技术中心全员"] != 111 || got["管理层"] != 9 || got["外包与顾问"] != 16 || got["新员工关怀组"] != 20 {
		t.Fatalf("groups %v, want %v", got, want)
	}
	srv.ResetStats()
	if code, out, errOut := run(append([]string{"import", "--yes"}, sampleCSVs...)...); code != ExitOK || srv.Stats().WritesApplied != 0 {
		t.Fatalf("a second import: exit %d, %d writes\n%s\n%s", code, srv.Stats().WritesApplied, out, errOut)
	}

	dir := t.TempDir()
	data, _ := os.ReadFile(sampleCSVs[3])
	var kept []string
	dropped := 0
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(line, "TECHALL,") && dropped < 10 {
			dropped++
			continue
		}
		kept = append(kept, line)
	}
	fewer := filepath.Join(dir, "group_members.csv")
	os.WriteFile(fewer, []byte(strings.Join(kept, "")), 0o600)
	inputs := append(append([]string(nil), sampleCSVs[:3]...), fewer)

	code, out, _ = run(append([]string{"diff"}, inputs...)...)
	if code != ExitRowsFailed || !strings.Contains(out, "10 members of the groups the sheet lists are not in its lists") {
		t.Errorf("diff: exit %d\n%s", code, out)
	}
	if code, out, errOut := run(append([]string{"import", "--yes"}, inputs...)...); code != ExitOK || groupSizes(srv)["技术中心全员"] != 111 {
		t.Fatalf("an import without --remove-members: exit %d, %v\n%s\n%s", code, groupSizes(srv), out, errOut)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
		size int
	}{
		{"the number missing", nil, ExitUsage, "--remove-member-count 10", 111},
		{"a wrong number", []string{"--remove-member-count", "9"}, ExitUsage, "--remove-member-count 9 与计划不符", 111},
		{"the number stated", []string{"--remove-member-count", "10"}, ExitOK, "组成员 members             0           0          10", 101}, // created, updated, removed
	} {
		args := append(append([]string{"import", "--yes", "--remove-members"}, tc.args...), inputs...)
		code, out, errOut := run(args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.want) || groupSizes(srv)["技术中心全员"] != tc.size {
			t.Errorf("%s: exit %d, %v\n%s\n%s", tc.name, code, groupSizes(srv), out, errOut)
		}
	}
	if code, _, errOut := run("import", "--remove-member-count", "3", sampleCSVs[0]); code != ExitUsage || !strings.Contains(errOut, "only applies to --remove-members") {
		t.Errorf("--remove-member-count alone: exit %d %s", code, errOut)
	}
}
