package samplegen

import (
	"strings"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
)

// CompanyName is the sample company's name, which HR exports put at the
// start of every department path.
const CompanyName = "星辰科技"

// pathFields are the columns of the users-only, path-shaped sample.
var pathFields = []string{"user_id", "name", "mobile", "email", "department_path", "employee_type", "gender", "employee_no", "job_title", "leader_user_id", "join_time", "city"}

// CompanyByPaths is the sample company as HR usually has it: one users
// sheet, no departments sheet, each person's departments written as paths
// from the company name down (星辰科技/技术中心/研发一部/前端组).
func CompanyByPaths() sheet.OutSheet {
	return usersByPaths(UsersByPathsRows(), func(key string) string {
		f, _ := org.UserSchema.Field(key)
		return f.Header()
	})
}

// UsersByPathsRows are the path-shaped sample's rows (pathFields order).
func UsersByPathsRows() [][]string {
	o := Company()
	path := companyPaths()
	var rows [][]string
	for _, u := range o.Users {
		get := func(key string) string { return u[fieldIndex(org.UserSchema, key)] }
		var ps []string
		for _, id := range org.SplitList(get("department_ids")) {
			ps = append(ps, CompanyName+"/"+path[id])
		}
		row := make([]string, len(pathFields))
		for i, key := range pathFields {
			if key == "department_path" {
				row[i] = strings.Join(ps, ";")
			} else {
				row[i] = get(key)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// HRExportHeaders are the headers of an imaginary HR system's export of
// the same people, which need a column mapping (HRMapping).
var HRExportHeaders = []string{"员工账号", "中文名", "移动电话", "工作邮箱", "所在组织", "用工类型", "性别", "员工号", "岗位", "汇报对象", "入职时间", "工作地点"}

// HRMapping maps HRExportHeaders onto the template's fields.
var HRMapping = map[string]string{
	"员工账号": "user_id", "中文名": "name", "移动电话": "mobile", "工作邮箱": "email", "所在组织": "department_path",
	"用工类型": "employee_type", "员工号": "employee_no", "岗位": "job_title", "汇报对象": "leader_user_id",
	"入职时间": "join_time", "工作地点": "city",
}

// HRExport is the sample company as that HR system exports it.
func HRExport() sheet.OutSheet {
	s := usersByPaths(UsersByPathsRows(), nil)
	s.Name = "员工花名册"
	for i := range s.Columns {
		s.Columns[i].Header = HRExportHeaders[i]
	}
	return s
}

func usersByPaths(rows [][]string, header func(string) string) sheet.OutSheet {
	cols := make([]sheet.Column, len(pathFields))
	for i, key := range pathFields {
		h := key
		if header != nil {
			h = header(key)
		}
		cols[i] = sheet.Column{Header: h, Width: 16, Text: true}
		if key == "department_path" {
			cols[i].Width = 40
		}
	}
	return sheet.OutSheet{Name: "成员 users", Columns: cols, Rows: rows, FreezeHeader: true}
}

// companyPaths maps each sample department ID to its path below the root.
func companyPaths() map[string]string {
	name, parent := map[string]string{}, map[string]string{}
	for _, d := range companyTree {
		name[d[0]], parent[d[0]] = d[2], d[1]
	}
	out := map[string]string{}
	for id := range name {
		var segs []string
		for p := id; p != "0"; p = parent[p] {
			segs = append([]string{name[p]}, segs...)
		}
		out[id] = strings.Join(segs, "/")
	}
	return out
}
