package org

import (
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
	Header    []string       // the header cells as written
	HeaderRow int            // row number of the header
	Col       map[string]int // field key → column index
	Unknown   []int          // columns orgbatch does not import, kept for reports
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

// Record is one data row of a table: its origin and its raw cells.
type Record struct {
	T   *Table
	Row sheet.Row
}

// Get returns the cell of a field ("" when the column is absent).
func (r Record) Get(key string) string {
	i, ok := r.T.Col[key]
	if !ok {
		return ""
	}
	return r.Row.Cell(i)
}

// Loc locates a field of this row for a problem; key "" means the row.
func (r Record) Loc(key string) problem.Loc {
	l := problem.Loc{File: r.T.File, Sheet: r.T.Sheet, Row: r.Row.Num}
	if key != "" {
		l.Column = r.T.Column(key)
	}
	return l
}

// Department is a row of the departments sheet, values as written
// (trimmed). Interpretation (is the order a number?) is validation's job.
type Department struct {
	Record
	ID              string
	Name            string
	NameEN          string
	NameJA          string
	ParentID        string
	LeaderUserID    string
	Order           string
	CreateGroupChat string
}

// User is a row of the users sheet, values as written (trimmed), with the
// department list split.
type User struct {
	Record
	UserID        string
	Name          string
	EnName        string
	Mobile        string
	Email         string
	DepartmentIDs []string
	EmployeeType  string
	Gender        string
	EmployeeNo    string
	JobTitle      string
	LeaderUserID  string
	JoinTime      string
	City          string
	WorkStation   string
}

// Org is everything read from the input files.
type Org struct {
	Tables      []*Table
	Departments []*Department
	Users       []*User
}

func newDepartment(rec Record) *Department {
	return &Department{
		Record:          rec,
		ID:              rec.Get("department_id"),
		Name:            rec.Get("name"),
		NameEN:          rec.Get("name_en"),
		NameJA:          rec.Get("name_ja"),
		ParentID:        rec.Get("parent_department_id"),
		LeaderUserID:    rec.Get("leader_user_id"),
		Order:           rec.Get("order"),
		CreateGroupChat: rec.Get("create_group_chat"),
	}
}

func newUser(rec Record) *User {
	return &User{
		Record:        rec,
		UserID:        rec.Get("user_id"),
		Name:          rec.Get("name"),
		EnName:        rec.Get("en_name"),
		Mobile:        rec.Get("mobile"),
		Email:         rec.Get("email"),
		DepartmentIDs: SplitList(rec.Get("department_ids")),
		EmployeeType:  rec.Get("employee_type"),
		Gender:        rec.Get("gender"),
		EmployeeNo:    rec.Get("employee_no"),
		JobTitle:      rec.Get("job_title"),
		LeaderUserID:  rec.Get("leader_user_id"),
		JoinTime:      rec.Get("join_time"),
		City:          rec.Get("city"),
		WorkStation:   rec.Get("work_station"),
	}
}
