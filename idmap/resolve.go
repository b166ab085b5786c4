package idmap

import (
	"fmt"

	"github.com/orgbatch/orgbatch/feishu"
)

// Statuses of a mapping row.
const (
	StatusActive   = "active"
	StatusResigned = "resigned"
	StatusNotFound = "not found"
	StatusConflict = "conflict" // the email and the mobile are two people
	StatusInvalid  = "invalid"  // no usable email or mobile
)

// Statuses lists them in the order summaries count them.
var Statuses = []string{StatusActive, StatusResigned, StatusNotFound, StatusConflict, StatusInvalid}

// Result is one row's answer.
type Result struct {
	UserID  string
	OpenID  string
	UnionID string
	Status  string
	Note    string
}

// resolve decides one row from its contacts' answers: whom they found,
// whether they agree, and the user's other IDs.
func resolve(r Row, byEmail, byMobile keyAnswer, users map[string]userAnswer, includeResigned bool) Result {
	var res Result
	note := func(s string) {
		if s != "" && res.Note != "" {
			res.Note += "; "
		}
		res.Note += s
	}
	if r.Invalid != "" {
		res.Status = StatusInvalid
		note(r.Invalid)
		return res
	}
	note(r.Warn)
	f := byMobile
	switch {
	case byEmail.UserID != "" && byMobile.UserID != "" && byEmail.UserID != byMobile.UserID:
		res.Status = StatusConflict
		note(fmt.Sprintf("手机号是 %s，邮箱是 %s：不是同一个人 the mobile is %s, the email %s: two people", byMobile.UserID, byEmail.UserID, byMobile.UserID, byEmail.UserID))
		return res
	case byMobile.UserID == "" && byEmail.UserID == "":
		res.Status = StatusNotFound
		if !includeResigned {
			note("若已离职，请加 --include-resigned / a resigned user is found with --include-resigned")
		}
		return res
	case byMobile.UserID == "":
		f = byEmail
		note(missing(r.Mobile, "mobile", "手机号"))
	default:
		note(missing(r.Email, "email", "邮箱"))
	}
	res.UserID = f.UserID
	st := f.Status
	if u, ok := users[f.UserID]; ok {
		res.OpenID, res.UnionID = u.OpenID, u.UnionID
		if st == nil {
			st = u.Status
		}
	} else {
		note("未能读取该成员的 open_id 和 union_id / the user's open_id and union_id could not be read")
	}
	res.Status = StatusActive
	if st != nil && st.IsResigned {
		res.Status = StatusResigned
	}
	note(detail(st))
	return res
}

// missing notes a contact the row has that found no one while the other
// did (an enterprise email, say, which batch_get_id does not search).
func missing(v, en, zh string) string {
	if v == "" {
		return ""
	}
	return zh + "未找到 / the " + en + " found no one"
}

// detail names a status between active and resigned.
func detail(st *feishu.UserStatus) string {
	switch {
	case st == nil || st.IsResigned:
		return ""
	case st.IsExited:
		return "已退出 exited"
	case st.IsFrozen:
		return "已冻结 frozen"
	case st.IsUnjoin:
		return "未加入 unjoined"
	case !st.IsActivated:
		return "未激活 inactive"
	}
	return ""
}
