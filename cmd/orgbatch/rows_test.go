package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/xuri/excelize/v2"
)

// resetSandbox starts a sandbox holding the sample company, its counters
// reset, so a test can tell whether anything was written.
func resetSandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	srv, url := seededSandbox(t)
	srv.ResetStats()
	return srv, url
}

func tenantUser(srv *sandbox.Server, id string) feishu.User {
	for _, u := range srv.Users() {
		if u.UserID == id {
			return u
		}
	}
	return feishu.User{}
}

// readReportCSV reads a report CSV as maps from header to cell.
func readReportCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestImportDoesNotRenameByContact: a row without user_id whose mobile is
// 陶晓's (u0002) but whose name is someone else's is a conflict — in diff,
// in the dry run and in the import, where 陶晓 stays 陶晓 — and the reports
// say which rows were matched by mobile. --accept-renames lets it rename.
func TestImportDoesNotRenameByContact(t *testing.T) {
	srv, url := resetSandbox(t)
	dir := t.TempDir()
	users := filepath.Join(dir, "users.csv")
	os.WriteFile(users, []byte("姓名,手机号,所属部门ID,人员类型,职务\n"+
		"冒名者,13900104729,CEO,正式,战略分析师\n"+ // u0002 陶晓's mobile
		"戴文平,13900209458,CEO,正式,架构师\n"), 0o600) // u0003 himself, another title
	run := func(command string, flags ...string) (int, string, string) {
		return runAgainst(t, context.Background(), append([]string{command, users, "--base-url", url, "--report", dir, "--rate-scale", "1000"}, flags...)...)
	}

	code, out, errOut := run("diff")
	if code != ExitRowsFailed || !strings.Contains(out, "PLAN_NAME_MISMATCH") {
		t.Fatalf("diff: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = run("diff", "--accept-renames")
	if code != ExitRowsFailed || strings.Contains(out, "PLAN_NAME_MISMATCH") || !strings.Contains(out, "name: 陶晓 → 冒名者") {
		t.Fatalf("diff --accept-renames: exit %d\n%s", code, out)
	}
	code, out, errOut = run("import", "--dry-run")
	if code != ExitRowsFailed || !strings.Contains(out, "error PLAN_NAME_MISMATCH") || !strings.Contains(out, "按手机号匹配 matched by mobile → user_id u0003") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	if srv.Stats().WritesApplied != 0 {
		t.Fatal("diff or the dry run wrote")
	}

	code, out, errOut = run("import", "--yes")
	if code != ExitRowsFailed {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	if u := tenantUser(srv, "u0002"); u.Name != "陶晓" || srv.Stats().WritesApplied != 1 || tenantUser(srv, "u0003").JobTitle != "架构师" {
		t.Fatalf("u0002 is %q; %d writes (want only u0003's title)", u.Name, srv.Stats().WritesApplied)
	}
	runDir := onlyRunDir(t, dir)
	rows := readReportCSV(t, filepath.Join(runDir, "report-users.csv"))
	if len(rows) != 2 || rows[0]["匹配方式 matched_by"] != "mobile" || rows[0]["状态 status"] != "失败 failed" || rows[0]["错误码 code"] != "PLAN_NAME_MISMATCH" ||
		rows[1]["匹配方式 matched_by"] != "mobile" || rows[1]["状态 status"] != "已更新 updated" {
		t.Errorf("report rows %v", rows)
	}
	var pj struct {
		Changes []struct {
			Name      string `json:"name"`
			MatchedBy string `json:"matched_by"`
		} `json:"changes"`
	}
	data, _ := os.ReadFile(filepath.Join(runDir, "plan.json"))
	if err := json.Unmarshal(data, &pj); err != nil || len(pj.Changes) != 2 || pj.Changes[0].MatchedBy != "mobile" {
		t.Errorf("plan.json changes %+v (%v)", pj.Changes, err)
	}

	f, err := excelize.OpenFile(filepath.Join(runDir, "plan.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	xrows, _ := f.GetRows("users")
	f.Close()
	if len(xrows) != 3 || xrows[0][6] != "匹配方式 matched_by" || xrows[1][6] != "mobile" || xrows[1][5] != "阻止 blocked" {
		t.Errorf("plan.xlsx users sheet %q", xrows)
	}

	os.RemoveAll(runDir)
	if code, out, errOut = run("import", "--accept-renames", "--yes"); code != ExitOK || tenantUser(srv, "u0002").Name != "冒名者" {
		t.Fatalf("--accept-renames: exit %d, u0002 %q\n%s\n%s", code, tenantUser(srv, "u0002").Name, out, errOut)
	}
}

// TestImportRefusesExampleRowsAndSeveralValues: the template as written
// (its example rows) and a sheet whose leader cell names two people are
// refused — with the rows and columns named — and nothing reaches the
// tenant, not even with --skip-invalid, where the other rows of the sheet
// are unchanged.
func TestImportRefusesExampleRowsAndSeveralValues(t *testing.T) {
	srv, url := resetSandbox(t)
	dir := t.TempDir()
	template := "../../templates/orgbatch-template.xlsx"
	code, _, errOut := runAgainst(t, context.Background(), "import", template, "--base-url", url, "--report", dir)
	if code != ExitUsage || !strings.Contains(errOut, "ROW_EXAMPLE_MARKER") || !strings.Contains(errOut, "row 2, column 示例标记 (example_marker)") {
		t.Fatalf("template: exit %d\n%s", code, errOut)
	}
	code, out, errOut := runAgainst(t, context.Background(), "import", template, "--skip-invalid", "--yes", "--base-url", url, "--report", dir, "--rate-scale", "1000")
	if s := readSummary(t, onlyRunDir(t, dir)); code != ExitRowsFailed || s.Rows["user"]["failed"] != 1 || s.Rows["department"]["failed"] != 1 {
		t.Fatalf("template --skip-invalid: exit %d, rows %v\n%s\n%s", code, s.Rows, out, errOut)
	}

	users := editCSV(t, "../../samples/users.csv", filepath.Join(dir, "users.csv"), map[string]map[string]string{
		"u0005": {"直属上级ID (leader_user_id)": "u0001;u0002"},
	})
	args := []string{"../../samples/departments.csv", users, "--base-url", url, "--report", t.TempDir(), "--rate-scale", "1000"}
	code, out, errOut = runAgainst(t, context.Background(), append([]string{"import", "--dry-run"}, args...)...)
	if code != ExitUsage || !strings.Contains(out, "阻止 blocked   user       u0005") || !strings.Contains(out, "CELL_SEVERAL_VALUES") {
		t.Fatalf("several leaders, dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runAgainst(t, context.Background(), append([]string{"import", "--skip-invalid", "--yes"}, args...)...)
	if code != ExitRowsFailed || !strings.Contains(out, "失败 failed  user u0005") {
		t.Fatalf("several leaders: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := srv.Stats().WritesApplied; n != 0 || tenantUser(srv, "u0005").LeaderUserID != "u0001" {
		t.Errorf("%d writes; u0005's leader %q", n, tenantUser(srv, "u0005").LeaderUserID)
	}
}
