package feishu

// Wire types of the Contact v3 endpoints orgbatch uses. Field names and JSON
// keys follow the Feishu documentation (server-docs/contact-v3/...) and the
// official SDK's model types. Response and create bodies share one struct
// with omitempty; PATCH bodies use pointer fields so that "omitted" and
// "set to the zero value" stay different.

// Envelope is the {code,msg,data} wrapper of every business API response.
type Envelope[T any] struct {
	Code  int        `json:"code"`
	Msg   string     `json:"msg"`
	Data  T          `json:"data"`
	Error *ErrorInfo `json:"error,omitempty"`
}

// ErrorInfo is the optional "error" object of a failed call.
type ErrorInfo struct {
	Message         string           `json:"message,omitempty"`
	LogID           string           `json:"logid,omitempty"`
	Troubleshooter  string           `json:"troubleshooter,omitempty"`
	FieldViolations []FieldViolation `json:"field_violations,omitempty"`
}

// FieldViolation names one bad request field.
type FieldViolation struct {
	Field       string `json:"field"`
	Value       string `json:"value,omitempty"`
	Description string `json:"description,omitempty"`
}

// TokenRequest is the body of POST /open-apis/auth/v3/tenant_access_token/internal.
type TokenRequest struct {
	AppID     string `json:"app_id"`
	AppSecret string `json:"app_secret"`
}

// TokenResponse has the token at the top level: this endpoint has no data wrapper.
type TokenResponse struct {
	Code              int    `json:"code"`
	Msg               string `json:"msg"`
	TenantAccessToken string `json:"tenant_access_token,omitempty"`
	Expire            int    `json:"expire,omitempty"` // seconds
}

// I18nName holds a department's names in other languages.
type I18nName struct {
	ZhCn string `json:"zh_cn,omitempty"`
	JaJp string `json:"ja_jp,omitempty"`
	EnUs string `json:"en_us,omitempty"`
}

// DepartmentStatus is the status object of a department.
type DepartmentStatus struct {
	IsDeleted bool `json:"is_deleted"`
}

// DepartmentLeader is one entry of a department's leaders list.
type DepartmentLeader struct {
	LeaderType int    `json:"leaderType"` // 1 main, 2 deputy
	LeaderID   string `json:"leaderID"`
}

// Department is the department resource (response and create body).
type Department struct {
	Name               string             `json:"name,omitempty"`
	I18nName           *I18nName          `json:"i18n_name,omitempty"`
	ParentDepartmentID string             `json:"parent_department_id,omitempty"`
	DepartmentID       string             `json:"department_id,omitempty"`
	OpenDepartmentID   string             `json:"open_department_id,omitempty"`
	LeaderUserID       string             `json:"leader_user_id,omitempty"`
	ChatID             string             `json:"chat_id,omitempty"`
	Order              string             `json:"order,omitempty"`
	UnitIDs            []string           `json:"unit_ids,omitempty"`
	MemberCount        int                `json:"member_count,omitempty"`
	PrimaryMemberCount int                `json:"primary_member_count,omitempty"`
	Status             *DepartmentStatus  `json:"status,omitempty"`
	Leaders            []DepartmentLeader `json:"leaders,omitempty"`
	CreateGroupChat    bool               `json:"create_group_chat,omitempty"`
	DepartmentHrbps    []string           `json:"department_hrbps,omitempty"`
}

// Leader types of DepartmentLeader.
const (
	LeaderMain   = 1
	LeaderDeputy = 2
)

// MainAndDeputies are a department's main leader (leader_user_id, else the
// leaders entry of type 1) and its deputies, in order.
func (d *Department) MainAndDeputies() (main string, deputies []string) {
	main = d.LeaderUserID
	for _, l := range d.Leaders {
		switch {
		case l.LeaderType == LeaderMain && main == "":
			main = l.LeaderID
		case l.LeaderType == LeaderDeputy:
			deputies = append(deputies, l.LeaderID)
		}
	}
	return main, deputies
}

// DepartmentPatch is the body of PATCH /departments/:department_id; nil = unchanged.
type DepartmentPatch struct {
	Name               *string   `json:"name,omitempty"`
	I18nName           *I18nName `json:"i18n_name,omitempty"`
	ParentDepartmentID *string   `json:"parent_department_id,omitempty"`
	LeaderUserID       *string   `json:"leader_user_id,omitempty"`
	Order              *string   `json:"order,omitempty"`
	CreateGroupChat    *bool     `json:"create_group_chat,omitempty"`
	// Leaders and DepartmentHrbps replace the whole list; an empty list
	// clears it (the PATCH page says so), so orgbatch never sends one.
	Leaders         *[]DepartmentLeader `json:"leaders,omitempty"`
	DepartmentHrbps *[]string           `json:"department_hrbps,omitempty"`
}

// UserStatus is the status object of a user.
type UserStatus struct {
	IsFrozen    bool `json:"is_frozen"`
	IsResigned  bool `json:"is_resigned"`
	IsActivated bool `json:"is_activated"`
	IsExited    bool `json:"is_exited"`
	IsUnjoin    bool `json:"is_unjoin"`
}

// UserOrder is a user's sort position in one department.
type UserOrder struct {
	DepartmentID    string `json:"department_id,omitempty"`
	UserOrder       int    `json:"user_order"`
	DepartmentOrder int    `json:"department_order"`
	IsPrimaryDept   bool   `json:"is_primary_dept,omitempty"`
}

// User is the user resource (response and create body).
type User struct {
	UnionID         string      `json:"union_id,omitempty"`
	UserID          string      `json:"user_id,omitempty"`
	OpenID          string      `json:"open_id,omitempty"`
	Name            string      `json:"name,omitempty"`
	EnName          string      `json:"en_name,omitempty"`
	Nickname        string      `json:"nickname,omitempty"`
	Email           string      `json:"email,omitempty"`
	Mobile          string      `json:"mobile,omitempty"`
	MobileVisible   *bool       `json:"mobile_visible,omitempty"`
	Gender          int         `json:"gender,omitempty"`
	Status          *UserStatus `json:"status,omitempty"`
	DepartmentIDs   []string    `json:"department_ids,omitempty"`
	LeaderUserID    string      `json:"leader_user_id,omitempty"`
	City            string      `json:"city,omitempty"`
	Country         string      `json:"country,omitempty"`
	WorkStation     string      `json:"work_station,omitempty"`
	JoinTime        int64       `json:"join_time,omitempty"` // unix seconds
	IsTenantManager bool        `json:"is_tenant_manager,omitempty"`
	EmployeeNo      string      `json:"employee_no,omitempty"`
	EmployeeType    int         `json:"employee_type,omitempty"`
	Orders          []UserOrder `json:"orders,omitempty"`
	JobTitle        string      `json:"job_title,omitempty"`
	EnterpriseEmail string      `json:"enterprise_email,omitempty"`

	// The tenant's schema (directory.go): IDs of a job level and family,
	// custom attribute values.
	JobLevelID  string           `json:"job_level_id,omitempty"`
	JobFamilyID string           `json:"job_family_id,omitempty"`
	CustomAttrs []UserCustomAttr `json:"custom_attrs,omitempty"`
	// DottedLineLeaderUserIDs are the user's dotted-line leaders (虚线上级).
	DottedLineLeaderUserIDs []string `json:"dotted_line_leader_user_ids,omitempty"`
}

// UserPatch is the body of PATCH /users/:user_id; nil = unchanged.
type UserPatch struct {
	Name          *string   `json:"name,omitempty"`
	EnName        *string   `json:"en_name,omitempty"`
	Email         *string   `json:"email,omitempty"`
	Mobile        *string   `json:"mobile,omitempty"`
	Gender        *int      `json:"gender,omitempty"`
	DepartmentIDs *[]string `json:"department_ids,omitempty"`
	LeaderUserID  *string   `json:"leader_user_id,omitempty"`
	City          *string   `json:"city,omitempty"`
	WorkStation   *string   `json:"work_station,omitempty"`
	JoinTime      *int64    `json:"join_time,omitempty"`
	EmployeeNo    *string   `json:"employee_no,omitempty"`
	EmployeeType  *int      `json:"employee_type,omitempty"`
	JobTitle      *string   `json:"job_title,omitempty"`
	IsFrozen      *bool     `json:"is_frozen,omitempty"`

	// The tenant's schema. CustomAttrs is the user's whole list (whether
	// PATCH merges by id or replaces is not documented: the whole list is
	// right either way).
	JobLevelID  *string           `json:"job_level_id,omitempty"`
	JobFamilyID *string           `json:"job_family_id,omitempty"`
	CustomAttrs *[]UserCustomAttr `json:"custom_attrs,omitempty"`
	// DottedLineLeaderUserIDs replaces the list (never sent empty).
	DottedLineLeaderUserIDs *[]string `json:"dotted_line_leader_user_ids,omitempty"`
}

// DepartmentData is data of the single-department responses.
type DepartmentData struct {
	Department *Department `json:"department,omitempty"`
}

// UserData is data of the single-user responses.
type UserData struct {
	User *User `json:"user,omitempty"`
}

// Page is data of the paginated list responses. PageToken is present only
// when HasMore is true.
type Page[T any] struct {
	HasMore   bool   `json:"has_more"`
	PageToken string `json:"page_token,omitempty"`
	Items     []T    `json:"items"`
}

// BatchData is data of the /batch endpoints (no pagination).
type BatchData[T any] struct {
	Items []T `json:"items"`
}

// BatchGetIDRequest is the body of POST /users/batch_get_id (≤ 50 of each).
type BatchGetIDRequest struct {
	Emails          []string `json:"emails,omitempty"`
	Mobiles         []string `json:"mobiles,omitempty"`
	IncludeResigned bool     `json:"include_resigned,omitempty"`
}

// UserContactInfo is one answer of batch_get_id; UserID is empty when not found.
type UserContactInfo struct {
	UserID string      `json:"user_id,omitempty"`
	Mobile string      `json:"mobile,omitempty"`
	Email  string      `json:"email,omitempty"`
	Status *UserStatus `json:"status,omitempty"`
}

// BatchGetIDData is data of POST /users/batch_get_id.
type BatchGetIDData struct {
	UserList []UserContactInfo `json:"user_list"`
}

// EmployeeTypeEnum is one item of GET /employee_type_enums.
type EmployeeTypeEnum struct {
	EnumID      string        `json:"enum_id,omitempty"`    // empty in a create body
	EnumValue   string        `json:"enum_value,omitempty"` // the number users' employee_type takes
	Content     string        `json:"content"`
	EnumType    int           `json:"enum_type"`   // 1 built-in, 2 custom
	EnumStatus  int           `json:"enum_status"` // 1 active, 2 inactive
	I18nContent []I18nContent `json:"i18n_content,omitempty"`
}

// I18nContent is a localised label.
type I18nContent struct {
	Locale string `json:"locale"`
	Value  string `json:"value"`
}

// Paths of the endpoints orgbatch uses.
const (
	PathTenantToken       = "/open-apis/auth/v3/tenant_access_token/internal"
	PathDepartments       = "/open-apis/contact/v3/departments"
	PathDepartmentsBatch  = "/open-apis/contact/v3/departments/batch"
	PathDepartmentsParent = "/open-apis/contact/v3/departments/parent"
	PathUsers             = "/open-apis/contact/v3/users"
	PathUsersBatch        = "/open-apis/contact/v3/users/batch"
	PathFindByDepartment  = "/open-apis/contact/v3/users/find_by_department"
	PathBatchGetID        = "/open-apis/contact/v3/users/batch_get_id"
	PathEmployeeTypeEnums = "/open-apis/contact/v3/employee_type_enums"
	PathTenantQuery       = "/open-apis/tenant/v2/tenant/query"
)

// Documented page-size defaults and maxima.
const (
	ChildrenPageDefault         = 10
	ChildrenPageMax             = 50
	FindByDepartmentPageDefault = 10
	FindByDepartmentPageMax     = 50
	ParentPageDefault           = 20
	ParentPageMax               = 50
	EmployeeTypePageDefault     = 20
	EmployeeTypePageMax         = 100
	BatchMax                    = 50 // departments/batch, users/batch, batch_get_id (each list)
)
