package report

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
)

// FailedColumns are the columns a failed-rows file puts before the
// input's own: why the row was not done and how to fix it. Import ignores
// them (org's read-only columns), so the file is fixed and imported as it
// is.
var FailedColumns = []sheet.Column{
	{Header: "导入状态 (import_status)", Width: 14},
	{Header: "错误码 (error_code)", Width: 16},
	{Header: "错误说明 (error_message)", Width: 50},
	{Header: "修改提示 (fix_hint)", Width: 50},
}

// failedStatus are the statuses of the rows a failed-rows file holds; its
// status cell is the status's label.
var failedStatus = map[importer.Status]bool{importer.StatusFailed: true, importer.StatusSkipped: true}

// skippedHint is the hint of a row skipped because a row it needs failed.
const skippedHint = "本行本身无误：改正它依赖的行（见错误说明）后，两行一起重新导入 / This row itself is fine: fix the row it depends on (see error_message), then import both again"

// failedDropdownRows is the most rows a failed-rows workbook gives the
// template's dropdowns, as many as the template has: such a sheet is
// written cell by cell (2,000 rows of 27 columns: about a second; 5,000:
// nearly three), a larger one is streamed without them.
const failedDropdownRows = templates.DropdownRows

// writeFailed writes the rows that failed or were skipped in the input's
// own format — the same files, sheets, headers and cells — with
// FailedColumns first saying why, the cell to fix highlighted, and (in a
// workbook) the template's dropdowns and instructions sheet: the file is
// corrected and imported again as it is. Rows that were not done because
// the run was interrupted are not in it (a resume does them). Failed
// files of an earlier attempt of the run (before a resume) are removed
// first: what is there afterwards is this run's.
func writeFailed(dir string, o *org.Org, byRow map[rowKey]*importer.Outcome) ([]string, error) {
	if err := removeFailed(dir); err != nil {
		return nil, err
	}
	byFile := map[string][]sheet.OutSheet{}
	var order []string
	for _, t := range o.Tables {
		s, ok := failedSheet(t, recordsOf(o, t), byRow)
		if !ok {
			continue
		}
		if _, seen := byFile[t.File]; !seen {
			order = append(order, t.File)
		}
		byFile[t.File] = append(byFile[t.File], s)
	}
	var paths []string
	for _, f := range order {
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		if strings.EqualFold(filepath.Ext(f), ".xlsx") {
			p := filepath.Join(dir, "failed-"+base+".xlsx")
			if err := sheet.WriteXLSX(p, append(byFile[f], templates.FailedRowsInstructions())...); err != nil {
				return paths, err
			}
			paths = append(paths, p)
			continue
		}
		p := filepath.Join(dir, "failed-"+base+".csv")
		if err := sheet.WriteCSV(p, byFile[f][0], true); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// removeFailed removes the failed-rows files in a run folder.
func removeFailed(dir string) error {
	for _, ext := range []string{".xlsx", ".csv"} {
		old, _ := filepath.Glob(filepath.Join(dir, "failed-*"+ext))
		for _, p := range old {
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}

// failedSheet is one input table's failed and skipped rows; false when it
// has none.
func failedSheet(t *org.Table, recs []org.Record, byRow map[rowKey]*importer.Outcome) (sheet.OutSheet, bool) {
	lead := len(FailedColumns)
	var rows [][]string
	var marks []cellMarks
	for _, rec := range recs {
		oc := byRow[keyOf(rec)]
		if oc == nil || !failedStatus[oc.Status] {
			continue
		}
		bad := badCell(t, oc)
		row := append(failedCells(t, oc, bad), rec.Cells()...)
		for len(row) < lead+len(t.Header) {
			row = append(row, "")
		}
		m := cellMarks{{0, statusMarks[oc.Status]}}
		if bad >= 0 {
			m = m.with(lead+bad, statusMarks[oc.Status])
		}
		rows, marks = append(rows, row), append(marks, m)
	}
	if rows == nil {
		return sheet.OutSheet{}, false
	}
	name := t.Sheet
	if name == "" {
		name = string(t.Kind)
	}
	s := sheet.OutSheet{Name: name, Columns: append(append([]sheet.Column(nil), FailedColumns...), inputColumns(t)...), Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark { return marks[r].at(c) }}
	if len(rows) <= failedDropdownRows {
		s.DropdownRows = len(rows)
	}
	return s, true
}

// inputColumns are a table's columns as written, each formatted as the
// template formats its field (text, dropdown, required); unknown columns
// are text.
func inputColumns(t *org.Table) []sheet.Column {
	cols := make([]sheet.Column, len(t.Header))
	for i, h := range t.Header {
		cols[i] = sheet.Column{Header: h, Text: true}
	}
	for key, i := range t.Col {
		if f, ok := t.Schema.Field(key); ok && i < len(cols) {
			cols[i] = templates.FieldColumn(f)
			cols[i].Header, cols[i].Text = t.Header[i], true
		}
	}
	return cols
}

// failedCells are the FailedColumns of a row: its status, the error code
// (Feishu's, or the rule's), the message naming the column to fix, and
// how to fix it.
func failedCells(t *org.Table, oc *importer.Outcome, bad int) []string {
	code := oc.Rule
	if oc.Code != 0 {
		code = strconv.Itoa(oc.Code)
	}
	msg := oc.Message
	if bad >= 0 && bad < len(t.Header) && t.Header[bad] != "" {
		msg = "列 column「" + t.Header[bad] + "」: " + msg
	}
	hint := oc.Hint
	switch {
	case oc.Status == importer.StatusSkipped:
		hint = skippedHint
	case hint == "" && oc.Rule != "":
		if r, ok := problem.Lookup(oc.Rule); ok {
			hint = r.ZH + " / " + r.EN
		}
	}
	return []string{oc.Status.Label(), code, msg, hint}
}

// badCell is the input column of the cell a failed row has wrong: the one
// its blocking problem names, else the field of the rules that prevent
// its Feishu error code; -1 when no cell is to blame.
func badCell(t *org.Table, oc *importer.Outcome) int {
	for _, p := range oc.Change.Problems {
		if p.Severity == problem.Error && p.Column != "" {
			if i := indexOf(t.Header, p.Column); i >= 0 {
				return i
			}
		}
	}
	for _, f := range problem.FieldsOfAPI(oc.Code) {
		if i, ok := t.Col[f]; ok {
			return i
		}
	}
	return -1
}
