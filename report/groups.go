package report

import (
	"fmt"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sheet"
)

// User groups in reports: every member change — from a membership row, a
// group row's members cell, or a removal — on a sheet of its own, with
// its group, the member and how it ended (plan.xlsx: what is planned).

var memberColumns = []sheet.Column{
	{Header: "用户组 group", Width: 18},
	{Header: "用户组名称 group_name", Width: 20},
	{Header: "成员 member", Width: 24},
	{Header: "用户ID user_id", Width: 18},
	{Header: "姓名 name", Width: 14},
	{Header: "来源 source", Width: 24},
}

const membersSheetName = "用户组成员 member results"

// memberSource says where a member change comes from.
func memberSource(c *plan.Change) string {
	switch {
	case c.Record.T != nil:
		return fmt.Sprintf("%s row %d", sheetOf(c.Record.T.Sheet, c.Record.T.File), c.Record.Num)
	case c.Action == plan.ActionRemove:
		return "移除 not listed (--remove-members)"
	case c.Origin.Row > 0:
		return fmt.Sprintf("%s row %d", sheetOf(c.Origin.Sheet, c.Origin.File), c.Origin.Row)
	}
	return ""
}

func sheetOf(sheetName, file string) string {
	if sheetName != "" {
		return sheetName
	}
	return file
}

func memberCells(c *plan.Change) []string {
	m := c.Member
	if m == nil {
		m = &plan.MemberOf{}
	}
	return []string{m.Group, m.GroupName, m.Ref, c.Existing.UserID, c.Name, memberSource(c)}
}

// memberOutcomesSheet lists every member change's outcome; nil without.
func memberOutcomesSheet(outcomes []importer.Outcome) *sheet.OutSheet {
	var rows [][]string
	var marks []sheet.Mark
	for i := range outcomes {
		oc := &outcomes[i]
		if oc.Change.Kind != plan.KindMember {
			continue
		}
		cells := memberCells(oc.Change)
		if oc.IDs.UserID != "" {
			cells[3] = oc.IDs.UserID
		}
		rows = append(rows, append(cells, outcomeCells(oc)...))
		marks = append(marks, statusMarks[oc.Status])
	}
	if rows == nil {
		return nil
	}
	cols := append(append([]sheet.Column(nil), memberColumns...), importColumns...)
	return &sheet.OutSheet{Name: membersSheetName, Columns: cols, Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark {
			if c == len(memberColumns) {
				return marks[r]
			}
			return sheet.MarkNone
		}}
}

// planMembersSheet lists every planned member change; nil without.
func planMembersSheet(p *plan.Plan) *sheet.OutSheet {
	var rows [][]string
	var changes []*plan.Change
	for _, c := range p.Changes {
		if c.Kind == plan.KindMember {
			rows = append(rows, append(memberCells(c), c.Action.Label(), problemTexts(c.Problems)))
			changes = append(changes, c)
		}
	}
	if rows == nil {
		return nil
	}
	cols := append(append([]sheet.Column(nil), memberColumns...), planColumns[0], planColumns[2])
	return &sheet.OutSheet{Name: membersSheetName, Columns: cols, Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark {
			if c == len(memberColumns) {
				return actionMarks[changes[r].Action]
			}
			return sheet.MarkNone
		}}
}
