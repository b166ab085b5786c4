package plan

import (
	"strconv"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/tenant"
)

func (b *builder) user(row *org.User) {
	u := desiredUser(row)
	c := &Change{Kind: KindUser, Key: u.key(), Name: u.name, Record: row.Record}
	b.addChange(c)
	ps, bad := b.ownProblems(row.Record)
	c.Problems = ps
	if u.userID != "" {
		if b.userRows[u.userID] != row {
			c.Action = ActionBlocked
			return
		}
		b.users[u.userID] = c
	}
	if bad {
		c.Action = ActionBlocked
		return
	}
	existing := b.matchUser(c, u)
	if c.Action == ActionBlocked || !b.placeUser(c, &u) {
		return
	}
	var ok bool
	if u.schema, ok = b.userSchema(c, row, existing); !ok {
		return
	}
	leader := b.resolvePeople(c, []string{u.leader}, u.row.Loc("leader_user_id"))
	dotted := b.resolvePeople(c, u.dotted, u.row.Loc("dotted_line_leader_user_ids"))
	userID := u.userID
	if existing != nil {
		userID = existing.UserID
	}
	// Dotted-line leaders created in this run are set by a leader step once
	// everyone exists (dotted lines may go round in circles), except for a
	// user created without a user_id: no one can name them, so their create
	// waits for the dotted-line leaders like for the manager.
	inRequest := dotted.ids
	if dotted.later && userID != "" {
		inRequest = nil
	}
	if existing == nil {
		b.createUser(c, u, first(leader.ids), inRequest)
	} else {
		b.updateUser(c, u, existing, first(leader.ids), inRequest)
	}
	if c.Action != ActionBlocked && inRequest == nil && dotted.later {
		b.pending = append(b.pending, pendingPeople{change: c, key: u.key(), dotted: dotted.ids, userID: userID})
	}
}

func first(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// placeUser resolves the user's department paths and checks every
// department they are placed in; false when the row is blocked.
func (b *builder) placeUser(c *Change, u *user) bool {
	if ids, probs := b.paths.userDepartments(u.row); len(ids)+len(probs) > 0 {
		for _, p := range probs {
			c.Problems = append(c.Problems, p)
			b.online = append(b.online, p)
			c.Action = ActionBlocked
		}
		if c.Action == ActionBlocked {
			return false
		}
		u.departments = dedupe(append(u.departments, ids...))
	}
	c.Departments = u.departments
	for _, id := range u.departments {
		switch b.deptState(id) {
		case deptBlocked:
			blockedBy(c, "部门 department", id)
			return false
		case deptUnknown:
			b.addOnline(c, "PLAN_DEPT_MISSING", u.row.Loc("department_ids"), id)
		}
	}
	return c.Action != ActionBlocked
}

func (b *builder) createUser(c *Change, u user, leader string, dotted []string) {
	c.Action = ActionCreate
	body := feishu.User{
		UserID:        u.userID,
		Name:          u.name,
		EnName:        u.enName,
		Mobile:        u.mobile,
		Email:         u.email,
		DepartmentIDs: u.departments,
		EmployeeType:  u.schema.employeeType,
		EmployeeNo:    u.employeeNo,
		JobTitle:      u.schema.jobTitle,
		LeaderUserID:  leader,
		JoinTime:      u.joinTime,
		City:          u.schema.city,
		WorkStation:   u.workStation,
		JobLevelID:    u.schema.jobLevelID,
		JobFamilyID:   u.schema.jobFamilyID,
		CustomAttrs:   b.attrList(nil, u.schema.attrs, false),

		DottedLineLeaderUserIDs: dotted,
	}
	if u.gender > 0 {
		body.Gender = u.gender
	}
	refs, deps := u.schema.refs()
	b.addStep(c, &Step{ID: UserStep(u.key()), Request: CreateUser{Body: body, Refs: refs}, Deps: deps, needs: u.departments})
	b.laterAttrs(c, u, nil)
}

func (b *builder) updateUser(c *Change, u user, e *feishu.User, leader string, dotted []string) {
	p := feishu.UserPatch{}
	change := c.diffField
	change("name", e.Name, u.name, func() { p.Name = &u.name })
	change("en_name", e.EnName, u.enName, func() { p.EnName = &u.enName })
	change("mobile", tenant.NormMobile(e.Mobile), u.mobile, func() { p.Mobile = &u.mobile })
	if !strings.EqualFold(e.Email, u.email) {
		change("email", e.Email, u.email, func() { p.Email = &u.email })
	}
	moved := false
	if len(u.departments) > 0 && !sameSet(u.departments, e.DepartmentIDs) {
		c.Fields = append(c.Fields, FieldChange{"department_ids", strings.Join(e.DepartmentIDs, ";"), strings.Join(u.departments, ";")})
		ids := u.departments
		p.DepartmentIDs = &ids
		moved = true
	}
	b.schemaChanges(c, &p, u, e)
	if u.gender >= 0 {
		change("gender", itoa(e.Gender), itoa(u.gender), func() { p.Gender = &u.gender })
	}
	change("employee_no", e.EmployeeNo, u.employeeNo, func() { p.EmployeeNo = &u.employeeNo })
	change("job_title", e.JobTitle, u.schema.jobTitle, func() { p.JobTitle = &u.schema.jobTitle })
	change("leader_user_id", e.LeaderUserID, leader, func() { p.LeaderUserID = &leader })
	if u.joinTime != 0 && u.joinTime != e.JoinTime {
		c.Fields = append(c.Fields, FieldChange{"join_time", dateOf(e.JoinTime), dateOf(u.joinTime)})
		p.JoinTime = &u.joinTime
	}
	change("city", e.City, u.schema.city, func() { p.City = &u.schema.city })
	change("work_station", e.WorkStation, u.workStation, func() { p.WorkStation = &u.workStation })
	if len(dotted) > 0 && !sameSet(dotted, e.DottedLineLeaderUserIDs) {
		c.Fields = append(c.Fields, FieldChange{"dotted_line_leader_user_ids", strings.Join(e.DottedLineLeaderUserIDs, ";"), strings.Join(dotted, ";")})
		p.DottedLineLeaderUserIDs = &dotted
	}
	if c.Action = actionOf(c, moved); c.Action == ActionUnchanged {
		return
	}
	b.laterAttrs(c, u, e)
	if p == (feishu.UserPatch{}) {
		return // only attributes set once the users they name exist
	}
	refs, deps := u.schema.refs()
	s := &Step{ID: UserStep(u.key()), Request: PatchUser{ID: e.UserID, Patch: p, Refs: refs}, Deps: deps}
	if p.DepartmentIDs != nil {
		s.needs = u.departments
	}
	b.addStep(c, s)
}

func itoa(n int) string { return strconv.Itoa(n) }

func dateOf(unix int64) string {
	if unix == 0 {
		return ""
	}
	return org.FormatDate(timeUnix(unix))
}
