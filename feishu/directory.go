package feishu

import (
	"context"
	"net/http"
	"net/url"
)

// The tenant's own schema: the lists a user's fields refer to — custom
// employee types, custom user attributes, job levels, job families, job
// titles and work cities. Field names follow the docs (通讯录 > 人员类型,
// 自定义用户字段, 职级, 序列, 职务, 工作城市) and the SDK's model types
// (larksuite/oapi-sdk-go service/contact/v3/model.go).

// Paths of the directory endpoints.
const (
	PathCustomAttrs = "/open-apis/contact/v3/custom_attrs"
	PathJobLevels   = "/open-apis/contact/v3/job_levels"
	PathJobFamilies = "/open-apis/contact/v3/job_families"
	PathJobTitles   = "/open-apis/contact/v3/job_titles"
	PathWorkCities  = "/open-apis/contact/v3/work_cities"
)

// Documented page sizes of the directory listings.
const (
	CustomAttrPageDefault = 20
	CustomAttrPageMax     = 100
	JobLevelPageDefault   = 10
	JobLevelPageMax       = 50
	JobFamilyPageDefault  = 10
	JobFamilyPageMax      = 50
	JobTitlePageDefault   = 10
	JobTitlePageMax       = 50
	WorkCityPageDefault   = 10
	WorkCityPageMax       = 50
)

// Custom attribute types (CustomAttr.Type, UserCustomAttr.Type).
const (
	AttrText        = "TEXT"
	AttrHref        = "HREF"
	AttrEnumeration = "ENUMERATION"
	AttrGenericUser = "GENERIC_USER"
	AttrPictureEnum = "PICTURE_ENUM"
)

// Employee type values (EmployeeTypeEnum.EnumType, EnumStatus).
const (
	EnumTypeBuiltin  = 1
	EnumTypeCustom   = 2
	EnumStatusActive = 1
	EnumStatusOff    = 2
)

// CustomAttr is one item of GET /custom_attrs: a custom user attribute the
// admin added (管理后台 > 组织架构 > 字段管理) and opened to the API.
type CustomAttr struct {
	ID       string             `json:"id"`
	Type     string             `json:"type"`
	Options  *CustomAttrOptions `json:"options,omitempty"`
	I18nName []I18nContent      `json:"i18n_name,omitempty"`
}

// CustomAttrOptions are the choices of an ENUMERATION or PICTURE_ENUM
// attribute.
type CustomAttrOptions struct {
	DefaultOptionID string             `json:"default_option_id,omitempty"`
	OptionType      string             `json:"option_type,omitempty"` // TEXT or PICTURE
	Options         []CustomAttrOption `json:"options,omitempty"`
}

// CustomAttrOption is one choice: Value is its text, or its image's URL when
// the option type is PICTURE (Name is then the image's name).
type CustomAttrOption struct {
	ID    string `json:"id"`
	Value string `json:"value"`
	Name  string `json:"name,omitempty"`
}

// UserCustomAttr is one custom attribute value of a user (create, patch and
// read bodies).
type UserCustomAttr struct {
	Type  string               `json:"type"`
	ID    string               `json:"id"`
	Value *UserCustomAttrValue `json:"value,omitempty"`
}

// UserCustomAttrValue is a value in the shape of its type: Text (TEXT; the
// title of an HREF), URL and PcURL (HREF), OptionID (ENUMERATION,
// PICTURE_ENUM), GenericUser (GENERIC_USER). OptionValue, Name and
// PictureURL are read-only (what the chosen option shows).
type UserCustomAttrValue struct {
	Text        string                 `json:"text,omitempty"`
	URL         string                 `json:"url,omitempty"`
	PcURL       string                 `json:"pc_url,omitempty"`
	OptionID    string                 `json:"option_id,omitempty"`
	OptionValue string                 `json:"option_value,omitempty"`
	Name        string                 `json:"name,omitempty"`
	PictureURL  string                 `json:"picture_url,omitempty"`
	GenericUser *CustomAttrGenericUser `json:"generic_user,omitempty"`
}

// CustomAttrGenericUser is the user a GENERIC_USER attribute points at: ID
// is a user_id (the patch page: whatever user_id_type says), Type is 1.
type CustomAttrGenericUser struct {
	ID   string `json:"id"`
	Type int    `json:"type"`
}

// JobLevel is a job level (职级): response and create body.
type JobLevel struct {
	JobLevelID      string        `json:"job_level_id,omitempty"`
	Name            string        `json:"name"`
	Description     string        `json:"description,omitempty"`
	Order           int           `json:"order,omitempty"`
	Status          bool          `json:"status"` // only enabled levels can be set on users
	I18nName        []I18nContent `json:"i18n_name,omitempty"`
	I18nDescription []I18nContent `json:"i18n_description,omitempty"`
}

// JobFamily is a job family (序列): families nest through
// ParentJobFamilyID ("" = top level).
type JobFamily struct {
	JobFamilyID       string        `json:"job_family_id,omitempty"`
	Name              string        `json:"name"`
	Description       string        `json:"description,omitempty"`
	ParentJobFamilyID string        `json:"parent_job_family_id,omitempty"`
	Status            bool          `json:"status"`
	I18nName          []I18nContent `json:"i18n_name,omitempty"`
	I18nDescription   []I18nContent `json:"i18n_description,omitempty"`
}

// JobTitle is a job title (职务): read-only through the API.
type JobTitle struct {
	JobTitleID string        `json:"job_title_id"`
	Name       string        `json:"name"`
	I18nName   []I18nContent `json:"i18n_name,omitempty"`
	Status     bool          `json:"status"`
}

// WorkCity is a work city (工作城市): read-only through the API.
type WorkCity struct {
	WorkCityID string        `json:"work_city_id"`
	Name       string        `json:"name"`
	I18nName   []I18nContent `json:"i18n_name,omitempty"`
	Status     bool          `json:"status"`
}

// Directory is a tenant's schema as lists: what a sandbox state file holds
// and a snapshot reads.
type Directory struct {
	EmployeeTypes []EmployeeTypeEnum `json:"employee_types,omitempty"`
	CustomAttrs   []CustomAttr       `json:"custom_attrs,omitempty"`
	JobLevels     []JobLevel         `json:"job_levels,omitempty"`
	JobFamilies   []JobFamily        `json:"job_families,omitempty"`
	JobTitles     []JobTitle         `json:"job_titles,omitempty"`
	WorkCities    []WorkCity         `json:"work_cities,omitempty"`
}

// EmployeeTypeData, JobLevelData and JobFamilyData are data of the
// single-item responses.
type (
	EmployeeTypeData struct {
		EmployeeTypeEnum *EmployeeTypeEnum `json:"employee_type_enum,omitempty"`
	}
	JobLevelData struct {
		JobLevel *JobLevel `json:"job_level,omitempty"`
	}
	JobFamilyData struct {
		JobFamily *JobFamily `json:"job_family,omitempty"`
	}
)

// list reads one page of a directory listing.
func list[T any](ctx context.Context, c *Client, path string, pageSize int, pageToken string) (*Page[T], error) {
	var out Page[T]
	if err := c.do(ctx, request{method: http.MethodGet, path: path, query: pageQuery(pageSize, pageToken)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CustomAttrs lists one page of the custom user attributes opened to the
// API (EPCustomAttrs).
func (c *Client) CustomAttrs(ctx context.Context, pageSize int, pageToken string) (*Page[CustomAttr], error) {
	return list[CustomAttr](ctx, c, PathCustomAttrs, pageSize, pageToken)
}

// JobLevels lists one page of job levels (EPJobLevels).
func (c *Client) JobLevels(ctx context.Context, pageSize int, pageToken string) (*Page[JobLevel], error) {
	return list[JobLevel](ctx, c, PathJobLevels, pageSize, pageToken)
}

// JobFamilies lists one page of job families (EPJobFamilies).
func (c *Client) JobFamilies(ctx context.Context, pageSize int, pageToken string) (*Page[JobFamily], error) {
	return list[JobFamily](ctx, c, PathJobFamilies, pageSize, pageToken)
}

// JobTitles lists one page of job titles (EPJobTitles: 10 calls a minute).
func (c *Client) JobTitles(ctx context.Context, pageSize int, pageToken string) (*Page[JobTitle], error) {
	return list[JobTitle](ctx, c, PathJobTitles, pageSize, pageToken)
}

// WorkCities lists one page of work cities (EPWorkCities: 10 calls a
// minute).
func (c *Client) WorkCities(ctx context.Context, pageSize int, pageToken string) (*Page[WorkCity], error) {
	return list[WorkCity](ctx, c, PathWorkCities, pageSize, pageToken)
}

// CreateJobLevel creates a job level (EPCreateJobLevel). The API has no
// client_token: a retry after a lost answer is 42305 (name duplicate).
func (c *Client) CreateJobLevel(ctx context.Context, l JobLevel) (*JobLevel, error) {
	var out JobLevelData
	if err := c.do(ctx, request{method: http.MethodPost, path: PathJobLevels, body: l}, &out); err != nil {
		return nil, err
	}
	return out.JobLevel, nil
}

// CreateJobFamily creates a job family (EPCreateJobFamily); a retry after a
// lost answer is 42406 (name duplicate).
func (c *Client) CreateJobFamily(ctx context.Context, f JobFamily) (*JobFamily, error) {
	var out JobFamilyData
	if err := c.do(ctx, request{method: http.MethodPost, path: PathJobFamilies, body: f}, &out); err != nil {
		return nil, err
	}
	return out.JobFamily, nil
}

// CreateEmployeeType creates a custom employee type (EPCreateEmployeeType);
// a retry after a lost answer is 42301 (content duplicate).
func (c *Client) CreateEmployeeType(ctx context.Context, e EmployeeTypeEnum) (*EmployeeTypeEnum, error) {
	var out EmployeeTypeData
	if err := c.do(ctx, request{method: http.MethodPost, path: PathEmployeeTypeEnums, body: e}, &out); err != nil {
		return nil, err
	}
	return out.EmployeeTypeEnum, nil
}

// JobLevelPath, JobFamilyPath and EmployeeTypePath address one item (the
// update and delete endpoints, which orgbatch does not call; the sandbox
// serves them).
func JobLevelPath(id string) string     { return PathJobLevels + "/" + url.PathEscape(id) }
func JobFamilyPath(id string) string    { return PathJobFamilies + "/" + url.PathEscape(id) }
func EmployeeTypePath(id string) string { return PathEmployeeTypeEnums + "/" + url.PathEscape(id) }
