package plan

import (
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// Bodies returns the create bodies of every department and user row, in an
// order that can be created one by one: parents before children, managers
// before their reports. The sandbox uses it to seed a tenant from a sheet.
func Bodies(o *org.Org) ([]feishu.Department, []feishu.User) {
	b := &builder{org: o}
	var depts []feishu.Department
	for _, row := range b.deptOrder(o.Departments) {
		d := desiredDept(row)
		body := feishu.Department{Name: d.name, ParentDepartmentID: d.parent, DepartmentID: d.id,
			LeaderUserID: d.leader, Order: d.order, CreateGroupChat: d.createGroupChat}
		if d.nameEN != "" || d.nameJA != "" {
			body.I18nName = &feishu.I18nName{ZhCn: d.name, EnUs: d.nameEN, JaJp: d.nameJA}
		}
		depts = append(depts, body)
	}
	var users []feishu.User
	for _, row := range b.userOrder() {
		u := desiredUser(row)
		body := feishu.User{UserID: u.userID, Name: u.name, EnName: u.enName, Mobile: u.mobile, Email: u.email,
			DepartmentIDs: u.departments, EmployeeType: u.employeeType, EmployeeNo: u.employeeNo, JobTitle: u.jobTitle,
			LeaderUserID: u.leader, JoinTime: u.joinTime, City: u.city, WorkStation: u.workStation}
		if u.gender > 0 {
			body.Gender = u.gender
		}
		users = append(users, body)
	}
	return depts, users
}
