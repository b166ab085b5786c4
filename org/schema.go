package org

import (
	"strings"

	"golang.org/x/text/width"
)

// Kind is the kind of rows a table holds.
type Kind string

// Table kinds.
const (
	KindDepartments Kind = "departments"
	KindUsers       Kind = "users"
	KindUnits       Kind = "units"
)

// Field is one column of the template. Key is the Contact v3 field name;
// ZH is the Chinese header; Aliases are further names people use.
type Field struct {
	Key      string
	ZH       string
	Aliases  []string
	Required bool     // the column must be present (unless one of Alt is)
	Alt      []string // fields that can stand in for a required one
	Text     bool     // written as text so Excel keeps zeros and long digits
	Choices  []string // dropdown values in the template
	Example  string   // value of the template's example row
	Single   Single   // how a cell that should hold one value can hold several
	// Date: an Excel date cell, which an xlsx stores as its serial number
	// (45474), is read as the day a person sees in it (2024-07-01), so
	// every report and plan shows the date (DateCell).
	Date bool
}

// Single says which separators make a one-value cell hold several values
// (u005;u009 in a leader column): such a cell is an error, never a guess.
type Single int

// Kinds of one-value columns.
const (
	// FreeText is any text (names, titles, where a comma is fine), or a
	// column that holds a list (department_ids, department_path).
	FreeText Single = iota
	// OneValue is one value: ; , ； ， 、 | or a line break separate several.
	OneValue
	// OneID is one ID: a space separates several too.
	OneID
	// OnePath is one department path: ; ； | or a line break separate
	// several (a department name may hold a comma).
	OnePath
)

// The template's example rows carry ExampleMarker in their marker column
// (MarkerHeader), a column import ignores. Validation looks for the marker
// in every cell of a row, whatever its column, so it survives the row being
// copied into another workbook or saved as CSV.
const (
	ExampleMarker = "示例行 EXAMPLE ROW"
	ExampleNote   = ExampleMarker + "：导入前请删除本行 / delete this row before importing"
	MarkerHeader  = "示例标记 (example_marker)"
)

// Header is the bilingual header orgbatch writes: "部门ID (department_id)".
func (f Field) Header() string { return f.ZH + " (" + f.Key + ")" }

// Names lists every accepted header for messages.
func (f Field) Names() []string {
	return append([]string{f.Key, f.ZH}, f.Aliases...)
}

// Schema is the ordered list of a kind's fields.
type Schema struct {
	Kind       Kind
	SheetNames []string // sheet names that mean this kind
	Fields     []Field
}

// Field returns the field with the given key.
func (s *Schema) Field(key string) (Field, bool) {
	for _, f := range s.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// DepartmentSchema is the departments sheet.
var DepartmentSchema = &Schema{
	Kind:       KindDepartments,
	SheetNames: []string{"departments", "department", "depts", "部门", "部门表", "部门信息"},
	Fields: []Field{
		{Key: "department_id", ZH: "部门ID", Aliases: []string{"部门编号", "部门编码", "dept_id"}, Required: true, Alt: []string{"parent_path"}, Text: true, Example: "D100", Single: OneID},
		{Key: "name", ZH: "部门名称", Aliases: []string{"department_name", "dept_name"}, Required: true, Example: "技术中心"},
		{Key: "parent_department_id", ZH: "上级部门ID", Aliases: []string{"上级部门编号", "parent_id"}, Required: true, Alt: []string{"parent_path"}, Text: true, Example: "0", Single: OneID},
		{Key: "name_en", ZH: "英文名称", Aliases: []string{"部门英文名称", "en_name"}, Example: "Technology Center"},
		{Key: "name_ja", ZH: "日文名称", Aliases: []string{"部门日文名称", "ja_name"}},
		// leader_user_id is the main leader, then any deputies (u005;u009).
		{Key: "leader_user_id", ZH: "部门负责人ID", Aliases: []string{"负责人ID", "部门主管ID"}, Text: true, Example: "u0001"},
		{Key: "deputy_leader_user_ids", ZH: "副负责人ID", Aliases: []string{"部门副负责人ID", "deputy_leader_ids", "deputy_leaders"}, Text: true},
		{Key: "department_hrbps", ZH: "部门HRBP", Aliases: []string{"HRBP", "HRBP ID", "hrbp_user_ids", "hrbps"}, Text: true},
		{Key: "order", ZH: "排序", Aliases: []string{"排序值", "sort"}, Text: true, Example: "10"},
		{Key: "create_group_chat", ZH: "创建部门群", Aliases: []string{"是否创建部门群"}, Choices: []string{"是", "否"}, Example: "否", Single: OneValue},
		// unit names the department's unit by unit_id or name: one per department.
		{Key: "unit", ZH: "单位", Aliases: []string{"所属单位", "department_unit"}, Single: OneValue},
		{Key: "parent_path", ZH: "上级部门路径", Aliases: []string{"上级部门全路径", "parent_department_path"}, Single: OnePath},
	},
}

// UserSchema is the users sheet.
var UserSchema = &Schema{
	Kind:       KindUsers,
	SheetNames: []string{"users", "user", "members", "成员", "人员", "成员表", "人员表", "员工", "员工信息"},
	Fields: []Field{
		{Key: "user_id", ZH: "用户ID", Aliases: []string{"员工ID"}, Text: true, Example: "u0001", Single: OneID},
		{Key: "name", ZH: "姓名", Aliases: []string{"user_name", "员工姓名"}, Required: true, Example: "张三"},
		{Key: "en_name", ZH: "英文名", Aliases: []string{"english_name"}, Example: "San Zhang"},
		{Key: "mobile", ZH: "手机号", Aliases: []string{"手机", "手机号码", "phone"}, Required: true, Text: true, Example: "13800138000", Single: OneValue},
		{Key: "email", ZH: "邮箱", Aliases: []string{"电子邮箱", "邮箱地址", "e-mail"}, Example: "zhangsan@example.com", Single: OneValue},
		{Key: "department_ids", ZH: "所属部门ID", Aliases: []string{"部门ID列表", "dept_ids"}, Required: true, Alt: []string{"department_path"}, Text: true, Example: "D100"},
		{Key: "employee_type", ZH: "人员类型", Aliases: []string{"员工类型"}, Required: true, Choices: []string{"正式", "实习", "外包", "劳务", "顾问"}, Example: "正式", Single: OneValue},
		{Key: "gender", ZH: "性别", Choices: []string{"保密", "男", "女", "其他"}, Example: "男", Single: OneValue},
		{Key: "employee_no", ZH: "工号", Aliases: []string{"员工编号", "员工工号"}, Text: true, Example: "000123", Single: OneValue},
		{Key: "job_title", ZH: "职务", Aliases: []string{"职位"}, Example: "工程师"},
		// The tenant's job levels and families, by name; a family may be a
		// path of nested families (研发/后端).
		{Key: "job_level", ZH: "职级", Aliases: []string{"职级名称", "level"}, Example: "P5", Single: OneValue},
		{Key: "job_family", ZH: "序列", Aliases: []string{"职位序列", "序列路径", "job_sequence"}, Example: "研发/后端", Single: OnePath},
		{Key: "leader_user_id", ZH: "直属上级ID", Aliases: []string{"直属主管ID", "上级ID"}, Text: true, Single: OneID},
		{Key: "dotted_line_leader_user_ids", ZH: "虚线上级ID", Aliases: []string{"虚线上级", "dotted_line_leader_ids", "dotted_leaders"}, Text: true},
		{Key: "join_time", ZH: "入职日期", Aliases: []string{"入职时间"}, Text: true, Date: true, Example: "2024-01-02"},
		{Key: "city", ZH: "城市", Aliases: []string{"工作城市"}, Example: "北京"},
		{Key: "work_station", ZH: "工位", Aliases: []string{"座位"}, Example: "A-301"},
		{Key: "department_path", ZH: "部门路径", Aliases: []string{"部门", "所属部门", "部门全路径", "所属部门路径"}},
	},
}

// UnitSchema is the units sheet (单位: subsidiaries, branches), imported
// before departments, which name a unit in their unit column.
var UnitSchema = &Schema{
	Kind:       KindUnits,
	SheetNames: []string{"units", "unit", "单位", "单位表", "单位信息"},
	Fields: []Field{
		{Key: "unit_id", ZH: "单位ID", Aliases: []string{"单位编号", "单位编码"}, Text: true, Example: "BU01", Single: OneID},
		{Key: "name", ZH: "单位名称", Aliases: []string{"unit_name"}, Required: true, Example: "华东子公司"},
		{Key: "unit_type", ZH: "单位类型", Aliases: []string{"type"}, Required: true, Example: "子公司"},
	},
}

// Schemas are all kinds, in the order sheets are written.
var Schemas = []*Schema{DepartmentSchema, UserSchema, UnitSchema, GroupSchema, GroupMemberSchema}

// normHeader folds a header for matching: full-width to half-width,
// lower case, without spaces, underscores, hyphens and required-markers.
func normHeader(s string) string {
	s = width.Fold.String(s)
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '*', '\t', '\n', '\r', '.', ':':
			return -1
		}
		return r
	}, s)
}

// MatchHeader finds the field a header cell names. It accepts the field
// key, the Chinese header, any alias, or orgbatch's own bilingual form
// "部门ID (department_id)" — any part of a header split at brackets, slashes
// and line breaks may match.
func (s *Schema) MatchHeader(cell string) (Field, bool) {
	if f, ok := s.matchExact(cell); ok {
		return f, true
	}
	parts := strings.FieldsFunc(width.Fold.String(cell), func(r rune) bool {
		return strings.ContainsRune("()[]/|\n", r)
	})
	for _, p := range parts {
		if f, ok := s.matchExact(p); ok {
			return f, true
		}
	}
	return Field{}, false
}

func (s *Schema) matchExact(cell string) (Field, bool) {
	n := normHeader(cell)
	if n == "" {
		return Field{}, false
	}
	for _, f := range s.Fields {
		for _, name := range f.Names() {
			if normHeader(name) == n {
				return f, true
			}
		}
	}
	return Field{}, false
}

// IsSheetName reports whether a worksheet name means this kind; orgbatch's
// own bilingual names ("部门 departments") match by either word.
func (s *Schema) IsSheetName(name string) bool {
	return nameIn(name, s.SheetNames)
}

// instructionSheetNames are sheets that explain a template: their rows
// mention every header, so they must never be mistaken for data.
var instructionSheetNames = []string{"说明", "instructions", "填写说明", "填写须知", "readme", "problems", "问题", "summary", "汇总", "metadata", "元数据", "tree", "组织架构树",
	"已离职成员"} // an export's resigned users: for reading, never imported

// IsInstructionSheet reports whether a worksheet only explains the others.
func IsInstructionSheet(name string) bool { return nameIn(name, instructionSheetNames) }

func nameIn(name string, names []string) bool {
	parts := append([]string{name}, strings.Fields(name)...)
	for _, p := range parts {
		n := normHeader(p)
		for _, sn := range names {
			if normHeader(sn) == n {
				return true
			}
		}
	}
	return false
}
