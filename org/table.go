package org

import (
	"strings"

	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
)

// Table is one sheet of departments or users as found in a file: where it
// is, which row is the header and which column holds which field.
type Table struct {
	File      string
	Sheet     string // "" for CSV
	Kind      Kind
	Schema    *Schema
	Header    []string          // the header cells as written
	HeaderRow int               // row number of the header
	Col       map[string]int    // field key → column index
	Unknown   []int             // columns orgbatch does not import, kept for reports
	Custom    []CustomColumn    // users: columns naming a custom attribute by ID (custom.go)
	Mapped    map[string]string // header → field for columns matched through --map
}

// Column is the header of a field's column as the file writes it (so a
// problem names the column the person sees), or the field's own header
// when the column is absent.
func (t *Table) Column(key string) string {
	if i, ok := t.Col[key]; ok && i < len(t.Header) {
		return t.Header[i]
	}
	if f, ok := t.Schema.Field(key); ok {
		return f.Header()
	}
	return key
}

// Has reports whether the table has a column for the field.
func (t *Table) Has(key string) bool {
	_, ok := t.Col[key]
	return ok
}

func (t *Table) hasAny(keys []string) bool {
	for _, k := range keys {
		if t.Has(k) {
			return true
		}
	}
	return false
}

// readDates turns the serial numbers of Excel date cells in a row's Date
// fields into the days they show (DateCell): the value is read once, and
// every report, plan and failed-rows file carries the date a person sees.
func (t *Table) readDates(cells []string) {
	for _, f := range t.Schema.Fields {
		if i, ok := t.Col[f.Key]; ok && f.Date && i < len(cells) {
			cells[i] = DateCell(cells[i])
		}
	}
}

// Record is one data row of a table: its origin and its raw cells. The
// cells are packed into one string with end offsets — one allocation per
// row instead of one per cell — because a validation holds every row of a
// 100,000-row sheet at once.
type Record struct {
	T      *Table
	Num    int // row number as Excel shows it
	packed string
	ends   []uint32
}

// NewRecord packs a sheet row into a record of table t.
func NewRecord(t *Table, r sheet.Row) Record {
	n := 0
	for _, c := range r.Cells {
		n += len(c)
	}
	var b strings.Builder
	b.Grow(n)
	ends := make([]uint32, len(r.Cells))
	for i, c := range r.Cells {
		b.WriteString(c)
		ends[i] = uint32(b.Len())
	}
	return Record{T: t, Num: r.Num, packed: b.String(), ends: ends}
}

// Cell returns the cell at column index i, or "".
func (r Record) Cell(i int) string {
	if i < 0 || i >= len(r.ends) {
		return ""
	}
	start := uint32(0)
	if i > 0 {
		start = r.ends[i-1]
	}
	return r.packed[start:r.ends[i]]
}

// Width is the number of cells the row has.
func (r Record) Width() int { return len(r.ends) }

// Cells returns a copy of the row's cells.
func (r Record) Cells() []string {
	out := make([]string, len(r.ends))
	for i := range out {
		out[i] = r.Cell(i)
	}
	return out
}

// CellContaining returns the index of the first cell that contains sub,
// or -1. Every cell counts, also those under no header or an unknown one.
func (r Record) CellContaining(sub string) int {
	if !strings.Contains(r.packed, sub) { // one search per row, not per cell
		return -1
	}
	for i := range r.ends {
		if strings.Contains(r.Cell(i), sub) {
			return i
		}
	}
	return -1
}

// ColumnAt names column index i for a problem: its header as written, or
// its letter when it has none (a cell right of the header).
func (r Record) ColumnAt(i int) string {
	if i < len(r.T.Header) && r.T.Header[i] != "" {
		return r.T.Header[i]
	}
	return sheet.ColumnName(i)
}

// Get returns the cell of a field ("" when the column is absent).
func (r Record) Get(key string) string {
	i, ok := r.T.Col[key]
	if !ok {
		return ""
	}
	return r.Cell(i)
}

// Loc locates a field of this row for a problem; key "" means the row.
func (r Record) Loc(key string) problem.Loc {
	l := problem.Loc{File: r.T.File, Sheet: r.T.Sheet, Row: r.Num}
	if key != "" {
		l.Column = r.T.Column(key)
	}
	return l
}

// Department is a row of the departments sheet. Its text values are read
// from the row's cells on demand (as written, trimmed) rather than copied
// into fields: a 100,000-row sheet is held once, not twice. Its typed
// values (the order as a number, …) are parsed once into Values; whether
// a value that does not parse is an error is validation's job.
type Department struct {
	Record
	Values DepartmentValues // parsed once, when the row is read
}

// The department's cells.
func (d *Department) ID() string     { return d.Get("department_id") }
func (d *Department) Name() string   { return d.Get("name") }
func (d *Department) NameEN() string { return d.Get("name_en") }
func (d *Department) NameJA() string { return d.Get("name_ja") }
func (d *Department) ParentID() string {
	// In a sheet placed by paths alone, an empty parent path is the top
	// level, as HR writes it (上级部门路径 left blank for 一级部门).
	if !d.T.Has("parent_department_id") && d.T.Has("parent_path") && d.ParentPath() == "" {
		return "0"
	}
	return d.Get("parent_department_id")
}
func (d *Department) LeaderUserID() string    { return d.Get("leader_user_id") }
func (d *Department) Deputies() string        { return d.Get("deputy_leader_user_ids") }
func (d *Department) HRBPs() string           { return d.Get("department_hrbps") }
func (d *Department) Unit() string            { return d.Get("unit") }
func (d *Department) Order() string           { return d.Get("order") }
func (d *Department) CreateGroupChat() string { return d.Get("create_group_chat") }
func (d *Department) ParentPath() string      { return d.Get("parent_path") }

// PlacedByPath reports whether the row is placed by its parent path (its
// parent ID cell is empty and the sheet has a parent path for it, or only
// paths): its ID may then be left empty and is derived from its path.
func (d *Department) PlacedByPath() bool {
	return d.T.Has("parent_path") && d.Get("parent_department_id") == "" &&
		(d.ParentPath() != "" || !d.T.Has("parent_department_id"))
}

// User is a row of the users sheet, read on demand like Department, with
// the department list split and the typed values parsed once.
type User struct {
	Record
	DepartmentIDs []string
	Values        UserValues // parsed once, when the row is read
}

// The user's cells.
func (u *User) UserID() string        { return u.Get("user_id") }
func (u *User) Name() string          { return u.Get("name") }
func (u *User) EnName() string        { return u.Get("en_name") }
func (u *User) Mobile() string        { return u.Get("mobile") }
func (u *User) Email() string         { return u.Get("email") }
func (u *User) EmployeeType() string  { return u.Get("employee_type") }
func (u *User) Gender() string        { return u.Get("gender") }
func (u *User) EmployeeNo() string    { return u.Get("employee_no") }
func (u *User) JobTitle() string      { return u.Get("job_title") }
func (u *User) JobLevel() string      { return u.Get("job_level") }
func (u *User) JobFamily() string     { return u.Get("job_family") }
func (u *User) LeaderUserID() string  { return u.Get("leader_user_id") }
func (u *User) DottedLeaders() string { return u.Get("dotted_line_leader_user_ids") }
func (u *User) JoinTime() string      { return u.Get("join_time") }
func (u *User) City() string          { return u.Get("city") }
func (u *User) WorkStation() string   { return u.Get("work_station") }

// DepartmentPaths are the user's department paths (several separated by
// ; or ；), as written.
func (u *User) DepartmentPaths() []string { return SplitPaths(u.Get("department_path")) }

// Unit is a row of the units sheet.
type Unit struct {
	Record
}

// The unit's cells.
func (u *Unit) UnitID() string   { return u.Get("unit_id") }
func (u *Unit) Name() string     { return u.Get("name") }
func (u *Unit) UnitType() string { return u.Get("unit_type") }

// Org is everything read from the input files.
type Org struct {
	Tables      []*Table
	Departments []*Department
	Users       []*User
	// Leavers are the rows of leavers sheets (LeaverLoad).
	Leavers []*Leaver
	Units   []*Unit
	// User groups (groups.go).
	Groups      []*Group
	Memberships []*Membership
	// Rows are the rows of tables read with Input.Schema.
	Rows []Record
}

// UsesUnits reports whether the org has units rows or names a unit on a
// department: only then are the tenant's units read.
func (o *Org) UsesUnits() bool {
	if len(o.Units) > 0 {
		return true
	}
	for _, d := range o.Departments {
		if d.Unit() != "" {
			return true
		}
	}
	return false
}

func newDepartment(rec Record) *Department {
	d := &Department{Record: rec}
	d.Values = parseDepartment(d)
	return d
}

func newUser(rec Record) *User {
	var ids []string
	if v := rec.Get("department_ids"); v != "" {
		ids = SplitList(v)
	}
	u := &User{Record: rec, DepartmentIDs: ids}
	u.Values = parseUser(u)
	return u
}
