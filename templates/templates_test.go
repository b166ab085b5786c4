package templates

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the committed template files")

// TestCommittedTemplatesAreWhatTheCommandWrites regenerates both formats
// and compares them byte for byte with the files beside this test.
func TestCommittedTemplatesAreWhatTheCommandWrites(t *testing.T) {
	dir := t.TempDir()
	if *update {
		dir = "."
	}
	var written []string
	for _, format := range []string{"xlsx", "csv"} {
		paths, err := Write(dir, format)
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, paths...)
	}
	for _, p := range written {
		name := filepath.Base(p)
		if *update {
			os.Chmod(p, 0o644)
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("%v (run go test ./templates -update)", err)
		}
		got, _ := os.ReadFile(p)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what `orgbatch template` writes; run go test ./templates -update", name)
		}
	}
}

// TestTemplateReadsBackCleanly: a filled-in template (the example rows)
// loads and validates without problems, in both formats.
func TestTemplateReadsBackCleanly(t *testing.T) {
	for _, inputs := range [][]org.Input{
		{{Path: XLSXName}},
		{{Path: "departments.csv"}, {Path: "users.csv"}},
	} {
		o, ps := org.Load(inputs)
		ps = append(ps, validate.Validate(o)...)
		if len(ps) > 0 || len(o.Departments) != 1 || len(o.Users) != 1 {
			t.Fatalf("%v: %d depts %d users, problems %v", inputs, len(o.Departments), len(o.Users), ps)
		}
		if u := o.Users[0]; u.EmployeeNo() != "000123" || u.Mobile() != "13800138000" {
			t.Errorf("example user read as %+v", u)
		}
	}
}

func TestTemplateWorkbookFeatures(t *testing.T) {
	f, err := excelize.OpenFile(XLSXName)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != DepartmentsSheet+"|"+UsersSheet+"|"+InstructionsSheet {
		t.Fatalf("sheets = %v", got)
	}
	// Bilingual headers.
	if v, _ := f.GetCellValue(UsersSheet, "D1"); v != "手机号 (mobile)" {
		t.Errorf("users D1 = %q", v)
	}
	// Dropdowns on employee_type (G), gender (H) and create_group_chat (H of departments).
	dvs, _ := f.GetDataValidations(UsersSheet)
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	if !strings.Contains(lists["G2:G2001"], "正式") || !strings.Contains(lists["H2:H2001"], "保密") {
		t.Errorf("user dropdowns = %v", lists)
	}
	dvs, _ = f.GetDataValidations(DepartmentsSheet)
	if len(dvs) != 1 || dvs[0].Sqref != "H2:H2001" {
		t.Errorf("department dropdowns = %+v", dvs)
	}
	// Text format on the mobile and employee_no columns, frozen header.
	for _, cell := range []string{"D2", "I2"} {
		style, _ := f.GetCellStyle(UsersSheet, cell)
		st, _ := f.GetStyle(style)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != "@" {
			t.Errorf("%s is not text formatted", cell)
		}
	}
	panes, _ := f.GetPanes(UsersSheet)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v", panes)
	}
}

// TestInstructionsCoverEveryFieldRule: each rule about a column appears in
// the instructions sheet, so the sheet and the validator cannot drift.
func TestInstructionsCoverEveryFieldRule(t *testing.T) {
	ins := Instructions()
	var all strings.Builder
	for _, r := range ins.Rows {
		all.WriteString(strings.Join(r, "\t"))
	}
	for _, r := range problem.Rules {
		if r.Field != "" && !strings.Contains(all.String(), r.ZH) {
			t.Errorf("rule %s missing from the instructions", r.Code)
		}
	}
}
