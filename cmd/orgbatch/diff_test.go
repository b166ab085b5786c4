package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// dropRows copies a CSV without the rows whose first cell is in drop.
func dropRows(t *testing.T, from, to string, drop ...string) string {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		first, _, _ := strings.Cut(line, ",")
		skip := false
		for _, d := range drop {
			if first == d {
				skip = true
			}
		}
		if !skip {
			kept = append(kept, line)
		}
	}
	os.WriteFile(to, []byte(strings.Join(kept, "")), 0o600)
	return to
}

func seededSandbox(t *testing.T) (*sandbox.Server, string) {
	return sandboxtest.Start(t, sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader})
}

func TestDiffMatchesAndDiffers(t *testing.T) {
	srv, url := seededSandbox(t)
	code, out, errOut := runAgainst(t, context.Background(), "diff", samplesXLSX, "--base-url", url, "--report", t.TempDir(), "--rate-scale", "1000")
	if code != ExitOK || !strings.Contains(out, "only in Feishu: none") {
		t.Fatalf("identical: exit %d\n%s\n%s", code, out, errOut)
	}
	dir := t.TempDir()
	users := editCSV(t, "../../samples/users.csv", filepath.Join(dir, "edited.csv"), map[string]map[string]string{"u0005": {"职务 (job_title)": "架构师"}})
	// A department the sheet still places people in is not "only in
	// Feishu": drop ADMIN together with everyone in it.
	users = dropRows(t, users, filepath.Join(dir, "users.csv"), append(membersOf(srv, "ADMIN"), "u0300")...)
	depts := dropRows(t, "../../samples/departments.csv", filepath.Join(dir, "departments.csv"), "ADMIN")
	writes := srv.Stats().WritesApplied
	code, out, errOut = runAgainst(t, context.Background(), "diff", depts, users, "--base-url", url, "--report", dir, "--rate-scale", "1000")
	if code != ExitRowsFailed {
		t.Fatalf("different: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"job_title: ", "→ 架构师", "1 departments, ", "department ADMIN", "user       u0300"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff output lacks %q:\n%s", want, out)
		}
	}
	if srv.Stats().WritesApplied != writes {
		t.Error("diff wrote to the tenant")
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "diff-*", "plan.xlsx")); len(files) != 1 {
		t.Errorf("diff report files: %v", files)
	}
}

// TestDiffPrune: --prune lists and deletes only with --yes, users before
// departments; past the guard's thresholds only with their numbers stated.
func TestDiffPrune(t *testing.T) {
	srv, url := seededSandbox(t)
	dir := t.TempDir()
	// Drop ADMIN and everyone in it from the sheet, so the department is
	// empty once its people are deleted.
	admins := membersOf(srv, "ADMIN")
	users := dropRows(t, "../../samples/users.csv", filepath.Join(dir, "users.csv"), admins...)
	depts := dropRows(t, "../../samples/departments.csv", filepath.Join(dir, "departments.csv"), "ADMIN")
	args := []string{"diff", depts, users, "--base-url", url, "--report", dir, "--rate-scale", "1000", "--prune"}
	code, out, _ := runAgainst(t, context.Background(), args...)
	if code != ExitRowsFailed || !strings.Contains(out, "add --yes") || len(srv.Departments()) != 46 {
		t.Fatalf("prune without --yes: exit %d, %d departments\n%s", code, len(srv.Departments()), out)
	}
	n := fmt.Sprint(len(admins))
	code, out, _ = runAgainst(t, context.Background(), append(args, "--yes", "--delete-count", n)...)
	if code != ExitOK {
		t.Fatalf("prune --yes --delete-count %s: exit %d\n%s", n, code, out)
	}
	if len(srv.Departments()) != 45 {
		t.Errorf("%d departments after prune", len(srv.Departments()))
	}
	if active := activeUsers(srv); active != 300-len(admins) {
		t.Errorf("%d active users after prune, want %d", active, 300-len(admins))
	}
	if code, _, errOut := runAgainst(t, context.Background(), "diff", samplesXLSX, "--sandbox", "--yes"); code != ExitUsage {
		t.Errorf("--yes without --prune: exit %d %s", code, errOut)
	}
	if code, _, errOut := runAgainst(t, context.Background(), append(args, "--yes", "--force")...); code != ExitUsage || !strings.Contains(errOut, "--delete-count") {
		t.Errorf("--force: exit %d %s", code, errOut)
	}
}

func activeUsers(srv *sandbox.Server) int {
	n := 0
	for _, u := range srv.Users() {
		if u.Status == nil || !u.Status.IsResigned {
			n++
		}
	}
	return n
}

// membersOf lists the users of a department in the sandbox.
func membersOf(srv *sandbox.Server, dept string) []string {
	var out []string
	for _, u := range srv.Users() {
		for _, d := range u.DepartmentIDs {
			if d == dept {
				out = append(out, u.UserID)
			}
		}
	}
	return out
}

// TestDiffKeepsPathDepartments: departments placed by a parent path (no ID
// in the sheet) and departments named on users' paths are in the sheet:
// diff does not list them as "only in Feishu", and prune keeps them.
func TestDiffKeepsPathDepartments(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	dir := t.TempDir()
	depts := filepath.Join(dir, "departments.csv")
	os.WriteFile(depts, []byte("name,parent_path\n技术中心,\n前端组,技术中心\n"), 0o600)
	users := filepath.Join(dir, "users.csv")
	os.WriteFile(users, []byte("user_id,name,mobile,department_path,employee_type\na,甲,13800000001,技术中心/后端组,1\n"), 0o600)
	args := []string{depts, users, "--base-url", url, "--report", dir, "--rate-scale", "1000"}
	if code, out, errOut := runAgainst(t, context.Background(), append([]string{"import", "--yes"}, args...)...); code != ExitOK {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := runAgainst(t, context.Background(), append([]string{"diff", "--prune", "--yes"}, args...)...)
	if code != ExitOK || !strings.Contains(out, "only in Feishu: none") {
		t.Fatalf("diff: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := len(srv.Departments()); n != 3 {
		t.Errorf("%d departments left", n)
	}
}
