package org_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// usersHeader is a complete users header in Chinese.
var usersHeader = row("用户ID", "姓名", "手机号", "所属部门ID", "人员类型")

// deptsHeader is a complete departments header in Chinese.
var deptsHeader = row("部门ID", "部门名称", "上级部门ID")

type wantTable struct {
	kind      org.Kind
	sheet     string
	headerRow int
	col       map[string]int // every recognised column
	unknown   []int
}

// TestLoadHeaders: how sheets, header rows and columns are found, and the
// file-level problems (COLUMN_MISSING, COLUMN_DUPLICATE, SHEET_NO_HEADER,
// SHEET_NOT_FOUND, FILE_UNREADABLE).
func TestLoadHeaders(t *testing.T) {
	cases := []struct {
		name   string
		inputs func(t *testing.T, dir string) []org.Input
		rules  []string // sorted rule codes of every problem
		tables []wantTable
		check  func(t *testing.T, o *org.Org, ps []problem.Problem)
	}{
		{
			name: "aliases in any order, any case, surrounding spaces",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "users.csv",
					" Mobile ,NAME,部门ID列表,  employee_type  ,员工编号,入职时间,E-Mail,User_ID\n"+
						"13800138000,张三,D1,正式,000123,2024-01-02,a@example.com,u1\n")}}
			},
			tables: []wantTable{{kind: org.KindUsers, headerRow: 1, col: map[string]int{
				"mobile": 0, "name": 1, "department_ids": 2, "employee_type": 3, "employee_no": 4, "join_time": 5, "email": 6, "user_id": 7,
			}}},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				u := o.Users[0]
				if u.Mobile() != "13800138000" || u.Name() != "张三" || u.EmployeeNo() != "000123" || u.UserID() != "u1" || u.Email() != "a@example.com" {
					t.Errorf("user read as %+v", u)
				}
			},
		},
		{
			name: "orgbatch's bilingual headers, full-width brackets and letters",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "depts.csv",
					"部门ID (department_id),部门名称 (name),上级部门ID（parent_department_id）,部门负责人ID / leader_user_id,ＯＲＤＥＲ\n"+
						"D1,技术中心,0,u1,10\n")}}
			},
			tables: []wantTable{{kind: org.KindDepartments, headerRow: 1, col: map[string]int{
				"department_id": 0, "name": 1, "parent_department_id": 2, "leader_user_id": 3, "order": 4,
			}}},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				d := o.Departments[0]
				if d.ID() != "D1" || d.Name() != "技术中心" || d.ParentID() != "0" || d.LeaderUserID() != "u1" || d.Order() != "10" {
					t.Errorf("department read as %+v", d)
				}
			},
		},
		{
			name: "required markers and line breaks in headers",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeBook(t, dir, "b.xlsx", tsheet{name: "Sheet1", rows: [][]any{
					row("*姓名", "手机号\n(必填)", "所属部门ID*", "人员类型：", "工号\r\nemployee_no"),
					row("张三", "13800138000", "D1", "正式", "000123"),
				}})}}
			},
			tables: []wantTable{{kind: org.KindUsers, sheet: "Sheet1", headerRow: 1, col: map[string]int{
				"name": 0, "mobile": 1, "department_ids": 2, "employee_type": 3, "employee_no": 4,
			}}},
		},
		{
			name: "instruction rows above the header",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeBook(t, dir, "b.xlsx", tsheet{name: "Sheet1", rows: [][]any{
					row("员工信息导入模板"),
					row("说明：带*的列必填；手机号请设为文本格式", "", "姓名"),
					nil,
					usersHeader,
					row("u1", "张三", "13800138000", "D1", "正式"),
					nil,
					row("u2", "李四", "13900139000", "D1", "实习"),
				}})}}
			},
			tables: []wantTable{{kind: org.KindUsers, sheet: "Sheet1", headerRow: 4, col: map[string]int{
				"user_id": 0, "name": 1, "mobile": 2, "department_ids": 3, "employee_type": 4,
			}}},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				if len(o.Users) != 2 || o.Users[0].Num != 5 || o.Users[1].Num != 7 || o.Users[1].Name() != "李四" {
					t.Errorf("users %v", userRows(o))
				}
			},
		},
		{
			name: "header as the 10th non-blank row is found",
			inputs: func(t *testing.T, dir string) []org.Input {
				rows := [][]any{}
				for i := 0; i < 9; i++ {
					rows = append(rows, row("说明第"+string(rune('1'+i))+"行"), nil)
				}
				rows = append(rows, usersHeader, row("u1", "张三", "13800138000", "D1", "正式"))
				return []org.Input{{Path: writeBook(t, dir, "b.xlsx", tsheet{name: "成员", rows: rows})}}
			},
			tables: []wantTable{{kind: org.KindUsers, sheet: "成员", headerRow: 19, col: map[string]int{
				"user_id": 0, "name": 1, "mobile": 2, "department_ids": 3, "employee_type": 4,
			}}},
		},
		{
			name: "header below the first 10 non-blank rows is not searched",
			inputs: func(t *testing.T, dir string) []org.Input {
				rows := [][]any{}
				for i := 0; i < 10; i++ {
					rows = append(rows, row("说明"))
				}
				rows = append(rows, usersHeader, row("u1", "张三", "13800138000", "D1", "正式"))
				return []org.Input{{Path: writeBook(t, dir, "b.xlsx", tsheet{name: "成员", rows: rows})}}
			},
			rules: []string{"SHEET_NO_HEADER"},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				if p := ps[0]; p.Sheet != "成员" || !strings.Contains(p.MessageZH, "说明") {
					t.Errorf("problem %s", showProblems(ps))
				}
			},
		},
		{
			name: "sheets found by name",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{
					{Path: writeBook(t, dir, "zh.xlsx",
						tsheet{name: "部门", rows: [][]any{deptsHeader, row("D1", "技术", "0")}},
						tsheet{name: "人员", rows: [][]any{usersHeader, row("u1", "张三", "13800138000", "D1", "正式")}})},
					{Path: writeBook(t, dir, "en.xlsx",
						tsheet{name: "Users", rows: [][]any{usersHeader, row("u2", "李四", "13900139000", "D1", "正式")}},
						tsheet{name: "DEPARTMENTS", rows: [][]any{deptsHeader, row("D2", "市场", "0")}})},
					{Path: writeBook(t, dir, "orgbatch.xlsx",
						tsheet{name: "部门 departments", rows: [][]any{deptsHeader, row("D3", "销售", "0")}},
						tsheet{name: "成员 users", rows: [][]any{usersHeader, row("u3", "王五", "13700137000", "D3", "正式")}})},
				}
			},
			tables: []wantTable{
				{kind: org.KindDepartments, sheet: "部门", headerRow: 1, col: map[string]int{"department_id": 0, "name": 1, "parent_department_id": 2}},
				{kind: org.KindUsers, sheet: "人员", headerRow: 1, col: map[string]int{"user_id": 0, "name": 1, "mobile": 2, "department_ids": 3, "employee_type": 4}},
				{kind: org.KindUsers, sheet: "Users", headerRow: 1, col: map[string]int{"user_id": 0, "name": 1, "mobile": 2, "department_ids": 3, "employee_type": 4}},
				{kind: org.KindDepartments, sheet: "DEPARTMENTS", headerRow: 1, col: map[string]int{"department_id": 0, "name": 1, "parent_department_id": 2}},
				{kind: org.KindDepartments, sheet: "部门 departments", headerRow: 1, col: map[string]int{"department_id": 0, "name": 1, "parent_department_id": 2}},
				{kind: org.KindUsers, sheet: "成员 users", headerRow: 1, col: map[string]int{"user_id": 0, "name": 1, "mobile": 2, "department_ids": 3, "employee_type": 4}},
			},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				if len(o.Departments) != 3 || len(o.Users) != 3 {
					t.Errorf("%d departments, %d users", len(o.Departments), len(o.Users))
				}
			},
		},
		{
			name: "sheets found by headers",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeBook(t, dir, "b.xlsx",
					tsheet{name: "Sheet1", rows: [][]any{usersHeader, row("u1", "张三", "13800138000", "D1", "正式")}},
					tsheet{name: "组织", rows: [][]any{row("部门编号", "部门名称", "上级部门编号"), row("D1", "技术", "0")}},
					tsheet{name: "下拉选项", rows: [][]any{row("正式"), row("实习"), row("外包")}})}}
			},
			tables: []wantTable{
				{kind: org.KindUsers, sheet: "Sheet1", headerRow: 1, col: map[string]int{"user_id": 0, "name": 1, "mobile": 2, "department_ids": 3, "employee_type": 4}},
				{kind: org.KindDepartments, sheet: "组织", headerRow: 1, col: map[string]int{"department_id": 0, "name": 1, "parent_department_id": 2}},
			},
		},
		{
			name: "the sheet name decides the kind over its headers",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeBook(t, dir, "b.xlsx",
					tsheet{name: "部门", rows: [][]any{usersHeader, row("u1", "张三", "13800138000", "D1", "正式")}})}}
			},
			rules: []string{"SHEET_NO_HEADER"},
		},
		{
			name: "an instructions sheet is never taken for data",
			inputs: func(t *testing.T, dir string) []org.Input {
				everyHeader := append(append([]any{}, deptsHeader...), usersHeader...)
				return []org.Input{{Path: writeBook(t, dir, "b.xlsx",
					tsheet{name: "说明", rows: [][]any{everyHeader, usersHeader, deptsHeader}},
					tsheet{name: "填写说明 instructions", rows: [][]any{usersHeader, row("u9", "示例", "13800138000", "D1", "正式")}},
					tsheet{name: "README", rows: [][]any{deptsHeader, row("D9", "示例", "0")}},
					tsheet{name: "成员", rows: [][]any{usersHeader, row("u1", "张三", "13800138000", "D1", "正式")}})}}
			},
			tables: []wantTable{{kind: org.KindUsers, sheet: "成员", headerRow: 1, col: map[string]int{"user_id": 0, "name": 1, "mobile": 2, "department_ids": 3, "employee_type": 4}}},
		},
		{
			name: "an instructions sheet is skipped when the kind is forced too",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Kind: org.KindUsers, Path: writeBook(t, dir, "b.xlsx",
					tsheet{name: "说明", rows: [][]any{usersHeader, row("u9", "示例", "13800138000", "D1", "正式")}},
					tsheet{name: "Sheet1", rows: [][]any{usersHeader, row("u1", "张三", "13800138000", "D1", "正式")}})}}
			},
			tables: []wantTable{{kind: org.KindUsers, sheet: "Sheet1", headerRow: 1, col: map[string]int{"user_id": 0, "name": 1, "mobile": 2, "department_ids": 3, "employee_type": 4}}},
		},
		{
			name: "a missing required column: one problem naming it and its aliases",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "users.csv", "用户ID,姓名,所属部门ID,人员类型\nu1,张三,D1,正式\nu2,李四,D1,正式\n")}}
			},
			rules: []string{"COLUMN_MISSING"},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				p := ps[0]
				if p.Column != "手机号 (mobile)" || p.Row != 1 || p.Severity != problem.Error {
					t.Errorf("problem at %s, severity %s", p.Where(), p.Severity)
				}
				for _, s := range []string{"mobile", "手机号 / 手机 / 手机号码 / phone"} {
					if !strings.Contains(p.Message, s) || !strings.Contains(p.MessageZH, s) {
						t.Errorf("message %q / %q does not name %q", p.Message, p.MessageZH, s)
					}
				}
				if len(o.Tables) != 0 || len(o.Users) != 0 {
					t.Errorf("a table with a missing column was loaded")
				}
			},
		},
		{
			name: "several missing columns: one problem each",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "users.csv", "姓名,所属部门ID\n张三,D1\n")}}
			},
			rules: []string{"COLUMN_MISSING", "COLUMN_MISSING"},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				got := []string{ps[0].Column, ps[1].Column}
				if want := []string{"手机号 (mobile)", "人员类型 (employee_type)"}; !reflect.DeepEqual(got, want) {
					t.Errorf("missing columns %q, want %q", got, want)
				}
			},
		},
		{
			name: "a duplicated column",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "users.csv", "姓名,手机号,所属部门ID,人员类型,phone\n张三,13800138000,D1,正式,13900139000\n")}}
			},
			rules: []string{"COLUMN_DUPLICATE"},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				p := ps[0]
				if p.Column != "phone" || p.Row != 1 || p.Severity != problem.Error {
					t.Errorf("problem at %s", p.Where())
				}
				for _, s := range []string{"手机号", "phone", "mobile"} {
					if !strings.Contains(p.Message, s) || !strings.Contains(p.MessageZH, s) {
						t.Errorf("message %q does not name %q", p.Text(), s)
					}
				}
				if len(o.Users) != 0 {
					t.Error("a table with a duplicated column was loaded")
				}
			},
		},
		{
			name: "unknown columns are kept on the table and the rows",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "users.csv",
					"备注,姓名,手机号,,所属部门ID,人员类型,Remark\n"+
						"老员工,张三,13800138000,x,D1,正式,r1\n")}}
			},
			// A warning each; the header without a name is not a column.
			rules: []string{"COLUMN_UNKNOWN", "COLUMN_UNKNOWN"},
			tables: []wantTable{{kind: org.KindUsers, headerRow: 1,
				col:     map[string]int{"name": 1, "mobile": 2, "department_ids": 4, "employee_type": 5},
				unknown: []int{0, 6}}},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				for i, col := range []string{"备注", "Remark"} {
					p := ps[i]
					if p.Column != col || p.Row != 1 || p.Severity != problem.Warning || !strings.Contains(p.Message, col) || !strings.Contains(p.MessageZH, col) {
						t.Errorf("problem %s", showProblems([]problem.Problem{p}))
					}
				}
				u := o.Users[0]
				if u.Cell(0) != "老员工" || u.Cell(6) != "r1" || u.Cell(3) != "x" {
					t.Errorf("row cells %q", u.Cells())
				}
				if tb := o.Tables[0]; tb.Header[0] != "备注" || tb.Header[6] != "Remark" {
					t.Errorf("header %q", tb.Header)
				}
			},
		},
		{
			name: "a CSV with unrecognisable headers",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "x.csv", "编号,名字,电话号码\n1,张三,13800138000\n")}}
			},
			rules: []string{"SHEET_NO_HEADER"},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				if !strings.Contains(ps[0].MessageZH, "编号, 名字, 电话号码") || !strings.Contains(ps[0].Message, "编号, 名字, 电话号码") {
					t.Errorf("message does not show the first row: %s", ps[0].Text())
				}
			},
		},
		{
			name: "an empty CSV",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "empty.csv", "\xEF\xBB\xBF\r\n,,,\r\n")}}
			},
			rules: []string{"SHEET_NO_HEADER"},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				if !strings.Contains(ps[0].Text(), "(empty / 空)") {
					t.Errorf("message %s", ps[0].Text())
				}
			},
		},
		{
			name: "a workbook without data sheets",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeBook(t, dir, "b.xlsx",
					tsheet{name: "说明", rows: [][]any{usersHeader}},
					tsheet{name: "Sheet1", rows: [][]any{row("正式"), row("实习")}},
					tsheet{name: "Sheet2"})}}
			},
			rules: []string{"SHEET_NOT_FOUND"},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				if p := ps[0]; !strings.HasSuffix(p.File, "b.xlsx") || p.Severity != problem.Error {
					t.Errorf("problem %s", showProblems(ps))
				}
			},
		},
		{
			name: "several files without data sheets: one problem naming them all",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{
					{Path: writeBook(t, dir, "a.xlsx", tsheet{name: "Sheet1", rows: [][]any{row("x")}})},
					{Path: writeBook(t, dir, "b.xlsx", tsheet{name: "说明", rows: [][]any{usersHeader}})},
				}
			},
			rules: []string{"SHEET_NOT_FOUND"},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				if f := ps[0].File; !strings.Contains(f, "a.xlsx") || !strings.Contains(f, "b.xlsx") {
					t.Errorf("problem names %q", f)
				}
			},
		},
		{
			name: "the guessed kind of a CSV",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Path: writeText(t, dir, "x.csv", "name,department_id,parent_department_id,leader_user_id\n技术,D1,0,u1\n")}}
			},
			tables: []wantTable{{kind: org.KindDepartments, headerRow: 1, col: map[string]int{"name": 0, "department_id": 1, "parent_department_id": 2, "leader_user_id": 3}}},
		},
		{
			name: "Input.Kind forces a CSV's kind",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Kind: org.KindUsers, Path: writeText(t, dir, "x.csv", "name,department_id,parent_department_id,leader_user_id\n技术,D1,0,u1\n")}}
			},
			// As users, the header names two user fields; the required
			// user columns are missing and the department columns unknown.
			rules: []string{"COLUMN_MISSING", "COLUMN_MISSING", "COLUMN_MISSING", "COLUMN_UNKNOWN", "COLUMN_UNKNOWN"},
		},
		{
			name: "Input.Kind on CSVs of the right kind",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{
					{Kind: org.KindDepartments, Path: writeText(t, dir, "d.csv", "部门ID,部门名称,上级部门ID\nD1,技术,0\n")},
					{Kind: org.KindUsers, Path: writeText(t, dir, "u.csv", "姓名,手机号,所属部门ID,人员类型\n张三,13800138000,D1,正式\n")},
				}
			},
			tables: []wantTable{
				{kind: org.KindDepartments, headerRow: 1, col: map[string]int{"department_id": 0, "name": 1, "parent_department_id": 2}},
				{kind: org.KindUsers, headerRow: 1, col: map[string]int{"name": 0, "mobile": 1, "department_ids": 2, "employee_type": 3}},
			},
		},
		{
			name: "the wrong forced kind finds no header",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{{Kind: org.KindDepartments, Path: writeText(t, dir, "u.csv", "姓名,手机号,所属部门ID,人员类型\n张三,13800138000,D1,正式\n")}}
			},
			rules: []string{"SHEET_NO_HEADER"},
		},
		{
			name: "unreadable files: one clear problem each, the others still load",
			inputs: func(t *testing.T, dir string) []org.Input {
				return []org.Input{
					{Path: writeText(t, dir, "text.xlsx", "姓名,手机号\n")},
					{Path: writeText(t, dir, "old.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")},
					{Path: writeText(t, dir, "u.csv", "姓名,手机号,所属部门ID,人员类型\n张三,13800138000,D1,正式\n")},
				}
			},
			rules:  []string{"FILE_UNREADABLE", "FILE_UNREADABLE"},
			tables: []wantTable{{kind: org.KindUsers, headerRow: 1, col: map[string]int{"name": 0, "mobile": 1, "department_ids": 2, "employee_type": 3}}},
			check: func(t *testing.T, o *org.Org, ps []problem.Problem) {
				for _, p := range ps {
					if strings.Contains(p.Text(), "goroutine") || !strings.Contains(p.MessageZH, ".xls") {
						t.Errorf("message %s", p.Text())
					}
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			o, ps := org.Load(c.inputs(t, dir))
			if got := rules(ps); !reflect.DeepEqual(got, c.rules) {
				t.Fatalf("rules %v, want %v%s", got, c.rules, showProblems(ps))
			}
			if len(o.Tables) != len(c.tables) {
				t.Fatalf("%d tables, want %d", len(o.Tables), len(c.tables))
			}
			for i, w := range c.tables {
				tb := o.Tables[i]
				if tb.Kind != w.kind || tb.Sheet != w.sheet || tb.HeaderRow != w.headerRow || !reflect.DeepEqual(tb.Col, w.col) || !reflect.DeepEqual(tb.Unknown, w.unknown) {
					t.Errorf("table %d: %s [%s] header row %d, columns %v, unknown %v; want %s [%s] row %d, %v, %v",
						i, tb.Kind, tb.Sheet, tb.HeaderRow, tb.Col, tb.Unknown, w.kind, w.sheet, w.headerRow, w.col, w.unknown)
				}
			}
			if c.check != nil {
				c.check(t, o, ps)
			}
		})
	}
}

// TestHiddenSheetsAreSkipped: a hidden sheet that holds data is not
// loaded, with a SHEET_HIDDEN warning; hidden sheets that hold nothing to
// import stay silent.
func TestHiddenSheetsAreSkipped(t *testing.T) {
	dir := t.TempDir()
	users := tsheet{name: "成员", rows: [][]any{usersHeader, row("u1", "张三", "13800138000", "D1", "正式")}}
	cases := []struct {
		name   string
		sheets []tsheet
		hidden []string // sheets named in SHEET_HIDDEN warnings
	}{
		{"hidden by name", []tsheet{users, {name: "人员", hidden: true, rows: [][]any{usersHeader, row("u9", "隐藏", "13900139000", "D1", "正式")}}}, []string{"人员"}},
		{"hidden by headers", []tsheet{users, {name: "旧名单", hidden: true, rows: [][]any{usersHeader, row("u9", "隐藏", "13900139000", "D1", "正式")}}}, []string{"旧名单"}},
		{"hidden departments", []tsheet{users, {name: "Sheet9", hidden: true, rows: [][]any{deptsHeader, row("D9", "隐藏", "0")}}}, []string{"Sheet9"}},
		{"hidden lookup list", []tsheet{users, {name: "lists", hidden: true, rows: [][]any{row("正式"), row("实习")}}}, nil},
		{"hidden empty data sheet", []tsheet{users, {name: "部门", hidden: true}}, nil},
		{"hidden instructions", []tsheet{users, {name: "说明", hidden: true, rows: [][]any{usersHeader}}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeBook(t, dir, strings.ReplaceAll(c.name, " ", "-")+".xlsx", c.sheets...)
			o, ps := org.Load([]org.Input{{Path: path}})
			var got []string
			for _, p := range ps {
				if p.Rule != "SHEET_HIDDEN" {
					t.Errorf("unexpected problem %s", showProblems(ps))
					continue
				}
				if p.Severity != problem.Warning || p.File != path || !strings.Contains(p.Message, p.Sheet) || !strings.Contains(p.MessageZH, p.Sheet) {
					t.Errorf("warning %s", showProblems([]problem.Problem{p}))
				}
				got = append(got, p.Sheet)
			}
			if !reflect.DeepEqual(got, c.hidden) {
				t.Errorf("SHEET_HIDDEN for %q, want %q", got, c.hidden)
			}
			if len(o.Tables) != 1 || o.Tables[0].Sheet != "成员" || len(o.Users) != 1 || o.Users[0].UserID() != "u1" || len(o.Departments) != 0 {
				t.Errorf("loaded %d tables, users %v", len(o.Tables), userRows(o))
			}
		})
	}

	// A forced kind does not load a hidden sheet either.
	path := writeBook(t, dir, "forced.xlsx", users, tsheet{name: "备份", hidden: true, rows: [][]any{usersHeader, row("u9", "隐藏", "13900139000", "D1", "正式")}})
	o, ps := org.Load([]org.Input{{Path: path, Kind: org.KindUsers}})
	if got := rules(ps); !reflect.DeepEqual(got, []string{"SHEET_HIDDEN"}) || len(o.Users) != 1 {
		t.Errorf("forced kind: %v, %d users", got, len(o.Users))
	}
}

// realWorldDir holds the files other programs wrote (see
// ../sheet/testdata/gen/README.md).
const realWorldDir = "../sheet/testdata"

// TestLoadRealWorldFiles loads the files other programs wrote and checks
// every user as the validator will see it: values that Excel and others
// store as numbers, dates, formulas, merged cells, spaces.
func TestLoadRealWorldFiles(t *testing.T) {
	type wantUser struct {
		num                              int
		userID, name, mobile, employeeNo string
		depts                            []string
		employeeType                     int
	}
	want := []wantUser{
		{2, "u001", "张三", "13800138000", "000123", []string{"D100"}, 1},
		{3, "u002", "李四", "13900139000", "000124", []string{"D100"}, 1},
		{5, "u003", "王五", "13700137000", "000125", []string{"D200"}, 2},
	}
	files, err := filepath.Glob(filepath.Join(realWorldDir, "users-*"))
	if err != nil || len(files) < 10 {
		t.Fatalf("fixtures: %v, %v", files, err)
	}
	for _, file := range files {
		ext := filepath.Ext(file)
		if ext == ".xls" || ext == ".ods" {
			continue // rejected, see TestUnreadableFiles in sheet
		}
		t.Run(filepath.Base(file), func(t *testing.T) {
			o, ps := org.Load([]org.Input{{Path: file}})
			wantRules := []string{"COLUMN_UNKNOWN"} // 备注
			if ext == ".xlsx" {
				wantRules = append(wantRules, "SHEET_HIDDEN") // the hidden sheet 旧名单
			}
			if got := rules(ps); !reflect.DeepEqual(got, wantRules) {
				t.Fatalf("rules %v, want %v%s", got, wantRules, showProblems(ps))
			}
			if len(o.Users) != len(want) {
				t.Fatalf("users %v", userRows(o))
			}
			for i, w := range want {
				u := o.Users[i]
				depts := w.depts
				if strings.Contains(file, "libreoffice-gbk") && w.num == 3 {
					depts = nil // a CSV has no merged cells: F3 is empty
				}
				if u.Num != w.num || u.UserID() != w.userID || u.Name() != w.name || u.Mobile() != w.mobile ||
					u.EmployeeNo() != w.employeeNo || !equalList(u.DepartmentIDs, depts) {
					t.Errorf("user %d read as row %d %q %q %q %q %q", i, u.Num, u.UserID(), u.Name(), u.Mobile(), u.EmployeeNo(), u.DepartmentIDs)
				}
				m, hint, ok := org.ParseMobile(u.Mobile())
				if !ok || hint != org.HintNone || m.E164 != "+86"+w.mobile || !m.Mainland {
					t.Errorf("mobile %q parsed as %+v %q %v", u.Mobile(), m, hint, ok)
				}
				if n, ok := org.ParseEmployeeType(u.EmployeeType()); !ok || n != w.employeeType {
					t.Errorf("employee type %q parsed as %d %v", u.EmployeeType(), n, ok)
				}
				// Every join date — a date cell's serial, 2024/1/2, 2024-01-02
				// — is the same day.
				d, ok := org.ParseDate(u.JoinTime())
				if !ok || org.FormatDate(d) != "2024-01-02" {
					t.Errorf("join date %q parsed as %v %v", u.JoinTime(), d, ok)
				}
			}
			// A date cell (stored as its serial 45293) reads as the day it
			// shows, so reports and plans show that day.
			if ext == ".xlsx" && (o.Users[0].JoinTime() != "2024-01-02" || o.Users[0].Values.JoinTime != jan2CST.Unix()) {
				t.Errorf("the date cell reads as %q (%d), want 2024-01-02", o.Users[0].JoinTime(), o.Users[0].Values.JoinTime)
			}
		})
	}
}

var jan2CST = time.Date(2024, 1, 2, 0, 0, 0, 0, org.China)

func equalList(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

func userRows(o *org.Org) []string {
	var out []string
	for _, u := range o.Users {
		out = append(out, strings.Join(u.Cells(), "|"))
	}
	return out
}

// TestRecordsKeepTheirOwnCells: every record holds its own row, not a
// buffer the reader reuses.
func TestRecordsKeepTheirOwnCells(t *testing.T) {
	dir := t.TempDir()
	var rows [][]any
	rows = append(rows, usersHeader)
	csv := "用户ID,姓名,手机号,所属部门ID,人员类型\n"
	for i := 0; i < 50; i++ {
		id := "u" + strings.Repeat("x", i)
		rows = append(rows, row(id, "n", "13800138000", "D1", "正式"))
		csv += id + ",n,13800138000,D1,正式\n"
	}
	for _, path := range []string{writeBook(t, dir, "b.xlsx", tsheet{name: "成员", rows: rows}), writeText(t, dir, "u.csv", csv)} {
		o, ps := org.Load([]org.Input{{Path: path}})
		if len(ps) != 0 || len(o.Users) != 50 {
			t.Fatalf("%s: %d users%s", path, len(o.Users), showProblems(ps))
		}
		for i, u := range o.Users {
			if want := "u" + strings.Repeat("x", i); u.UserID() != want || u.Cell(0) != want || u.Loc("").Row != i+2 {
				t.Fatalf("%s: user %d is %q (row %d)", path, i, u.Cell(0), u.Loc("").Row)
			}
		}
	}
}

func TestRecordLoc(t *testing.T) {
	dir := t.TempDir()
	path := writeText(t, dir, "u.csv", "姓名,Phone,所属部门ID,人员类型\n张三,13800138000,D1,正式\n")
	o, ps := org.Load([]org.Input{{Path: path}})
	if len(ps) != 0 {
		t.Fatal(showProblems(ps))
	}
	u := o.Users[0]
	if l := u.Loc("mobile"); l.File != path || l.Sheet != "" || l.Row != 2 || l.Column != "Phone" {
		t.Errorf("Loc(mobile) = %+v: the column as the file writes it", l)
	}
	if l := u.Loc("email"); l.Column != "邮箱 (email)" {
		t.Errorf("Loc(email) = %+v: an absent column by its own header", l)
	}
	if l := u.Loc(""); l.Column != "" || l.Row != 2 {
		t.Errorf("Loc(\"\") = %+v", l)
	}
	if got := u.T.Column("nope"); got != "nope" {
		t.Errorf("Column(unknown key) = %q", got)
	}
	if u.Get("email") != "" || u.Get("mobile") != "13800138000" {
		t.Error("Get")
	}
}

// TestLoadUnreadableSheet: a sheet that breaks off mid-way is one
// FILE_UNREADABLE problem, not a partial import.
func TestLoadUnreadableSheet(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(realWorldDir, "users-excel.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "truncated.xlsx")
	if err := os.WriteFile(path, data[:len(data)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	o, ps := org.Load([]org.Input{{Path: path}})
	if got := rules(ps); !reflect.DeepEqual(got, []string{"FILE_UNREADABLE"}) || len(o.Users) != 0 {
		t.Errorf("rules %v, %d users%s", got, len(o.Users), showProblems(ps))
	}
	if p := ps[0]; p.File != path || !strings.Contains(p.MessageZH, "xlsx") || strings.Contains(p.Text(), "\n") {
		t.Errorf("problem %s", showProblems(ps))
	}
}
