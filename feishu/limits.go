package feishu

import "time"

// Endpoint names one rate-limited API. Feishu limits "per API × per app ×
// per tenant", so each of these has its own budget.
type Endpoint string

// The endpoints orgbatch calls.
const (
	EPTenantToken       Endpoint = "POST /auth/v3/tenant_access_token/internal"
	EPCreateDepartment  Endpoint = "POST /contact/v3/departments"
	EPPatchDepartment   Endpoint = "PATCH /contact/v3/departments/:department_id"
	EPUpdateDepartment  Endpoint = "PUT /contact/v3/departments/:department_id"
	EPDeleteDepartment  Endpoint = "DELETE /contact/v3/departments/:department_id"
	EPGetDepartment     Endpoint = "GET /contact/v3/departments/:department_id"
	EPBatchDepartments  Endpoint = "GET /contact/v3/departments/batch"
	EPChildren          Endpoint = "GET /contact/v3/departments/:department_id/children"
	EPParent            Endpoint = "GET /contact/v3/departments/parent"
	EPCreateUser        Endpoint = "POST /contact/v3/users"
	EPPatchUser         Endpoint = "PATCH /contact/v3/users/:user_id"
	EPPatchUserDept     Endpoint = "PATCH /contact/v3/users/:user_id (department_ids or is_frozen)"
	EPDeleteUser        Endpoint = "DELETE /contact/v3/users/:user_id"
	EPGetUser           Endpoint = "GET /contact/v3/users/:user_id"
	EPBatchUsers        Endpoint = "GET /contact/v3/users/batch"
	EPFindByDepartment  Endpoint = "GET /contact/v3/users/find_by_department"
	EPBatchGetID        Endpoint = "POST /contact/v3/users/batch_get_id"
	EPEmployeeTypeEnums Endpoint = "GET /contact/v3/employee_type_enums"
	EPTenantQuery       Endpoint = "GET /tenant/v2/tenant/query"
)

// The directory endpoints (directory.go): the tenant's schema. The PUT
// endpoints are served by the sandbox (renames in tests); orgbatch only
// lists and creates.
const (
	EPCreateEmployeeType Endpoint = "POST /contact/v3/employee_type_enums"
	EPUpdateEmployeeType Endpoint = "PUT /contact/v3/employee_type_enums/:enum_id"
	EPCustomAttrs        Endpoint = "GET /contact/v3/custom_attrs"
	EPJobLevels          Endpoint = "GET /contact/v3/job_levels"
	EPCreateJobLevel     Endpoint = "POST /contact/v3/job_levels"
	EPUpdateJobLevel     Endpoint = "PUT /contact/v3/job_levels/:job_level_id"
	EPJobFamilies        Endpoint = "GET /contact/v3/job_families"
	EPCreateJobFamily    Endpoint = "POST /contact/v3/job_families"
	EPUpdateJobFamily    Endpoint = "PUT /contact/v3/job_families/:job_family_id"
	EPJobTitles          Endpoint = "GET /contact/v3/job_titles"
	EPWorkCities         Endpoint = "GET /contact/v3/work_cities"
)

// The offboarding endpoints (offboard.go).
const (
	EPResurrect Endpoint = "POST /contact/v3/users/:user_id/resurrect"
)

// The unit endpoints (units.go).
const (
	EPCreateUnit      Endpoint = "POST /contact/v3/unit"
	EPPatchUnit       Endpoint = "PATCH /contact/v3/unit/:unit_id"
	EPDeleteUnit      Endpoint = "DELETE /contact/v3/unit/:unit_id"
	EPGetUnit         Endpoint = "GET /contact/v3/unit/:unit_id"
	EPListUnits       Endpoint = "GET /contact/v3/unit"
	EPBindUnit        Endpoint = "POST /contact/v3/unit/bind_department"
	EPUnbindUnit      Endpoint = "POST /contact/v3/unit/unbind_department"
	EPUnitDepartments Endpoint = "GET /contact/v3/unit/list_department"
)

// PerSecond20 is the limit of the unit writes (20 次/秒).
var PerSecond20 = Limit{{20, time.Second}}

// Window is "at most Count calls in any Per".
type Window struct {
	Count int
	Per   time.Duration
}

// Limit is an endpoint's documented rate limit: every window applies at once
// (hitting either throttles). An empty Limit means no documented limit.
type Limit []Window

// Tier4 is the contact API's usual limit: 1000/min and 50/s.
var Tier4 = Limit{{50, time.Second}, {1000, time.Minute}}

// EndpointLimits are the documented limits (频控策略 and each endpoint page).
// GET one department, GET parent and employee_type_enums are "特殊频控"
// (non-standard, undocumented); they are given tier 4 here. A PATCH that
// changes a user's department_ids or is_frozen is limited to 1 QPS on top of
// the PATCH limit.
var EndpointLimits = map[Endpoint]Limit{
	EPCreateDepartment:  Tier4,
	EPPatchDepartment:   Tier4,
	EPUpdateDepartment:  Tier4,
	EPDeleteDepartment:  Tier4,
	EPGetDepartment:     Tier4,
	EPBatchDepartments:  Tier4,
	EPChildren:          Tier4,
	EPParent:            Tier4,
	EPCreateUser:        Tier4,
	EPPatchUser:         Tier4,
	EPPatchUserDept:     {{1, time.Second}},
	EPDeleteUser:        Tier4,
	EPGetUser:           Tier4,
	EPBatchUsers:        Tier4,
	EPFindByDepartment:  Tier4,
	EPBatchGetID:        Tier4,
	EPEmployeeTypeEnums: Tier4,
	EPTenantQuery:       Tier4, // tenant-v2/query: 1000/min, 50/s

	// The directory: each endpoint page's 接口频率限制. Updating an
	// employee type is 特殊频控 like listing them (tier 4 here).
	EPCreateEmployeeType: {{20, time.Second}},
	EPUpdateEmployeeType: Tier4,
	EPCustomAttrs:        Tier4,
	EPJobLevels:          {{10, time.Second}},
	EPCreateJobLevel:     {{10, time.Second}},
	EPUpdateJobLevel:     {{10, time.Second}},
	EPJobFamilies:        {{10, time.Second}},
	EPCreateJobFamily:    {{10, time.Second}},
	EPUpdateJobFamily:    {{10, time.Second}},
	EPJobTitles:          {{10, time.Minute}},
	EPWorkCities:         {{10, time.Minute}},
	EPResurrect:          {{10, time.Minute}}, // user/resurrect: 10/min
	// Units: writes 20/s, reads 1000/min & 50/s (each unit page).
	EPCreateUnit:      PerSecond20,
	EPPatchUnit:       PerSecond20,
	EPDeleteUnit:      PerSecond20,
	EPBindUnit:        PerSecond20,
	EPUnbindUnit:      PerSecond20,
	EPGetUnit:         Tier4,
	EPListUnits:       Tier4,
	EPUnitDepartments: Tier4,
}

// Scaled returns the limit with every window shortened by factor, keeping
// the counts: the same proportions in less time (sandbox --rate-scale).
func (l Limit) Scaled(factor float64) Limit {
	if factor <= 0 || factor == 1 {
		return l
	}
	out := make(Limit, len(l))
	for i, w := range l {
		out[i] = Window{Count: w.Count, Per: time.Duration(float64(w.Per) / factor)}
	}
	return out
}

// Rate returns the sustained calls per second the limit allows (its
// tightest window).
func (l Limit) Rate() float64 {
	best := 0.0
	for i, w := range l {
		r := float64(w.Count) / w.Per.Seconds()
		if i == 0 || r < best {
			best = r
		}
	}
	return best
}
