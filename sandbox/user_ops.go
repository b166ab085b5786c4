package sandbox

import (
	"slices"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// User state operations. The caller holds Server.mu for writing; every check
// runs before the first change.

// userDraft holds a user's validated values before they are applied.
type userDraft struct {
	name, enName, nickname     string
	email, mobile              string
	mainland                   bool
	mobileVisible              bool
	gender, employeeType       int
	depts                      []*dept
	primary                    *dept
	orders                     []userOrder
	leader                     *user
	dotted                     []*user
	city, country, workStation string
	employeeNo, jobTitle       string
	enterpriseEmail            string
	joinTime                   int64
	frozen                     bool
	jobLevelID, jobFamilyID    string
	customAttrs                []feishu.UserCustomAttr
}

// createUser adds a user. seed keeps given open_id/union_id and status, and
// lets a resigned user have no departments (state files and seeds). The
// checks run in the order Feishu's error codes suggest (sandbox/doc.go).
func (s *state) createUser(in feishu.User, ids idTypes, seed bool, now time.Time) (*user, error) {
	resigned := seed && in.Status != nil && in.Status.IsResigned
	dr, err := s.newUserDraft(in, ids, seed, resigned)
	if err != nil {
		return nil, err
	}
	u := &user{userID: in.UserID}
	if u.userID == "" {
		u.userID = s.newUserID()
	} else if err := checkUserID(u.userID); err != nil {
		return nil, err
	}
	if s.userByID[u.userID] != nil {
		return nil, fail(feishu.CodeUserIDExists, "user_id %q is taken", u.userID)
	}
	if err := checkGender(in.Gender); err != nil {
		return nil, err
	}
	if err := checkUserText(in.EnName, in.Nickname, in.JobTitle, in.City, in.WorkStation, in.EmployeeNo); err != nil {
		return nil, err
	}
	if err := s.dir.checkLevelFamily(in.JobLevelID, in.JobFamilyID); err != nil {
		return nil, err
	}
	if dr.customAttrs, err = s.checkUserAttrs(in.CustomAttrs); err != nil {
		return nil, err
	}
	if u.openID, err = s.newPrefixedID(prefixOpenID, in.OpenID, seed, s.userByOpen); err != nil {
		return nil, err
	}
	if u.unionID, err = s.newPrefixedID(prefixUnionID, in.UnionID, seed, s.userByUnion); err != nil {
		return nil, err
	}
	if in.LeaderUserID != "" {
		if in.LeaderUserID == userRef(u, ids.user) {
			return nil, fail(feishu.CodeLeaderSelf, "a user cannot lead themself")
		}
		if dr.leader, err = s.userLeader(in.LeaderUserID, ids); err != nil {
			return nil, err
		}
	}
	if dr.dotted, err = s.dottedLeaders(userRef(u, ids.user), in.DottedLineLeaderUserIDs, ids); err != nil {
		return nil, err
	}
	dr.fill(in, seed, now)
	if !resigned {
		if err := s.checkUnique(dr, nil); err != nil {
			return nil, err
		}
	}
	return s.insertUser(u, in, dr, seed, resigned), nil
}

// newUserDraft checks a new user's name, contacts, departments and type.
// A seeded user may lack a mobile: a tenant read by an app without the
// mobile scope (a clone, orgbatch rehearse) holds users whose mobile it
// cannot see; the API never creates one.
func (s *state) newUserDraft(in feishu.User, ids idTypes, seed, resigned bool) (userDraft, error) {
	var dr userDraft
	if err := checkUserName(in.Name); err != nil {
		return dr, err
	}
	dr.name = in.Name
	var err error
	switch {
	case in.Mobile == "" && !seed:
		return dr, fail(feishu.CodeNoMobile, "mobile is required")
	case in.Mobile == "":
		dr.mainland = true // nothing to pair an email with
	default:
		if dr.mobile, dr.mainland, err = normalizeMobile(in.Mobile); err != nil {
			return dr, err
		}
	}
	if in.Email != "" {
		if err := checkEmail(in.Email); err != nil {
			return dr, err
		}
	}
	dr.email = in.Email
	if !dr.mainland && dr.email == "" {
		return dr, fail(feishu.CodeMobileEmailTogether, "a non-mainland mobile needs an email")
	}
	if !resigned || len(in.DepartmentIDs) > 0 {
		if dr.depts, err = s.userDepts(in.DepartmentIDs, ids.dept); err != nil {
			return dr, err
		}
		if dr.orders, dr.primary, err = s.userOrders(in.Orders, dr.depts, ids.dept); err != nil {
			return dr, err
		}
	}
	return dr, s.dir.checkEmployeeType(in.EmployeeType)
}

// fill copies the fields that need no checks beyond checkUserText.
func (dr *userDraft) fill(in feishu.User, seed bool, now time.Time) {
	dr.enName, dr.nickname, dr.gender, dr.employeeType = in.EnName, in.Nickname, in.Gender, in.EmployeeType
	dr.city, dr.country, dr.workStation = in.City, in.Country, in.WorkStation
	dr.employeeNo, dr.jobTitle, dr.enterpriseEmail = in.EmployeeNo, in.JobTitle, in.EnterpriseEmail
	dr.mobileVisible = in.MobileVisible == nil || *in.MobileVisible
	dr.joinTime = in.JoinTime
	dr.jobLevelID, dr.jobFamilyID = in.JobLevelID, in.JobFamilyID
	dr.frozen = seed && in.Status != nil && in.Status.IsFrozen
	if dr.joinTime == 0 {
		dr.joinTime = now.Unix()
	}
}

// insertUser adds a checked user to the state and its indexes.
func (s *state) insertUser(u *user, in feishu.User, dr userDraft, seed, resigned bool) *user {
	u.seq = s.nextSeq()
	if seed && in.Status != nil {
		u.status = *in.Status
		u.status.IsResigned = false // set below, after the user joined its departments
	}
	u.isTenantManager = seed && in.IsTenantManager
	s.applyDraft(u, dr)
	s.users = append(s.users, u)
	s.userByID[u.userID] = u
	s.userByOpen[u.openID] = u
	s.userByUnion[u.unionID] = u
	if resigned {
		// A resigned user skipped the uniqueness checks: it must not
		// enter the active indexes even for a moment.
		u.status.IsResigned = true
		s.addResigned(u)
		return u
	}
	s.addActive(u)
	s.setUserDepts(u, dr.depts, dr.primary, dr.orders)
	return u
}

func (s *state) newUserID() string {
	for {
		id := randomHex(8)
		if s.userByID[id] == nil {
			return id
		}
	}
}

func (s *state) newPrefixedID(prefix, want string, seed bool, index map[string]*user) (string, error) {
	if seed && want != "" {
		if !strings.HasPrefix(want, prefix) || index[want] != nil {
			return "", fail(codeParam, "ID %q is malformed or taken", want)
		}
		return want, nil
	}
	for {
		id := prefix + randomHex(32)
		if index[id] == nil {
			return id, nil
		}
	}
}

// userDepts resolves department_ids: required (41017), at most 50 distinct
// (41033), each existing (44035). Repeated IDs count once.
func (s *state) userDepts(ids []string, typ string) ([]*dept, error) {
	if len(ids) == 0 {
		return nil, fail(feishu.CodeDeptRequired, "department_ids is required")
	}
	var out []*dept
	for _, id := range ids {
		d := s.dept(id, typ)
		if d == nil {
			return nil, fail(codeUserDeptInvalid, "department %q (%s) does not exist", id, typ)
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if len(out) > maxUserDepts {
		return nil, fail(feishu.CodeTooManyDepts, "%d departments, max %d", len(out), maxUserDepts)
	}
	return out, nil
}

// userOrders resolves orders[]; each department must be one of the user's
// (41025). The primary department is the one marked is_primary_dept, else
// the first of department_ids.
func (s *state) userOrders(in []feishu.UserOrder, depts []*dept, typ string) ([]userOrder, *dept, error) {
	primary := depts[0]
	var out []userOrder
	for _, o := range in {
		d := s.dept(o.DepartmentID, typ)
		if d == nil || !slices.Contains(depts, d) {
			return nil, nil, fail(codeOrderDeptInvalid, "orders names department %q, not one of department_ids", o.DepartmentID)
		}
		if o.IsPrimaryDept {
			primary = d
		}
		out = append(out, userOrder{dept: d, userOrder: o.UserOrder, departmentOrder: o.DepartmentOrder})
	}
	return out, primary, nil
}

// userLeader resolves a user's leader: unknown is 44022, resigned 44021.
func (s *state) userLeader(id string, ids idTypes) (*user, error) {
	l := s.user(id, ids.user)
	if l == nil {
		return nil, fail(feishu.CodeLeaderInvalid, "leader %q (%s)", id, ids.user)
	}
	if !l.active() {
		return nil, fail(feishu.CodeLeaderResigned, "leader %q has resigned", id)
	}
	return l, nil
}

// checkUnique applies the tenant-wide uniqueness of mobile (41001), email
// (41002) and employee_no (44051) among active users other than self.
func (s *state) checkUnique(dr userDraft, self *user) error {
	if o := s.activeMobile[dr.mobile]; o != nil && o != self {
		return fail(feishu.CodeMobileExists, "mobile %s belongs to another user", dr.mobile)
	}
	if o := s.activeEmail[emailKey(dr.email)]; dr.email != "" && o != nil && o != self {
		return fail(feishu.CodeEmailExists, "email %s belongs to another user", dr.email)
	}
	if o := s.activeEmpNo[dr.employeeNo]; dr.employeeNo != "" && o != nil && o != self {
		return fail(feishu.CodeEmployeeNoExists, "employee_no %s belongs to another user", dr.employeeNo)
	}
	return nil
}

func draftOf(u *user) userDraft {
	return userDraft{name: u.name, enName: u.enName, nickname: u.nickname, email: u.email,
		mobile: u.mobile, mainland: strings.HasPrefix(u.mobile, "+86"), mobileVisible: u.mobileVisible,
		gender: u.gender, employeeType: u.employeeType, depts: u.depts, primary: u.primary,
		orders: u.orders, leader: u.leader, dotted: u.dotted, city: u.city, country: u.country,
		workStation: u.workStation, employeeNo: u.employeeNo, jobTitle: u.jobTitle,
		enterpriseEmail: u.enterpriseEmail, joinTime: u.joinTime, frozen: u.status.IsFrozen,
		jobLevelID: u.jobLevelID, jobFamilyID: u.jobFamilyID, customAttrs: u.customAttrs}
}

// applyDraft copies a draft's scalar fields; memberships change through
// setUserDepts so that counts stay right.
func (s *state) applyDraft(u *user, dr userDraft) {
	u.name, u.enName, u.nickname, u.email, u.mobile = dr.name, dr.enName, dr.nickname, dr.email, dr.mobile
	u.mobileVisible, u.gender, u.employeeType, u.leader = dr.mobileVisible, dr.gender, dr.employeeType, dr.leader
	u.dotted = dr.dotted
	u.city, u.country, u.workStation = dr.city, dr.country, dr.workStation
	u.employeeNo, u.jobTitle, u.enterpriseEmail = dr.employeeNo, dr.jobTitle, dr.enterpriseEmail
	u.joinTime, u.status.IsFrozen = dr.joinTime, dr.frozen
	u.jobLevelID, u.jobFamilyID, u.customAttrs = dr.jobLevelID, dr.jobFamilyID, dr.customAttrs
	s.dir.noteTitleCity(u.jobTitle, u.city)
}

// patchUser applies a PATCH: omitted fields are unchanged, changed fields
// pass the create rules again.
func (s *state) patchUser(u *user, p feishu.UserPatch, ids idTypes) error {
	switch {
	case u.status.IsResigned:
		return fail(feishu.CodeUserResigned, "user has resigned")
	case u.status.IsUnjoin:
		return fail(codeUnjoinedUpdate, "user has not joined")
	}
	dr, err := s.patchContact(u, p, ids)
	if err != nil {
		return err
	}
	if err := s.patchFields(&dr, p); err != nil {
		return err
	}
	if p.LeaderUserID != nil {
		switch id := *p.LeaderUserID; {
		case id == "":
			dr.leader = nil
		case id == userRef(u, ids.user):
			return fail(feishu.CodeLeaderSelf, "a user cannot lead themself")
		default:
			if dr.leader, err = s.userLeader(id, ids); err != nil {
				return err
			}
		}
	}
	if p.DottedLineLeaderUserIDs != nil {
		if dr.dotted, err = s.dottedLeaders(userRef(u, ids.user), *p.DottedLineLeaderUserIDs, ids); err != nil {
			return err
		}
	}
	if err := s.checkUnique(dr, u); err != nil {
		return err
	}

	s.dropActive(u)
	s.applyDraft(u, dr)
	s.addActive(u)
	if p.DepartmentIDs != nil {
		s.setUserDepts(u, dr.depts, dr.primary, dr.orders)
	}
	return nil
}

// patchContact is the user's draft with a PATCH's name, contacts and
// departments checked and applied.
func (s *state) patchContact(u *user, p feishu.UserPatch, ids idTypes) (userDraft, error) {
	dr := draftOf(u)
	var err error
	if p.Name != nil {
		if err := checkUserName(*p.Name); err != nil {
			return dr, err
		}
		dr.name = *p.Name
	}
	if p.Mobile != nil {
		if *p.Mobile == "" {
			return dr, fail(feishu.CodeNoMobile, "mobile cannot be cleared")
		}
		if dr.mobile, dr.mainland, err = normalizeMobile(*p.Mobile); err != nil {
			return dr, err
		}
	}
	if p.Email != nil {
		if *p.Email != "" {
			if err := checkEmail(*p.Email); err != nil {
				return dr, err
			}
		}
		dr.email = *p.Email
	}
	if !dr.mainland && dr.email == "" {
		return dr, fail(feishu.CodeMobileEmailTogether, "a non-mainland mobile needs an email")
	}
	if p.DepartmentIDs != nil {
		if dr.depts, err = s.userDepts(*p.DepartmentIDs, ids.dept); err != nil {
			return dr, err
		}
		dr.primary, dr.orders = dr.depts[0], keepOrders(u.orders, dr.depts)
	}
	return dr, nil
}

// patchFields checks and applies a PATCH's other fields to the draft.
func (s *state) patchFields(dr *userDraft, p feishu.UserPatch) error {
	if err := s.patchSchema(dr, p); err != nil {
		return err
	}
	if p.EmployeeType != nil {
		if err := s.dir.checkEmployeeType(*p.EmployeeType); err != nil {
			return err
		}
		dr.employeeType = *p.EmployeeType
	}
	if p.Gender != nil {
		if err := checkGender(*p.Gender); err != nil {
			return err
		}
		dr.gender = *p.Gender
	}
	setStr := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setStr(&dr.enName, p.EnName)
	setStr(&dr.city, p.City)
	setStr(&dr.workStation, p.WorkStation)
	setStr(&dr.employeeNo, p.EmployeeNo)
	setStr(&dr.jobTitle, p.JobTitle)
	if err := checkUserText(dr.enName, dr.nickname, dr.jobTitle, dr.city, dr.workStation, dr.employeeNo); err != nil {
		return err
	}
	if p.JoinTime != nil {
		dr.joinTime = *p.JoinTime
	}
	if p.IsFrozen != nil {
		dr.frozen = *p.IsFrozen
	}
	return nil
}

// keepOrders keeps the sort positions of the departments a user stays in.
func keepOrders(old []userOrder, depts []*dept) []userOrder {
	var out []userOrder
	for _, o := range old {
		if slices.Contains(depts, o.dept) {
			out = append(out, o)
		}
	}
	return out
}

// resignUser is DELETE /users/:id: the user resigns, leaves every
// department (counts drop) and frees mobile, email and employee_no. Their
// IDs stay taken and GET keeps answering. Resigning twice is a no-op.
func (s *state) resignUser(u *user) {
	if !u.active() {
		return
	}
	s.setUserDepts(u, nil, nil, nil)
	s.dropActive(u)
	s.addResigned(u)
	s.dropUserFromGroups(u)
	u.status.IsResigned = true
}

// rejoinUser undoes a resignation (SetUserStatus only): like the resurrect
// API without departments, the user returns to the root department.
func (s *state) rejoinUser(u *user) error {
	if u.active() {
		return nil
	}
	if err := s.checkUnique(draftOf(u), u); err != nil {
		return err
	}
	u.status.IsResigned = false
	s.dropResigned(u)
	s.addActive(u)
	s.setUserDepts(u, []*dept{s.root}, s.root, nil)
	return nil
}
