package samples

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/validate"
)

var update = flag.Bool("update", false, "rewrite the sample files and golden problem lists")

func TestCommittedSamplesAreWhatTheGeneratorWrites(t *testing.T) {
	company := samplegen.Company()
	dir := t.TempDir()
	if *update {
		dir = "."
	}
	if err := company.WriteXLSX(filepath.Join(dir, "company.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := company.WriteCSV(dir); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "hr"), 0o755)
	if err := sheet.WriteXLSX(filepath.Join(dir, "hr", "users-by-path.xlsx"), samplegen.CompanyByPaths()); err != nil {
		t.Fatal(err)
	}
	if err := sheet.WriteCSV(filepath.Join(dir, "hr", "hr-export.csv"), samplegen.HRExport(), true); err != nil {
		t.Fatal(err)
	}
	if err := writeMapping(filepath.Join(dir, "hr", "mapping.csv")); err != nil {
		t.Fatal(err)
	}
	if err := sheet.WriteXLSX(filepath.Join(dir, "leavers.xlsx"), samplegen.Leavers()); err != nil {
		t.Fatal(err)
	}
	files := []string{"company.xlsx", "departments.csv", "users.csv", "units.csv", "hr/users-by-path.xlsx", "hr/hr-export.csv", "hr/mapping.csv", "leavers.xlsx"}
	if *update {
		for _, f := range files {
			os.Chmod(f, 0o644) // committed samples are not personal data
		}
		return
	}
	for _, f := range files {
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v (run go test ./samples -update)", f, err)
		}
		got, _ := os.ReadFile(filepath.Join(dir, f))
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what samplegen writes; run go test ./samples -update", f)
		}
	}
}

func TestSampleCompanyIsValidAndRealistic(t *testing.T) {
	for _, inputs := range [][]org.Input{
		{{Path: "company.xlsx"}},
		{{Path: "departments.csv"}, {Path: "users.csv"}, {Path: "units.csv"}},
	} {
		o, ps := org.Load(inputs)
		ps = append(ps, validate.Validate(o)...)
		// The company's own employee types (兼职, 返聘) can only be told
		// from a typo online: offline they are a warning.
		custom := 0
		ps = slices.DeleteFunc(ps, func(p problem.Problem) bool {
			if p.Rule == "USER_EMPLOYEE_TYPE_CUSTOM" {
				custom++
				return true
			}
			return false
		})
		if len(ps) != 0 || custom == 0 {
			t.Fatalf("%v: problems: %v (%d custom types)", inputs, ps, custom)
		}
		checkMatrix(t, o)
		if len(o.Departments) < 40 || len(o.Users) != 300 {
			t.Fatalf("%v: %d departments, %d users", inputs, len(o.Departments), len(o.Users))
		}
		parent := map[string]string{}
		leaders := 0
		for _, d := range o.Departments {
			parent[d.ID()] = d.ParentID()
			if d.LeaderUserID() != "" {
				leaders++
			}
		}
		maxDepth := 0
		for id := range parent {
			n := 0
			for p := id; p != "0"; p = parent[p] {
				n++
			}
			maxDepth = max(maxDepth, n)
		}
		multi, managed := 0, 0
		for _, u := range o.Users {
			if len(u.DepartmentIDs) > 1 {
				multi++
			}
			if u.LeaderUserID() != "" {
				managed++
			}
		}
		if maxDepth < 5 || leaders != len(o.Departments) || multi < 5 || managed < 250 {
			t.Fatalf("depth %d, leaders %d, multi-department users %d, managed %d", maxDepth, leaders, multi, managed)
		}
	}
}

// checkMatrix: the sample has units (one without a unit_id) and
// departments bound to them, deputy leaders, HRBPs and dotted-line leaders.
func checkMatrix(t *testing.T, o *org.Org) {
	t.Helper()
	noID, bound, deputies, hrbps, dotted := 0, 0, 0, 0, 0
	for _, u := range o.Units {
		if u.UnitID() == "" {
			noID++
		}
	}
	for _, d := range o.Departments {
		if d.Unit() != "" {
			bound++
		}
		deputies += len(d.Values.Deputies)
		hrbps += len(d.Values.HRBPs)
	}
	for _, u := range o.Users {
		dotted += len(u.Values.DottedLeaders)
	}
	if len(o.Units) < 4 || noID != 1 || bound < 8 || deputies < 5 || hrbps < 5 || dotted < 5 {
		t.Errorf("units %d (%d without unit_id), bound departments %d, deputies %d, HRBPs %d, dotted-line leaders %d",
			len(o.Units), noID, bound, deputies, hrbps, dotted)
	}
}

// writeMapping writes the HR export's column mapping as a --map-file.
func writeMapping(path string) error {
	var b strings.Builder
	b.WriteString("header,field\n")
	for _, h := range samplegen.HRExportHeaders {
		if f, ok := samplegen.HRMapping[h]; ok {
			b.WriteString(h + "," + f + "\n")
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// TestInvalidSamplesReportTheirGoldenProblems validates every file in
// invalid/ on its own and compares the problems with <file>.golden.json.
func TestInvalidSamplesReportTheirGoldenProblems(t *testing.T) {
	files, _ := filepath.Glob("invalid/*")
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			opts := org.LoadOptions{}
			if strings.HasPrefix(filepath.Base(f), "leavers_") {
				opts = org.LeaverLoad // a leavers sheet, as offboard reads it
			}
			o, ps := org.LoadWith([]org.Input{{Path: f}}, opts)
			ps = append(ps, validate.Validate(o)...)
			problem.Sort(ps)
			if !problem.HasErrors(ps) {
				t.Errorf("%s: no error reported", f)
			}
			var buf bytes.Buffer
			if err := report.WriteProblemsJSON(&buf, ps); err != nil {
				t.Fatal(err)
			}
			golden := f + ".golden.json"
			if *update {
				os.WriteFile(golden, buf.Bytes(), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./samples -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("problems differ from %s:\n%s", golden, buf.String())
			}
		})
	}
}

// TestEveryRuleIsExercised makes sure the invalid samples (or the unit
// tests' tables) break every rule in the table at least once.
func TestEveryRuleIsExercised(t *testing.T) {
	seen := map[string]bool{}
	goldens, _ := filepath.Glob("invalid/*.golden.json")
	for _, g := range goldens {
		data, _ := os.ReadFile(g)
		var pj report.ProblemsJSON
		if err := json.Unmarshal(data, &pj); err != nil {
			t.Fatal(err)
		}
		for _, p := range pj.Problems {
			seen[p.Rule] = true
		}
	}
	for _, r := range problem.Rules {
		if _, ok := exercisedElsewhere[r.Code]; !seen[r.Code] && !ok {
			t.Errorf("no invalid sample breaks rule %s", r.Code)
		}
	}
}

// exercisedElsewhere are rules whose cases need files this folder cannot
// hold as plain samples; the named tests cover them.
var exercisedElsewhere = map[string]string{
	"SHEET_HIDDEN":     "org: TestHiddenSheetsAreSkipped",
	"COLUMN_DUPLICATE": "org: TestLoadHeaders",
	"COLUMN_UNKNOWN":   "org: TestLoadHeaders",
	"SHEET_NOT_FOUND":  "org: TestLoadHeaders",
	// Online rules need a tenant: the plan package's tests cover them.
	"PLAN_PARENT_MISSING":    "plan: TestPlanOnlineProblems",
	"PLAN_NAME_TAKEN":        "plan: TestPlanOnlineProblems",
	"PLAN_DEPT_MISSING":      "plan: TestPlanOnlineProblems",
	"PLAN_LEADER_MISSING":    "plan: TestPlanOnlineProblems",
	"PLAN_MOBILE_TAKEN":      "plan: TestPlanOnlineProblems",
	"PLAN_EMAIL_TAKEN":       "plan: TestPlanOnlineProblems",
	"PLAN_USER_RESIGNED":     "plan: TestPlanOnlineProblems",
	"PLAN_BLOCKED_BY":        "plan: TestPlanOnlineProblems",
	"PLAN_NAME_MISMATCH":     "plan: TestPlanIdentityByContact",
	"PLAN_CONTACT_AMBIGUOUS": "plan: TestPlanIdentityByContact",
	"PLAN_USER_TWICE":        "plan: TestPlanTwoRowsOnePerson",
	"PATH_UNKNOWN":           "plan: TestPathsWithoutCreating",
	// The tenant's schema, online.
	"PLAN_EMPLOYEE_TYPE_UNKNOWN":   "plan: TestPlanEmployeeTypes",
	"PLAN_EMPLOYEE_TYPE_INACTIVE":  "plan: TestPlanEmployeeTypes",
	"PLAN_JOB_LEVEL_UNKNOWN":       "plan: TestPlanJobLevels",
	"PLAN_JOB_LEVEL_INACTIVE":      "plan: TestPlanJobLevels",
	"PLAN_JOB_FAMILY_UNKNOWN":      "plan: TestPlanJobFamilies",
	"PLAN_JOB_FAMILY_INACTIVE":     "plan: TestPlanJobFamilies",
	"PLAN_JOB_FAMILY_ELSEWHERE":    "plan: TestPlanJobFamilies",
	"PLAN_JOB_TITLE_UNKNOWN":       "plan: TestPlanTitlesAndCities",
	"PLAN_JOB_TITLE_INACTIVE":      "plan: TestPlanTitlesAndCities",
	"PLAN_CITY_UNKNOWN":            "plan: TestPlanTitlesAndCities",
	"PLAN_CITY_INACTIVE":           "plan: TestPlanTitlesAndCities",
	"PLAN_NAME_AMBIGUOUS":          "plan: TestPlanJobLevels",
	"PLAN_CUSTOM_ATTR_UNKNOWN":     "plan: TestPlanCustomAttrs",
	"PLAN_CUSTOM_ATTRS_NONE":       "plan: TestPlanCustomAttrsNotOpened",
	"PLAN_CUSTOM_ATTR_TEXT_LENGTH": "plan: TestPlanCustomAttrs",
	"PLAN_CUSTOM_ATTR_URL":         "plan: TestPlanCustomAttrs",
	"PLAN_CUSTOM_ATTR_OPTION":      "plan: TestPlanCustomAttrs",
	"PLAN_CUSTOM_ATTR_USER":        "plan: TestPlanCustomAttrs",
	// Rules that need a large or a multi-sheet sheet: validate's tests.
	"DEPT_HRBPS_TOO_MANY": "validate: TestDepartmentPeople",
	"DEPT_UNIT_AMBIGUOUS": "validate: TestUnits",
	"DEPT_UNIT_FULL":      "validate: TestUnitLimits",
	"UNIT_TOO_MANY":       "validate: TestUnitLimits",
	"DEPT_UNIT_UNKNOWN":   "validate: TestUnits",
	// Units and people against a tenant.
	"PLAN_UNITS_UNAVAILABLE": "importer: TestTenantWithoutUnits",
	"PLAN_UNIT_TYPE_FIXED":   "importer: TestUnitConflicts",
	"PLAN_UNIT_NAME_TAKEN":   "importer: TestUnitConflicts",
	"PLAN_UNIT_MISSING":      "importer: TestUnits",
	// Offboarding and restore.
	"LEAVER_SHEET_NOT_FOUND":       "org: TestLoadLeavers",
	"PLAN_LEAVER_NOT_FOUND":        "plan: TestOffboardHandover",
	"PLAN_LEAVER_GONE":             "plan: TestOffboardHandover",
	"PLAN_LEAVER_NAME_MISMATCH":    "plan: TestOffboardHandover",
	"PLAN_LEAVER_CONTACT_MISMATCH": "plan: TestOffboardIdentity",
	"PLAN_LEAVER_ADMIN":            "plan: TestOffboardHandover",
	"PLAN_ACCEPTOR_INVALID":        "plan: TestOffboardHandover",
	"PLAN_ACCEPTOR_LEAVING":        "plan: TestOffboardHandover",
	"PLAN_LEADER_LEAVING":          "plan: TestOffboardHandover",
	"PLAN_LEAVER_NO_LEADER":        "plan: TestOffboardHandover",
	"PLAN_LEAVER_LEADS":            "plan: TestOffboardEmptiesDepartmentsChildrenFirst",
	"PLAN_SUCCESSOR_UNUSED":        "plan: TestOffboardHandover",
	"PLAN_LEADER_DEPUTIES":         "plan: TestOffboardDeputiesAndRoles",
	"PLAN_LEAVER_ROLES":            "plan: TestOffboardDeputiesAndRoles",
	"PLAN_DEPT_KEPT":               "plan: TestOffboardResumeRows",
	"PLAN_RESTORE_NOT_RESTORED":    "plan: TestRestorePlan",
	"PLAN_RESTORE_ACTIVE":          "plan: TestRestorePlan",
	"PLAN_RESTORE_CONTACT_TAKEN":   "plan: TestRestorePlan",
	"PLAN_RESTORE_TO_ROOT":         "plan: TestRestorePlan",
	"PLAN_RESTORE_DEPT_GONE":       "plan: TestRestorePlan",
}

// TestSampleLeavers: the sample leavers sheet reads as 30 valid leavers,
// named by user_id, mobile or email.
func TestSampleLeavers(t *testing.T) {
	o, ps := org.LoadWith([]org.Input{{Path: "leavers.xlsx"}}, org.LeaverLoad)
	ps = append(ps, validate.Validate(o)...)
	if len(ps) != 0 || len(o.Leavers) != 30 {
		t.Fatalf("%d leavers, problems %v", len(o.Leavers), ps)
	}
	byContact := 0
	for _, l := range o.Leavers {
		if l.UserID() == "" {
			byContact++
		}
	}
	if byContact < 5 {
		t.Errorf("only %d leavers named by a contact", byContact)
	}
}
