package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/report"
	"github.com/xuri/excelize/v2"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	io, out, errOut := TestIO()
	code = Main(context.Background(), args, io)
	return code, out.String(), errOut.String()
}

func TestValidateExitCodes(t *testing.T) {
	reports := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"valid sample", []string{"validate", "../../samples/company.xlsx"}, ExitOK, "0 个错误 errors"},
		{"valid CSV pair", []string{"validate", "../../samples/departments.csv", "../../samples/users.csv"}, ExitOK, "300 个成员"},
		{"rule errors", []string{"validate", "../../samples/invalid/departments_tree.csv"}, ExitRowsFailed, "DEPT_CYCLE"},
		{"warnings only", []string{"validate", "--users", "../../samples/users.csv"}, ExitOK, "USER_DEPT_UNKNOWN"},
		{"not a spreadsheet", []string{"validate", "../../samples/invalid/not_a_spreadsheet.xlsx"}, ExitUsage, "FILE_UNREADABLE"},
		{"truncated zip", []string{"validate", "../../samples/invalid/truncated.xlsx"}, ExitUsage, "FILE_UNREADABLE"},
		{"no header", []string{"validate", "../../samples/invalid/empty.csv"}, ExitUsage, "SHEET_NO_HEADER"},
		{"unclosed quote", []string{"validate", "../../samples/invalid/users_unclosed_quote.csv"}, ExitUsage, "users_unclosed_quote.csv row 3, column F"},
		{"mixed encodings", []string{"validate", "../../samples/invalid/users_encoding.csv"}, ExitRowsFailed, "row 4, column 姓名: 单元格「�」不是文件所用的编码 UTF-8"},
		{"hidden characters", []string{"validate", "../../samples/invalid/users_cells.csv"}, ExitRowsFailed, "王�[2J五"},
		{"missing file", []string{"validate", "nope.xlsx"}, ExitUsage, ""},
		{"no files", []string{"validate"}, ExitUsage, ""},
		{"bad flag", []string{"validate", "--format", "yaml", "../../samples/company.xlsx"}, ExitUsage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append(tt.args, "--report", reports)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.out) {
				t.Errorf("stdout lacks %q:\n%s", tt.out, out)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace on stderr: %s", errOut)
			}
			if strings.ContainsAny(out+errOut, "\x1b\u202e\u2066\u200b") {
				t.Errorf("a hidden character reached the terminal:\n%q", out)
			}
		})
	}
}

func TestValidateJSON(t *testing.T) {
	code, out, _ := runCLI(t, "validate", "--format", "json", "--no-report", "../../samples/invalid/users_fields.csv")
	if code != ExitRowsFailed {
		t.Fatalf("exit %d", code)
	}
	var pj report.ProblemsJSON
	if err := json.Unmarshal([]byte(out), &pj); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	var raw map[string][]map[string]any
	json.Unmarshal([]byte(out), &raw)
	for _, k := range []string{"file", "sheet", "row", "column", "rule", "severity", "message"} {
		if _, ok := raw["problems"][0][k]; !ok {
			t.Errorf("problem lacks key %q", k)
		}
	}
	p := pj.Problems[0]
	if p.File != "../../samples/invalid/users_fields.csv" || p.Row != 3 || p.Column != "姓名" || p.Rule != "USER_NAME_REQUIRED" {
		t.Errorf("first problem = %+v", p)
	}
}

// TestValidateReport: the report copies the input rows with a status and
// the problems, highlights the problem cell, and is private to the owner.
func TestValidateReport(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCLI(t, "validate", "--report", dir, "../../samples/invalid/users_fields.csv")
	if code != ExitRowsFailed {
		t.Fatalf("exit %d", code)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "validation-*.xlsx"))
	if len(files) != 1 || !strings.Contains(errOut, files[0]) {
		t.Fatalf("report files %v, stderr %q", files, errOut)
	}
	st, _ := os.Stat(files[0])
	if st.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v", st.Mode().Perm())
	}
	f, err := excelize.OpenFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, _ := f.GetRows(sheet)
	header := rows[0]
	if header[len(header)-2] != "状态 status" {
		t.Fatalf("header = %v", header)
	}
	// Row 3 of the input (u2, empty name) is data row 2 of the report.
	r := rows[2]
	if r[0] != "u2" || r[len(header)-2] != "错误 error" || !strings.Contains(r[len(header)-1], "姓名为空") {
		t.Errorf("report row = %v", r)
	}
	// The empty-name cell (B3) is highlighted, the user_id cell is not.
	styleB, _ := f.GetCellStyle(sheet, "B3")
	styleA, _ := f.GetCellStyle(sheet, "A3")
	if styleB == styleA {
		t.Errorf("problem cell B3 not highlighted (style %d = %d)", styleB, styleA)
	}
	if !contains(f.GetSheetList(), "问题 problems") {
		t.Errorf("no problems sheet: %v", f.GetSheetList())
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "template", "--out", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, _ := os.ReadFile("../../templates/orgbatch-template.xlsx")
	got, _ := os.ReadFile(filepath.Join(dir, "orgbatch-template.xlsx"))
	if string(got) != string(want) || !strings.Contains(out, "orgbatch-template.xlsx") {
		t.Errorf("template differs from templates/orgbatch-template.xlsx")
	}
	code, out, _ = runCLI(t, "template", "--out", dir, "--format", "csv")
	if code != ExitOK || !strings.Contains(out, "users.csv") {
		t.Errorf("csv: exit %d, %s", code, out)
	}
	if code, _, _ := runCLI(t, "template", "--format", "pdf"); code != ExitUsage {
		t.Errorf("bad format exit %d", code)
	}
	// A template HR may have filled in is never replaced without --force.
	filled := filepath.Join(dir, "orgbatch-template.xlsx")
	os.WriteFile(filled, []byte("filled in"), 0o600)
	if code, _, errOut := runCLI(t, "template", "--out", dir); code != ExitUsage || !strings.Contains(errOut, "--force") {
		t.Errorf("existing template: exit %d, %s", code, errOut)
	}
	if got, _ := os.ReadFile(filled); string(got) != "filled in" {
		t.Error("an existing template was overwritten")
	}
	if code, _, _ := runCLI(t, "template", "--out", dir, "--force"); code != ExitOK {
		t.Errorf("--force: exit %d", code)
	}
	if got, _ := os.ReadFile(filled); string(got) != string(want) {
		t.Error("--force did not replace the template")
	}
	if code, _, _ := runCLI(t, "template", "--sandbox"); code != ExitUsage {
		t.Errorf("--sandbox without --from-tenant: exit %d", code)
	}
}

// TestTemplateFromTenant: against a tenant (here the embedded sandbox,
// with the sample company's schema) the template offers its lists.
func TestTemplateFromTenant(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "template", "--from-tenant", "--sandbox", "--out", dir, "--format", "csv")
	if code != ExitOK || !strings.Contains(errOut, "本地沙箱") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	users, _ := os.ReadFile(filepath.Join(dir, "users.csv"))
	ins, _ := os.ReadFile(filepath.Join(dir, "instructions.csv"))
	if !strings.Contains(string(users), "学历 (custom:"+samplegen.AttrEducation+")") || !strings.Contains(string(ins), "custom attribute (HREF)") {
		t.Errorf("users.csv header / instructions:\n%s\n%s", users, ins)
	}
}

// TestHelpShowsExamples: every command's --help has an Examples section.
func TestHelpShowsExamples(t *testing.T) {
	io, _, _ := TestIO()
	root := newRootCmd(io)
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		for _, sub := range append(c.Commands(), c) {
			if sub.Runnable() && sub.Example == "" {
				t.Errorf("%s has no examples in --help", sub.CommandPath())
			}
		}
	}
}
