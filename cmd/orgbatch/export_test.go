package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// exportTestTenant is a sandbox seeded with samples/company.xlsx, plus names a
// spreadsheet would run as formulas, a frozen, an unjoined and a resigned
// user.
func exportTestTenant(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	srv, url := sandboxtest.Start(t, sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader})
	if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: "FX", ParentDepartmentID: "TECH", Name: "=SUM(A1:A9)"}); err != nil {
		t.Fatal(err)
	}
	seed := []feishu.User{
		{UserID: "fx1", Name: "@张三", JobTitle: "+1 工程师", Mobile: "13700000001", DepartmentIDs: []string{"FX", "0"}, EmployeeType: 1},
		{UserID: "fz1", Name: "冻结", Mobile: "13700000002", DepartmentIDs: []string{"FX"}, EmployeeType: 1},
		{UserID: "uj1", Name: "未加入", Mobile: "13700000003", DepartmentIDs: []string{"FX"}, EmployeeType: 1},
		{UserID: "rs1", Name: "离职", Mobile: "13700000004", DepartmentIDs: []string{"FX"}, EmployeeType: 1},
	}
	for _, u := range seed {
		if _, err := srv.SeedUser(u); err != nil {
			t.Fatal(err)
		}
	}
	for id, st := range map[string]feishu.UserStatus{"fz1": {IsFrozen: true}, "uj1": {IsUnjoin: true}, "rs1": {IsResigned: true}} {
		if err := srv.SetUserStatus(id, st); err != nil {
			t.Fatal(err)
		}
	}
	return srv, url
}

// readCSV reads a CSV export file without its BOM.
func readExportCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Errorf("%s has no BOM", path)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func dropExportCols(rows [][]string, cols ...int) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for j, c := range r {
			if !slices.Contains(cols, j) {
				out[i] = append(out[i], c)
			}
		}
	}
	return out
}

func exportMetaValue(rows [][]string, key string) string {
	for _, r := range rows {
		if r[0] == key {
			return r[1]
		}
	}
	return ""
}

// TestExportImportRoundTrip: export → `orgbatch import` into an empty
// tenant → export again gives the same departments, users and tree, except
// the open IDs (each tenant makes its own) and the statuses (import cannot
// freeze anyone); the template columns' SHA-256 is equal.
func TestExportImportRoundTrip(t *testing.T) {
	srcSrv, src := exportTestTenant(t)
	dir := t.TempDir()
	first := filepath.Join(dir, "first.xlsx")
	code, out, errOut := runAgainst(t, context.Background(), "export", "--base-url", src, "--rate-scale", "1000", "--out", first)
	if code != ExitOK {
		t.Fatalf("export: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, first) || !strings.Contains(out, "47 个部门 departments") || !strings.Contains(out, "1 已冻结 frozen, 1 未加入 unjoined") {
		t.Errorf("export summary:\n%s", out)
	}
	// The call counts printed are the sandbox's and the minimum.
	m := regexp.MustCompile(`calls: (\d+) \(minimum (\d+)\)`).FindStringSubmatch(out)
	st := srcSrv.Stats().Endpoints
	var got int64
	for _, ep := range []feishu.Endpoint{feishu.EPChildren, feishu.EPFindByDepartment, feishu.EPListUnits, // the walk
		feishu.EPEmployeeTypeEnums, feishu.EPCustomAttrs, feishu.EPJobLevels, feishu.EPJobFamilies, // the names users hold
		feishu.EPGroupList, feishu.EPGroupMembers} { // the groups
		got += st[ep].Calls
	}
	if m == nil || m[1] != m[2] || m[1] != fmt.Sprint(got) {
		t.Errorf("calls line %q, sandbox counted %d", m, got)
	}

	dstSrv, dst := sandboxtest.Start(t, sandbox.Options{})
	code, out, errOut = runAgainst(t, context.Background(), "import", first, "--base-url", dst, "--rate-scale", "1000", "--report", filepath.Join(dir, "reports"), "--yes",
		"--create-missing-titles") // the source has titles its seed made
	if code != ExitOK {
		t.Fatalf("import of the export: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := len(dstSrv.Departments()); n != 47 {
		t.Fatalf("%d departments imported", n)
	}

	for name, url := range map[string]string{"a": src, "b": dst} {
		if code, out, errOut := runAgainst(t, context.Background(), "export", "--base-url", url, "--rate-scale", "1000", "--format", "csv", "--out", filepath.Join(dir, name)); code != ExitOK {
			t.Fatalf("csv export %s: exit %d\n%s\n%s", name, code, out, errOut)
		}
	}
	deptOpen := len(org.DepartmentSchema.Fields) + exporter.DepartmentOpenIDCol
	attrs := len(samplegen.Directory().CustomAttrs) // their columns come before the read-only ones
	userOpen, userStatus := len(org.UserSchema.Fields)+attrs+exporter.UserOpenIDCol, len(org.UserSchema.Fields)+attrs+exporter.UserStatusCol
	userUnion := len(org.UserSchema.Fields) + attrs + exporter.UserUnionIDCol
	for file, drop := range map[string][]int{"departments.csv": {deptOpen}, "users.csv": {userOpen, userUnion, userStatus}, "units.csv": nil, "tree.csv": nil,
		"groups.csv": nil, "group_members.csv": nil} {
		a := dropExportCols(readExportCSV(t, filepath.Join(dir, "a", file)), drop...)
		b := dropExportCols(readExportCSV(t, filepath.Join(dir, "b", file)), drop...)
		if !slices.EqualFunc(a, b, slices.Equal) {
			t.Errorf("%s differs after the round trip (%d vs %d rows)", file, len(a), len(b))
		}
	}
	if g, m := readExportCSV(t, filepath.Join(dir, "a", "groups.csv")), readExportCSV(t, filepath.Join(dir, "a", "group_members.csv")); len(g) != 1+4 || len(m) != 1+156 {
		t.Errorf("the sample's groups exported as %d group rows and %d member rows", len(g)-1, len(m)-1)
	}
	ma, mb := readExportCSV(t, filepath.Join(dir, "a", "metadata.csv")), readExportCSV(t, filepath.Join(dir, "b", "metadata.csv"))
	if exportMetaValue(ma, "sha256_org") != exportMetaValue(mb, "sha256_org") {
		t.Errorf("sha256_org %s vs %s", exportMetaValue(ma, "sha256_org"), exportMetaValue(mb, "sha256_org"))
	}
	// The formula-like names survived both directions.
	users := readExportCSV(t, filepath.Join(dir, "b", "users.csv"))
	found := false
	for _, r := range users {
		if r[0] == "fx1" {
			found = r[1] == "'@张三" && r[9] == "'+1 工程师"
		}
		if r[0] == "rs1" {
			t.Errorf("resigned user exported")
		}
	}
	if !found {
		t.Errorf("fx1 not exported with escaped cells")
	}
	if u := exportedUser(dstSrv, "fx1"); u == nil || u.Name != "@张三" || u.JobTitle != "+1 工程师" {
		t.Errorf("imported fx1 = %+v", u)
	}
}

func exportedUser(srv *sandbox.Server, id string) *feishu.User {
	for _, u := range srv.Users() {
		if u.UserID == id {
			return &u
		}
	}
	return nil
}

// TestExportDefaultPath: without --out the export goes to
// reports/export-<time>.xlsx, private to the owner.
func TestExportDefaultPath(t *testing.T) {
	_, url := exportTestTenant(t)
	t.Chdir(t.TempDir())
	code, out, errOut := runAgainst(t, context.Background(), "export", "--base-url", url, "--rate-scale", "1000")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join("reports", "export-*.xlsx"))
	if len(files) != 1 || !strings.Contains(out, files[0]) {
		t.Fatalf("files %v, stdout %s", files, out)
	}
	if st, _ := os.Stat(files[0]); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	if !strings.Contains(errOut, url) {
		t.Errorf("stderr does not name the target: %q", errOut)
	}
}

// TestExportInterrupted: Ctrl-C during the walk exits 3 and leaves no
// file, not even a temporary one.
func TestExportInterrupted(t *testing.T) {
	srv, _ := exportTestTenant(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/find_by_department") {
			once.Do(cancel) // the user presses Ctrl-C while members are read
		}
		srv.Handler().ServeHTTP(w, r)
	}))
	defer ts.Close()
	dir := t.TempDir()
	for _, format := range []string{"xlsx", "csv"} {
		out := filepath.Join(dir, "out-"+format)
		if format == "xlsx" {
			out += ".xlsx"
		}
		code, stdout, errOut := runAgainst(t, ctx, "export", "--base-url", ts.URL, "--format", format, "--out", out)
		if code != ExitInterrupted || !strings.Contains(errOut, "nothing was written") {
			t.Errorf("%s: exit %d\n%s\n%s", format, code, stdout, errOut)
		}
	}
	var left []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("files left behind: %v", left)
	}
}

// TestExportReadFailure: a tenant that refuses the listing (no authority,
// not retryable) exits 1 and writes nothing.
func TestExportReadFailure(t *testing.T) {
	srv, _ := exportTestTenant(t)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/children") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"code":40004,"msg":"no dept authority error"}`)
			return
		}
		srv.Handler().ServeHTTP(w, r)
	}))
	defer ts.Close()
	out := filepath.Join(t.TempDir(), "x.xlsx")
	code, stdout, errOut := runAgainst(t, context.Background(), "export", "--base-url", ts.URL, "--out", out)
	if code != ExitRowsFailed || !strings.Contains(errOut, "40004") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a file was written")
	}
}

func TestExportUsageErrors(t *testing.T) {
	_, url := exportTestTenant(t)
	dir := t.TempDir()
	for name, args := range map[string][]string{
		"bad format":      {"--format", "pdf"},
		"csv out as xlsx": {"--format", "csv", "--out", filepath.Join(dir, "x.xlsx")},
		"xlsx out as csv": {"--out", filepath.Join(dir, "x.csv")},
		"unknown root":    {"--root", "NOPE", "--out", filepath.Join(dir, "r.xlsx")},
		"bad parallel":    {"--parallel", "0"},
		"extra argument":  {"file.xlsx"},
	} {
		code, out, errOut := runAgainst(t, context.Background(), append([]string{"export", "--base-url", url, "--rate-scale", "1000"}, args...)...)
		if code != ExitUsage {
			t.Errorf("%s: exit %d\n%s\n%s", name, code, out, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "export", "--out", filepath.Join(dir, "y.xlsx")); code != ExitUsage || !strings.Contains(errOut, "FEISHU_APP_ID") {
		t.Errorf("no credentials: exit %d, %s", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("usage errors wrote %d files", len(entries))
	}
}

// TestExportProgress: the bar is drawn on stderr only on a terminal, and
// --quiet silences stderr altogether; stdout is the same either way.
func TestExportProgress(t *testing.T) {
	_, url := exportTestTenant(t)
	dir := t.TempDir()
	run := func(quiet bool) (string, string) {
		io, out, errOut := TestIO()
		io = io.WithEnv(sandboxEnv)
		io.ErrIsTTY = true
		args := []string{"export", "--base-url", url, "--rate-scale", "1000", "--out", filepath.Join(dir, fmt.Sprint(quiet)+".xlsx")}
		if quiet {
			args = append(args, "--quiet")
		}
		if code := Main(context.Background(), args, io); code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return out.String(), errOut.String()
	}
	_, errOut := run(false)
	if !strings.Contains(errOut, "导出 exporting") || !strings.Contains(errOut, "48/48") {
		t.Errorf("no progress bar on stderr: %q", errOut)
	}
	out, errOut := run(true)
	if errOut != "" || !strings.Contains(out, "47 个部门") {
		t.Errorf("--quiet: stdout %q stderr %q", out, errOut)
	}
}

// TestExportSubtree: --root exports one department and everything under
// it, the root department first.
func TestExportSubtree(t *testing.T) {
	srv, url := exportTestTenant(t)
	dir := t.TempDir()
	code, out, errOut := runAgainst(t, context.Background(), "export", "--base-url", url, "--rate-scale", "1000", "--root", "TECH", "--format", "csv", "--out", dir, "--no-bom")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "departments.csv"))
	rows, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || rows[1][0] != "TECH" || rows[1][2] != "0" {
		t.Fatalf("first rows %q", rows[:2])
	}
	for _, r := range rows[1:] {
		if !strings.HasPrefix(r[len(org.DepartmentSchema.Fields)+1], "技术中心") {
			t.Errorf("%s outside TECH: %s", r[0], r[len(org.DepartmentSchema.Fields)+1])
		}
	}
	st := srv.Stats().Endpoints
	if st[feishu.EPGetDepartment].Calls != 1 || !strings.Contains(out, "get_department 1/1") {
		t.Errorf("GET root %d calls; %s", st[feishu.EPGetDepartment].Calls, out)
	}
}

// TestExportReimportsByPaths: an export re-imports by paths alone — with
// its department ID columns deleted, as HR might — into the same tree.
func TestExportReimportsByPaths(t *testing.T) {
	srcSrv, src := sandboxtest.Start(t, sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader})
	dir := t.TempDir()
	if code, out, errOut := runAgainst(t, context.Background(), "export", "--base-url", src, "--rate-scale", "1000", "--format", "csv", "--out", dir); code != ExitOK {
		t.Fatalf("export: exit %d\n%s\n%s", code, out, errOut)
	}
	col := func(s *org.Schema, key string) int {
		for i, f := range s.Fields {
			if f.Key == key {
				return i
			}
		}
		t.Fatalf("no field %s", key)
		return -1
	}
	write := func(name string, rows [][]string) string {
		p := filepath.Join(dir, "by-path-"+name)
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.WriteAll(rows)
		os.WriteFile(p, b.Bytes(), 0o600)
		return p
	}
	depts := write("departments.csv", dropExportCols(readExportCSV(t, filepath.Join(dir, "departments.csv")),
		col(org.DepartmentSchema, "department_id"), col(org.DepartmentSchema, "parent_department_id")))
	users := write("users.csv", dropExportCols(readExportCSV(t, filepath.Join(dir, "users.csv")), col(org.UserSchema, "department_ids")))

	dstSrv, dst := sandboxtest.Start(t, sandbox.Options{})
	code, out, errOut := runAgainst(t, context.Background(), "import", depts, users, "--base-url", dst, "--rate-scale", "1000", "--report", filepath.Join(dir, "reports"), "--yes")
	if code != ExitOK {
		t.Fatalf("import by paths: exit %d\n%s\n%s", code, out, errOut)
	}
	paths := func(srv *sandbox.Server) []string {
		name, parent := map[string]string{}, map[string]string{}
		for _, d := range srv.Departments() {
			name[d.DepartmentID], parent[d.DepartmentID] = d.Name, d.ParentDepartmentID
		}
		var out []string
		for id := range name {
			p := ""
			for x := id; x != "0"; x = parent[x] {
				p = "/" + name[x] + p
			}
			out = append(out, p)
		}
		slices.Sort(out)
		return out
	}
	if a, b := paths(srcSrv), paths(dstSrv); !slices.Equal(a, b) {
		t.Errorf("trees differ:\n%v\n%v", a, b)
	}
	if n := len(dstSrv.Users()); n != 300 {
		t.Errorf("%d users imported", n)
	}
}
