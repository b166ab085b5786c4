package feishu

import (
	"context"
	"net/http"
)

// Offboarding endpoints: deleting a user with the handover of their
// resources, and bringing a deleted user back (resurrect). Sources: the
// doc pages 删除用户 (user/delete) and 恢复已删除用户 (user/resurrect).

// UserDelete is the optional body of DELETE /users/:user_id: who receives
// each kind of the leaver's resources. IDs are of the client's
// user_id_type. An empty field leaves the resource to Feishu's default:
// the direct leader for documents, calendars, applications, minutes,
// surveys, email and anycross (without one: calendars and surveys are
// deleted, email retained, the rest kept under the user); the first
// member to have joined for department chats; the first member of the
// same organisation for external chats (dissolved if none).
type UserDelete struct {
	DepartmentChatAcceptorUserID string            `json:"department_chat_acceptor_user_id,omitempty"`
	ExternalChatAcceptorUserID   string            `json:"external_chat_acceptor_user_id,omitempty"`
	DocsAcceptorUserID           string            `json:"docs_acceptor_user_id,omitempty"`
	CalendarAcceptorUserID       string            `json:"calendar_acceptor_user_id,omitempty"`
	ApplicationAcceptorUserID    string            `json:"application_acceptor_user_id,omitempty"`
	MinutesAcceptorUserID        string            `json:"minutes_acceptor_user_id,omitempty"`
	SurveyAcceptorUserID         string            `json:"survey_acceptor_user_id,omitempty"`
	EmailAcceptor                *ResourceAcceptor `json:"email_acceptor,omitempty"`
	AnycrossAcceptorUserID       string            `json:"anycross_acceptor_user_id,omitempty"`
}

// ResourceAcceptor is how a leaver's email is handled: ProcessingType
// EmailTransfer (to AcceptorUserID), EmailRetain or EmailDelete.
type ResourceAcceptor struct {
	ProcessingType string `json:"processing_type"`
	AcceptorUserID string `json:"acceptor_user_id,omitempty"`
}

// Email processing types of ResourceAcceptor.
const (
	EmailTransfer = "1"
	EmailRetain   = "2"
	EmailDelete   = "3"
)

// IsZero reports a body that hands nothing over explicitly (every
// resource goes to Feishu's default): the request is sent without one.
func (d UserDelete) IsZero() bool { return d == UserDelete{} }

// UserResurrect is the body of POST /users/:user_id/resurrect. Without
// Departments the user is restored to the root department.
type UserResurrect struct {
	Departments     []UserDepartmentInfo `json:"departments,omitempty"`
	SubscriptionIDs []string             `json:"subscription_ids,omitempty"`
}

// UserDepartmentInfo is one department a resurrected user returns to, with
// their sort positions (bigger sorts first).
type UserDepartmentInfo struct {
	DepartmentID    string `json:"department_id"`
	UserOrder       int    `json:"user_order"`
	DepartmentOrder int    `json:"department_order"`
}

// ResurrectMaxDepartments is the documented maximum of departments[].
const ResurrectMaxDepartments = 50

// DeleteUser deletes (resigns) a user (EPDeleteUser), handing their
// resources over as d says; a zero d sends no body (Feishu's defaults).
func (c *Client) DeleteUser(ctx context.Context, id string, d UserDelete) error {
	r := request{method: http.MethodDelete, path: userPath(id)}
	if !d.IsZero() {
		r.body = d
	}
	return c.do(ctx, r, nil)
}

// ResurrectUser brings a deleted user back (EPResurrect, 10/min): only
// within 30 days of the deletion (44028); departments, admin roles and
// resources handed over are not restored by it.
func (c *Client) ResurrectUser(ctx context.Context, id string, r UserResurrect) error {
	return c.do(ctx, request{method: http.MethodPost, path: userPath(id) + "/resurrect", body: r}, nil)
}
