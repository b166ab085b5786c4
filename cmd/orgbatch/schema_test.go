package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
	"github.com/orgbatch/orgbatch/tenant"
)

// A sheet naming every part of the tenant's schema: a type, a level and a
// family path the sample tenant lacks (合同工, P9, 研发/区块链), others by an
// i18n name (Rehired, p5 engineer, Beijing), custom attributes of every
// type by name and by custom:<id>, and a mentor created in the same run.
const (
	schemaDepts = "department_id,name,parent_department_id\nTECH,技术中心,0\n"
	schemaUsers = "用户ID,姓名,手机号,所属部门ID,人员类型,职级,序列,职务,城市,入职日期,学历,个人主页 (custom:" + samplegen.AttrHomepage + "),导师,工牌备注,工牌样式\n" +
		"s1,舒一,13700001001,TECH,合同工,P9,研发/区块链,架构师,Beijing,2024-03-01,硕士,博客 | https://s1.example.com | https://pc.example.com,,夜班,蓝色\n" +
		"s2,舒二,13700001002,TECH,兼职,p5 engineer,后端,软件工程师,上海,2024-03-02,博士,https://s2.example.com,s1,,橙色\n" +
		"s3,舒三,13700001003,TECH,Rehired,M1,研发,工程师,杭州,2024-03-03,大专,,s2,可远程,\n"
)

var createAll = []string{"--create-missing-types", "--create-missing-levels", "--create-missing-families"}

func writeSchemaSheets(t *testing.T, dir string) []string {
	t.Helper()
	d, u := filepath.Join(dir, "departments.csv"), filepath.Join(dir, "users.csv")
	os.WriteFile(d, []byte(schemaDepts), 0o600)
	os.WriteFile(u, []byte(schemaUsers), 0o600)
	return []string{d, u}
}

func importInto(t *testing.T, url string, files []string, flags ...string) (int, string, string) {
	t.Helper()
	args := append([]string{"import"}, files...)
	args = append(args, "--base-url", url, "--report", t.TempDir(), "--rate-scale", "1000", "--yes")
	return runAgainst(t, context.Background(), append(args, flags...)...)
}

func exportCSV(t *testing.T, url, out string) {
	t.Helper()
	if code, stdout, errOut := runAgainst(t, context.Background(), "export", "--base-url", url, "--rate-scale", "1000", "--format", "csv", "--out", out); code != ExitOK {
		t.Fatalf("export: exit %d\n%s\n%s", code, stdout, errOut)
	}
}

// schemaOf is what a user holds of the tenant's schema, by name.
func schemaOf(d feishu.Directory, u feishu.User) []string {
	out := []string{tenant.TypeName(&d, u.EmployeeType), tenant.LevelName(&d, u.JobLevelID), tenant.FamilyPath(&d, u.JobFamilyID), u.JobTitle, u.City}
	for i := range d.CustomAttrs {
		out = append(out, tenant.AttrText(&u, &d.CustomAttrs[i]))
	}
	return out
}

// TestSchemaImportExportReimport: the sheet is refused without the create
// flags, imports with them (the entries first), is unchanged when imported
// again, and its export imports into another empty tenant — whose custom
// attributes have other IDs — with every field equal.
func TestSchemaImportExportReimport(t *testing.T) {
	dir := t.TempDir()
	files := writeSchemaSheets(t, dir)
	a, aURL := sandboxtest.Start(t, sandbox.Options{})

	code, out, errOut := runAgainst(t, context.Background(), append([]string{"import"}, append(files, "--base-url", aURL, "--report", dir, "--rate-scale", "1000", "--dry-run")...)...)
	for _, rule := range []string{"PLAN_EMPLOYEE_TYPE_UNKNOWN", "PLAN_JOB_LEVEL_UNKNOWN", "PLAN_JOB_FAMILY_UNKNOWN"} {
		if code != ExitRowsFailed || !strings.Contains(out, rule) {
			t.Fatalf("without the flags: exit %d, no %s\n%s\n%s", code, rule, out, errOut)
		}
	}
	if a.Stats().WritesApplied != 0 {
		t.Fatal("the dry run wrote")
	}
	code, out, errOut = importInto(t, aURL, files, append(createAll, "--dry-run")...)
	if code != ExitOK || !strings.Contains(out, "employee_type 合同工  (--create-missing-types, first named in") ||
		!strings.Contains(out, "job_family 研发/区块链") || !strings.Contains(out, "先建 first") {
		t.Fatalf("dry run with the flags: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = importInto(t, aURL, files, createAll...)
	if code != ExitOK || !strings.Contains(out, "先建 schema") {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	d := a.Directory()
	s1 := tenantUser(a, "s1")
	want := []string{"合同工", "P9", "研发/区块链", "架构师", "北京", "硕士", "博客 | https://s1.example.com | https://pc.example.com", "", "夜班", "蓝色"}
	if got := schemaOf(d, s1); !slices.Equal(got, want) {
		t.Errorf("s1 holds %q\nwant %q", got, want)
	}
	if got := schemaOf(d, tenantUser(a, "s2")); got[0] != "兼职" || got[1] != "P5" || got[2] != "研发/后端" || got[7] != "s1" || got[6] != "https://s2.example.com" {
		t.Errorf("s2 holds %q", got)
	}
	if got := schemaOf(d, tenantUser(a, "s3")); got[0] != "返聘" || got[7] != "s2" {
		t.Errorf("s3 holds %q", got)
	}

	// Again: nothing to do, nothing written.
	a.ResetStats()
	if code, out, errOut := importInto(t, aURL, files, createAll...); code != ExitOK || a.Stats().WritesApplied != 0 {
		t.Fatalf("again: exit %d, %d writes\n%s\n%s", code, a.Stats().WritesApplied, out, errOut)
	}

	// Export, and import the export into another tenant.
	exportCSV(t, aURL, filepath.Join(dir, "a"))
	other := samplegen.Directory()
	for i := range other.CustomAttrs {
		other.CustomAttrs[i].ID += "-other" // the same attributes under the other tenant's IDs
	}
	b, bURL := sandboxtest.Start(t, sandbox.Options{Directory: other})
	exported := []string{filepath.Join(dir, "a", "departments.csv"), filepath.Join(dir, "a", "users.csv")}
	if code, out, errOut := importInto(t, bURL, exported, createAll...); code != ExitOK {
		t.Fatalf("import of the export: exit %d\n%s\n%s", code, out, errOut)
	}
	exportCSV(t, bURL, filepath.Join(dir, "b"))
	n := len(org.UserSchema.Fields) + len(other.CustomAttrs)
	drop := []int{n + exporter.UserOpenIDCol, n + exporter.UserStatusCol}
	ua := dropExportCols(readExportCSV(t, filepath.Join(dir, "a", "users.csv")), drop...)
	ub := dropExportCols(readExportCSV(t, filepath.Join(dir, "b", "users.csv")), drop...)
	if !slices.EqualFunc(ua[1:], ub[1:], slices.Equal) {
		t.Errorf("users differ after the round trip:\n%q\n%q", ua, ub)
	}
	if !strings.Contains(strings.Join(ub[0], ","), "学历 (custom:"+samplegen.AttrEducation+"-other)") {
		t.Errorf("b's header names b's attribute: %q", ub[0])
	}
	for _, id := range []string{"s1", "s2", "s3"} {
		if ga, gb := schemaOf(a.Directory(), tenantUser(a, id)), schemaOf(b.Directory(), tenantUser(b, id)); !slices.Equal(ga, gb) {
			t.Errorf("%s: %q in a, %q in b", id, ga, gb)
		}
	}
}

// sandboxPUT renames an entry through the sandbox's API, as an admin would
// in the console.
func sandboxPUT(t *testing.T, url, path string, body any) {
	t.Helper()
	tok, err := json.Marshal(feishu.TokenRequest{AppID: sandbox.DefaultAppID, AppSecret: sandbox.DefaultAppSecret})
	if err != nil {
		t.Fatal(err)
	}
	r, err := http.Post(url+feishu.PathTenantToken, "application/json", bytes.NewReader(tok))
	if err != nil {
		t.Fatal(err)
	}
	var tr feishu.TokenResponse
	json.NewDecoder(r.Body).Decode(&tr)
	r.Body.Close()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPut, url+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+tr.TenantAccessToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env feishu.Envelope[json.RawMessage]
	if json.NewDecoder(resp.Body).Decode(&env); env.Code != 0 {
		t.Fatalf("PUT %s: %d %s", path, env.Code, env.Msg)
	}
}

// TestSchemaRenames: entries renamed in the tenant are exported by their
// new names; the old names are unknown (and not silently created again);
// the export imports unchanged.
func TestSchemaRenames(t *testing.T) {
	dir := t.TempDir()
	files := writeSchemaSheets(t, dir)
	a, url := sandboxtest.Start(t, sandbox.Options{})
	if code, out, errOut := importInto(t, url, files, createAll...); code != ExitOK {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	d := a.Directory()
	for _, e := range d.EmployeeTypes {
		if e.Content == "合同工" {
			sandboxPUT(t, url, feishu.EmployeeTypePath(e.EnumID), feishu.EmployeeTypeEnum{Content: "合同制", EnumType: 2, EnumStatus: 1})
		}
	}
	for _, l := range d.JobLevels {
		if l.Name == "P9" {
			sandboxPUT(t, url, feishu.JobLevelPath(l.JobLevelID), map[string]any{"name": "P9 专家"})
		}
	}
	for _, f := range d.JobFamilies {
		if f.Name == "区块链" {
			sandboxPUT(t, url, feishu.JobFamilyPath(f.JobFamilyID), map[string]any{"name": "Web3"})
		}
	}
	exportCSV(t, url, filepath.Join(dir, "renamed"))
	rows := readExportCSV(t, filepath.Join(dir, "renamed", "users.csv"))
	col := func(key string) int {
		f, _ := org.UserSchema.Field(key)
		return slices.Index(rows[0], f.Header())
	}
	var s1 []string
	for _, r := range rows {
		if r[0] == "s1" {
			s1 = r
		}
	}
	if s1 == nil || s1[col("employee_type")] != "合同制" || s1[col("job_level")] != "P9 专家" || s1[col("job_family")] != "研发/Web3" {
		t.Fatalf("exported s1 %q", s1)
	}
	a.ResetStats()
	code, out, _ := importInto(t, url, files, "--dry-run") // the old names, no create flags
	for _, rule := range []string{"PLAN_EMPLOYEE_TYPE_UNKNOWN", "PLAN_JOB_LEVEL_UNKNOWN", "PLAN_JOB_FAMILY_UNKNOWN"} {
		if code != ExitRowsFailed || !strings.Contains(out, rule) {
			t.Errorf("old names: exit %d, no %s\n%s", code, rule, out)
		}
	}
	if !strings.Contains(out, "P9 专家") { // the renamed level is a close one
		t.Errorf("close ones not listed:\n%s", out)
	}
	if a.Stats().WritesApplied != 0 {
		t.Errorf("%d writes for refused rows", a.Stats().WritesApplied)
	}
	exported := []string{filepath.Join(dir, "renamed", "departments.csv"), filepath.Join(dir, "renamed", "users.csv")}
	if code, out, errOut := importInto(t, url, exported); code != ExitOK || a.Stats().WritesApplied != 0 {
		t.Errorf("the export again: exit %d, %d writes\n%s\n%s", code, a.Stats().WritesApplied, out, errOut)
	}
}

// TestSchemaTitlesAndCitiesByName: titles and cities are matched by any
// name and sent as the tenant spells them; an unknown one is refused with
// the close ones, or sent as written with its flag.
func TestSchemaTitlesAndCitiesByName(t *testing.T) {
	dir := t.TempDir()
	users := filepath.Join(dir, "users.csv")
	os.WriteFile(users, []byte("用户ID,姓名,手机号,所属部门ID,人员类型,职务,城市\n"+
		"t1,唐一,13700002001,0,正式,架构狮,shanghai\n"), 0o600)
	a, url := sandboxtest.Start(t, sandbox.Options{})
	code, out, _ := importInto(t, url, []string{users})
	if code != ExitRowsFailed || !strings.Contains(out, "PLAN_JOB_TITLE_UNKNOWN") || !strings.Contains(out, "close ones: 架构师") {
		t.Fatalf("unknown title: exit %d\n%s", code, out)
	}
	if code, out, errOut := importInto(t, url, []string{users}, "--create-missing-titles"); code != ExitOK {
		t.Fatalf("--create-missing-titles: exit %d\n%s\n%s", code, out, errOut)
	}
	if u := tenantUser(a, "t1"); u.JobTitle != "架构狮" || u.City != "上海" {
		t.Errorf("t1 %q %q: the city is sent as the tenant spells it", u.JobTitle, u.City)
	}
	if !slices.ContainsFunc(a.Directory().JobTitles, func(j feishu.JobTitle) bool { return j.Name == "架构狮" }) {
		t.Error("Feishu creates the title a user names")
	}
}
