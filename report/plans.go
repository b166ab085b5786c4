package report

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sheet"
)

var planColumns = []sheet.Column{{Header: "计划 action", Width: 11}, {Header: "变更 changes", Width: 50, Wrap: true}, {Header: "问题 problems", Width: 60, Wrap: true}}

// matchedByColumn says, on a users sheet, how each row was matched to the
// Feishu user it updates: user_id, or mobile / email for a row without one.
var matchedByColumn = sheet.Column{Header: "匹配方式 matched_by", Width: 12}

// besideFirst puts v second in s on a users table: the matched_by column
// goes beside the action or status.
func besideFirst[T any](t *org.Table, s []T, v T) []T {
	if t.Kind != org.KindUsers && t.Kind != org.KindLeavers {
		return s
	}
	return slices.Insert(slices.Clone(s), 1, v)
}

var actionMarks = map[plan.Action]sheet.Mark{
	plan.ActionCreate:    sheet.MarkGood,
	plan.ActionMove:      sheet.MarkChanged,
	plan.ActionUpdate:    sheet.MarkChanged,
	plan.ActionUnchanged: sheet.MarkMuted,
	plan.ActionBlocked:   sheet.MarkError,
	plan.ActionDelete:    sheet.MarkChanged,
	plan.ActionRestore:   sheet.MarkGood,
	plan.ActionRemove:    sheet.MarkChanged,
}

// WritePlan writes plan.xlsx (the input rows with their planned action,
// field changes old → new, and problems) and plan.json into dir.
func WritePlan(dir string, o *org.Org, p *plan.Plan) (xlsx, js string, err error) {
	byRow := map[rowKey]*plan.Change{}
	for _, c := range p.Changes {
		if c.Record.T != nil {
			byRow[keyOf(c.Record)] = c
		}
	}
	var sheets []sheet.OutSheet
	names := sheetNamer{}
	for _, t := range o.Tables {
		width := len(t.Header)
		extra := besideFirst(t, planColumns, matchedByColumn)
		sheets = append(sheets, inputSheet(names.name(t), t, recordsOf(o, t), extra, func(rec org.Record) rowExtra {
			c := byRow[keyOf(rec)]
			if c == nil {
				return rowExtra{values: make([]string, len(extra))}
			}
			var changes []string
			for _, f := range c.Fields {
				changes = append(changes, f.Field+": "+f.Old+" → "+f.New)
			}
			marks := problemMarks(t, c.Problems).with(width, actionMarks[c.Action])
			values := []string{c.Action.Label(), strings.Join(changes, "\n"), problemTexts(c.Problems)}
			return rowExtra{values: besideFirst(t, values, c.MatchedBy), marks: marks}
		}))
	}
	for _, ps := range append([]*sheet.OutSheet{directoryPlan(p), planPathSheet(p)}, rowlessPlan(p)...) {
		if ps != nil {
			sheets = append(sheets, *ps)
		}
	}
	if ms := planMembersSheet(p); ms != nil {
		sheets = append(sheets, *ms)
	}
	sheets = append(sheets, ProblemsSheet(p.Problems))
	xlsx, js = filepath.Join(dir, PlanXLSX), filepath.Join(dir, PlanJSON)
	if err := sheet.WriteXLSX(xlsx, sheets...); err != nil {
		return "", "", err
	}
	err = atomicfile.Write(js, atomicfile.Private, func(w io.Writer) error { return plan.WriteJSON(w, p) })
	return xlsx, js, err
}

// planPathSheet lists the departments the plan creates because paths name
// them (they have no input row).
func planPathSheet(p *plan.Plan) *sheet.OutSheet {
	var rows [][]string
	var changes []*plan.Change
	for _, c := range p.Changes {
		if c.FromPath {
			rows = append(rows, []string{c.Path, c.Key, c.Action.Label(), problemTexts(c.Problems)})
			changes = append(changes, c)
		}
	}
	if rows == nil {
		return nil
	}
	return &sheet.OutSheet{
		Name: "路径部门 path departments", FreezeHeader: true, Rows: rows,
		Columns: []sheet.Column{{Header: "部门路径 department_path", Width: 40}, {Header: "部门ID department_id", Width: 20}, {Header: "计划 action", Width: 11}, {Header: "问题 problems", Width: 60, Wrap: true}},
		Mark: func(r, c int) sheet.Mark {
			if c == 2 {
				return actionMarks[changes[r].Action]
			}
			return sheet.MarkNone
		},
	}
}
