package exporter_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
	"github.com/orgbatch/orgbatch/tenant"
)

// Values a spreadsheet would run as formulas. Feishu accepts them as names.
var (
	formulaDepts = map[string]string{ // department_id → name
		"F1": "=SUM(1,2)", "F2": "+加号部", "F3": "@提及部", "F4": "-减号部", "F5": "=HYPERLINK(\"evil.example\",\"点我\")",
	}
	formulaUser = feishu.User{
		UserID: "fx1", Name: "=cmd|' /C calc'!A0", EnName: "+1 Bob", Mobile: "13900000001", DepartmentIDs: []string{"F1", "F5"},
		EmployeeType: 1, JobTitle: "@admin", City: "-北京", WorkStation: "=A1", EmployeeNo: "+007",
	}
)

func seedFormulaOrg(t *testing.T, tn *sbx) {
	for _, id := range []string{"F1", "F2", "F3", "F4"} {
		tn.dept(t, id, "0", formulaDepts[id])
	}
	tn.dept(t, "F5", "F1", formulaDepts["F5"])
	if _, err := tn.srv.SeedUser(formulaUser); err != nil {
		t.Fatal(err)
	}
}

// TestFormulaInjection: every CSV cell starting with = + - @ is written
// with a leading apostrophe (a CSV cell is evaluated); in xlsx the cells
// are string cells, never formulas, stored as they are. org.Load (what
// import reads) gets the original values back from both; importing the
// export into an empty tenant recreates the original names.
func TestFormulaInjection(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	seedFormulaOrg(t, tn)
	snap := tn.walk(t, tenant.WalkOptions{})
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "x.xlsx")
	if err := exporter.WriteXLSX(snap, xlsx, exporter.Meta{Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := exporter.WriteCSV(snap, filepath.Join(dir, "csv"), exporter.Meta{Time: time.Now()}, true); err != nil {
		t.Fatal(err)
	}
	wbX, _ := readXLSX(t, xlsx)
	wbC := readCSVDir(t, filepath.Join(dir, "csv"))

	for name, rows := range wbC {
		for _, r := range rows {
			for _, c := range r {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("csv %s: unescaped cell %q", name, c)
				}
			}
		}
	}
	for format, want := range map[string]string{"xlsx": "=SUM(1,2)", "csv": "'=SUM(1,2)"} {
		wb := map[string]workbook{"xlsx": wbX, "csv": wbC}[format]
		cell := wb[templates.DepartmentsSheet][1][1] // F1's name: departments are sorted by order
		if cell != want {
			t.Errorf("%s: F1 name stored as %q, want %q", format, cell, want)
		}
	}
	if got := wbX[templates.DepartmentsSheet][2][len(org.DepartmentSchema.Fields)+1]; got != "=SUM(1,2)/=HYPERLINK(\"evil.example\",\"点我\")" {
		t.Errorf("F5 path stored as %q", got)
	}

	for format, inputs := range map[string][]org.Input{
		"xlsx": {{Path: xlsx}},
		"csv":  {{Path: filepath.Join(dir, "csv", "departments.csv")}, {Path: filepath.Join(dir, "csv", "users.csv")}},
	} {
		o, _ := org.Load(inputs)
		if len(o.Departments) != len(formulaDepts) || len(o.Users) != 1 {
			t.Fatalf("%s: %d departments, %d users", format, len(o.Departments), len(o.Users))
		}
		for _, d := range o.Departments {
			if d.Name() != formulaDepts[d.ID()] {
				t.Errorf("%s: department %s read back as %q, want %q", format, d.ID(), d.Name(), formulaDepts[d.ID()])
			}
		}
		u, w := o.Users[0], formulaUser
		got := []string{u.Name(), u.EnName(), u.JobTitle(), u.City(), u.WorkStation(), u.EmployeeNo()}
		want := []string{w.Name, w.EnName, w.JobTitle, w.City, w.WorkStation, w.EmployeeNo}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: user read back as %q, want %q", format, got, want)
		}
	}

	// Both directions end to end: import the export, export again.
	dst := startTenant(t, sandbox.Options{})
	importOverAPI(t, dst, xlsx)
	again := dst.walk(t, tenant.WalkOptions{})
	for _, d := range again.Tree.Departments {
		if d.Name != formulaDepts[d.DepartmentID] {
			t.Errorf("re-imported department %s named %q", d.DepartmentID, d.Name)
		}
	}
	if u := again.Tree.Users[0]; u.Name != formulaUser.Name || u.City != formulaUser.City || u.EmployeeNo != formulaUser.EmployeeNo {
		t.Errorf("re-imported user %+v", u)
	}
}

// TestEscapeFormulaIsExactlyReversible: even a value that already starts
// with an apostrophe before a formula character survives the round trip.
func TestEscapeFormulaIsExactlyReversible(t *testing.T) {
	for _, v := range []string{"=SUM(A1)", "'=x", "''=y", "+86", "-", "@a", "\tx", "plain", "'plain", ""} {
		if got := sheet.UnescapeFormula(sheet.EscapeFormula(v)); got != v {
			t.Errorf("%q → %q → %q", v, sheet.EscapeFormula(v), got)
		}
	}
}
