package exporter

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/tenant"
)

// User statuses written in the status column, from status's flags in this
// order of precedence.
const (
	StatusResigned = "resigned" // 已离职 (never listed by find_by_department)
	StatusExited   = "exited"   // 已退出
	StatusFrozen   = "frozen"   // 已冻结
	StatusUnjoined = "unjoined" // 未加入
	StatusActive   = "active"   // 已激活
	StatusInactive = "inactive" // 未激活: invited, not yet activated
)

// Statuses lists the statuses in the order counts are reported.
var Statuses = []string{StatusActive, StatusInactive, StatusFrozen, StatusUnjoined, StatusExited, StatusResigned}

// Status names a user's status.
func Status(st *feishu.UserStatus) string {
	switch {
	case st == nil:
		return StatusActive
	case st.IsResigned:
		return StatusResigned
	case st.IsExited:
		return StatusExited
	case st.IsFrozen:
		return StatusFrozen
	case st.IsUnjoin:
		return StatusUnjoined
	case st.IsActivated:
		return StatusActive
	}
	return StatusInactive
}

// The read-only columns an export adds after the template's. Their headers
// match no template field, so importing an export ignores them.
var (
	DepartmentExtra = []sheet.Column{
		{Header: "开放部门ID (open_department_id)", Width: 24, Text: true},
		{Header: "部门路径 (path)", Width: 36},
		{Header: "层级 (depth)", Width: 8},
		{Header: "成员数 (member_count)", Width: 12},
	}
	UserExtra = []sheet.Column{
		{Header: "开放ID (open_id)", Width: 24, Text: true},
		{Header: "状态 (status)", Width: 10},
	}
)

// The extra columns' positions after the template's, for readers.
const (
	DepartmentOpenIDCol = 0
	UserOpenIDCol       = 0
	UserStatusCol       = 1
)

// DepartmentRow is a department in the template's column order, then
// DepartmentExtra. Values are as Feishu holds them, not yet escaped.
func DepartmentRow(d *tenant.Department) []string {
	var en, ja string
	if d.I18nName != nil {
		en, ja = d.I18nName.EnUs, d.I18nName.JaJp
	}
	chat := "否"
	if d.ChatID != "" || d.CreateGroupChat {
		chat = "是"
	}
	parentPath := "" // a parent outside the export has no path here
	switch {
	case d.Parent != nil:
		parentPath = d.Parent.Path
	case d.ParentDepartmentID == tenant.RootID:
		parentPath = RootPath
	}
	main, deputies := d.MainAndDeputies()
	unit := ""
	if len(d.UnitIDs) > 0 {
		unit = d.UnitIDs[0]
	}
	return []string{
		d.DepartmentID, d.Name, d.ParentDepartmentID, en, ja, main, strings.Join(deputies, ";"), strings.Join(d.DepartmentHrbps, ";"),
		d.Order, chat, unit, parentPath,
		d.OpenDepartmentID, d.Path, strconv.Itoa(d.Depth), strconv.Itoa(d.MemberCount),
	}
}

// UserRow is a user in the template's column order, then the values of
// d's custom attributes (AttrColumns), then UserExtra. paths maps
// department IDs to their paths (IDs outside the export stay IDs); d names
// the tenant's entries (employee types, job levels and families) the user
// holds, by name as imports read them.
func UserRow(u *feishu.User, paths map[string]string, d *feishu.Directory) []string {
	join := ""
	if u.JoinTime > 0 {
		join = org.FormatDate(time.Unix(u.JoinTime, 0))
	}
	ps := make([]string, len(u.DepartmentIDs))
	for i, id := range u.DepartmentIDs {
		if p, ok := paths[id]; ok {
			ps[i] = p
		} else {
			ps[i] = id
		}
	}
	gender := ""
	if u.Gender >= 0 && u.Gender < len(org.GenderNames) {
		gender = org.GenderNames[u.Gender]
	}
	values := map[string]string{
		"user_id": u.UserID, "name": u.Name, "en_name": u.EnName, "mobile": org.LocalMobile(u.Mobile), "email": u.Email,
		"department_ids": strings.Join(u.DepartmentIDs, ";"), "employee_type": tenant.TypeName(d, u.EmployeeType),
		"gender": gender, "employee_no": u.EmployeeNo, "job_title": u.JobTitle, "leader_user_id": u.LeaderUserID,
		"join_time": join, "city": u.City, "work_station": u.WorkStation, "department_path": strings.Join(ps, ";"),
		"job_level": levelName(d, u.JobLevelID), "job_family": familyPath(d, u.JobFamilyID),
		"dotted_line_leader_user_ids": strings.Join(u.DottedLineLeaderUserIDs, ";"),
	}
	row := make([]string, 0, len(org.UserSchema.Fields)+len(d.CustomAttrs)+len(UserExtra))
	for _, f := range org.UserSchema.Fields {
		row = append(row, values[f.Key])
	}
	for i := range d.CustomAttrs {
		row = append(row, tenant.AttrText(u, &d.CustomAttrs[i]))
	}
	return append(row, u.OpenID, Status(u.Status))
}

func levelName(d *feishu.Directory, id string) string {
	if id == "" {
		return ""
	}
	return tenant.LevelName(d, id)
}

func familyPath(d *feishu.Directory, id string) string {
	if id == "" {
		return ""
	}
	return tenant.FamilyPath(d, id)
}

// AttrColumns are the columns of d's custom attributes, headed
// "学历 (custom:C-…)": the name reads back in any tenant, the ID exactly.
func AttrColumns(d *feishu.Directory) []sheet.Column {
	out := make([]sheet.Column, len(d.CustomAttrs))
	for i := range d.CustomAttrs {
		a := &d.CustomAttrs[i]
		out[i] = sheet.Column{Header: org.CustomHeader(tenant.AttrName(a), a.ID), Width: 20}
	}
	return out
}

// RootPath is the path of the tenant's root department ("/"), in users'
// department paths and top-level departments' parent paths: it reads back
// as the root.
const RootPath = org.RootPath

// Paths maps every exported department ID to its path (and "0" to
// RootPath).
func Paths(t *tenant.Tree) map[string]string {
	m := make(map[string]string, len(t.Departments)+1)
	m[tenant.RootID] = RootPath
	for _, d := range t.Departments {
		m[d.DepartmentID] = d.Path
	}
	return m
}

// DepartmentRows are the departments' rows in export order.
func DepartmentRows(t *tenant.Tree) [][]string {
	rows := make([][]string, len(t.Departments))
	for i, d := range t.Departments {
		rows[i] = DepartmentRow(d)
	}
	return rows
}

// UserRows are the users' rows in export order.
func UserRows(t *tenant.Tree, d *feishu.Directory) [][]string {
	paths := Paths(t)
	rows := make([][]string, len(t.Users))
	for i, u := range t.Users {
		rows[i] = UserRow(u, paths, d)
	}
	return rows
}

// UnitExtra is the units sheet's read-only column: how many of the
// exported departments are bound to the unit.
var UnitExtra = []sheet.Column{{Header: "绑定部门数 (bound_departments)", Width: 14}}

// UnitRows are the tenant's units by unit_id, then UnitExtra.
func UnitRows(s *tenant.Snapshot) [][]string {
	bound := map[string]int{}
	if s.Tree != nil {
		for _, d := range s.Tree.Departments {
			for _, id := range d.UnitIDs {
				bound[id]++
			}
		}
	}
	ids := make([]string, 0, len(s.Units))
	for id := range s.Units {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rows := make([][]string, len(ids))
	for i, id := range ids {
		u := s.Units[id]
		rows[i] = []string{u.UnitID, u.Name, u.UnitType, strconv.Itoa(bound[id])}
	}
	return rows
}

// StatusCounts counts the users per status.
func StatusCounts(t *tenant.Tree) map[string]int {
	m := map[string]int{}
	for _, u := range t.Users {
		m[Status(u.Status)]++
	}
	return m
}
