package feishu

// Code is a Feishu business error code with the HTTP status and msg text the
// documentation lists for it. The sandbox answers with these; the client
// classifies by number only (clients must never branch on msg).
type Code struct {
	Num  int
	HTTP int
	Msg  string
}

// The codes orgbatch and the sandbox deal with. Sources: the per-endpoint
// error tables of server-docs/contact-v3 and the common error-code page.
var (
	CodeParamError          = Code{40001, 400, "param error"}
	CodeRootDept            = Code{40002, 400, "process root dept error"}
	CodeInternal            = Code{40003, 400, "internal error"}
	CodeDeptNotExist        = Code{40015, 400, "department not exist"}
	CodeNameEmpty           = Code{40016, 401, "dept name can not be nul error"}
	CodePageSize            = Code{40011, 400, "page size is invalid"}
	CodePageToken           = Code{40012, 400, "page token is invalid error"}
	CodeNotSameRequest      = Code{40021, 400, "no a same request error"}
	CodeMobileExists        = Code{41001, 400, "mobile has already exist error"}
	CodeEmailExists         = Code{41002, 400, "email has already exist error"}
	CodeMobileInvalid       = Code{41004, 400, "mobile is invalid error"}
	CodeEmailInvalid        = Code{41005, 400, "email is invalid error"}
	CodeNoMobile            = Code{41010, 400, "no mobile error"}
	CodeUserIDExists        = Code{41011, 400, "user id already exist error"}
	CodeUserIDInvalid       = Code{41012, 400, "user id invalid error"}
	CodeDeptRequired        = Code{41017, 400, "department is required error"}
	CodeLeaderSelf          = Code{41030, 400, "set leader to oneself error"}
	CodeTooManyDepts        = Code{41033, 400, "user in too many departments error"}
	CodeGenderInvalid       = Code{41038, 400, "gender is invalid error"}
	CodeUserNameNull        = Code{41040, 400, "user name is null error"}
	CodeUserIDTooLong       = Code{41043, 400, "employee id is invalid error"}
	CodeEmployeeType        = Code{41059, 400, "invalid employee type error"}
	CodeJobTitleLong        = Code{41063, 400, "job_title length exceed 100 character"}
	CodeNameTooLong         = Code{41070, 400, "name length exceed 255 character"}
	CodeEnNameTooLong       = Code{41071, 400, "en_name length exceed 255 character"}
	CodeUserResigned        = Code{42006, 400, "user has resigned error"}
	CodeDeptExists          = Code{43000, 401, "dept has already exist error"}
	CodeDuplicateOrder      = Code{43005, 400, "duplicate order error"}
	CodeDeptIDDuplicate     = Code{43007, 400, "duplicated department custom id error"}
	CodeDeptIDInvalid       = Code{43008, 400, "custom dept id invalid error"}
	CodeDeleteHasMember     = Code{43011, 400, "delete has member dept error"}
	CodeDeleteHasChild      = Code{43012, 400, "delete has sub dept department error"}
	CodeTooManyChildren     = Code{43013, 400, "dept too many children error"}
	CodeDuplicateI18n       = Code{43018, 400, "duplicate i18n name"}
	CodeMaxDepth            = Code{43019, 400, "exceed dept max level"}
	CodeDeptNameDuplicate   = Code{43022, 400, "department name duplicate"}
	CodeTenantLock          = Code{43024, 400, "dept structure tenant lock fail"}
	CodeNameSeparator       = Code{43029, 400, "dept name not contain separator"}
	CodeDeptUpdateLock      = Code{43030, 400, "update department lock error,wait some seconds and retry"}
	CodeLarkNo86            = Code{44018, 400, "lark not support +86 mobile"}
	CodeMobileEmailTogether = Code{44020, 400, "mobile and email need together exist"}
	CodeLeaderResigned      = Code{44021, 400, "leader is resigned"}
	CodeLeaderInvalid       = Code{44022, 400, "leaderID is Invalid"}
	CodeUserUpdateLock      = Code{44025, 400, "update user lock error,wait some seconds and retry"}
	CodeEmployeeNoExists    = Code{44051, 400, "employee_no already existed"}
	CodeCreatedCityFail     = Code{44054, 400, "create user success and create city fail"}
	CodeCreatedJobTitleFail = Code{44055, 400, "create user success and create job title fail"}
	CodeCreatedBothFail     = Code{44056, 400, "create user success and create city and job title fail"}
	CodeMissingParent       = Code{44101, 400, "miss parent department id error"}
	CodeDeptIDMissing       = Code{44102, 400, "miss department id error"}

	// Several leaders and HRBPs (department create/patch error tables).
	CodeLeadersRepeat      = Code{43016, 400, "leaders is repeat"}
	CodeLeaderUnjoined     = Code{43025, 400, "top department leader unjoined"}
	CodeInvalidHrbps       = Code{43028, 400, "invalid department hrbps"}
	CodeIllegalUnit        = Code{43004, 400, "illegal unit error"}
	CodeUnitDeptOverLimit  = Code{43017, 400, "relate dept over limit"}
	CodeUnitsProhibited    = Code{43050, 400, "unit feature is prohibited"}
	CodeUnitIDInvalid      = Code{43051, 400, "unit_id invalid"}
	CodeUnitNameInvalid    = Code{43052, 400, "unit name invalid"}
	CodeUnitTypeInvalid    = Code{43053, 400, "unit type invalid"}
	CodeUnitBoundElsewhere = Code{43054, 400, "department has been bound to other unit"}
	CodeUnitNameTypeRepeat = Code{43055, 400, "unit name and type repeat"}
	CodeUnitIDDuplicate    = Code{43056, 400, "duplicate unit id error"}
	CodeUnitTypeQuoted     = Code{43057, 400, "unit type is quoted by other businesses"}
	CodeUnitDeptInvalid    = Code{43058, 400, "department_id invalid"}
	CodeUnitsOverLimit     = Code{43059, 400, "unit number exceed limit"}

	// The common error page lists 99992351–99992381 as "these … ids not
	// existed: %v", one code per ID type; 99992379 is the custom
	// department ID. Which code a batch call with a custom user_id answers
	// is not documented: the sandbox uses 99992353.
	CodeDeptIDsNotExist = Code{99992379, 400, "these department ids not existed"}
	CodeUserIDsNotExist = Code{99992353, 400, "these user ids not existed"}

	CodeInvalidParam    = Code{10003, 400, "invalid param"}
	CodeAppUnauthorized = Code{10014, 400, "app unauthorized"}
	CodeWrongSecret     = Code{10015, 400, "app secret invalid"}
	CodeRateLimited     = Code{99991400, 429, "request trigger frequency limit"}
	CodeNeedToken       = Code{99991661, 400, "Missing access token for authorization. Please make a request with token attached."}
	CodeInvalidToken    = Code{99991663, 400, "Invalid access token for authorization. Please make a request with token attached."}
	CodeNotFound        = Code{99991201, 404, "resource not find"}
	// CodeNoScope: the app lacks the API's scope (common error page; the
	// HTTP status is UNCONFIRMED, 400 as for the token codes).
	CodeNoScope        = Code{99991672, 400, "Access denied. One of the following scopes is required"}
	CodeMethodMismatch = Code{99991301, 405, "request method doesn't match"}
)

// Codes of the offboarding endpoints (user/delete, user/resurrect).
var (
	CodeAcceptorInvalid   = Code{41052, 400, "user resign acceptor is invalid error"}
	CodeTenantManager     = Code{44037, 400, "tenant manager cannot be deleted"}
	CodeResurrecting      = Code{44042, 400, "User is in resurrect progress, retry later"}
	CodeLifecycleOnly     = Code{44062, 400, "According to the settings, this member's account can only be deleted through Member life cycle."}
	CodeResurrectExpired  = Code{44028, 400, "Exceed recoverable time"}
	CodeResurrectNoAccess = Code{44029, 400, "No access to resurrect"}
	CodeResurrectMobile   = Code{44030, 400, "Mobile duplicated"}
	CodeResurrectEmail    = Code{44031, 400, "Email duplicated"}
	CodeResurrectUserID   = Code{44032, 400, "UserID duplicated"}
	CodeNotResigned       = Code{44033, 400, "User not resigned"}
	CodeDeleteInProgress  = Code{44034, 400, "User is in delete progress, retry later"}
)

// RetryableCodes are business codes that mean "wait and try again": the rate
// limit, the tenant structure lock, the department and user update locks, and
// the documented transient create failure.
var RetryableCodes = map[int]bool{
	CodeRateLimited.Num:    true,
	CodeTenantLock.Num:     true,
	CodeDeptUpdateLock.Num: true,
	CodeUserUpdateLock.Num: true,
	CodeInternal.Num:       true,
	41027:                  true, // create account failed (HTTP 504): retry later
}

// PartialSuccessCodes mean the user was created or updated but the city or
// job title could not be: record as done with a warning, never retry.
var PartialSuccessCodes = map[int]bool{
	44054: true, 44055: true, 44056: true,
	44057: true, 44058: true, 44059: true,
}

// TokenCodes mean the tenant_access_token is missing or no longer valid.
var TokenCodes = map[int]bool{
	CodeNeedToken.Num:    true,
	CodeInvalidToken.Num: true,
	99991665:             true,
}

// IsNotFound reports an error that says an ID does not exist: a single
// department or user, or one of a batch's IDs.
func IsNotFound(err error) bool {
	switch c := ErrorCode(err); {
	case c == CodeDeptNotExist.Num, c == CodeUserIDInvalid.Num:
		return true
	case c >= 99992351 && c <= 99992381:
		return true
	}
	return false
}
