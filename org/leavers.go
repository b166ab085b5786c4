package org

import "strings"

// KindLeavers is a leavers sheet (orgbatch offboard, restore): who leaves,
// and who receives what they own. It is read only by those commands
// (LoadOptions.Schemas): an import never reads one.
const KindLeavers Kind = "leavers"

// Acceptor columns of the leavers sheet, one per kind of resource of the
// user delete API, in its order. Each takes a user_id; AcceptorDefault is
// the acceptor of every resource whose own column is empty.
const (
	AcceptorDefault        = "acceptor_user_id"
	AcceptorDocs           = "docs_acceptor_user_id"
	AcceptorCalendar       = "calendar_acceptor_user_id"
	AcceptorDepartmentChat = "department_chat_acceptor_user_id"
	AcceptorExternalChat   = "external_chat_acceptor_user_id"
	AcceptorApplication    = "application_acceptor_user_id"
	AcceptorMinutes        = "minutes_acceptor_user_id"
	AcceptorSurvey         = "survey_acceptor_user_id"
	AcceptorEmail          = "email_acceptor_user_id"
	AcceptorAnycross       = "anycross_acceptor_user_id"
	// EmailProcessing is 转移 transfer (1), 保留 retain (2) or 删除 delete (3).
	EmailProcessing = "email_processing"
	// LeaderSuccessor takes over the departments the leaver leads.
	LeaderSuccessor = "leader_successor_user_id"
)

// AcceptorFields are the per-resource acceptor columns (not the default).
var AcceptorFields = []string{AcceptorDocs, AcceptorCalendar, AcceptorDepartmentChat, AcceptorExternalChat,
	AcceptorApplication, AcceptorMinutes, AcceptorSurvey, AcceptorEmail, AcceptorAnycross}

// acceptor declares one user_id column of the leavers sheet.
func acceptor(key, zh string, aliases ...string) Field {
	return Field{Key: key, ZH: zh, Aliases: aliases, Text: true, Single: OneID}
}

// LeaverSchema is the leavers sheet: a person by user_id, email or mobile
// (one is required; several must agree), an optional name that must be
// theirs, and who receives what.
var LeaverSchema = &Schema{
	Kind:       KindLeavers,
	SheetNames: []string{"leavers", "leaver", "offboarding", "离职", "离职名单", "离职人员", "离职员工", "离职表", "离职交接"},
	Fields: []Field{
		{Key: "user_id", ZH: "用户ID", Aliases: []string{"员工ID"}, Required: true, Alt: []string{"email", "mobile"}, Text: true, Example: "u0099", Single: OneID},
		{Key: "name", ZH: "姓名", Aliases: []string{"user_name", "员工姓名"}, Example: "张三"},
		{Key: "mobile", ZH: "手机号", Aliases: []string{"手机", "手机号码", "phone"}, Text: true, Example: "13800138000", Single: OneValue},
		{Key: "email", ZH: "邮箱", Aliases: []string{"电子邮箱", "邮箱地址", "e-mail"}, Example: "zhangsan@example.com", Single: OneValue},
		withExample(acceptor(AcceptorDefault, "默认接收人ID", "接收人ID", "交接人ID", "default_acceptor_user_id"), "u0001"),
		acceptor(AcceptorDocs, "文档接收人ID", "docs_acceptor"),
		acceptor(AcceptorCalendar, "日程接收人ID", "calendar_acceptor"),
		acceptor(AcceptorDepartmentChat, "部门群接收人ID", "department_chat_acceptor"),
		acceptor(AcceptorExternalChat, "外部群接收人ID", "external_chat_acceptor"),
		acceptor(AcceptorApplication, "应用接收人ID", "application_acceptor"),
		acceptor(AcceptorMinutes, "妙记接收人ID", "minutes_acceptor"),
		acceptor(AcceptorSurvey, "问卷接收人ID", "survey_acceptor"),
		{Key: EmailProcessing, ZH: "邮件处理方式", Aliases: []string{"email_processing_type", "邮件处理"}, Choices: []string{"转移", "保留", "删除"}, Example: "转移", Single: OneValue},
		acceptor(AcceptorEmail, "邮件接收人ID", "email_acceptor"),
		acceptor(AcceptorAnycross, "集成平台接收人ID", "anycross_acceptor"),
		acceptor(LeaderSuccessor, "部门负责人接任者ID", "接任负责人ID", "successor_user_id"),
	},
}

func withExample(f Field, example string) Field {
	f.Example = example
	return f
}

// Leaver is a row of the leavers sheet, read on demand like User.
type Leaver struct {
	Record
	Values LeaverValues
}

// LeaverValues are a leaver row's typed values, parsed once.
type LeaverValues struct {
	Mobile Mobile // E.164; "" when empty or not a mobile
	Email  string // lower-cased when valid, else ""
	// EmailProcessing is "1", "2" or "3" (feishu.EmailTransfer…), "" when
	// empty or not a processing type.
	EmailProcessing string
}

// The leaver's cells.
func (l *Leaver) UserID() string { return l.Get("user_id") }
func (l *Leaver) Name() string   { return l.Get("name") }
func (l *Leaver) Mobile() string { return l.Get("mobile") }
func (l *Leaver) Email() string  { return l.Get("email") }

// Acceptor is the user_id in one acceptor column (or LeaderSuccessor).
func (l *Leaver) Acceptor(key string) string { return l.Get(key) }

func newLeaver(rec Record) *Leaver {
	l := &Leaver{Record: rec}
	if m, _, ok := ParseMobile(l.Mobile()); ok {
		l.Values.Mobile = m
	}
	if e := l.Email(); e != "" && ValidEmail(e) {
		l.Values.Email = NormalizeEmail(e)
	}
	l.Values.EmailProcessing, _ = ParseEmailProcessing(l.Get(EmailProcessing))
	return l
}

// ParseEmailProcessing reads an email processing type as HR writes it:
// 1 / 转移 / transfer, 2 / 保留 / retain, 3 / 删除 / delete. Empty is ("",
// true): Feishu's default.
func ParseEmailProcessing(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", true
	case "1", "转移", "移交", "transfer":
		return "1", true
	case "2", "保留", "retain", "keep":
		return "2", true
	case "3", "删除", "delete":
		return "3", true
	}
	return "", false
}

// LeaverLoad are the load options of a leavers sheet: only the leavers
// schema is looked for.
var LeaverLoad = LoadOptions{Schemas: []*Schema{LeaverSchema}, NotFound: "LEAVER_SHEET_NOT_FOUND"}
