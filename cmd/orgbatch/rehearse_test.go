package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/rehearse"
	"github.com/orgbatch/orgbatch/sandbox"
)

const deptHeader = "部门ID (department_id),部门名称 (name),上级部门ID (parent_department_id)\n"

// rehearseArgs are the flags every rehearse and import of these tests
// passes: the served sandbox, fast pacing, a report folder.
func rehearseArgs(url, reports string) []string {
	return []string{"--base-url", url, "--rate-scale", "1000", "--report", reports}
}

// onlyRehearsal is the one rehearsal folder in reports.
func onlyRehearsal(t *testing.T, reports string) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(reports, "rehearse-*"))
	if len(dirs) != 1 {
		t.Fatalf("rehearsal folders: %v", dirs)
	}
	return dirs[0]
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRehearseFindsWhatValidationCannot: the sheets pass offline
// validation, but the tenant already has a top-level 技术中心 and a user
// with employee_no 000001. The rehearsal refuses both rows, naming why,
// and writes nothing to the tenant.
func TestRehearseFindsWhatValidationCannot(t *testing.T) {
	srv, url := companySandbox(t)
	dir := t.TempDir()
	depts := filepath.Join(dir, "departments.csv")
	os.WriteFile(depts, []byte(deptHeader+"NEWTECH,技术中心,0\nNEWLAB,新实验室,0\n"), 0o600)
	users := filepath.Join(dir, "users.csv")
	os.WriteFile(users, []byte("用户ID (user_id),姓名 (name),手机号 (mobile),所属部门ID (department_ids),人员类型 (employee_type),工号 (employee_no)\n"+
		"u9001,新同事,13912345678,NEWLAB,正式,000001\n"), 0o600)
	if code, out, errOut := runCLI(t, "validate", depts, users, "--report", dir); code != ExitOK {
		t.Fatalf("validate: exit %d\n%s\n%s", code, out, errOut)
	}
	writes := srv.Stats().WritesApplied
	reports := filepath.Join(dir, "reports")
	code, out, errOut := runAgainst(t, context.Background(), append([]string{"rehearse", depts, users}, rehearseArgs(url, reports)...)...)
	if code != ExitRowsFailed {
		t.Fatalf("rehearse: exit %d, want %d\n%s\n%s", code, ExitRowsFailed, out, errOut)
	}
	if srv.Stats().WritesApplied != writes {
		t.Error("the rehearsal wrote to the tenant")
	}
	rd := onlyRehearsal(t, reports)
	md := readFile(t, filepath.Join(rd, rehearse.ReportFile))
	for _, want := range []string{"Rows the rehearsal refused: 2", "| NEWTECH | 技术中心 | failed | PLAN_NAME_TAKEN", "u9001", "Still different after the rehearsal: 0"} {
		if !strings.Contains(md, want) {
			t.Errorf("%s lacks %q:\n%s", rehearse.ReportFile, want, md)
		}
	}
	refusedUser := false
	for _, line := range strings.Split(md, "\n") {
		if strings.Contains(line, "u9001") && strings.Contains(line, "employee") {
			refusedUser = true
		}
	}
	if !refusedUser {
		t.Errorf("the user's row does not say employee_no is taken:\n%s", md)
	}
	if fi, err := os.Stat(rd); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("rehearsal folder mode: %v %v", fi.Mode(), err)
	}
}

// changedSheets are the sample's sheets with a rename, a new department
// and a new user in it.
func changedSheets(t *testing.T, dir string) (depts, users string) {
	t.Helper()
	depts = editCSV(t, "../../samples/departments.csv", filepath.Join(dir, "departments.csv"), map[string]map[string]string{"CEO": {"部门名称 (name)": "总裁办公室"}})
	data := readFile(t, depts) + "REHEARSED,演练部,TECH,,,,,,,,,\n"
	os.WriteFile(depts, []byte(data), 0o600)
	users = editCSV(t, "../../samples/users.csv", filepath.Join(dir, "users.csv"), map[string]map[string]string{"u0005": {"职务 (job_title)": "架构师"}})
	return depts, users
}

// TestRehearsedImportRefusesStale: after a rehearsal, an import with
// other sheets or other flags, or against a tenant changed in what the
// plan reads, refuses with exit 4 and says what changed.
func TestRehearsedImportRefusesStale(t *testing.T) {
	srv, url := companySandbox(t)
	dir := t.TempDir()
	depts, users := changedSheets(t, dir)
	reports := filepath.Join(dir, "reports")
	if code, out, errOut := runAgainst(t, context.Background(), append([]string{"rehearse", depts, users}, rehearseArgs(url, reports)...)...); code != ExitOK {
		t.Fatalf("rehearse: exit %d\n%s\n%s", code, out, errOut)
	}
	rd := onlyRehearsal(t, reports)
	edited := editCSV(t, users, filepath.Join(dir, "users-edited.csv"), map[string]map[string]string{"u0006": {"职务 (job_title)": "经理"}})
	client := feishu.NewClient(feishu.WithBaseURL(url), feishu.WithCredentials(sandbox.DefaultAppID, sandbox.DefaultAppSecret),
		feishu.WithIDTypes(feishu.UserIDTypeUserID, feishu.DepartmentIDTypeDepartmentID))
	for _, tc := range []struct {
		name   string
		change func()
		files  []string
		flags  []string
		want   []string
	}{
		{name: "sheets changed", files: []string{depts, edited}, want: []string{"users-edited.csv changed since the rehearsal"}},
		{name: "flags changed", files: []string{depts, users}, flags: []string{"--accept-renames"}, want: []string{`--accept-renames is "true"`}},
		{name: "tenant changed", files: []string{depts, users}, want: []string{"user u0005", "department CEO"}, change: func() {
			name := "被改名的总裁办"
			if _, err := client.PatchDepartment(context.Background(), "CEO", feishu.DepartmentPatch{Name: &name}); err != nil {
				t.Fatal(err)
			}
			city := "杭州"
			if _, err := client.PatchUser(context.Background(), "u0005", feishu.UserPatch{City: &city}); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.change != nil {
				tc.change()
			}
			writes := srv.Stats().WritesApplied
			args := append(append(append([]string{"import"}, tc.files...), rehearseArgs(url, filepath.Join(dir, "imports"))...), "--yes", "--rehearsed", rd)
			code, out, errOut := runAgainst(t, context.Background(), append(args, tc.flags...)...)
			if code != ExitStale {
				t.Fatalf("import --rehearsed: exit %d, want %d\n%s\n%s", code, ExitStale, out, errOut)
			}
			for _, want := range append(tc.want, "is stale, nothing was written", "演练已过期") {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if srv.Stats().WritesApplied != writes {
				t.Error("a refused import wrote to the tenant")
			}
		})
	}
	code, _, errOut := runAgainst(t, context.Background(), "import", depts, users, "--base-url", url, "--report", dir, "--rehearsed", rd, "--resume")
	if code != ExitUsage || !strings.Contains(errOut, "--rehearsed cannot be combined with --resume") {
		t.Errorf("--rehearsed --resume: exit %d\n%s", code, errOut)
	}
}

// TestRehearsedImportLandsReadBack: the real import after a clean
// rehearsal leaves the tenant as the rehearsal's read-back shows it.
func TestRehearsedImportLandsReadBack(t *testing.T) {
	srv, url := companySandbox(t)
	dir := t.TempDir()
	depts, users := changedSheets(t, dir)
	reports := filepath.Join(dir, "reports")
	code, out, errOut := runAgainst(t, context.Background(), append([]string{"rehearse", depts, users, "--accept-renames"}, rehearseArgs(url, reports)...)...)
	if code != ExitOK {
		t.Fatalf("rehearse: exit %d\n%s\n%s", code, out, errOut)
	}
	rd := onlyRehearsal(t, reports)
	if left, _ := filepath.Glob(filepath.Join(rd, ".*pending*")); len(left) > 0 {
		t.Errorf("the rehearsal left %v", left)
	}
	if apply := commandLine("orgbatch", "import", depts, users, "--accept-renames", "--rehearsed", rd); !strings.Contains(out, apply) {
		t.Errorf("the rehearsal does not print the command to apply it, %q:\n%s", apply, out)
	}
	var readBack sandbox.StateFile
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(rd, rehearse.ReadBackFile))), &readBack); err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{"import", depts, users, "--accept-renames"}, rehearseArgs(url, filepath.Join(dir, "imports"))...), "--yes", "--rehearsed", rd)
	if code, out, errOut := runAgainst(t, context.Background(), args...); code != ExitOK {
		t.Fatalf("import --rehearsed: exit %d\n%s\n%s", code, out, errOut)
	}
	gotD, gotU := landed(srv.State())
	wantD, wantU := landed(readBack)
	if !reflect.DeepEqual(gotD, wantD) || !reflect.DeepEqual(gotU, wantU) {
		t.Errorf("the tenant after the import differs from the rehearsal's read-back:\ndepartments equal %v, users equal %v",
			reflect.DeepEqual(gotD, wantD), reflect.DeepEqual(gotU, wantU))
	}
	if d := gotD["REHEARSED"]; d.Name != "演练部" || gotD["CEO"].Name != "总裁办公室" {
		t.Errorf("the import did not land: REHEARSED %+v, CEO %q", d, gotD["CEO"].Name)
	}
}

// landed is a tenant's departments and users by ID, without the IDs and
// times the tenant makes up when it creates something (open IDs, chats,
// join times), which differ between the clone and the real tenant.
func landed(st sandbox.StateFile) (map[string]feishu.Department, map[string]feishu.User) {
	ds, us := map[string]feishu.Department{}, map[string]feishu.User{}
	for _, d := range st.Departments {
		d.OpenDepartmentID, d.ChatID = "", ""
		ds[d.DepartmentID] = d
	}
	for _, u := range st.Users {
		u.OpenID, u.UnionID, u.JoinTime = "", "", 0
		slices.Sort(u.DepartmentIDs)
		us[u.UserID] = u
	}
	return ds, us
}
