package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/internal/zone"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/orgbatch/orgbatch/view"
)

var update = flag.Bool("update", false, "rewrite the golden reports under testdata/golden")

// The plan golden case "changed" (a sheet against a tenant snapshot) is
// executed against a deterministic fake API in which one user's create
// fails, and every report it makes is compared, cell by cell, with the
// golden files.
var changedInputs = []string{"../plan/testdata/golden/changed/departments.csv", "../plan/testdata/golden/changed/users.csv"}

func loadChanged(t *testing.T) (*org.Org, *plan.Plan) {
	t.Helper()
	var in []org.Input
	for _, p := range changedInputs {
		in = append(in, org.Input{Path: p})
	}
	o, ps := org.Load(in)
	ps = append(ps, validate.Validate(o)...)
	snap := tenant.New()
	data, err := os.ReadFile("../plan/testdata/golden/changed/tenant.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, snap); err != nil {
		t.Fatal(err)
	}
	return o, plan.BuildWith(o, ps, snap, plan.Options{TokenSalt: "golden"})
}

// fakeAPI answers every write at once with IDs derived from the request;
// it refuses to create the user named 李三 (41012, an invalid field).
type fakeAPI struct{ importer.DirectoryAPI } // no directory writes in these plans

func (fakeAPI) CreateDepartment(_ context.Context, d feishu.Department, _ string) (*feishu.Department, error) {
	d.OpenDepartmentID = "od-" + d.DepartmentID
	return &d, nil
}
func (fakeAPI) PatchDepartment(_ context.Context, id string, _ feishu.DepartmentPatch) (*feishu.Department, error) {
	return &feishu.Department{DepartmentID: id, OpenDepartmentID: "od-" + id}, nil
}
func (fakeAPI) GetDepartment(context.Context, string) (*feishu.Department, error) { return nil, nil }
func (fakeAPI) CreateUser(_ context.Context, u feishu.User, _ string) (*feishu.User, error) {
	if u.Name == "李三" {
		return nil, &feishu.APIError{Code: 41012, Msg: "invalid employee_type", HTTPStatus: 400}
	}
	if u.UserID == "" {
		u.UserID = "gen" + u.Mobile[len(u.Mobile)-4:]
	}
	u.OpenID, u.UnionID = "ou_"+u.UserID, "on_"+u.UserID
	return &u, nil
}
func (fakeAPI) PatchUser(_ context.Context, id string, _ feishu.UserPatch) (*feishu.User, error) {
	return &feishu.User{UserID: id, OpenID: "ou_" + id}, nil
}
func (fakeAPI) GetUser(context.Context, string) (*feishu.User, error) { return nil, nil }
func (fakeAPI) BatchGetID(context.Context, feishu.BatchGetIDRequest) ([]feishu.UserContactInfo, error) {
	return nil, nil
}
func (fakeAPI) DeleteUser(context.Context, string, feishu.UserDelete) error       { return nil }
func (fakeAPI) DeleteDepartment(context.Context, string) error                    { return nil }
func (fakeAPI) ResurrectUser(context.Context, string, feishu.UserResurrect) error { return nil }
func (fakeAPI) CreateUnit(_ context.Context, u feishu.Unit) (string, error)       { return u.UnitID, nil }
func (fakeAPI) PatchUnit(context.Context, string, string) error                   { return nil }
func (fakeAPI) GetUnit(context.Context, string) (*feishu.Unit, error)             { return nil, nil }
func (fakeAPI) BindUnitDepartment(context.Context, string, string) error          { return nil }
func (fakeAPI) UnbindUnitDepartment(context.Context, string, string) error {
	return nil
}

func TestGoldenImportReport(t *testing.T) {
	o, p := loadChanged(t)
	res, err := importer.Run(context.Background(), p, importer.Options{API: fakeAPI{}, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	started := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	sum := report.Summary{Target: "fake", Inputs: changedInputs, Started: started, Seconds: 1.5, Rows: report.RowCounts(res), Zone: zone.UTC}
	files, err := report.WriteImport(dir, o, res, sum)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	view.Outcomes(&out, res)
	out.WriteString("\n")
	dumpDir(t, &out, dir)
	if len(files.Failed) == 0 {
		t.Error("no failed-rows files for a run with failures")
	}
	compareGolden(t, "import.txt", bytes.ReplaceAll(out.Bytes(), []byte(dir), []byte("<run>")))
	checkReadable(t, dir)
	laid, err := xlsxtest.Inspect(files.XLSX)
	if err != nil {
		t.Fatal(err)
	}
	if laid[0].Name != report.SummarySheet || laid[0].Frozen || laid[0].Filter != "" {
		t.Errorf("report.xlsx starts with %q (frozen %v, filter %q), want the summary", laid[0].Name, laid[0].Frozen, laid[0].Filter)
	}
	for _, s := range laid[1:] {
		if !s.Frozen || s.Filter == "" {
			t.Errorf("report.xlsx %s: frozen %v, filter %q", s.Name, s.Frozen, s.Filter)
		}
	}
	// The input's columns fit their content too (rows are streamed, so the
	// report measures the records it holds).
	if u := xlsxtest.Find(laid, "users"); u == nil || u.Widths[2] < sheet.TextWidth("13900000005") {
		t.Errorf("users sheet: mobile column not wide enough for a mobile: %+v", u)
	}
}

// checkReadable: every workbook in dir reads well (xlsxtest.Unreadable).
func checkReadable(t *testing.T, dir string) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(paths) == 0 {
		t.Fatal("no workbooks")
	}
	for _, p := range paths {
		bad, err := xlsxtest.Unreadable(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			t.Errorf("%s: %s", filepath.Base(p), b)
		}
	}
}

func TestGoldenPlanAndValidationReports(t *testing.T) {
	o, p := loadChanged(t)
	dir := t.TempDir()
	if _, _, err := report.WritePlan(dir, o, p); err != nil {
		t.Fatal(err)
	}
	if _, err := report.WriteValidation(dir, o, p.Problems, time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	view.Problems(&out, p.Problems)
	out.WriteString("\n")
	dumpDir(t, &out, dir, "plan.json")
	compareGolden(t, "plan-and-validation.txt", out.Bytes())
	checkReadable(t, dir)
}

// dumpDir writes every file of dir as text: workbooks sheet by sheet, one
// line per row, cells separated by " | "; text files as they are.
func dumpDir(t *testing.T, w *bytes.Buffer, dir string, skip ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.Contains(strings.Join(skip, "\n"), e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, name)
		fmt.Fprintf(w, "===== %s\n", name)
		if !strings.HasSuffix(name, ".xlsx") {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
			continue
		}
		wb, err := sheet.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range wb.Sheets {
			fmt.Fprintf(w, "--- [%s]\n", sh.Name)
			if err := sh.Scan(func(r sheet.Row) error {
				fmt.Fprintf(w, "%d: %s\n", r.Num, strings.Join(r.Cells, " | "))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		wb.Close()
	}
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./report -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (go test ./report -update rewrites it)\n  want: %s\n  got:  %s", path, i+1, w, g)
			}
		}
	}
}
