package report

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/zone"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sheet"
)

// File names inside a run directory.
const (
	ReportXLSX  = "report.xlsx"
	SummaryJSON = "summary.json"
	PlanJSON    = "plan.json"
	PlanXLSX    = "plan.xlsx"
	JournalFile = "journal.jsonl"
)

var statusMarks = map[importer.Status]sheet.Mark{
	importer.StatusCreated:   sheet.MarkGood,
	importer.StatusUpdated:   sheet.MarkChanged,
	importer.StatusUnchanged: sheet.MarkMuted,
	importer.StatusFailed:    sheet.MarkError,
	importer.StatusSkipped:   sheet.MarkWarning,
	// not done yet: the resume does it, nothing to fix
	importer.StatusInterrupted: sheet.MarkMuted,
	importer.StatusDeleted:     sheet.MarkChanged,
	importer.StatusRestored:    sheet.MarkGood,
	importer.StatusAdded:       sheet.MarkGood,
	importer.StatusRemoved:     sheet.MarkChanged,
}

var importColumns = []sheet.Column{
	{Header: "状态 status", Width: 15},
	{Header: "飞书ID feishu_id", Width: 18},
	{Header: "open_id / open_department_id", Width: 30},
	{Header: "union_id", Width: 30},
	{Header: "错误码 code", Width: 10},
	{Header: "说明 message", Width: 50, Wrap: true},
	{Header: "提示 hint", Width: 50, Wrap: true},
	{Header: "警告 warnings", Width: 40, Wrap: true},
	{Header: "尝试次数 attempts", Width: 10},
}

// ImportFiles are the files an import report consists of.
type ImportFiles struct {
	XLSX    string   `json:"xlsx"`
	CSV     []string `json:"csv"`
	Failed  []string `json:"failed,omitempty"`
	Summary string   `json:"summary"`
}

// WriteImport writes the import report into dir: the input rows with each
// row's outcome (xlsx with coloured statuses, and one CSV per input
// table), the failed and skipped rows in the input's own format (to fix and
// feed back in), and summary.json.
func WriteImport(dir string, o *org.Org, res *importer.Result, sum Summary) (ImportFiles, error) {
	byRow := map[rowKey]*importer.Outcome{}
	for i := range res.Outcomes {
		oc := &res.Outcomes[i]
		if oc.Change.Record.T != nil {
			byRow[keyOf(oc.Change.Record)] = oc
		}
	}
	files := ImportFiles{XLSX: filepath.Join(dir, ReportXLSX), Summary: filepath.Join(dir, SummaryJSON)}
	sheets := []sheet.OutSheet{summarySheet(sum)}
	names := sheetNamer{SummarySheet: 1} // an input sheet of that name becomes …_2
	for _, t := range o.Tables {
		width := len(t.Header)
		cols := besideFirst(t, importColumns, matchedByColumn)
		s := inputSheet(names.name(t), t, recordsOf(o, t), cols, func(rec org.Record) rowExtra {
			oc := byRow[keyOf(rec)]
			if oc == nil {
				return rowExtra{values: make([]string, len(cols))}
			}
			return rowExtra{values: besideFirst(t, outcomeCells(oc), oc.Change.MatchedBy), marks: cellMarks{{width, statusMarks[oc.Status]}}}
		})
		sheets = append(sheets, s)
		p := filepath.Join(dir, "report-"+s.Name+".csv")
		if err := sheet.WriteCSV(p, s, true); err != nil {
			return files, err
		}
		files.CSV = append(files.CSV, p)
	}
	extra := append([]csvSheet{{directoryOutcomes(res.Outcomes), "report-schema-entries.csv"}, {memberOutcomesSheet(res.Outcomes), "report-group-members.csv"},
		{pathDepartmentsSheet(res.Outcomes), "report-path-departments.csv"}}, rowlessOutcomes(res.Outcomes)...)
	for _, r := range extra {
		if r.s == nil {
			continue
		}
		sheets = append(sheets, *r.s)
		p := filepath.Join(dir, r.csv)
		if err := sheet.WriteCSV(p, *r.s, true); err != nil {
			return files, err
		}
		files.CSV = append(files.CSV, p)
	}
	if err := sheet.WriteXLSX(files.XLSX, sheets...); err != nil {
		return files, err
	}
	failed, err := writeFailed(dir, o, byRow)
	if err != nil {
		return files, err
	}
	files.Failed = failed
	sum.Files = &files
	return files, writeJSON(files.Summary, sum)
}

// pathDepartmentsSheet lists the departments created because a path
// named them: they have no input row to be reported on.
func pathDepartmentsSheet(outcomes []importer.Outcome) *sheet.OutSheet {
	var rows [][]string
	var marks []sheet.Mark
	for i := range outcomes {
		oc := &outcomes[i]
		if !oc.Change.FromPath {
			continue
		}
		rows = append(rows, append([]string{oc.Change.Path}, outcomeCells(oc)...))
		marks = append(marks, statusMarks[oc.Status])
	}
	if rows == nil {
		return nil
	}
	cols := append([]sheet.Column{{Header: "部门路径 department_path", Width: 40}}, importColumns...)
	return &sheet.OutSheet{Name: "路径部门 path departments", Columns: cols, Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark {
			if c == 1 {
				return marks[r]
			}
			return sheet.MarkNone
		}}
}

func outcomeCells(oc *importer.Outcome) []string {
	id, openID, unionID := oc.IDs.UserID, oc.IDs.OpenID, oc.IDs.UnionID
	switch {
	case oc.Change.Kind == plan.KindDepartment:
		id, openID, unionID = oc.IDs.DepartmentID, oc.IDs.OpenDepartmentID, ""
	case oc.Change.Kind == plan.KindUnit:
		id, openID, unionID = oc.IDs.UnitID, "", ""
	case oc.Change.Kind == plan.KindGroup:
		id = oc.IDs.GroupID
	case oc.Change.IsDirectory():
		id, openID, unionID = oc.IDs.Directory, "", ""
	}
	code := oc.Rule
	if oc.Code != 0 {
		code = strconv.Itoa(oc.Code)
	}
	attempts := ""
	if oc.Attempts > 0 {
		attempts = strconv.Itoa(oc.Attempts)
	}
	return []string{oc.Status.Label(), id, openID, unionID, code, oc.Message, oc.Hint, strings.Join(oc.Warnings, "\n"), attempts}
}

// Summary is summary.json: what ran, against what, and how it ended. It
// never holds secrets or tokens.
type Summary struct {
	Target      string                    `json:"target"`
	Inputs      []string                  `json:"inputs"`
	Started     time.Time                 `json:"started"`
	Seconds     float64                   `json:"seconds"`
	DryRun      bool                      `json:"dry_run"`
	Interrupted bool                      `json:"interrupted"`
	Resumed     string                    `json:"resumed_from,omitempty"`
	Rows        map[string]map[string]int `json:"rows"`
	Mapping     map[string]string         `json:"column_mapping,omitempty"`
	API         *APIStats                 `json:"api,omitempty"`
	Files       *ImportFiles              `json:"files,omitempty"`
	// Zone is the zone report.xlsx shows times in; unset, the machine's.
	Zone zone.Zone `json:"-"`
}

// APIStats are the pacer's counters.
type APIStats struct {
	Calls       int     `json:"calls"`
	Retries     int     `json:"retries"`
	RateLimited int     `json:"rate_limited_429"`
	LockErrors  int     `json:"lock_errors_43024"`
	WaitSeconds float64 `json:"limiter_wait_seconds"`
}

// RowCounts counts outcomes per kind and status.
func RowCounts(res *importer.Result) map[string]map[string]int {
	m := map[string]map[string]int{string(plan.KindDepartment): {}, string(plan.KindUser): {}}
	for _, oc := range res.Outcomes {
		if m[string(oc.Change.Kind)] == nil {
			m[string(oc.Change.Kind)] = map[string]int{}
		}
		m[string(oc.Change.Kind)][string(oc.Status)]++
	}
	return m
}

func writeJSON(path string, v any) error {
	return atomicfile.Write(path, atomicfile.Private, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	})
}

// WriteSummary writes a summary.json (atomically, owner-only): runs other
// than imports (orgbatch ids) write theirs with it.
func WriteSummary(path string, s Summary) error { return writeJSON(path, s) }
