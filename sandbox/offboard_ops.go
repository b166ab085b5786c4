package sandbox

import (
	"fmt"
	"slices"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// Offboarding: DELETE /users/:id with the handover of the leaver's
// resources, and POST /users/:id/resurrect. The caller holds Server.mu for
// writing; every check runs before the first change.

// Resources a leaver hands over, as Handover names them.
const (
	ResDepartmentChat = "department_chat"
	ResExternalChat   = "external_chat"
	ResDocs           = "docs"
	ResCalendar       = "calendar"
	ResApplication    = "application"
	ResMinutes        = "minutes"
	ResSurvey         = "survey"
	ResEmail          = "email"
	ResAnycross       = "anycross"
)

// What becomes of a resource nobody receives (Handover values other than
// a user_id), per the delete page: without a direct leader documents,
// applications, minutes and anycross stay under the user, calendars and
// surveys are deleted, email is retained; chats go to their first member.
const (
	HandKept        = "kept"
	HandDeleted     = "deleted"
	HandRetained    = "retained"
	HandFirstMember = "first_member"
)

// resurrectWindow is how long after the deletion a user can be brought
// back (44028 after it).
const resurrectWindow = 30 * 24 * time.Hour

// handoverRule is one resource of the delete body: its explicit acceptor,
// and what happens without one.
type handoverRule struct {
	res      string
	explicit func(feishu.UserDelete) string
	leader   bool   // defaults to the direct leader
	fallback string // without an acceptor (and, if leader, without a leader)
}

var handoverRules = []handoverRule{
	{ResDepartmentChat, func(d feishu.UserDelete) string { return d.DepartmentChatAcceptorUserID }, false, HandFirstMember},
	{ResExternalChat, func(d feishu.UserDelete) string { return d.ExternalChatAcceptorUserID }, false, HandFirstMember},
	{ResDocs, func(d feishu.UserDelete) string { return d.DocsAcceptorUserID }, true, HandKept},
	{ResCalendar, func(d feishu.UserDelete) string { return d.CalendarAcceptorUserID }, true, HandDeleted},
	{ResApplication, func(d feishu.UserDelete) string { return d.ApplicationAcceptorUserID }, true, HandKept},
	{ResMinutes, func(d feishu.UserDelete) string { return d.MinutesAcceptorUserID }, true, HandKept},
	{ResSurvey, func(d feishu.UserDelete) string { return d.SurveyAcceptorUserID }, true, HandDeleted},
	{ResEmail, emailAcceptorOf, true, HandRetained},
	{ResAnycross, func(d feishu.UserDelete) string { return d.AnycrossAcceptorUserID }, true, HandKept},
}

func emailAcceptorOf(d feishu.UserDelete) string {
	if d.EmailAcceptor == nil {
		return ""
	}
	return d.EmailAcceptor.AcceptorUserID
}

// deleteUser resigns u handing their resources over as d says: the tenant
// administrator cannot be deleted (44037), nor a user the tenant lets go
// only through the lifecycle engine (44062); every acceptor must be
// another active user (41052); email's processing_type is 1, 2 or 3
// (40001), and 1 needs its acceptor (41052). Deleting a resigned user
// succeeds without change.
func (s *state) deleteUser(u *user, d feishu.UserDelete, ids idTypes, now time.Time) error {
	if !u.active() {
		return nil
	}
	switch {
	case u.isTenantManager:
		return fail(feishu.CodeTenantManager, "user %s is a tenant administrator", u.userID)
	case u.lifecycleOnly:
		return fail(feishu.CodeLifecycleOnly, "user %s", u.userID)
	}
	if e := d.EmailAcceptor; e != nil {
		switch e.ProcessingType {
		case feishu.EmailTransfer:
			if e.AcceptorUserID == "" {
				return fail(feishu.CodeAcceptorInvalid, "email_acceptor: processing_type 1 (transfer) needs acceptor_user_id")
			}
		case feishu.EmailRetain, feishu.EmailDelete:
		default:
			return fail(codeParam, "email_acceptor.processing_type %q: want 1, 2 or 3", e.ProcessingType)
		}
	}
	hand := map[string]string{}
	for _, r := range handoverRules {
		got, err := s.acceptor(u, r, d, ids)
		if err != nil {
			return err
		}
		hand[r.res] = got
	}
	s.resignUser(u)
	u.resignedAt, u.handover = now, hand
	return nil
}

// acceptor is who receives one resource: the explicit acceptor (checked),
// else the active direct leader for the resources that default to them,
// else the resource's fallback.
func (s *state) acceptor(u *user, r handoverRule, d feishu.UserDelete, ids idTypes) (string, error) {
	if r.res == ResEmail && d.EmailAcceptor != nil {
		switch d.EmailAcceptor.ProcessingType {
		case feishu.EmailRetain:
			return HandRetained, nil
		case feishu.EmailDelete:
			return HandDeleted, nil
		}
	}
	if id := r.explicit(d); id != "" {
		a := s.user(id, ids.user)
		if a == nil || !a.active() || a == u {
			return "", fail(feishu.CodeAcceptorInvalid, "%s acceptor %q (%s) is not another active user", r.res, id, ids.user)
		}
		return a.userID, nil
	}
	if r.leader && u.leader != nil && u.leader.active() {
		return u.leader.userID, nil
	}
	return r.fallback, nil
}

// resurrectUser brings a resigned user back: within 30 days of the
// deletion (44028), with their mobile (44030), email (44031) and
// employee_no (44051) free among active users, into departments (up to
// 50, each existing: 44035) or, without any, the root. Departments,
// admin roles and handed-over resources are not restored. An active user
// is 44033.
func (s *state) resurrectUser(u *user, in feishu.UserResurrect, ids idTypes, now time.Time) error {
	if u.active() {
		return fail(feishu.CodeNotResigned, "user %s is not resigned", u.userID)
	}
	if !u.resignedAt.IsZero() && now.Sub(u.resignedAt) > resurrectWindow {
		return fail(feishu.CodeResurrectExpired, "user %s resigned on %s, more than 30 days ago", u.userID, u.resignedAt.Format(time.DateOnly))
	}
	if o := s.activeMobile[u.mobile]; o != nil {
		return fail(feishu.CodeResurrectMobile, "mobile %s belongs to active user %s", u.mobile, o.userID)
	}
	if o := s.activeEmail[emailKey(u.email)]; u.email != "" && o != nil {
		return fail(feishu.CodeResurrectEmail, "email %s belongs to active user %s", u.email, o.userID)
	}
	if o := s.activeEmpNo[u.employeeNo]; u.employeeNo != "" && o != nil {
		return fail(feishu.CodeEmployeeNoExists, "employee_no %s belongs to active user %s", u.employeeNo, o.userID)
	}
	depts, primary, orders, err := s.resurrectDepts(in.Departments, ids)
	if err != nil {
		return err
	}
	u.status.IsResigned = false
	u.isTenantManager = false
	s.dropResigned(u)
	s.addActive(u)
	s.setUserDepts(u, depts, primary, orders)
	u.resignedAt = time.Time{}
	return nil
}

// resurrectDepts resolves departments[] of a resurrect: the root when
// empty; the primary department is the one with the highest
// department_order, the first on a tie.
func (s *state) resurrectDepts(in []feishu.UserDepartmentInfo, ids idTypes) ([]*dept, *dept, []userOrder, error) {
	if len(in) == 0 {
		return []*dept{s.root}, s.root, nil, nil
	}
	if len(in) > feishu.ResurrectMaxDepartments {
		return nil, nil, nil, fail(codeParam, "departments: %d given, at most %d", len(in), feishu.ResurrectMaxDepartments)
	}
	var depts []*dept
	var orders []userOrder
	var primary *dept
	best := 0
	for _, di := range in {
		d := s.dept(di.DepartmentID, ids.dept)
		if d == nil {
			return nil, nil, nil, fail(codeUserDeptInvalid, "department %q (%s) does not exist", di.DepartmentID, ids.dept)
		}
		if slices.Contains(depts, d) {
			continue
		}
		depts = append(depts, d)
		orders = append(orders, userOrder{dept: d, userOrder: di.UserOrder, departmentOrder: di.DepartmentOrder})
		if primary == nil || di.DepartmentOrder > best {
			primary, best = d, di.DepartmentOrder
		}
	}
	return depts, primary, orders, nil
}

// ResignedRecord is a deleted user's offboarding state in the state file.
type ResignedRecord struct {
	UserID   string            `json:"user_id"`
	At       time.Time         `json:"at,omitzero"`
	Handover map[string]string `json:"handover,omitempty"`
}

// offboardState renders what the state file keeps of offboarding.
func (s *state) offboardState() (resigned []ResignedRecord, lifecycle []string) {
	for _, u := range s.users {
		if !u.active() && (!u.resignedAt.IsZero() || u.handover != nil) {
			resigned = append(resigned, ResignedRecord{UserID: u.userID, At: u.resignedAt, Handover: u.handover})
		}
		if u.lifecycleOnly {
			lifecycle = append(lifecycle, u.userID)
		}
	}
	return resigned, lifecycle
}

// loadOffboardState restores it after the users are loaded.
func (s *state) loadOffboardState(resigned []ResignedRecord, lifecycle []string) error {
	for _, r := range resigned {
		u := s.userByID[r.UserID]
		if u == nil || u.active() {
			return fmt.Errorf("resigned: user %q is not a resigned user of the state", r.UserID)
		}
		u.resignedAt, u.handover = r.At, r.Handover
	}
	for _, id := range lifecycle {
		u := s.userByID[id]
		if u == nil {
			return fmt.Errorf("lifecycle_only: no user %q", id)
		}
		u.lifecycleOnly = true
	}
	return nil
}
