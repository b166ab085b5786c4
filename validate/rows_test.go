package validate

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/org"
)

// check loads one CSV of the given kind and validates it; it returns the
// problems as "row column RULE" strings, sorted.
func check(t *testing.T, kind org.Kind, csv string) []string {
	t.Helper()
	p := filepath.Join(t.TempDir(), string(kind)+".csv")
	if err := os.WriteFile(p, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	o, ps := org.Load([]org.Input{{Path: p, Kind: kind}})
	ps = append(ps, Validate(o)...)
	var out []string
	for _, pr := range ps {
		out = append(out, strconv.Itoa(pr.Row)+" "+pr.Column+" "+pr.Rule)
	}
	sort.Strings(out)
	return out
}

func expect(t *testing.T, name string, got []string, want ...string) {
	t.Helper()
	sort.Strings(want)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s:\n got %q\nwant %q", name, got, want)
	}
}

const marker = org.ExampleMarker + "：导入前请删除本行 / delete this row before importing"

// TestExampleRows: the template's example row is refused however it
// arrives — with its marker in any cell (copied into another workbook,
// edited), or equal to the example as Excel may have mangled it — and a
// row that merely resembles it is not.
func TestExampleRows(t *testing.T) {
	const dh = "department_id,name,parent_department_id,name_en,leader_user_id,order,create_group_chat,示例标记 (example_marker)\n"
	const uh = "user_id,name,en_name,mobile,email,department_ids,employee_type,gender,employee_no,job_title,join_time,city,work_station\n"
	tests := []struct {
		name string
		kind org.Kind
		csv  string
		want []string
	}{
		{"department with its marker", org.KindDepartments,
			dh + "D100,技术中心,0,Technology Center,u0001,10,否," + marker + "\n",
			[]string{"2 示例标记 (example_marker) ROW_EXAMPLE_MARKER", "2 leader_user_id DEPT_LEADER_UNKNOWN"}},
		{"copied and edited, the marker kept", org.KindDepartments,
			dh + "RD,研发部,0,R&D,,20,是," + marker + "\n",
			[]string{"2 示例标记 (example_marker) ROW_EXAMPLE_MARKER"}},
		{"pasted into a sheet without the marker column: right of the header", org.KindDepartments,
			"department_id,name,parent_department_id\nRD,研发部,0,,," + marker + "\n",
			[]string{"2 F ROW_EXAMPLE_MARKER"}},
		{"the marker in a data cell", org.KindDepartments,
			"department_id,name,parent_department_id\nRD,研发部 " + org.ExampleMarker + ",0\n",
			[]string{"2 name ROW_EXAMPLE_MARKER"}},
		{"an old template's example, without a marker", org.KindDepartments,
			"department_id,name,parent_department_id,order,create_group_chat\nD100,技术中心,0,010,false\n",
			[]string{"2  ROW_EXAMPLE"}},
		{"only the required columns", org.KindDepartments,
			"department_id,name,parent_department_id\nD100,技术中心,0\n",
			[]string{"2  ROW_EXAMPLE"}},
		{"a sheet placed by paths: 技术中心 is only a name", org.KindDepartments,
			"name,parent_path\n星辰科技,/\n技术中心,星辰科技\n", nil},
		{"one cell differs: a real department", org.KindDepartments,
			"department_id,name,parent_department_id,name_en\nD100,技术中心,0,Tech\n", nil},
		{"the example user as Excel saved it", org.KindUsers,
			uh + "u0001,张三,San Zhang,+86 138-0013-8000,ZhangSan@example.com,D100,1,1,123,工程师,45293,北京,A-301\n",
			[]string{"2  ROW_EXAMPLE", "2 department_ids USER_DEPT_UNKNOWN"}},
		{"a users sheet by paths keeps the example's contacts", org.KindUsers,
			"name,mobile,email,department_path,employee_type\n张三,13800138000,zhangsan@example.com,技术中心,正式\n",
			[]string{"2 mobile USER_EXAMPLE_CONTACT", "2 department_path PATH_ROOT"}},
		{"a person given the example's mobile", org.KindUsers,
			uh + "u9,李雷,,13800138000,lilei@corp.example.cn,0,正式,,,,,,\n",
			[]string{"2 mobile USER_EXAMPLE_CONTACT"}},
		{"a person given the example's email", org.KindUsers,
			uh + "u9,李雷,,13912345678,ZHANGSAN@EXAMPLE.COM,0,正式,,,,,,\n",
			[]string{"2 email USER_EXAMPLE_CONTACT"}},
		{"a real person", org.KindUsers,
			uh + "u0001,张三,San Zhang,13912345678,zhangsan@corp.example.cn,0,正式,男,000123,工程师,2024-01-02,北京,A-301\n", nil},
	}
	for _, tt := range tests {
		expect(t, tt.name, check(t, tt.kind, tt.csv), tt.want...)
	}
}

// TestSeveralValuesInOneValueColumns: a one-value cell that holds several
// values is an error naming its column (instead of a warning, or a
// format error that hides what happened), and list and free-text columns
// keep their separators.
func TestSeveralValuesInOneValueColumns(t *testing.T) {
	const uh = "user_id,name,en_name,mobile,email,department_ids,employee_type,gender,employee_no,job_title,leader_user_id,join_time,department_path\n"
	users := uh +
		"u005,甲,,13900000005,,0,正式,,,,,,\n" +
		"u009,乙,,13900000009,,0,正式,,,,,,\n"
	row := func(userID, mobile, email, etype, gender, no, leader string) string {
		return strings.Join([]string{userID, "丙", "", mobile, email, "0", etype, gender, no, "", leader, "", ""}, ",") + "\n"
	}
	tests := []struct {
		name, row string
		want      []string
	}{
		{"leader ;", row("a", "13900000001", "", "正式", "", "", "u005;u009"), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader ,", row("a", "13900000001", "", "正式", "", "", `"u005,u009"`), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader space", row("a", "13900000001", "", "正式", "", "", "u005 u009"), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader full-width space", row("a", "13900000001", "", "正式", "", "", "u005\u3000u009"), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader ；", row("a", "13900000001", "", "正式", "", "", "u005；u009"), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader ，", row("a", "13900000001", "", "正式", "", "", "u005，u009"), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader 、", row("a", "13900000001", "", "正式", "", "", "u005、u009"), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader |", row("a", "13900000001", "", "正式", "", "", "u005|u009"), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader /", row("a", "13900000001", "", "正式", "", "", "u005/u009"), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"leader line break", row("a", "13900000001", "", "正式", "", "", "\"u005\nu009\""), []string{"4 leader_user_id CELL_SEVERAL_VALUES"}},
		{"user_id", row("a;b", "13900000001", "", "正式", "", "", ""), []string{"4 user_id CELL_SEVERAL_VALUES"}},
		{"mobile", row("a", "13900000001；13900000002", "", "正式", "", "", ""), []string{"4 mobile CELL_SEVERAL_VALUES"}},
		{"email", row("a", "13900000001", "a@corp.example.cn;b@corp.example.cn", "正式", "", "", ""), []string{"4 email CELL_SEVERAL_VALUES"}},
		{"employee_type", row("a", "13900000001", "", "正式、实习", "", "", ""), []string{"4 employee_type CELL_SEVERAL_VALUES"}},
		{"gender", row("a", "13900000001", "", "正式", "男;女", "", ""), []string{"4 gender CELL_SEVERAL_VALUES"}},
		{"employee_no", row("a", "13900000001", "", "正式", "", "E1，E2", ""), []string{"4 employee_no CELL_SEVERAL_VALUES"}},
		{"spaces inside a mobile are one mobile", row("a", "139 0000 0001", "", "正式", "", "", "u005"), nil},
		{"free text and lists keep their separators", "a,\"Zhang, San\",\"Zhang, San\",13900000001,,0;u009x,正式,,,\"工程师、组长\",,2024/1/2 15:04,总部/研发;总部/测试\n",
			[]string{"4 department_ids USER_DEPT_UNKNOWN", "4 department_path PATH_ROOT"}},
	}
	for _, tt := range tests {
		expect(t, tt.name, check(t, org.KindUsers, users+tt.row), tt.want...)
	}

	const dh = "department_id,name,parent_department_id,leader_user_id,create_group_chat,parent_path\nA,甲,0,,,\nB,乙,0,,,\n"
	deptTests := []struct {
		name, row string
		want      []string
	}{
		{"department_id", "A;B,丙,0,,,\n", []string{"4 department_id CELL_SEVERAL_VALUES"}},
		{"parent", "C,丙,\"A,B\",,,\n", []string{"4 parent_department_id CELL_SEVERAL_VALUES"}},
		{"leaders are a list: a space does not separate them", "C,丙,0,u1 u2,,\n", []string{"4 leader_user_id ID_LIST_FORMAT"}},
		{"group chat", "C,丙,0,,是;否,\n", []string{"4 create_group_chat CELL_SEVERAL_VALUES"}},
		{"parent path", ",丙,,,,甲；乙\n", []string{"4 parent_path CELL_SEVERAL_VALUES"}},
		{"a comma in a parent path is part of a name", ",丙,,,,\"甲/研发,测试\"\n", nil},
	}
	for _, tt := range deptTests {
		expect(t, tt.name, check(t, org.KindDepartments, dh+tt.row), tt.want...)
	}
}
