package sandbox

import (
	"strconv"

	"github.com/orgbatch/orgbatch/feishu"
)

// renderDept is the wire form of d. Both own IDs are always present; the
// parent and the leaders are written in the requested ID types.
func renderDept(d *dept, ids idTypes) feishu.Department {
	out := feishu.Department{
		Name:               d.name,
		DepartmentID:       d.customID,
		OpenDepartmentID:   d.openID,
		MemberCount:        d.memberCount,
		PrimaryMemberCount: d.primaryMemberCount,
		Status:             &feishu.DepartmentStatus{IsDeleted: false},
		ChatID:             d.chatID,
		CreateGroupChat:    d.groupChat,
	}
	if d.isRoot() {
		return out
	}
	out.ParentDepartmentID = deptRef(d.parent, ids.dept)
	out.Order = strconv.FormatInt(d.order, 10)
	if i18n := d.i18n; i18n != (feishu.I18nName{}) {
		out.I18nName = &i18n
	}
	if d.leader != nil {
		out.LeaderUserID = userRef(d.leader, ids.user)
	}
	out.Leaders = renderLeaders(d, ids.user)
	out.DepartmentHrbps = userRefs(d.hrbps, ids.user)
	if d.unit != nil {
		out.UnitIDs = []string{d.unit.id}
	}
	return out
}

// renderUser is the wire form of u. All three own IDs are always present;
// departments and the leader are written in the requested ID types.
func renderUser(u *user, ids idTypes) feishu.User {
	visible := u.mobileVisible
	st := u.status
	out := feishu.User{
		UnionID:         u.unionID,
		UserID:          u.userID,
		OpenID:          u.openID,
		Name:            u.name,
		EnName:          u.enName,
		Nickname:        u.nickname,
		Email:           u.email,
		Mobile:          u.mobile,
		MobileVisible:   &visible,
		Gender:          u.gender,
		Status:          &st,
		City:            u.city,
		Country:         u.country,
		WorkStation:     u.workStation,
		JoinTime:        u.joinTime,
		IsTenantManager: u.isTenantManager,
		EmployeeNo:      u.employeeNo,
		EmployeeType:    u.employeeType,
		JobTitle:        u.jobTitle,
		EnterpriseEmail: u.enterpriseEmail,
		JobLevelID:      u.jobLevelID,
		JobFamilyID:     u.jobFamilyID,
	}
	// A GENERIC_USER value names its user by user_id whatever the ID
	// types (the patch page: only user_id is accepted).
	for _, a := range u.customAttrs {
		v := *a.Value
		out.CustomAttrs = append(out.CustomAttrs, feishu.UserCustomAttr{Type: a.Type, ID: a.ID, Value: &v})
	}
	for _, d := range u.depts {
		out.DepartmentIDs = append(out.DepartmentIDs, deptRef(d, ids.dept))
	}
	if u.leader != nil {
		out.LeaderUserID = userRef(u.leader, ids.user)
	}
	out.DottedLineLeaderUserIDs = userRefs(u.dotted, ids.user)
	for _, o := range u.orders {
		out.Orders = append(out.Orders, feishu.UserOrder{
			DepartmentID:    deptRef(o.dept, ids.dept),
			UserOrder:       o.userOrder,
			DepartmentOrder: o.departmentOrder,
			IsPrimaryDept:   o.dept == u.primary,
		})
	}
	return out
}
