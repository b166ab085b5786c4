package importer

import "github.com/orgbatch/orgbatch/feishu"

// hints explain the common Feishu error codes in plain language, for the
// people who fix the sheet.
var hints = map[int]string{
	feishu.CodeMobileExists.Num:        "该手机号已属于飞书中的另一成员：改用其他手机号，或先处理该成员 / The mobile already belongs to another Feishu member",
	feishu.CodeEmailExists.Num:         "该邮箱已属于飞书中的另一成员 / The email already belongs to another Feishu member",
	feishu.CodeMobileInvalid.Num:       "手机号格式不正确：中国大陆 11 位，其他地区以 + 和国家代码开头 / Invalid mobile: 11 digits in mainland China, otherwise + and the country code",
	feishu.CodeEmailInvalid.Num:        "邮箱格式不正确 / Invalid email address",
	feishu.CodeUserIDExists.Num:        "该用户ID 已被使用（可能是已离职成员）/ The user_id is taken (perhaps by a resigned member)",
	feishu.CodeEmployeeNoExists.Num:    "工号已被其他成员使用 / The employee number is used by another member",
	feishu.CodeMobileEmailTogether.Num: "非中国大陆手机号必须同时填写邮箱 / A non-mainland mobile needs an email too",
	feishu.CodeDeptIDDuplicate.Num:     "部门ID 已被其他部门使用 / The department_id is used by another department",
	feishu.CodeDeptIDInvalid.Num:       "部门ID 格式不正确 / Invalid department_id",
	feishu.CodeDeptNameDuplicate.Num:   "同一上级部门下已有同名部门 / A sibling department has the same name",
	feishu.CodeDuplicateI18n.Num:       "同一上级部门下已有相同的英文/日文名称 / A sibling has the same name in another language",
	feishu.CodeMaxDepth.Num:            "部门层级超过 25 层 / The tree would be deeper than 25 levels",
	feishu.CodeTooManyChildren.Num:     "上级部门的子部门超过 1000 个 / The parent has 1,000 children already",
	feishu.CodeDuplicateOrder.Num:      "排序值与同级部门重复 / The order value is used by a sibling",
	feishu.CodeMissingParent.Num:       "上级部门不存在 / The parent department does not exist",
	feishu.CodeDeptNotExist.Num:        "部门不存在 / The department does not exist",
	44035:                              "所属部门不存在 / A department of the user does not exist",
	feishu.CodeLeaderInvalid.Num:       "直属上级不存在 / The leader does not exist",
	feishu.CodeLeaderResigned.Num:      "直属上级已离职 / The leader has resigned",
	feishu.CodeUserIDInvalid.Num:       "用户ID 不存在 / The user_id does not exist",
	feishu.CodeTooManyDepts.Num:        "一个成员最多属于 50 个部门 / A member can be in at most 50 departments",
	feishu.CodeEmployeeType.Num:        "人员类型无效 / Invalid employee type",
	feishu.CodeTenantLock.Num:          "飞书组织架构正被其他操作修改，已重试多次仍失败：稍后重新导入 / Feishu kept the org structure locked; run the import again later",
	feishu.CodeRateLimited.Num:         "频率限制，多次重试后仍失败：稍后重新导入 / Rate limited even after retries; run again later",
	40004:                              "应用没有该部门的通讯录权限：在开发者后台把通讯录权限范围设为全部成员 / The app lacks contact scope over this department",
	40014:                              "应用没有上级部门的通讯录权限 / The app lacks contact scope over the parent department",
	99991672:                           "应用缺少接口权限：开通 更新通讯录 和 以应用身份读取通讯录 / The app lacks the contact API scopes",

	// offboarding and restore
	feishu.CodeAcceptorInvalid.Num:   "资源接收人无效：须是另一位在职成员 / An acceptor is not another active member",
	feishu.CodeTenantManager.Num:     "企业管理员不能删除：先在管理后台移除其管理员身份 / Remove the member's admin role in the admin console first",
	feishu.CodeLifecycleOnly.Num:     "按企业设置，该成员只能通过成员生命周期（人事）离职 / The tenant lets this member go only through its member life cycle",
	feishu.CodeResurrecting.Num:      "该成员正在恢复中，稍后再试 / The member is being restored; try again later",
	feishu.CodeDeleteHasMember.Num:   "部门中还有成员：先移走或删除他们 / The department still has members",
	feishu.CodeDeleteHasChild.Num:    "部门下还有子部门：先删除或移走子部门 / The department still has sub-departments",
	feishu.CodeResurrectExpired.Num:  "离职已超过 30 天，无法恢复 / Resigned more than 30 days ago: cannot be restored",
	feishu.CodeResurrectNoAccess.Num: "无法恢复：需开通恢复接口的权限（企业版本） / Resurrect is not available to this app or edition",
	feishu.CodeResurrectMobile.Num:   "手机号已被在职成员使用：先修改那位成员的手机号 / An active member has the mobile now",
	feishu.CodeResurrectEmail.Num:    "邮箱已被在职成员使用：先修改那位成员的邮箱 / An active member has the email now",
	feishu.CodeResurrectUserID.Num:   "用户ID 已被在职成员使用 / An active member has the user_id now",
	feishu.CodeNotResigned.Num:       "该成员在职，无需恢复 / The member is active",
	feishu.CodeDeleteInProgress.Num:  "离职流程仍在进行中（最长 48 小时），稍后再恢复 / The deletion is still in progress (up to 48 h)",
	// Units, several leaders and HRBPs.
	feishu.CodeUnitsProhibited.Num:    "单位是飞书旗舰版的功能，本租户未开通：单位表和部门的单位不会导入 / Units need Feishu's enterprise edition, which this tenant lacks",
	feishu.CodeUnitBoundElsewhere.Num: "部门已绑定其他单位 / The department is bound to another unit",
	feishu.CodeUnitNameTypeRepeat.Num: "已有同名同类型的单位 / A unit of this name and type exists",
	feishu.CodeUnitIDInvalid.Num:      "单位不存在或单位ID格式不正确 / The unit does not exist, or its unit_id is invalid",
	feishu.CodeUnitDeptOverLimit.Num:  "该单位已绑定 1000 个部门 / The unit has 1,000 departments",
	feishu.CodeInvalidHrbps.Num:       "部门HRBP 不存在或已离职 / An HRBP does not exist or has resigned",
	feishu.CodeLeadersRepeat.Num:      "同一人在部门负责人中出现了两次 / A person is listed twice among the leaders",
	feishu.CodeLeaderUnjoined.Num:     "负责人尚未加入企业 / A leader has not joined the tenant yet",
}

// Hint returns the plain-language explanation of a code, or "".
func Hint(code int) string { return hints[code] }
