package exporter

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/zone"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
	"github.com/orgbatch/orgbatch/tenant"
)

// Meta describes where and when an export was made, for its metadata sheet.
type Meta struct {
	BaseURL string
	AppID   string
	Version string // orgbatch's
	Time    time.Time
	// Zone is the zone the metadata's times are shown in (--tz).
	Zone zone.Zone
	// IncludeResigned says resigned users were looked for (resigned.go).
	IncludeResigned bool
}

// FormatVersion names the export layout in the metadata sheet.
const FormatVersion = "orgbatch-export/1"

// Names of the audit sheets and their CSV files. Both sheet names are ones
// org.Load skips, so an export imports as it is.
const (
	TreeSheet     = "组织架构树 tree"
	MetadataSheet = "元数据 metadata"
	TreeCSV       = "tree.csv"
	MetadataCSV   = "metadata.csv"
)

// Sheets are the export's sheets: departments, users and units in the
// template's format plus read-only columns, the tree and the metadata.
// Cells are as the tenant holds them: the writers escape against formula
// injection where a spreadsheet would evaluate a cell (CSV; an xlsx string
// cell is never a formula, so +8613800000000 shows as it is), and org.Load
// undoes it. The units sheet is empty when the tenant has no
// units or they were not read.
func Sheets(s *tenant.Snapshot, m Meta) []sheet.OutSheet {
	ds := templates.DataSheet(org.DepartmentSchema, DepartmentRows(s.Tree), DepartmentExtra...)
	ds.Mark = muteFrom(len(org.DepartmentSchema.Fields))
	us := templates.DataSheet(org.UserSchema, UserRows(s.Tree, &s.Dir), append(AttrColumns(&s.Dir), UserExtra...)...)
	us.Mark = muteFrom(len(org.UserSchema.Fields) + len(s.Dir.CustomAttrs))
	ns := templates.DataSheet(org.UnitSchema, UnitRows(s), UnitExtra...)
	ns.Mark = muteFrom(len(org.UnitSchema.Fields))
	out := append([]sheet.OutSheet{ds, us, ns}, groupSheets(s)...)
	out = append(out, treeSheet(s.Tree), metadataSheet(s, m, ds, us, ns))
	if rs := resignedSheet(s); rs != nil {
		out = append(out, *rs)
	}
	return out
}

// muteFrom greys the read-only columns.
func muteFrom(col int) func(row, c int) sheet.Mark {
	return func(_, c int) sheet.Mark {
		if c >= col {
			return sheet.MarkMuted
		}
		return sheet.MarkNone
	}
}

func treeSheet(t *tenant.Tree) sheet.OutSheet {
	lines := TreeLines(t, 0)
	rows := make([][]string, len(lines))
	for i, l := range lines {
		id := t.RootID
		if l.Dept != nil {
			id = l.Dept.DepartmentID
		}
		rows[i] = []string{l.Text(), strconv.Itoa(l.Count), id}
	}
	return sheet.OutSheet{Name: TreeSheet, Rows: rows, FreezeHeader: true, Columns: []sheet.Column{
		{Header: "组织架构 (tree)", Width: 60}, {Header: "成员数 (member_count)", Width: 12},
		{Header: "部门ID (department_id)", Width: 16, Text: true},
	}}
}

func metadataSheet(s *tenant.Snapshot, m Meta, ds, us, ns sheet.OutSheet) sheet.OutSheet {
	t := s.Tree
	var rows [][]string
	add := func(key, value, note string) { rows = append(rows, []string{key, value, note}) }
	add("format", FormatVersion, "导出格式 export layout")
	add("exported_at", m.Zone.FormatSeconds(m.Time), "导出时间 when the walk finished: "+m.Zone.In(m.Time).Format(time.RFC3339))
	add("time_zone", m.Zone.String(), "时间所用时区（--tz，默认本机时区；飞书通讯录 v3 没有租户时区接口）the zone of these times (--tz, default this machine's; Contact v3 has no tenant time-zone API)")
	add("orgbatch_version", m.Version, "")
	add("base_url", m.BaseURL, "API 地址 tenant API root")
	add("app_id", m.AppID, "应用 app")
	add("root_department_id", t.RootID, "导出的根部门 0 = whole tenant")
	add("departments", strconv.Itoa(len(t.Departments)), "部门数")
	add("users", strconv.Itoa(len(t.Users)), "成员数 (each once)")
	if gs := &s.Groups; gs.Read {
		memberships := 0
		for _, g := range gs.Order {
			memberships += len(g.Users)
		}
		add("groups", strconv.Itoa(len(gs.Order)), "用户组数 (normal and dynamic)")
		add("group_memberships", strconv.Itoa(memberships), "用户组成员关系数 (user members)")
	}
	counts := StatusCounts(t)
	for _, st := range Statuses {
		if st == StatusResigned {
			continue
		}
		add("users_"+st, strconv.Itoa(counts[st]), "")
	}
	if m.IncludeResigned {
		add("users_resigned", strconv.Itoa(len(ResignedUsers(s))), "离职成员：仍被引用的、离职记录和名单中的 those still referred to or named by offboarding runs and lists (sheet "+ResignedSheet+")")
	} else {
		add("users_resigned", "not listed", "离职成员不在导出中: find_by_department lists no resigned users (--include-resigned)")
	}
	switch {
	case s.UnitsUnavailable:
		add("units", "not available", "租户没有单位功能（需旗舰版，43050）tenant without units (enterprise edition)")
	case s.UnitsRead:
		add("units", strconv.Itoa(len(s.Units)), "单位数")
	default:
		add("units", "not read", "")
	}
	least := s.MinCalls()
	for _, ep := range []feishu.Endpoint{feishu.EPGetDepartment, feishu.EPChildren, feishu.EPFindByDepartment, feishu.EPListUnits} {
		if n, ok := least[ep]; ok {
			add("api_calls "+string(ep), strconv.Itoa(s.Calls[ep]), "minimum "+strconv.Itoa(n))
		}
	}
	add("sha256_data", hashSheets(false, ds, us, ns), "SHA-256 of every cell of the departments, users and units sheets, as import reads them (without the CSV escape)")
	add("sha256_org", hashSheets(true, ds, us, ns), "the same over the template's columns only (not custom attributes, whose IDs are the tenant's): equal for the same org in any tenant")
	add("sha256_method", "JSON lines", "one line per row (header first), each a JSON array of cell strings without HTML escaping, departments, users, then units")
	return sheet.OutSheet{Name: MetadataSheet, Rows: rows, Columns: []sheet.Column{
		{Header: "项目 (key)", Width: 34}, {Header: "值 (value)", Width: 68, Wrap: true}, {Header: "说明 (note)", Width: 60, Wrap: true},
	}}
}

// hashSheets is the SHA-256 of the sheets' cells as JSON lines; with
// templateOnly the columns after the template's are left out.
func hashSheets(templateOnly bool, sheets ...sheet.OutSheet) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	enc.SetEscapeHTML(false)
	schemas := map[string]int{
		templates.DepartmentsSheet: len(org.DepartmentSchema.Fields),
		templates.UsersSheet:       len(org.UserSchema.Fields),
		templates.UnitsSheet:       len(org.UnitSchema.Fields),
	}
	for _, sh := range sheets {
		n := len(sh.Columns)
		if templateOnly {
			n = schemas[sh.Name]
		}
		_ = enc.Encode(sh.Headers()[:n]) // writing to a hash cannot fail
		for _, r := range sh.Rows {
			_ = enc.Encode(r[:min(n, len(r))])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// WriteXLSX writes the export as one workbook, atomically, owner-only;
// with sheet.WriteOptions{NoReplace: true} never over an existing file.
func WriteXLSX(s *tenant.Snapshot, path string, m Meta, opts ...sheet.WriteOptions) error {
	var o sheet.WriteOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	return sheet.WriteXLSXWith(path, o, Sheets(s, m)...)
}

// CSVNames are the files WriteCSV may write, in order (the group files
// only when the groups were read, the last only when there are resigned
// users).
func CSVNames() []string {
	return []string{templates.CSVName(org.KindDepartments), templates.CSVName(org.KindUsers), templates.CSVName(org.KindUnits),
		templates.CSVName(org.KindGroups), templates.CSVName(org.KindGroupMembers), TreeCSV, MetadataCSV, ResignedCSV}
}

// csvName is the file a sheet of Sheets is written to as CSV.
func csvName(sheetName string) string {
	for _, k := range []org.Kind{org.KindDepartments, org.KindUsers, org.KindUnits, org.KindGroups, org.KindGroupMembers} {
		if sheetName == templates.SheetName(k) {
			return templates.CSVName(k)
		}
	}
	switch sheetName {
	case TreeSheet:
		return TreeCSV
	case ResignedSheet:
		return ResignedCSV
	}
	return MetadataCSV
}

// WriteCSV writes departments.csv, users.csv, units.csv, (groups.csv and
// group_members.csv,) tree.csv, metadata.csv (and resigned.csv) into dir
// (created owner-only), each atomically, UTF-8 with a BOM when bom is set.
// It returns the paths written.
func WriteCSV(s *tenant.Snapshot, dir string, m Meta, bom bool, opts ...sheet.WriteOptions) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	var paths []string
	for _, sh := range Sheets(s, m) {
		p := filepath.Join(dir, csvName(sh.Name))
		if err := sheet.WriteCSV(p, sh, bom, opts...); err != nil {
			return paths, fmt.Errorf("writing %s: %w", p, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}
