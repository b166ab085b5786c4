package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// changedSample is the sample company, exported (the earlier export, as
// xlsx and as CSV files), then changed: a department renamed and one
// moved, a person renamed, one moved, one resigned (a deputy leader of
// 总裁办), a department and a person added.
func changedSample(t *testing.T) (srv *sandbox.Server, url, xlsx, csvDir string) {
	t.Helper()
	srv, url = sandboxtest.Start(t, sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader})
	dir := t.TempDir()
	xlsx, csvDir = filepath.Join(dir, "before.xlsx"), filepath.Join(dir, "before")
	for _, args := range [][]string{{"--out", xlsx}, {"--format", "csv", "--out", csvDir}} {
		if code, out, errOut := runAgainst(t, context.Background(), append([]string{"export", "--base-url", url, "--rate-scale", "1000", "-q"}, args...)...); code != ExitOK {
			t.Fatalf("export: exit %d\n%s%s", code, out, errOut)
		}
	}
	ctx := context.Background()
	c := feishu.NewClient(feishu.WithBaseURL(url), feishu.WithCredentials(sandbox.DefaultAppID, sandbox.DefaultAppSecret),
		feishu.WithIDTypes(feishu.UserIDTypeUserID, feishu.DepartmentIDTypeDepartmentID))
	str := func(s string) *string { return &s }
	steps := []func() error{
		func() error {
			_, err := c.PatchDepartment(ctx, "TECH-RD1", feishu.DepartmentPatch{Name: str("研发1部")})
			return err
		},
		func() error {
			_, err := c.PatchDepartment(ctx, "TECH-RD1-FE-WEB", feishu.DepartmentPatch{ParentDepartmentID: str("TECH")})
			return err
		},
		func() error {
			_, err := c.PatchUser(ctx, "u0003", feishu.UserPatch{Name: str("戴文平二")})
			return err
		},
		func() error {
			_, err := c.PatchUser(ctx, "u0004", feishu.UserPatch{DepartmentIDs: &[]string{"TECH"}})
			return err
		},
		func() error { return srv.SetUserStatus("u0002", feishu.UserStatus{IsResigned: true}) },
		func() error {
			_, err := srv.SeedDepartment(feishu.Department{DepartmentID: "NEW", ParentDepartmentID: "0", Name: "新部门"})
			return err
		},
		func() error {
			_, err := srv.SeedUser(feishu.User{UserID: "u9001", Name: "新同事", Mobile: "13700009001", DepartmentIDs: []string{"NEW"}, EmployeeType: 1, LeaderUserID: "u0001"})
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("change %d: %v", i, err)
		}
	}
	return srv, url, xlsx, csvDir
}

// TestAudit: `orgbatch audit --since` an earlier export (its xlsx, or its
// CSV directory) names each change and the findings, and writes an
// owner-only page that has them.
func TestAudit(t *testing.T) {
	_, url, xlsx, csvDir := changedSample(t)
	wantChanges := "新加入 joined 1, 已离开 left 1, 调动 moved 1, 改名 renamed 1, 新增部门 departments added 1, 撤销的部门 departments removed 0, 移动的部门 departments moved 1, 改名的部门 departments renamed 1"
	for _, since := range []string{xlsx, csvDir} {
		t.Run(filepath.Base(since), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "audit.html")
			code, stdout, errOut := runAgainst(t, context.Background(), "audit", "--base-url", url, "--rate-scale", "1000", "--since", since, "--out", out)
			if code != ExitOK {
				t.Fatalf("exit %d\n%s%s", code, stdout, errOut)
			}
			for _, want := range []string{
				"审计 audit: 47 个部门 departments, 300 人 people, 6 层 levels",
				"1  warning LEADER_RESIGNED", // u0002, a deputy of 总裁办
				"变化 changes since " + since + ": " + wantChanges,
				"文件 file: " + out,
				"; 1 reading by ID the leaders and managers it did not list)", // u0002
			} {
				if !strings.Contains(stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, stdout)
				}
			}
			st, err := os.Stat(out)
			if err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("the page: %v, mode %v", err, st)
			}
			page, _ := os.ReadFile(out)
			for _, want := range []string{"研发1部", `<td class="id">TECH-RD1</td><td>研发一部</td>`, `<td class="id">u0003</td><td>戴文平</td>`, "新同事", `id="f-LEADER_RESIGNED"`, "副负责人 陶晓（u0002）已离职"} {
				if !strings.Contains(string(page), want) {
					t.Errorf("the page lacks %q", want)
				}
			}
		})
	}
}

// TestAuditRefusals: flags that cannot work are refused (exit 2) before
// the tenant is read; export --format html points to audit.
func TestAuditRefusals(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.html")
	if err := os.WriteFile(taken, []byte("last month"), 0o600); err != nil {
		t.Fatal(err)
	}
	notSheet := filepath.Join(dir, "not-a-sheet.xlsx")
	if err := os.WriteFile(notSheet, []byte("not a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"audit", "--out", taken}, "already exists"},
		{[]string{"audit", "--out", filepath.Join(dir, "a.pdf")}, "is an .html file"},
		{[]string{"audit", "--out", dir, "--since", notSheet}, "FILE_UNREADABLE"},
		{[]string{"audit", "--out", dir, "--since", filepath.Join(dir, "missing.xlsx")}, "FILE_UNREADABLE"},
		{[]string{"audit", "--out", dir, "--since", empty}, "neither departments.csv nor users.csv"},
		{[]string{"audit", "--max-depth", "0"}, "at least 1"},
		{[]string{"export", "--format", "html", "--out", dir}, "orgbatch audit"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runAgainst(t, context.Background(), append(tt.args, "--base-url", url)...)
			if code != ExitUsage || !strings.Contains(out+errOut, tt.want) {
				t.Errorf("exit %d, want 2 and %q:\n%s%s", code, tt.want, out, errOut)
			}
		})
	}
	if b, _ := os.ReadFile(taken); string(b) != "last month" {
		t.Error("the existing page was replaced")
	}
	if n := srv.Stats().Endpoints[feishu.EPChildren].Calls; n != 0 {
		t.Errorf("%d children calls: the tenant was read", n)
	}
}

// TestAuditDefaultName: a made-up name that is taken gets -2.
func TestAuditDefaultName(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	if err := os.WriteFile(filepath.Join(dir, "audit-20261123-101500.html"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := auditDest(dir, now, false)
	if err != nil {
		t.Fatal(err)
	}
	ios, _, _ := TestIO()
	got, err := d.write(ios, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err })
	if want := filepath.Join(dir, "audit-20261123-101500-2.html"); err != nil || got != want {
		t.Errorf("wrote %s (%v), want %s", got, err, want)
	}
}
