package feishu

import "context"

// API is what the importer and exporter depend on. *Client satisfies it for
// the real tenant and for the sandbox alike (the sandbox is just another base
// URL), so tests and the tool run the same code. Every method makes one
// attempt; wrap calls in Pacer.Call with the endpoints named in the comments.
type API interface {
	// EPCreateDepartment
	CreateDepartment(ctx context.Context, d Department, clientToken string) (*Department, error)
	// EPPatchDepartment
	PatchDepartment(ctx context.Context, id string, p DepartmentPatch) (*Department, error)
	// EPDeleteDepartment
	DeleteDepartment(ctx context.Context, id string) error
	// EPGetDepartment
	GetDepartment(ctx context.Context, id string) (*Department, error)
	// EPBatchDepartments
	BatchDepartments(ctx context.Context, ids []string) ([]Department, error)
	// EPChildren
	Children(ctx context.Context, id string, fetchChild bool, pageSize int, pageToken string) (*Page[Department], error)

	// EPCreateUser
	CreateUser(ctx context.Context, u User, clientToken string) (*User, error)
	// p.Endpoints(): EPPatchUser (+ EPPatchUserDept)
	PatchUser(ctx context.Context, id string, p UserPatch) (*User, error)
	// EPDeleteUser; d hands the leaver's resources over (offboard.go)
	DeleteUser(ctx context.Context, id string, d UserDelete) error
	// EPGetUser
	GetUser(ctx context.Context, id string) (*User, error)
	// EPBatchUsers
	BatchUsers(ctx context.Context, ids []string) ([]User, error)
	// EPFindByDepartment
	FindByDepartment(ctx context.Context, departmentID string, pageSize int, pageToken string) (*Page[User], error)
	// EPBatchGetID
	BatchGetID(ctx context.Context, req BatchGetIDRequest) ([]UserContactInfo, error)
	// EPEmployeeTypeEnums
	EmployeeTypeEnums(ctx context.Context, pageSize int, pageToken string) (*Page[EmployeeTypeEnum], error)
	// EPTenantQuery
	Tenant(ctx context.Context) (*TenantInfo, error)

	// The directory (directory.go).
	// EPCreateEmployeeType
	CreateEmployeeType(ctx context.Context, e EmployeeTypeEnum) (*EmployeeTypeEnum, error)
	// EPCustomAttrs
	CustomAttrs(ctx context.Context, pageSize int, pageToken string) (*Page[CustomAttr], error)
	// EPJobLevels
	JobLevels(ctx context.Context, pageSize int, pageToken string) (*Page[JobLevel], error)
	// EPCreateJobLevel
	CreateJobLevel(ctx context.Context, l JobLevel) (*JobLevel, error)
	// EPJobFamilies
	JobFamilies(ctx context.Context, pageSize int, pageToken string) (*Page[JobFamily], error)
	// EPCreateJobFamily
	CreateJobFamily(ctx context.Context, f JobFamily) (*JobFamily, error)
	// EPJobTitles
	JobTitles(ctx context.Context, pageSize int, pageToken string) (*Page[JobTitle], error)
	// EPWorkCities
	WorkCities(ctx context.Context, pageSize int, pageToken string) (*Page[WorkCity], error)
	// EPResurrect (offboard.go)
	ResurrectUser(ctx context.Context, id string, r UserResurrect) error
	// Units (units.go).
	// EPCreateUnit
	CreateUnit(ctx context.Context, u Unit) (string, error)
	// EPPatchUnit
	PatchUnit(ctx context.Context, id, name string) error
	// EPDeleteUnit
	DeleteUnit(ctx context.Context, id string) error
	// EPGetUnit
	GetUnit(ctx context.Context, id string) (*Unit, error)
	// EPListUnits
	ListUnits(ctx context.Context, pageSize int, pageToken string) (*Page[Unit], error)
	// EPBindUnit
	BindUnitDepartment(ctx context.Context, unitID, departmentID string) error
	// EPUnbindUnit
	UnbindUnitDepartment(ctx context.Context, unitID, departmentID string) error
	// EPUnitDepartments
	UnitDepartments(ctx context.Context, unitID string, pageSize int, pageToken string) (*Page[UnitDepartment], error)
}

var _ API = (*Client)(nil)

// Endpoints returns the limiters a PATCH with p must wait on: EPPatchUser
// always, and EPPatchUserDept (1 QPS) as well when p changes department_ids
// or is_frozen, which the server limits on top of the PATCH limit.
func (p UserPatch) Endpoints() []Endpoint {
	if p.DepartmentIDs != nil || p.IsFrozen != nil {
		return []Endpoint{EPPatchUser, EPPatchUserDept}
	}
	return []Endpoint{EPPatchUser}
}

// Endpoints returns the limiters a department PATCH waits on, for symmetry
// with UserPatch.Endpoints.
func (p DepartmentPatch) Endpoints() []Endpoint { return []Endpoint{EPPatchDepartment} }

// On is shorthand for naming the endpoints of a Pacer.Call:
// pacer.Call(ctx, feishu.On(feishu.EPCreateUser), fn).
func On(eps ...Endpoint) []Endpoint { return eps }

// IsStructureWrite reports the department writes that take the tenant's
// structure lock (43024) and share the Pacer's adaptive concurrency limit.
func (e Endpoint) IsStructureWrite() bool {
	switch e {
	case EPCreateDepartment, EPPatchDepartment, EPUpdateDepartment, EPDeleteDepartment:
		return true
	}
	return false
}
