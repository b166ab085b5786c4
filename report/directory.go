package report

import (
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
)

// The entries of the tenant's lists a run creates (--create-missing-types,
// -levels, -families) have no input row: they are listed on a sheet of
// their own, in the plan and in the report.

// DirectorySheetName names that sheet.
const DirectorySheetName = "先建项 schema entries"

var directoryKindZH = map[plan.Kind]string{
	plan.KindEmployeeType: "人员类型 employee_type", plan.KindJobLevel: "职级 job_level", plan.KindJobFamily: "序列 job_family",
}

func directoryColumns() []sheet.Column {
	return []sheet.Column{{Header: "类别 kind", Width: 22}, {Header: "名称 name", Width: 30}, {Header: "首次出现 first named in", Width: 40}}
}

func directoryCells(c *plan.Change) []string {
	return []string{directoryKindZH[c.Kind], c.Name, locText(c.Origin)}
}

func locText(l problem.Loc) string {
	return problem.Problem{File: l.File, Sheet: l.Sheet, Row: l.Row, Column: l.Column}.Where()
}

// directoryOutcomes is the report's sheet of the run's directory creates.
func directoryOutcomes(outcomes []importer.Outcome) *sheet.OutSheet {
	var rows [][]string
	var marks []sheet.Mark
	for i := range outcomes {
		oc := &outcomes[i]
		if !oc.Change.IsDirectory() {
			continue
		}
		rows = append(rows, append(directoryCells(oc.Change), outcomeCells(oc)...))
		marks = append(marks, statusMarks[oc.Status])
	}
	if rows == nil {
		return nil
	}
	n := len(directoryColumns())
	return &sheet.OutSheet{Name: DirectorySheetName, Columns: append(directoryColumns(), importColumns...), Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark {
			if c == n {
				return marks[r]
			}
			return sheet.MarkNone
		}}
}

// directoryPlan is the plan's sheet of the directory creates.
func directoryPlan(p *plan.Plan) *sheet.OutSheet {
	var rows [][]string
	var changes []*plan.Change
	for _, c := range p.Changes {
		if c.IsDirectory() {
			rows = append(rows, append(directoryCells(c), c.Action.Label(), problemTexts(c.Problems)))
			changes = append(changes, c)
		}
	}
	if rows == nil {
		return nil
	}
	n := len(directoryColumns())
	cols := append(directoryColumns(), sheet.Column{Header: "计划 action", Width: 11}, sheet.Column{Header: "问题 problems", Width: 60, Wrap: true})
	return &sheet.OutSheet{Name: DirectorySheetName, Columns: cols, Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark {
			if c == n {
				return actionMarks[changes[r].Action]
			}
			return sheet.MarkNone
		}}
}
