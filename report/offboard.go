package report

import (
	"strings"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sheet"
)

// The departments of an offboarding or a restore have no input row: the
// leader slots changed, the departments deleted (or re-created). Plans and
// reports list them on a sheet of their own, as paths' departments are.

const offboardDepartmentsName = "部门 departments"

var offboardDepartmentColumns = []sheet.Column{
	{Header: "部门ID department_id", Width: 20}, {Header: "部门名称 name", Width: 20}, {Header: "部门路径 path", Width: 40},
}

// rowlessDepartment is a department change with no input row that is not
// one a path created.
func rowlessDepartment(c *plan.Change) bool {
	return c.Kind == plan.KindDepartment && c.Record.T == nil && !c.FromPath
}

func departmentCells(c *plan.Change) []string { return []string{c.Key, c.Name, c.Path} }

// offboardDepartmentsSheet is that sheet in an import report: each
// department with its outcome.
func offboardDepartmentsSheet(outcomes []importer.Outcome) *sheet.OutSheet {
	var rows [][]string
	var marks []sheet.Mark
	for i := range outcomes {
		oc := &outcomes[i]
		if rowlessDepartment(oc.Change) {
			rows = append(rows, append(departmentCells(oc.Change), outcomeCells(oc)...))
			marks = append(marks, statusMarks[oc.Status])
		}
	}
	return departmentsSheet(rows, importColumns, marks)
}

// planDepartmentsSheet is that sheet in a plan: each department with its
// action, changes and problems.
func planDepartmentsSheet(p *plan.Plan) *sheet.OutSheet {
	var rows [][]string
	var marks []sheet.Mark
	for _, c := range p.Changes {
		if !rowlessDepartment(c) {
			continue
		}
		var changes []string
		for _, f := range c.Fields {
			changes = append(changes, f.Field+": "+f.Old+" → "+f.New)
		}
		rows = append(rows, append(departmentCells(c), string(c.Action), strings.Join(changes, "\n"), problemTexts(c.Problems)))
		marks = append(marks, actionMarks[c.Action])
	}
	return departmentsSheet(rows, planColumns, marks)
}

func departmentsSheet(rows [][]string, extra []sheet.Column, marks []sheet.Mark) *sheet.OutSheet {
	if rows == nil {
		return nil
	}
	first := len(offboardDepartmentColumns)
	return &sheet.OutSheet{Name: offboardDepartmentsName, Columns: append(append([]sheet.Column(nil), offboardDepartmentColumns...), extra...),
		Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark {
			if c == first {
				return marks[r]
			}
			return sheet.MarkNone
		}}
}
