package plan

import (
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// Handover is who receives one kind of a leaver's resources.
type Handover struct {
	Resource string `json:"resource"`     // docs, calendar, … (Resources)
	To       string `json:"to,omitempty"` // the user_id receiving it; "" for Feishu's fallback
	// By says how To was chosen: the sheet column that names them
	// (docs_acceptor_user_id, acceptor_user_id), ByLeader, or ByFeishu.
	By string `json:"by"`
	// Fallback is what Feishu does with the resource when nobody
	// receives it (or what email_processing asked for).
	Fallback string `json:"fallback,omitempty"`
}

// How a Handover's acceptor was chosen besides a sheet column.
const (
	ByLeader = "direct_leader"  // the documented default
	ByFeishu = "feishu_default" // nobody: Fallback applies
)

// Resource is one kind of resource of the user delete API: its acceptor
// column and what happens without an acceptor (Source: 删除用户).
type Resource struct {
	Name, ZH string
	Column   string // the leavers sheet's acceptor column
	Leader   bool   // goes to the direct leader by default
	Fallback string // without an acceptor (for Leader ones: and without a leader)
	set      func(*feishu.UserDelete, string)
}

// What Feishu does with a resource nobody receives.
const (
	FallbackKept        = "留在离职者名下 kept under the leaver"
	FallbackDeleted     = "删除 deleted"
	FallbackRetained    = "保留 retained"
	FallbackFirstMember = "转给群内第一个入群的人 to the chat's first member"
	FallbackFirstOrg    = "转给第一个同组织的群成员，没有则解散 to its first member of the organisation, else dissolved"
)

// Resources are the kinds of resource, in the API's order.
var Resources = []Resource{
	{"department_chat", "部门群", org.AcceptorDepartmentChat, false, FallbackFirstMember, func(d *feishu.UserDelete, id string) { d.DepartmentChatAcceptorUserID = id }},
	{"external_chat", "外部群", org.AcceptorExternalChat, false, FallbackFirstOrg, func(d *feishu.UserDelete, id string) { d.ExternalChatAcceptorUserID = id }},
	{"docs", "文档", org.AcceptorDocs, true, FallbackKept, func(d *feishu.UserDelete, id string) { d.DocsAcceptorUserID = id }},
	{"calendar", "日程", org.AcceptorCalendar, true, FallbackDeleted, func(d *feishu.UserDelete, id string) { d.CalendarAcceptorUserID = id }},
	{"application", "应用", org.AcceptorApplication, true, FallbackKept, func(d *feishu.UserDelete, id string) { d.ApplicationAcceptorUserID = id }},
	{"minutes", "妙记", org.AcceptorMinutes, true, FallbackKept, func(d *feishu.UserDelete, id string) { d.MinutesAcceptorUserID = id }},
	{"survey", "问卷", org.AcceptorSurvey, true, FallbackDeleted, func(d *feishu.UserDelete, id string) { d.SurveyAcceptorUserID = id }},
	{"email", "邮件", org.AcceptorEmail, true, FallbackRetained, func(d *feishu.UserDelete, id string) {
		d.EmailAcceptor = &feishu.ResourceAcceptor{ProcessingType: feishu.EmailTransfer, AcceptorUserID: id}
	}},
	{"anycross", "集成平台", org.AcceptorAnycross, true, FallbackKept, func(d *feishu.UserDelete, id string) { d.AnycrossAcceptorUserID = id }},
}

// leaderState is what the leaver's direct leader can do for the handover.
type leaderState struct {
	id      string
	active  bool     // an active user who is not leaving: the default acceptor
	leaving *leaving // leaving too
	note    string   // why there is none, for the message
}

func (b *offboarder) leaderOf(u *feishu.User) leaderState {
	st := leaderState{id: u.LeaderUserID}
	lu := b.t.Users[st.id]
	switch {
	case st.id == "":
	case b.leaving[st.id] != nil:
		st.leaving = b.leaving[st.id]
	case lu == nil || resigned(lu):
		st.note = " (" + st.id + ")"
	default:
		st.active = true
	}
	return st
}

// handover decides who receives each resource of a leaver: the resource's
// own column, else the default acceptor column, else — for the resources
// that default to them — the direct leader, sent explicitly so the plan is
// what is sent; else Feishu's fallback. Every acceptor must be an active
// user who is not leaving; a direct leader who leaves too is refused
// (PLAN_LEADER_LEAVING), a missing one is warned about with what becomes
// of each resource.
func (b *offboarder) handover(lv *leaving) {
	l, c := lv.row, lv.c
	leader := b.leaderOf(lv.user)
	c.Offboard.Leader = leader.id
	checked := map[string]bool{}
	var toLeaving []string
	fallbacks := map[string][]string{} // fallback → resources
	var order []string
	for _, r := range Resources {
		h := Handover{Resource: r.Name}
		col := r.Column
		id := l.Acceptor(col)
		if id == "" {
			col, id = org.AcceptorDefault, l.Acceptor(org.AcceptorDefault)
		}
		switch proc := l.Values.EmailProcessing; {
		case r.Name == "email" && (proc == feishu.EmailRetain || proc == feishu.EmailDelete):
			h.By, h.Fallback = org.EmailProcessing, map[string]string{feishu.EmailRetain: FallbackRetained, feishu.EmailDelete: FallbackDeleted}[proc]
			lv.body.EmailAcceptor = &feishu.ResourceAcceptor{ProcessingType: proc}
		case id != "":
			h.To, h.By = id, col
			if !checked[col+"\x00"+id] {
				checked[col+"\x00"+id] = true
				b.checkAcceptor(lv, col, id)
			}
		case r.Leader && leader.active:
			h.To, h.By = leader.id, ByLeader
		case r.Leader && leader.leaving != nil:
			h.To, h.By = leader.id, ByLeader // refused below: the row is not sent
			toLeaving = append(toLeaving, r.ZH+" "+r.Name)
		default:
			h.By, h.Fallback = ByFeishu, r.Fallback
			if r.Leader {
				if fallbacks[r.Fallback] == nil {
					order = append(order, r.Fallback)
				}
				fallbacks[r.Fallback] = append(fallbacks[r.Fallback], r.ZH+" "+r.Name)
			}
		}
		if h.To != "" {
			r.set(&lv.body, h.To)
		}
		c.Offboard.Handover = append(c.Offboard.Handover, h)
	}
	loc := l.Loc(org.AcceptorDefault)
	if len(toLeaving) > 0 {
		lr := leader.leaving
		b.add(c, "PLAN_LEADER_LEAVING", loc, leader.id, nameOr(lr.user), lr.row.Num, strings.Join(toLeaving, "、"))
	}
	if len(order) > 0 {
		var what []string
		for _, f := range order {
			what = append(what, strings.Join(fallbacks[f], "、")+" "+f)
		}
		b.add(c, "PLAN_LEAVER_NO_LEADER", loc, leader.note, strings.Join(what, "; "))
	}
}

// checkAcceptor refuses an acceptor (or successor) who is not another
// active user, or who leaves too.
func (b *offboarder) checkAcceptor(lv *leaving, col, id string) {
	loc, header := lv.row.Loc(col), lv.row.T.Column(col)
	u := b.t.Users[id]
	switch other := b.leaving[id]; {
	case id == lv.user.UserID:
		if lv.row.UserID() != id { // else validation has said so
			b.add(lv.c, "LEAVER_ACCEPTOR_SELF", loc, header, id)
		}
	case other != nil:
		b.add(lv.c, "PLAN_ACCEPTOR_LEAVING", loc, header, id, other.row.Num)
	case u == nil || resigned(u):
		b.add(lv.c, "PLAN_ACCEPTOR_INVALID", loc, header, id)
	}
}

func nameOr(u *feishu.User) string {
	if u == nil {
		return ""
	}
	return u.Name
}

// ResourceLabel names a kind of resource for people: "文档 docs".
func ResourceLabel(name string) string {
	for _, r := range Resources {
		if r.Name == name {
			return r.ZH + " " + r.Name
		}
	}
	return name
}
