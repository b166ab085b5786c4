package samplegen

import (
	"strings"

	"github.com/orgbatch/orgbatch/org"
)

// companyGroups gives the sample company four user groups, using every
// way a sheet names members: the technology center's people (membership
// rows by user_id), the heads of the top-level departments (the groups
// sheet's members cell), outsourced staff and consultants (membership rows
// by email, else mobile, with their names), and a group without a custom
// ID for people who joined in 2024 or later (membership rows by mobile).
func companyGroups(o *Org) {
	get := func(u []string, key string) string { return u[fieldIndex(org.UserSchema, key)] }
	var heads []string
	for _, d := range o.Departments {
		if d[fieldIndex(org.DepartmentSchema, "parent_department_id")] == "0" {
			heads = append(heads, d[fieldIndex(org.DepartmentSchema, "leader_user_id")])
		}
	}
	group := func(id, name, desc, members string) {
		o.Groups = append(o.Groups, row(org.GroupSchema, map[string]string{"group_id": id, "name": name, "description": desc, "members": members}))
	}
	group("TECHALL", "技术中心全员", "技术中心的所有员工", "")
	group("MGMT", "管理层", "一级部门负责人", strings.Join(heads, ";"))
	group("EXTERNAL", "外包与顾问", "外包人员和顾问", "")
	group("", "新员工关怀组", "2024 年以后入职的员工", "")
	member := func(v map[string]string) {
		o.Memberships = append(o.Memberships, row(org.GroupMemberSchema, v))
	}
	for _, u := range o.Users {
		id, name := get(u, "user_id"), get(u, "name")
		if strings.HasPrefix(get(u, "department_ids"), "TECH") {
			member(map[string]string{"group_id": "TECHALL", "user_id": id})
		}
		if t := get(u, "employee_type"); t == "外包" || t == "顾问" {
			if e := get(u, "email"); e != "" {
				member(map[string]string{"group_id": "EXTERNAL", "group_name": "外包与顾问", "email": e, "name": name})
			} else {
				member(map[string]string{"group_id": "EXTERNAL", "group_name": "外包与顾问", "mobile": get(u, "mobile"), "name": name})
			}
		}
		if get(u, "join_time") >= "2024-01-01" {
			member(map[string]string{"group_name": "新员工关怀组", "mobile": get(u, "mobile"), "name": name})
		}
	}
}
