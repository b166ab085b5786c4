package org_test

import (
	"testing"

	"github.com/orgbatch/orgbatch/org"
)

func TestMatchHeader(t *testing.T) {
	cases := []struct {
		schema *org.Schema
		header string
		key    string // "" = no match
	}{
		// The key, the Chinese header, aliases.
		{org.UserSchema, "mobile", "mobile"},
		{org.UserSchema, "手机号", "mobile"},
		{org.UserSchema, "手机", "mobile"},
		{org.UserSchema, "手机号码", "mobile"},
		{org.UserSchema, "phone", "mobile"},
		{org.UserSchema, "员工编号", "employee_no"},
		{org.UserSchema, "入职时间", "join_time"},
		{org.UserSchema, "部门ID列表", "department_ids"},
		{org.UserSchema, "dept_ids", "department_ids"},
		{org.DepartmentSchema, "部门编码", "department_id"},
		{org.DepartmentSchema, "上级部门编号", "parent_department_id"},
		{org.DepartmentSchema, "是否创建部门群", "create_group_chat"},
		// Case, spaces, underscores, hyphens, markers.
		{org.UserSchema, " Mobile ", "mobile"},
		{org.UserSchema, "MOBILE", "mobile"},
		{org.UserSchema, "Employee Type", "employee_type"},
		{org.UserSchema, "employee-type", "employee_type"},
		{org.UserSchema, "EmployeeType", "employee_type"},
		{org.UserSchema, "*姓名", "name"},
		{org.UserSchema, "姓名*", "name"},
		{org.UserSchema, "姓名：", "name"},
		{org.UserSchema, "e-mail", "email"},
		{org.UserSchema, "E_MAIL", "email"},
		{org.UserSchema, "手 机 号", "mobile"},
		{org.UserSchema, "\u3000手机号\u3000", "mobile"},
		{org.UserSchema, "ＭＯＢＩＬＥ", "mobile"}, // full-width letters
		// orgbatch's own bilingual form and other brackets.
		{org.DepartmentSchema, "部门ID (department_id)", "department_id"},
		{org.DepartmentSchema, "部门ID（department_id）", "department_id"},
		{org.DepartmentSchema, "部门ID [dept_id]", "department_id"},
		{org.UserSchema, "手机号 / mobile", "mobile"},
		{org.UserSchema, "手机号|phone", "mobile"},
		{org.UserSchema, "手机号\n(必填)", "mobile"},
		{org.UserSchema, "人员类型 (1-5)", "employee_type"},
		{org.UserSchema, "(employee_type)", "employee_type"},
		// Not headers of the schema.
		{org.UserSchema, "", ""},
		{org.UserSchema, "   ", ""},
		{org.UserSchema, "备注", ""},
		{org.UserSchema, "电话号码", ""},
		{org.UserSchema, "部门ID", ""},                // a departments header
		{org.UserSchema, "所属部门", "department_path"}, // a path column (HR exports)
		{org.DepartmentSchema, "所属部门ID", ""},
		{org.DepartmentSchema, "手机号", ""},
		{org.UserSchema, "()/|", ""},
		{org.UserSchema, "mobile phone", ""},
	}
	for _, c := range cases {
		f, ok := c.schema.MatchHeader(c.header)
		if ok != (c.key != "") || f.Key != c.key {
			t.Errorf("%s.MatchHeader(%q) = %q, %v; want %q", c.schema.Kind, c.header, f.Key, ok, c.key)
		}
	}
}

// TestEveryNameMatches: every field matches by each of its names and by
// the header orgbatch writes, and no name of one field is taken by
// another field of the same schema.
func TestEveryNameMatches(t *testing.T) {
	for _, s := range org.Schemas {
		for _, f := range s.Fields {
			for _, name := range append(f.Names(), f.Header()) {
				got, ok := s.MatchHeader(name)
				if !ok || got.Key != f.Key {
					t.Errorf("%s: %q matches %q, want %q", s.Kind, name, got.Key, f.Key)
				}
			}
			if g, ok := s.Field(f.Key); !ok || g.Key != f.Key {
				t.Errorf("%s.Field(%q) not found", s.Kind, f.Key)
			}
		}
		if _, ok := s.Field("nope"); ok {
			t.Errorf("%s.Field(nope) found", s.Kind)
		}
	}
	f, _ := org.DepartmentSchema.Field("department_id")
	if f.Header() != "部门ID (department_id)" {
		t.Errorf("Header() = %q", f.Header())
	}
}

func TestSheetNames(t *testing.T) {
	cases := []struct {
		name         string
		kind         org.Kind // "" = neither
		instructions bool
	}{
		{"部门", org.KindDepartments, false},
		{"部门表", org.KindDepartments, false},
		{"部门信息", org.KindDepartments, false},
		{"departments", org.KindDepartments, false},
		{"Departments", org.KindDepartments, false},
		{"depts", org.KindDepartments, false},
		{"部门 departments", org.KindDepartments, false},
		{"成员", org.KindUsers, false},
		{"人员", org.KindUsers, false},
		{"人员表", org.KindUsers, false},
		{"员工信息", org.KindUsers, false},
		{"users", org.KindUsers, false},
		{"USERS", org.KindUsers, false},
		{"members", org.KindUsers, false},
		{"成员 users", org.KindUsers, false},
		{" 成员 ", org.KindUsers, false},
		{"说明", "", true},
		{"填写说明", "", true},
		{"填写须知", "", true},
		{"Instructions", "", true},
		{"填写说明 instructions", "", true},
		{"README", "", true},
		{"问题 problems", "", true},
		{"汇总 summary", "", true},
		{"metadata", "", true},
		{"组织架构树 tree", "", true},
		{"Sheet1", "", false},
		{"下拉选项", "", false},
		{"部门成员", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		var kind org.Kind
		for _, s := range org.Schemas {
			if s.IsSheetName(c.name) {
				if kind != "" {
					t.Errorf("%q names two kinds", c.name)
				}
				kind = s.Kind
			}
		}
		if kind != c.kind {
			t.Errorf("sheet %q is %q, want %q", c.name, kind, c.kind)
		}
		if got := org.IsInstructionSheet(c.name); got != c.instructions {
			t.Errorf("IsInstructionSheet(%q) = %v, want %v", c.name, got, c.instructions)
		}
	}
}
