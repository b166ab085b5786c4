package report

import (
	"strings"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sheet"
)

// The departments of an offboarding or a restore have no input row: the
// leader slots changed, the departments deleted (or re-created); nor do
// the users a restore takes from an offboarding's record. Plans and
// reports list them on sheets of their own, as paths' departments are.

// rowless is a sheet of changes of one kind without an input row.
type rowless struct {
	kind      plan.Kind
	name, csv string
	columns   []sheet.Column
}

var rowlessSheets = []rowless{
	{plan.KindDepartment, "部门 departments", "report-departments.csv", []sheet.Column{{Header: "部门ID department_id", Width: 20}, {Header: "部门名称 name", Width: 20}, {Header: "部门路径 path", Width: 40}}},
	{plan.KindUser, "成员 users", "report-users.csv", []sheet.Column{{Header: "用户ID user_id", Width: 16}, {Header: "姓名 name", Width: 16}, {Header: "所属部门ID department_ids", Width: 40}}},
}

// of reports a change of the sheet's kind with no input row that is not
// one a path created.
func (r rowless) of(c *plan.Change) bool { return c.Kind == r.kind && c.Record.T == nil && !c.FromPath }

func (r rowless) cells(c *plan.Change) []string {
	if r.kind == plan.KindUser {
		return []string{c.Key, c.Name, strings.Join(c.Departments, ";")}
	}
	return []string{c.Key, c.Name, c.Path}
}

// csvSheet is a report sheet and the CSV file it is also written to.
type csvSheet struct {
	s   *sheet.OutSheet
	csv string
}

// rowlessOutcomes are those sheets in an import report: each change with
// its outcome.
func rowlessOutcomes(outcomes []importer.Outcome) []csvSheet {
	var out []csvSheet
	for _, r := range rowlessSheets {
		var rows [][]string
		var marks []sheet.Mark
		for i := range outcomes {
			if oc := &outcomes[i]; r.of(oc.Change) {
				rows = append(rows, append(r.cells(oc.Change), outcomeCells(oc)...))
				marks = append(marks, statusMarks[oc.Status])
			}
		}
		out = append(out, csvSheet{r.sheet(rows, importColumns, marks), r.csv})
	}
	return out
}

// rowlessPlan are those sheets in a plan: each change with its action,
// changes and problems.
func rowlessPlan(p *plan.Plan) []*sheet.OutSheet {
	var out []*sheet.OutSheet
	for _, r := range rowlessSheets {
		var rows [][]string
		var marks []sheet.Mark
		for _, c := range p.Changes {
			if !r.of(c) {
				continue
			}
			var changes []string
			for _, f := range c.Fields {
				changes = append(changes, f.Field+": "+f.Old+" → "+f.New)
			}
			rows = append(rows, append(r.cells(c), c.Action.Label(), strings.Join(changes, "\n"), problemTexts(c.Problems)))
			marks = append(marks, actionMarks[c.Action])
		}
		out = append(out, r.sheet(rows, planColumns, marks))
	}
	return out
}

func (r rowless) sheet(rows [][]string, extra []sheet.Column, marks []sheet.Mark) *sheet.OutSheet {
	if rows == nil {
		return nil
	}
	first := len(r.columns)
	return &sheet.OutSheet{Name: r.name, Columns: append(append([]sheet.Column(nil), r.columns...), extra...),
		Rows: rows, FreezeHeader: true,
		Mark: func(row, c int) sheet.Mark {
			if c == first {
				return marks[row]
			}
			return sheet.MarkNone
		}}
}
