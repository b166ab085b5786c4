package templates

import (
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
)

// Sheet names of the template workbook.
const (
	DepartmentsSheet  = "部门 departments"
	UsersSheet        = "成员 users"
	UnitsSheet        = "单位 units"
	InstructionsSheet = "说明 instructions"
	LeaversSheet      = "离职 leavers"
	// User groups.
	GroupsSheet       = "用户组 groups"
	GroupMembersSheet = "用户组成员 group_members"
)

// DropdownRows is how many rows of a template carry the dropdowns.
const DropdownRows = 2000

// Columns returns the written columns of a schema, plus extra read-only
// columns (exports add some after the template's own).
func Columns(s *org.Schema, extra ...sheet.Column) []sheet.Column {
	cols := make([]sheet.Column, 0, len(s.Fields)+len(extra))
	for _, f := range s.Fields {
		cols = append(cols, FieldColumn(f))
	}
	return append(cols, extra...)
}

// FieldColumn is a field's column as the template writes it: its width,
// text format, required mark and dropdown.
func FieldColumn(f org.Field) sheet.Column {
	w := 16.0
	if f.Key == "email" || f.Key == "department_ids" || f.Key == "members" {
		w = 26
	}
	return sheet.Column{Header: f.Header(), Width: w, Text: f.Text, Required: f.Required, Choices: f.Choices}
}

// DataSheet is a departments, users or units sheet in the template format.
func DataSheet(s *org.Schema, rows [][]string, extra ...sheet.Column) sheet.OutSheet {
	return sheet.OutSheet{Name: SheetName(s.Kind), Columns: Columns(s, extra...), Rows: rows, FreezeHeader: true}
}

// SheetName is the template's sheet of a kind.
func SheetName(k org.Kind) string {
	switch k {
	case org.KindUsers:
		return UsersSheet
	case org.KindUnits:
		return UnitsSheet
	case org.KindLeavers:
		return LeaversSheet
	case org.KindGroups:
		return GroupsSheet
	case org.KindGroupMembers:
		return GroupMembersSheet
	}
	return DepartmentsSheet
}

// CSVName is the file name of a kind's sheet when written as CSV.
func CSVName(k org.Kind) string { return string(k) + ".csv" }
