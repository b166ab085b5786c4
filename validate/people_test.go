package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/org"
)

// checkAll loads CSVs of several kinds together and validates them, like
// check.
func checkAll(t *testing.T, csvs map[org.Kind]string) []string {
	t.Helper()
	var in []org.Input
	for kind, csv := range csvs {
		p := filepath.Join(t.TempDir(), string(kind)+".csv")
		if err := os.WriteFile(p, []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
		in = append(in, org.Input{Path: p, Kind: kind})
	}
	o, ps := org.Load(in)
	ps = append(ps, Validate(o)...)
	var out []string
	for _, pr := range ps {
		out = append(out, strconv.Itoa(pr.Row)+" "+pr.Column+" "+pr.Rule)
	}
	sort.Strings(out)
	return out
}

// TestDepartmentPeople: the leader cell is the main leader then deputies,
// the deputy column adds deputies, HRBPs are a list; every person is a row
// of the users sheet or must exist in Feishu, is listed once, and no ID
// holds a space.
func TestDepartmentPeople(t *testing.T) {
	const users = "user_id,name,mobile,department_ids,employee_type\n" +
		"u1,甲,13900000001,0,正式\nu2,乙,13900000002,0,正式\nu3,丙,13900000003,0,正式\n"
	const dh = "department_id,name,parent_department_id,leader_user_id,deputy_leader_user_ids,department_hrbps\n"
	many := make([]string, MaxHRBPs+1)
	for i := range many {
		many[i] = fmt.Sprintf("h%d", i)
	}
	tests := []struct {
		name, row string
		want      []string
	}{
		{"main and deputies in one cell", "D,甲,0,u1;u2；u3,,\n", nil},
		{"main, then the deputy column", "D,甲,0,u1,\"u2,u3\",u1;u2\n", nil},
		{"line breaks separate people", "D,甲,0,\"u1\nu2\",,\"u1\nu3\"\n", nil},
		{"deputies without a main leader", "D,甲,0,,u2,\n", []string{"2 deputy_leader_user_ids DEPT_LEADER_MAIN_MISSING"}},
		{"the main leader again as a deputy", "D,甲,0,u1,u1;u2,\n", []string{"2 leader_user_id PEOPLE_REPEATED"}},
		{"a deputy twice", "D,甲,0,u1;u2;u2,,\n", []string{"2 leader_user_id PEOPLE_REPEATED"}},
		{"an HRBP twice", "D,甲,0,,,u3、u3\n", []string{"2 department_hrbps PEOPLE_REPEATED"}},
		{"unknown main, deputy and HRBP", "D,甲,0,x1;u2,x2,x3\n", []string{
			"2 leader_user_id DEPT_LEADER_UNKNOWN", "2 deputy_leader_user_ids DEPT_LEADER_UNKNOWN", "2 department_hrbps DEPT_HRBP_UNKNOWN"}},
		{"a space inside an ID", "D,甲,0,u1 u2,,u3 x\n", []string{"2 leader_user_id ID_LIST_FORMAT", "2 department_hrbps ID_LIST_FORMAT"}},
		{"501 HRBPs", "D,甲,0,,," + strings.Join(many, ";") + "\n", append([]string{"2 department_hrbps DEPT_HRBPS_TOO_MANY"}, unknowns("department_hrbps DEPT_HRBP_UNKNOWN", len(many))...)},
	}
	for _, tt := range tests {
		expect(t, tt.name, checkAll(t, map[org.Kind]string{org.KindDepartments: dh + tt.row, org.KindUsers: users}), tt.want...)
	}
}

func unknowns(what string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "2 " + what
	}
	return out
}

// TestDottedLineLeaders: a user's dotted-line leaders are a list of other
// users, each once.
func TestDottedLineLeaders(t *testing.T) {
	const uh = "user_id,name,mobile,department_ids,employee_type,leader_user_id,dotted_line_leader_user_ids\n" +
		"u1,甲,13900000001,0,正式,,\nu2,乙,13900000002,0,正式,,\n"
	row := func(dotted string) string { return "u3,丙,13900000003,0,正式,u1," + dotted + "\n" }
	tests := []struct {
		name, dotted string
		want         []string
	}{
		{"two", "u1;u2", nil},
		{"the direct leader may be a dotted-line leader too", "u1", nil},
		{"self", "u2;u3", []string{"4 dotted_line_leader_user_ids USER_DOTTED_LEADER_SELF"}},
		{"unknown", "x9", []string{"4 dotted_line_leader_user_ids USER_DOTTED_LEADER_UNKNOWN"}},
		{"twice", "u1、u1", []string{"4 dotted_line_leader_user_ids PEOPLE_REPEATED"}},
		{"space", "u1 u2", []string{"4 dotted_line_leader_user_ids ID_LIST_FORMAT"}},
	}
	for _, tt := range tests {
		expect(t, tt.name, check(t, org.KindUsers, uh+row(tt.dotted)), tt.want...)
	}
}

// TestUnits: the units sheet's rows and the departments' unit column.
func TestUnits(t *testing.T) {
	const uh = "unit_id,name,unit_type\nBU1,华东子公司,子公司\n"
	tests := []struct {
		name, row string
		want      []string
	}{
		{"another", "BU2,华南子公司,子公司\n", nil},
		{"no unit_id", ",华北子公司,子公司\n", nil},
		{"same name, other type", ",华东子公司,事业部\n", nil},
		{"no name, no type", "BU2,,\n", []string{"3 name UNIT_NAME_REQUIRED", "3 unit_type UNIT_TYPE_REQUIRED"}},
		{"long name and type", "BU2," + strings.Repeat("名", 101) + "," + strings.Repeat("型", 101) + "\n", []string{"3 name UNIT_FIELD_LENGTH", "3 unit_type UNIT_FIELD_LENGTH"}},
		{"bad unit_id", "BU-2,华南子公司,子公司\n", []string{"3 unit_id UNIT_ID_FORMAT"}},
		{"two unit_ids", "BU2;BU3,华南子公司,子公司\n", []string{"3 unit_id CELL_SEVERAL_VALUES"}},
		{"unit_id twice", "BU1,华南子公司,子公司\n", []string{"3 unit_id UNIT_ID_DUPLICATE"}},
		{"name and type twice", "BU2,华东子公司,子公司\n", []string{"3 name UNIT_NAME_DUPLICATE"}},
	}
	for _, tt := range tests {
		expect(t, tt.name, checkAll(t, map[org.Kind]string{org.KindUnits: uh + tt.row}), tt.want...)
	}

	const units = uh + "BU2,华东子公司,事业部\nBU3,华南子公司,子公司\n"
	const dh = "department_id,name,parent_department_id,unit\n"
	deptTests := []struct {
		name, row string
		want      []string
	}{
		{"by unit_id", "D,甲,0,BU1\n", nil},
		{"by a name one unit has", "D,甲,0,华南子公司\n", nil},
		{"by a name two units have", "D,甲,0,华东子公司\n", []string{"2 unit DEPT_UNIT_AMBIGUOUS"}},
		{"not in the sheet", "D,甲,0,BU9\n", []string{"2 unit DEPT_UNIT_UNKNOWN"}},
		{"two units", "D,甲,0,BU1;BU3\n", []string{"2 unit CELL_SEVERAL_VALUES"}},
	}
	for _, tt := range deptTests {
		expect(t, tt.name, checkAll(t, map[org.Kind]string{org.KindUnits: units, org.KindDepartments: dh + tt.row}), tt.want...)
	}
}

// TestUnitLimits: at most 1,000 units, and 1,000 departments per unit.
func TestUnitLimits(t *testing.T) {
	var units, depts strings.Builder
	units.WriteString("unit_id,name,unit_type\n")
	depts.WriteString("department_id,name,parent_department_id,unit\n")
	for i := 0; i <= 1000; i++ {
		fmt.Fprintf(&units, "U%d,单位%d,T\n", i, i)
		fmt.Fprintf(&depts, "D%d,部门%d,P%d,U1\n", i, i, i/900)
	}
	depts.WriteString("P0,上级0,0,\nP1,上级1,0,\n")
	got := checkAll(t, map[org.Kind]string{org.KindUnits: units.String(), org.KindDepartments: depts.String()})
	expect(t, "limits", got, "1002  UNIT_TOO_MANY", "1002 unit DEPT_UNIT_FULL")
}
