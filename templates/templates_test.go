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
	"github.com/orgbatch/orgbatch/sheet"
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
		for _, write := range []func(string, string) ([]string, error){Write, WriteLeavers} {
			paths, err := write(dir, format)
			if err != nil {
				t.Fatal(err)
			}
			written = append(written, paths...)
		}
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

// TestTemplateExampleRowsAreRefused: the template reads back with its
// example rows exactly as written (text cells keep their zeros), in both
// formats, and the only problems are the example rows themselves — one per
// sheet, at the marker column, whose header import knows.
func TestTemplateExampleRowsAreRefused(t *testing.T) {
	for _, inputs := range [][]org.Input{
		{{Path: XLSXName}},
		{{Path: "departments.csv"}, {Path: "users.csv"}, {Path: "units.csv"}},
	} {
		o, ps := org.Load(inputs)
		ps = append(ps, validate.Validate(o)...)
		if len(o.Departments) != 1 || len(o.Users) != 1 || len(o.Units) != 1 || len(ps) != 3 {
			t.Fatalf("%v: %d depts %d users, problems %v", inputs, len(o.Departments), len(o.Users), ps)
		}
		for _, p := range ps {
			if p.Rule != "ROW_EXAMPLE_MARKER" || p.Column != org.MarkerHeader || p.Row != 2 {
				t.Errorf("%v: %+v", inputs, p)
			}
		}
		if u := o.Users[0]; u.EmployeeNo() != "000123" || u.Mobile() != "13800138000" {
			t.Errorf("example user read as %+v", u)
		}
	}
}

// TestFilledTemplate: HR copies the example row and edits it. Edited but
// still carrying the marker, the row is refused; with the marker cleared
// and real values, it validates; left as it was in a template without the
// marker (as written before there was one), it is refused too.
func TestFilledTemplate(t *testing.T) {
	edit := func(s *org.Schema, row []string, values map[string]string) []string {
		row = append([]string(nil), row...)
		for i, f := range s.Fields {
			if v, ok := values[f.Key]; ok {
				row[i] = v
			}
		}
		return row
	}
	realDept := map[string]string{"department_id": "RD", "name": "研发部", "name_en": "R&D", "leader_user_id": "u9"}
	realUser := map[string]string{"user_id": "u9", "name": "李雷", "en_name": "Lei Li", "mobile": "13912345678", "email": "lilei@corp.example.cn", "department_ids": "RD"}
	realUnit := map[string]string{"unit_id": "BU9", "name": "研发子公司"}
	tests := []struct {
		name   string
		marker bool // the marker column is there
		clear  bool // its cell is cleared
		dept   map[string]string
		user   map[string]string
		unit   map[string]string
		want   string
	}{
		{"example rows as written", true, false, nil, nil, nil, "ROW_EXAMPLE_MARKER,ROW_EXAMPLE_MARKER,ROW_EXAMPLE_MARKER"},
		{"copied and edited, marker kept", true, false, realDept, realUser, realUnit, "ROW_EXAMPLE_MARKER,ROW_EXAMPLE_MARKER,ROW_EXAMPLE_MARKER"},
		{"copied, edited, marker cleared", true, true, realDept, realUser, realUnit, ""},
		{"an old template without the marker", false, false, nil, nil, nil, "ROW_EXAMPLE,ROW_EXAMPLE,ROW_EXAMPLE"},
		{"only the name edited, marker cleared", true, true, nil, map[string]string{"name": "李雷"}, nil, "ROW_EXAMPLE,ROW_EXAMPLE,USER_EXAMPLE_CONTACT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var inputs []org.Input
			for i, s := range org.Schemas {
				ds := TemplateSheets()[i]
				values := map[org.Kind]map[string]string{org.KindDepartments: tt.dept, org.KindUsers: tt.user, org.KindUnits: tt.unit}[s.Kind]
				row := append(edit(s, Example(s), values), org.ExampleNote)
				if tt.clear {
					row[len(row)-1] = ""
				}
				if !tt.marker {
					ds.Columns, row = ds.Columns[:len(s.Fields)], row[:len(s.Fields)]
				}
				ds.Rows = [][]string{row}
				p := filepath.Join(dir, CSVName(s.Kind))
				if err := sheet.WriteCSV(p, ds, true); err != nil {
					t.Fatal(err)
				}
				inputs = append(inputs, org.Input{Path: p})
			}
			o, ps := org.Load(inputs)
			ps = append(ps, validate.Validate(o)...)
			var got []string
			for _, p := range ps {
				got = append(got, p.Rule)
			}
			if strings.Join(got, ",") != tt.want {
				t.Errorf("problems %v, want %s", ps, tt.want)
			}
		})
	}
}

func TestTemplateWorkbookFeatures(t *testing.T) {
	f, err := excelize.OpenFile(XLSXName)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != DepartmentsSheet+"|"+UsersSheet+"|"+UnitsSheet+"|"+InstructionsSheet {
		t.Fatalf("sheets = %v", got)
	}
	// Bilingual headers.
	if v, _ := f.GetCellValue(UsersSheet, "D1"); v != "手机号 (mobile)" {
		t.Errorf("users D1 = %q", v)
	}
	// Dropdowns on employee_type (G), gender (H) and create_group_chat (J of departments).
	dvs, _ := f.GetDataValidations(UsersSheet)
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	if !strings.Contains(lists["G2:G2001"], "正式") || !strings.Contains(lists["H2:H2001"], "保密") {
		t.Errorf("user dropdowns = %v", lists)
	}
	dvs, _ = f.GetDataValidations(DepartmentsSheet)
	if len(dvs) != 1 || dvs[0].Sqref != "J2:J2001" {
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
	text := func(s sheet.OutSheet) string {
		var all strings.Builder
		for _, r := range s.Rows {
			all.WriteString(strings.Join(r, "\t"))
		}
		return all.String()
	}
	imports, leavers := text(Instructions()), text(LeaverInstructions())
	for _, r := range problem.Rules {
		want := imports
		if r.Entity == problem.EntityLeaver {
			want = leavers
		}
		if r.Field != "" && !strings.Contains(want, r.ZH) {
			t.Errorf("rule %s missing from the instructions", r.Code)
		}
	}
}

// TestLeaversTemplate: the leavers template reads back as one leavers row,
// in both formats, refused as the example row; edited into a real leaver
// with the marker cleared, it validates.
func TestLeaversTemplate(t *testing.T) {
	for _, in := range []string{LeaversXLSXName, CSVName(org.KindLeavers)} {
		o, ps := org.LoadWith([]org.Input{{Path: in}}, org.LeaverLoad)
		ps = append(ps, validate.Validate(o)...)
		if len(o.Leavers) != 1 || len(ps) != 1 || ps[0].Rule != "ROW_EXAMPLE_MARKER" {
			t.Fatalf("%s: %d leavers, problems %v", in, len(o.Leavers), ps)
		}
		if l := o.Leavers[0]; l.Mobile() != "13800138000" || l.Values.EmailProcessing != "1" || l.Acceptor(org.AcceptorDefault) != "u0001" {
			t.Errorf("%s: example leaver read as %v", in, l.Cells())
		}
	}
	ds := LeaverSheets()[0]
	row := append([]string(nil), ds.Rows[0]...)
	row[0], row[1], row[2], row[3], row[len(row)-1] = "u0200", "李雷", "13912345678", "", ""
	ds.Rows = [][]string{row}
	p := filepath.Join(t.TempDir(), "leavers.csv")
	if err := sheet.WriteCSV(p, ds, true); err != nil {
		t.Fatal(err)
	}
	o, ps := org.LoadWith([]org.Input{{Path: p}}, org.LeaverLoad)
	if ps = append(ps, validate.Validate(o)...); len(ps) != 0 || len(o.Leavers) != 1 {
		t.Errorf("a filled-in leavers template: %v", ps)
	}
}
