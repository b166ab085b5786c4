package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const hrExport = "../../samples/hr/hr-export.csv"

func TestValidateSuggestsAMapping(t *testing.T) {
	code, out, _ := runCLI(t, "validate", hrExport, "--no-report")
	if code != ExitRowsFailed {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, want := range []string{"COLUMN_MISSING", "--map '工作邮箱=email'?", "--map '用工类型=employee_type'?", "or instead 或改用 department_path"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut := runCLI(t, "validate", hrExport, "--no-report", "--map-file", "../../samples/hr/mapping.csv")
	if code != ExitOK || !strings.Contains(errOut, "所在组织 → department_path") {
		t.Fatalf("with the mapping: exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "validate", hrExport, "--no-report", "--map", "员工账号=user_id", "--map", "中文名=nofield")
	if code != ExitUsage || !strings.Contains(errOut, `no field "nofield"`) {
		t.Fatalf("bad --map: exit %d %s", code, errOut)
	}
}

// TestImportHRExport: an HR export with paths and its own headers goes in
// through a mapping; departments named by paths are created (shown as
// "from path" in the plan, listed on their own report sheet), the company
// name is the root, and the mapping is recorded in the summary.
func TestImportHRExport(t *testing.T) {
	reports := t.TempDir()
	args := []string{"import", hrExport, "--map-file", "../../samples/hr/mapping.csv", "--sandbox", "--rate-scale", "1000", "--report", reports}
	code, out, errOut := runAgainst(t, context.Background(), append(args, "--dry-run")...)
	if code != ExitOK || !strings.Contains(out, "from path 技术中心/研发一部/前端组") || !strings.Contains(errOut, "0 个错误 errors") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runAgainst(t, context.Background(), args...)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	dir := onlyRunDir(t, reports)
	s := readSummary(t, dir)
	if s.Mapping["所在组织"] != "department_path" || s.Rows["department"]["created"] != 46 || s.Rows["user"]["created"] != 300 {
		t.Errorf("summary %+v", s)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("路径部门 path departments")
	if len(rows) != 47 || rows[1][1] != "成功 created" {
		t.Errorf("path departments sheet: %d rows, first %v", len(rows), rows[1])
	}
}
