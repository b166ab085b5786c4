package audit

import "fmt"

// Severity says how much a finding matters.
type Severity string

// Severities: a warning is something to fix (a leader who left, a mobile
// two people share); a note is worth a look but may be right (a person at
// the top has no manager, a new department is still empty).
const (
	Warning Severity = "warning"
	Note    Severity = "note"
)

// Kind is one kind of finding or change: its code, its title in both
// languages, and its message templates (fmt, the same arguments for both).
type Kind struct {
	Code     string
	Severity Severity // findings only
	ZH, EN   string   // the title of its section
	// WhatZH, WhatEN say what is checked (the page's notes, the README).
	WhatZH, WhatEN string
	MsgZH, MsgEN   string
}

// Finding kinds, in the order the report lists them.
const (
	DeptNoLeader     = "DEPT_NO_LEADER"
	LeaderResigned   = "LEADER_RESIGNED"
	LeaderOutside    = "LEADER_OUTSIDE"
	ManagerResigned  = "MANAGER_RESIGNED"
	UserNoManager    = "USER_NO_MANAGER"
	DeptEmpty        = "DEPT_EMPTY"
	DuplicateName    = "DUPLICATE_NAME"
	DuplicateMobile  = "DUPLICATE_MOBILE"
	DuplicateEmail   = "DUPLICATE_EMAIL"
	BranchDeep       = "BRANCH_DEEP"
	BranchWide       = "BRANCH_WIDE"
	findingKindCount = 11
)

// Kinds is the one table of findings. Messages take, in order: a role in
// Chinese and English where a leader is named (主负责人 main leader, 副负责人
// deputy leader), then the values named in the template.
var Kinds = [findingKindCount]Kind{
	{Code: DeptNoLeader, Severity: Warning, ZH: "没有负责人的部门", EN: "Departments without a leader",
		WhatZH: "部门没有主负责人（公司根部门除外）", WhatEN: "a department has no main leader (the company's root excepted)",
		MsgZH: "没有负责人（%d 人）", MsgEN: "no leader (%d people)"},
	{Code: LeaderResigned, Severity: Warning, ZH: "已离职或不存在的负责人", EN: "Leaders who resigned or do not exist",
		WhatZH: "部门的主负责人或副负责人已离职，或按 ID 查不到此人", WhatEN: "a department's main or deputy leader has resigned, or no user has that ID",
		MsgZH: "%[1]s %[3]s（%[4]s）%[5]s", MsgEN: "%[2]s %[3]s (%[4]s) %[6]s"},
	{Code: LeaderOutside, Severity: Warning, ZH: "不在本部门的负责人", EN: "Leaders outside their department",
		WhatZH: "负责人不是本部门或其任何下级部门的成员", WhatEN: "a leader is not a member of the department or of any department below it",
		MsgZH: "%[1]s %[3]s（%[4]s）不在本部门及其下级部门，所在部门：%[5]s", MsgEN: "%[2]s %[3]s (%[4]s) is not in this department or below it; is in: %[5]s"},
	{Code: ManagerResigned, Severity: Warning, ZH: "直属上级已离职或不存在", EN: "Managers who resigned or do not exist",
		WhatZH: "成员的直属上级（leader_user_id）已离职，或按 ID 查不到此人", WhatEN: "a user's direct manager (leader_user_id) has resigned, or no user has that ID",
		MsgZH: "直属上级 %[1]s（%[2]s）%[3]s", MsgEN: "manager %[1]s (%[2]s) %[4]s"},
	{Code: UserNoManager, Severity: Note, ZH: "没有直属上级的成员", EN: "Users without a manager",
		WhatZH: "成员没有直属上级；一级部门（或 --root 部门）的主负责人是最上层，不算", WhatEN: "a user has no direct manager; the main leaders of top-level departments (or of the --root department) are the top of the chain and not counted",
		MsgZH: "没有直属上级", MsgEN: "no direct manager"},
	{Code: DeptEmpty, Severity: Note, ZH: "空部门", EN: "Empty departments",
		WhatZH: "部门及其所有下级部门都没有成员（只列出空分支最上面的部门）", WhatEN: "neither the department nor any department below it has members (only the top of an empty branch is listed)",
		MsgZH: "没有成员（连同 %d 个下级部门）", MsgEN: "no members (with %d departments below it)"},
	{Code: DuplicateName, Severity: Note, ZH: "重名的成员", EN: "Users with the same name",
		WhatZH: "多名成员同名（不区分大小写、全半角、空格和间隔号）", WhatEN: "several users have one name (ignoring case, character width, spaces and middle dots)",
		MsgZH: "%d 人同名：%s", MsgEN: "%d users have this name: %s"},
	{Code: DuplicateMobile, Severity: Warning, ZH: "重复的手机号", EN: "Duplicate mobiles",
		WhatZH: "多名成员的手机号相同（报告中手机号打码显示）", WhatEN: "several users have one mobile (masked in the report)",
		MsgZH: "%d 人共用：%s", MsgEN: "%d users share it: %s"},
	{Code: DuplicateEmail, Severity: Warning, ZH: "重复的邮箱", EN: "Duplicate emails",
		WhatZH: "多名成员的邮箱相同（不区分大小写；报告中打码显示）", WhatEN: "several users have one email (ignoring case; masked in the report)",
		MsgZH: "%d 人共用：%s", MsgEN: "%d users share it: %s"},
	{Code: BranchDeep, Severity: Note, ZH: "层级过深的分支", EN: "Very deep branches",
		WhatZH: "部门层级超过上限 --max-depth（一级部门为第 1 层）；列出超出上限的第一层部门", WhatEN: "departments deeper than --max-depth levels (top-level departments are level 1); the first department beyond it is listed",
		MsgZH: "位于第 %[1]d 层，分支深达第 %[2]d 层（上限 %[3]d 层）", MsgEN: "at level %[1]d, its branch reaches level %[2]d (threshold %[3]d)"},
	{Code: BranchWide, Severity: Note, ZH: "下级部门过多的分支", EN: "Very wide branches",
		WhatZH: "部门的直属下级部门超过上限 --max-children", WhatEN: "a department has more than --max-children direct sub-departments",
		MsgZH: "有 %[1]d 个直属下级部门（上限 %[2]d 个）", MsgEN: "%[1]d direct sub-departments (threshold %[2]d)"},
}

// Change kinds, in the order the report lists them.
const (
	UserJoined  = "USER_JOINED"
	UserLeft    = "USER_LEFT"
	UserMoved   = "USER_MOVED"
	UserRenamed = "USER_RENAMED"
	DeptAdded   = "DEPT_ADDED"
	DeptRemoved = "DEPT_REMOVED"
	DeptMoved   = "DEPT_MOVED"
	DeptRenamed = "DEPT_RENAMED"
	changeKinds = 8
)

// ChangeKinds is the table of changes since an earlier export.
var ChangeKinds = [changeKinds]Kind{
	{Code: UserJoined, ZH: "新加入", EN: "Joined", WhatZH: "现在有、之前的导出中没有的成员", WhatEN: "users now in the tenant who were not in the earlier export"},
	{Code: UserLeft, ZH: "已离开", EN: "Left", WhatZH: "之前的导出中有、现在没有的成员（已离职，或调出了 --root 分支）", WhatEN: "users of the earlier export who are no longer listed (resigned, or moved out of the --root branch)"},
	{Code: UserMoved, ZH: "调动", EN: "Moved", WhatZH: "所属部门变了的成员", WhatEN: "users whose departments changed"},
	{Code: UserRenamed, ZH: "改名", EN: "Renamed", WhatZH: "姓名变了的成员", WhatEN: "users whose name changed"},
	{Code: DeptAdded, ZH: "新增部门", EN: "Departments added", WhatZH: "现在有、之前没有的部门", WhatEN: "departments that were not in the earlier export"},
	{Code: DeptRemoved, ZH: "撤销的部门", EN: "Departments removed", WhatZH: "之前有、现在没有的部门", WhatEN: "departments of the earlier export that are gone"},
	{Code: DeptMoved, ZH: "移动的部门", EN: "Departments moved", WhatZH: "上级部门变了的部门", WhatEN: "departments whose parent changed"},
	{Code: DeptRenamed, ZH: "改名的部门", EN: "Departments renamed", WhatZH: "名称变了的部门", WhatEN: "departments whose name changed"},
}

// KindOf looks a finding or change kind up by its code.
func KindOf(code string) (Kind, bool) {
	for _, list := range [][]Kind{Kinds[:], ChangeKinds[:]} {
		for _, k := range list {
			if k.Code == code {
				return k, true
			}
		}
	}
	return Kind{}, false
}

// message fills a kind's templates.
func message(code string, args ...any) (zh, en string) {
	k, ok := KindOf(code)
	if !ok {
		return code, code // a code missing from the table: the tests catch it
	}
	return fmt.Sprintf(k.MsgZH, args...), fmt.Sprintf(k.MsgEN, args...)
}
