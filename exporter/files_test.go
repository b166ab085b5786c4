package exporter_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/xuri/excelize/v2"
)

// workbook is the cells of every sheet of a written export, as stored.
type workbook map[string][][]string

func readXLSX(t *testing.T, path string) (workbook, []string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wb := workbook{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		wb[name] = rows
	}
	return wb, f.GetSheetList()
}

func readCSVDir(t *testing.T, dir string) workbook {
	t.Helper()
	wb := workbook{}
	names := map[string]string{
		"departments.csv": templates.DepartmentsSheet, "users.csv": templates.UsersSheet, "units.csv": templates.UnitsSheet,
		exporter.TreeCSV: exporter.TreeSheet, exporter.MetadataCSV: exporter.MetadataSheet,
	}
	for file, sheetName := range names {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s has no UTF-8 BOM", file)
		}
		rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		wb[sheetName] = rows
	}
	return wb
}

// meta is a metadata value.
func (wb workbook) meta(key string) string {
	for _, r := range wb[exporter.MetadataSheet] {
		if r[0] == key {
			return r[1]
		}
	}
	return ""
}

// hashOf recomputes sha256_data as the metadata sheet documents it, from
// the cells as import reads them (a CSV cell's escape removed): JSON
// lines, departments, users, then units, header first.
func (wb workbook) hashOf() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	enc.SetEscapeHTML(false)
	for _, name := range []string{templates.DepartmentsSheet, templates.UsersSheet, templates.UnitsSheet} {
		rows := wb[name]
		width := len(rows[0])
		for _, r := range rows {
			cells := make([]string, width) // readers drop trailing empty cells
			for i, c := range r {
				cells[i] = sheet.UnescapeFormula(c)
			}
			enc.Encode(cells)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// asRead is rows as import reads them: a CSV cell's formula escape
// removed (xlsx cells have none).
func asRead(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range r {
			out[i] = append(out[i], sheet.UnescapeFormula(c))
		}
	}
	return out
}

// withoutCols drops columns (tenant-made open IDs, statuses import cannot
// set) from a sheet's rows.
func withoutCols(rows [][]string, cols ...int) [][]string {
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

func TestExportFiles(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	tn.seedBigOrg(t)
	snap := tn.walk(t, tenant.WalkOptions{})
	dir := t.TempDir()
	meta := exporter.Meta{BaseURL: tn.url, AppID: "cli_sandbox", Version: "test", Time: time.Date(2026, 11, 5, 10, 0, 0, 0, time.UTC)}

	xlsx := filepath.Join(dir, "export.xlsx")
	if err := exporter.WriteXLSX(snap, xlsx, meta); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(xlsx); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	wb, names := readXLSX(t, xlsx)
	if bad, err := xlsxtest.Unreadable(xlsx); err != nil || bad != nil {
		t.Errorf("the export does not read well: %v %q", err, bad)
	}
	if want := []string{templates.DepartmentsSheet, templates.UsersSheet, templates.UnitsSheet, exporter.TreeSheet, exporter.MetadataSheet}; !slices.Equal(names, want) {
		t.Fatalf("sheets %q", names)
	}
	var wantHeader []string
	for _, c := range templates.Columns(org.DepartmentSchema, exporter.DepartmentExtra...) {
		wantHeader = append(wantHeader, c.Header)
	}
	if !slices.Equal(wb[templates.DepartmentsSheet][0], wantHeader) {
		t.Errorf("departments header %q", wb[templates.DepartmentsSheet][0])
	}
	if len(wb[templates.DepartmentsSheet]) != 141 || len(wb[templates.UsersSheet]) != len(snap.Tree.Users)+1 {
		t.Errorf("%d department rows, %d user rows", len(wb[templates.DepartmentsSheet]), len(wb[templates.UsersSheet]))
	}
	if got := wb.meta("sha256_data"); got != wb.hashOf() || len(got) != 64 {
		t.Errorf("sha256_data %q, recomputed from the file %q", got, wb.hashOf())
	}
	for key, want := range map[string]string{
		"base_url": tn.url, "app_id": "cli_sandbox", "exported_at": "2026-11-05 10:00:00 (UTC)", "time_zone": "UTC", "departments": "140",
		"users_frozen": "3", "users_unjoined": "2", "root_department_id": "0", "format": exporter.FormatVersion,
	} {
		if got := wb.meta(key); got != want {
			t.Errorf("metadata %s = %q, want %q", key, got, want)
		}
	}

	// The CSV form holds the same values (escaped where a CSV cell would
	// be evaluated), so the same hash.
	csvDir := filepath.Join(dir, "csv")
	paths, err := exporter.WriteCSV(snap, csvDir, meta, true)
	if err != nil || len(paths) != 5 {
		t.Fatalf("WriteCSV: %v %v", paths, err)
	}
	cw := readCSVDir(t, csvDir)
	for _, name := range []string{templates.DepartmentsSheet, templates.UsersSheet, exporter.TreeSheet} {
		if !slices.EqualFunc(cw[name], wb[name], func(a, b []string) bool {
			return slices.EqualFunc(a[:len(b)], b, func(c, x string) bool { return sheet.UnescapeFormula(c) == x }) // xlsx readers drop trailing empty cells
		}) {
			t.Errorf("%s differs between CSV and xlsx", name)
		}
	}
	if cw.meta("sha256_data") != wb.meta("sha256_data") || cw.hashOf() != cw.meta("sha256_data") {
		t.Errorf("CSV hash %q, xlsx %q", cw.meta("sha256_data"), wb.meta("sha256_data"))
	}

	// A second export of the same tenant, later: the same data and hashes.
	again := tn.walk(t, tenant.WalkOptions{})
	meta.Time = meta.Time.Add(time.Hour)
	xlsx2 := filepath.Join(dir, "again.xlsx")
	if err := exporter.WriteXLSX(again, xlsx2, meta); err != nil {
		t.Fatal(err)
	}
	wb2, _ := readXLSX(t, xlsx2)
	for _, name := range []string{templates.DepartmentsSheet, templates.UsersSheet, exporter.TreeSheet} {
		if !slices.EqualFunc(wb[name], wb2[name], slices.Equal) {
			t.Errorf("%s differs between two exports", name)
		}
	}
	if wb.meta("sha256_data") != wb2.meta("sha256_data") || wb.meta("sha256_org") != wb2.meta("sha256_org") {
		t.Errorf("hashes differ between two exports")
	}

	// Import reads an export as it is: extra columns ignored, audit
	// sheets skipped, no errors.
	o, ps := org.Load([]org.Input{{Path: xlsx}})
	ps = append(ps, validate.Validate(o)...)
	if problem.HasErrors(ps) || len(o.Tables) != 3 || len(o.Departments) != 140 || len(o.Users) != len(snap.Tree.Users) {
		t.Fatalf("org.Load: %d tables, %d departments, %d users, problems %v", len(o.Tables), len(o.Departments), len(o.Users), ps)
	}
	if n := len(o.Tables[0].Unknown); n != len(exporter.DepartmentExtra) {
		t.Errorf("%d unknown department columns", n)
	}
}

// importOverAPI creates an org in an empty tenant through the client, in
// the order plan.Bodies gives (parents first, managers first): departments
// without leaders, then users, then the department leaders.
func importOverAPI(t *testing.T, tn *sbx, path ...string) {
	t.Helper()
	var in []org.Input
	for _, p := range path {
		in = append(in, org.Input{Path: p})
	}
	o, ps := org.Load(in)
	ps = append(ps, validate.Validate(o)...)
	for _, p := range ps {
		if p.Severity == problem.Error {
			t.Fatalf("%s: %s", p.Where(), p.Text())
		}
	}
	seed, blocked := plan.Bodies(o, *samplegen.Directory(), plan.Options{CreateMissing: plan.CreateMissing{Titles: true, Cities: true}})
	for _, p := range blocked {
		t.Fatalf("%s: %s", p.Where(), p.Text())
	}
	depts, users := seed.Departments, seed.Users
	ctx := context.Background()
	for _, d := range depts {
		d.LeaderUserID = ""
		if _, err := tn.api.CreateDepartment(ctx, d, ""); err != nil {
			t.Fatalf("create department %s: %v", d.DepartmentID, err)
		}
	}
	for _, u := range users {
		if _, err := tn.api.CreateUser(ctx, u, ""); err != nil {
			t.Fatalf("create user %s: %v", u.UserID, err)
		}
	}
	for _, d := range depts {
		if d.LeaderUserID != "" {
			if _, err := tn.api.PatchDepartment(ctx, d.DepartmentID, feishu.DepartmentPatch{LeaderUserID: &d.LeaderUserID}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRoundTrip: export → import into an empty tenant → export again gives
// the same departments and users, cell for cell, except the open IDs (the
// new tenant makes its own) and the statuses (import cannot set them); the
// template columns' hash is equal. Both formats.
func TestRoundTrip(t *testing.T) {
	src := startTenant(t, sandbox.Options{})
	b := src.seedBigOrg(t)
	snap := src.walk(t, tenant.WalkOptions{})
	meta := exporter.Meta{Time: time.Now()}
	deptOpenID := len(org.DepartmentSchema.Fields) + exporter.DepartmentOpenIDCol
	userOpenID := len(org.UserSchema.Fields) + exporter.UserOpenIDCol
	userStatus := len(org.UserSchema.Fields) + exporter.UserStatusCol
	userUnionID := len(org.UserSchema.Fields) + exporter.UserUnionIDCol

	for _, format := range []string{"xlsx", "csv"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			var first workbook
			var inputs []string
			if format == "xlsx" {
				p := filepath.Join(dir, "first.xlsx")
				if err := exporter.WriteXLSX(snap, p, meta); err != nil {
					t.Fatal(err)
				}
				first, _ = readXLSX(t, p)
				inputs = []string{p}
			} else {
				if _, err := exporter.WriteCSV(snap, filepath.Join(dir, "first"), meta, true); err != nil {
					t.Fatal(err)
				}
				first = readCSVDir(t, filepath.Join(dir, "first"))
				inputs = []string{filepath.Join(dir, "first", "departments.csv"), filepath.Join(dir, "first", "users.csv")}
			}

			dst := startTenant(t, sandbox.Options{})
			importOverAPI(t, dst, inputs...)
			again := dst.walk(t, tenant.WalkOptions{})
			if _, err := exporter.WriteCSV(again, filepath.Join(dir, "second"), meta, true); err != nil {
				t.Fatal(err)
			}
			second := readCSVDir(t, filepath.Join(dir, "second"))

			pad := func(rows [][]string) [][]string { // xlsx readers drop trailing empty cells
				for i := range rows {
					for len(rows[i]) < len(rows[0]) {
						rows[i] = append(rows[i], "")
					}
				}
				return asRead(rows)
			}
			if a, b := withoutCols(pad(first[templates.DepartmentsSheet]), deptOpenID), withoutCols(asRead(second[templates.DepartmentsSheet]), deptOpenID); !slices.EqualFunc(a, b, slices.Equal) {
				t.Errorf("departments differ after the round trip:\n%s", firstDiff(a, b))
			}
			if a, b := withoutCols(pad(first[templates.UsersSheet]), userOpenID, userUnionID, userStatus), withoutCols(asRead(second[templates.UsersSheet]), userOpenID, userUnionID, userStatus); !slices.EqualFunc(a, b, slices.Equal) {
				t.Errorf("users differ after the round trip:\n%s", firstDiff(a, b))
			}
			if !slices.EqualFunc(first[exporter.TreeSheet], second[exporter.TreeSheet], slices.Equal) {
				t.Errorf("tree differs after the round trip")
			}
			if first.meta("sha256_org") != second.meta("sha256_org") || first.meta("sha256_data") == second.meta("sha256_data") {
				t.Errorf("sha256_org %s vs %s; sha256_data %s vs %s", first.meta("sha256_org"), second.meta("sha256_org"),
					first.meta("sha256_data"), second.meta("sha256_data"))
			}
			if n := len(second[templates.DepartmentsSheet]) - 1; n != b.Depts {
				t.Errorf("%d departments after the round trip", n)
			}
		})
	}
}

func firstDiff(a, b [][]string) string {
	for i := range min(len(a), len(b)) {
		if !slices.Equal(a[i], b[i]) {
			return fmt.Sprintf("row %d:\n%s\n%s", i, jsonLine(a[i]), jsonLine(b[i]))
		}
	}
	return "lengths " + jsonLine([]int{len(a), len(b)})
}

func jsonLine(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
