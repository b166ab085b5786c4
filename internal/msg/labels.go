package msg

// Statuses are how a row or a step ended (importer.Status), by the English
// word the journal and run.json keep.
var statuses = map[string]Label{
	"created":     {"成功", "created"},
	"updated":     {"已更新", "updated"},
	"unchanged":   {"未变", "unchanged"},
	"failed":      {"失败", "failed"},
	"skipped":     {"跳过", "skipped"},
	"deleted":     {"已删除", "deleted"},
	"restored":    {"已恢复", "restored"},
	"added":       {"已加入", "added"},
	"removed":     {"已移出", "removed"},
	"done":        {"完成", "done"},
	"interrupted": {"中断", "interrupted"},
	"intent":      {"待发送", "intent"},
	// people (orgbatch ids, export)
	"active":    {"已激活", "active"},
	"inactive":  {"未激活", "inactive"},
	"resigned":  {"已离职", "resigned"},
	"exited":    {"已退出", "exited"},
	"frozen":    {"已冻结", "frozen"},
	"unjoined":  {"未加入", "unjoined"},
	"not found": {"未找到", "not found"},
	"conflict":  {"冲突", "conflict"},
	"invalid":   {"无效", "invalid"},
	// a validation report's rows
	"ok":      {"通过", "ok"},
	"error":   {"错误", "error"},
	"warning": {"警告", "warning"},
}

// actions are what a plan does with a row (plan.Action).
var actions = map[string]Label{
	"create":    {"新建", "create"},
	"move":      {"移动", "move"},
	"update":    {"更新", "update"},
	"unchanged": {"不变", "unchanged"},
	"blocked":   {"阻止", "blocked"},
	"delete":    {"删除", "delete"},
	"restore":   {"恢复", "restore"},
	"remove":    {"移出", "remove"},
	"add":       {"加入", "add"}, // a group member a plan adds
}

// kinds name what a row is about (plan.Kind) in summary tables.
var kinds = map[string]Label{
	"department":    {"部门", "depts"},
	"user":          {"成员", "users"},
	"unit":          {"单位", "units"},
	"group":         {"用户组", "groups"},
	"group_member":  {"组成员", "members"},
	"employee_type": {"人员类型", "employee types"},
	"job_level":     {"职级", "job levels"},
	"job_family":    {"序列", "job families"},
	"directory":     {"先建", "schema"}, // employee types, job levels and families created first
}

// matches name how a user row was matched to a Feishu user (plan.Match*).
var matches = map[string]Label{
	"mobile": {"按手机号匹配", "mobile"},
	"email":  {"按邮箱匹配", "email"},
}

// Kind is the label of a kind of row; Match of how a row was matched.
func Kind(en string) Label { return lookup(kinds, en) }

// Match is the label of how a user row was matched.
func Match(en string) Label { return lookup(matches, en) }

// Status is the label of a status word; a word the catalogue lacks is
// shown as it is (a test keeps the catalogue complete).
func Status(en string) Label { return lookup(statuses, en) }

// Action is the label of an action word.
func Action(en string) Label { return lookup(actions, en) }

func lookup(m map[string]Label, en string) Label {
	if l, ok := m[en]; ok {
		return l
	}
	return Label{EN: en}
}
