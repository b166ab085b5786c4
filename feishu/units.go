package feishu

import (
	"context"
	"net/http"
	"net/url"
)

// Units (单位): subsidiaries and branches a department can be bound to, one
// unit per department. A paid feature: a tenant without the enterprise
// edition answers 43050 (CodeUnitsProhibited). Paths, fields and the
// listing keys unitlist / departmentlist follow server-docs/contact-v3/unit
// and the official SDK's Unit, UnitDepartment and Bind…ReqBody models.

// Unit is a unit (GET /unit/:unit_id, the unitlist items, the create body).
type Unit struct {
	UnitID   string `json:"unit_id,omitempty"`
	Name     string `json:"name,omitempty"`
	UnitType string `json:"unit_type,omitempty"`
}

// UnitData is data of GET /unit/:unit_id.
type UnitData struct {
	Unit *Unit `json:"unit,omitempty"`
}

// UnitCreated is data of POST /unit.
type UnitCreated struct {
	UnitID string `json:"unit_id"`
}

// UnitPatch is the body of PATCH /unit/:unit_id: the name, required.
type UnitPatch struct {
	Name string `json:"name"`
}

// UnitBinding is the body of POST /unit/bind_department and
// /unit/unbind_department. DepartmentIDType names the type of
// DepartmentID (default open_department_id).
type UnitBinding struct {
	UnitID           string `json:"unit_id"`
	DepartmentID     string `json:"department_id"`
	DepartmentIDType string `json:"department_id_type,omitempty"`
}

// UnitDepartment is one item of GET /unit/list_department.
type UnitDepartment struct {
	UnitID       string `json:"unit_id"`
	DepartmentID string `json:"department_id"`
}

// unitPage and unitDepartmentPage are the two listings, whose items are
// not under "items" but "unitlist" and "departmentlist".
type unitPage struct {
	HasMore   bool   `json:"has_more"`
	PageToken string `json:"page_token,omitempty"`
	UnitList  []Unit `json:"unitlist"`
}

type unitDepartmentPage struct {
	HasMore        bool             `json:"has_more"`
	PageToken      string           `json:"page_token,omitempty"`
	DepartmentList []UnitDepartment `json:"departmentlist"`
}

// UnitPage is the wire form of a page of GET /unit (the sandbox answers it).
func UnitPage(p Page[Unit]) any {
	return unitPage{HasMore: p.HasMore, PageToken: p.PageToken, UnitList: p.Items}
}

// UnitDepartmentPage is the wire form of a page of GET /unit/list_department.
func UnitDepartmentPage(p Page[UnitDepartment]) any {
	return unitDepartmentPage{HasMore: p.HasMore, PageToken: p.PageToken, DepartmentList: p.Items}
}

// Paths and page sizes of the unit endpoints.
const (
	PathUnits           = "/open-apis/contact/v3/unit"
	PathUnitBind        = "/open-apis/contact/v3/unit/bind_department"
	PathUnitUnbind      = "/open-apis/contact/v3/unit/unbind_department"
	PathUnitDepartments = "/open-apis/contact/v3/unit/list_department"
	UnitPageDefault     = 50
	UnitPageMax         = 100
	MaxUnits            = 1000 // per tenant (43059)
	MaxUnitDepartments  = 1000 // bound to one unit (43017)
	UnitTextMax         = 100  // name and unit_type, in characters
	UnitIDMax           = 64   // letters and digits
	DepartmentHrbpsMax  = 500  // department_hrbps (43028)
)

func unitPath(id string) string { return PathUnits + "/" + url.PathEscape(id) }

// CreateUnit creates u and returns its unit_id (EPCreateUnit). The endpoint
// takes no client_token: a retry after a lost answer meets 43056 for a
// custom unit_id, which the caller settles by reading the unit.
func (c *Client) CreateUnit(ctx context.Context, u Unit) (string, error) {
	var out UnitCreated
	if err := c.do(ctx, request{method: http.MethodPost, path: PathUnits, body: u}, &out); err != nil {
		return "", err
	}
	return out.UnitID, nil
}

// PatchUnit renames a unit (EPPatchUnit); its type cannot change.
func (c *Client) PatchUnit(ctx context.Context, id, name string) error {
	return c.do(ctx, request{method: http.MethodPatch, path: unitPath(id), body: UnitPatch{Name: name}}, nil)
}

// DeleteUnit deletes a unit (EPDeleteUnit).
func (c *Client) DeleteUnit(ctx context.Context, id string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: unitPath(id)}, nil)
}

// GetUnit reads one unit (EPGetUnit).
func (c *Client) GetUnit(ctx context.Context, id string) (*Unit, error) {
	var out UnitData
	if err := c.do(ctx, request{method: http.MethodGet, path: unitPath(id)}, &out); err != nil {
		return nil, err
	}
	return out.Unit, nil
}

// ListUnits lists one page of the tenant's units (EPListUnits).
func (c *Client) ListUnits(ctx context.Context, pageSize int, pageToken string) (*Page[Unit], error) {
	var out unitPage
	if err := c.do(ctx, request{method: http.MethodGet, path: PathUnits, query: pageQuery(pageSize, pageToken)}, &out); err != nil {
		return nil, err
	}
	return &Page[Unit]{HasMore: out.HasMore, PageToken: out.PageToken, Items: out.UnitList}, nil
}

// BindUnitDepartment binds a department to a unit (EPBindUnit); a
// department bound to another unit is 43054.
func (c *Client) BindUnitDepartment(ctx context.Context, unitID, departmentID string) error {
	body := UnitBinding{UnitID: unitID, DepartmentID: departmentID, DepartmentIDType: c.deptIDType}
	return c.do(ctx, request{method: http.MethodPost, path: PathUnitBind, body: body}, nil)
}

// UnbindUnitDepartment unbinds a department from a unit (EPUnbindUnit).
func (c *Client) UnbindUnitDepartment(ctx context.Context, unitID, departmentID string) error {
	body := UnitBinding{UnitID: unitID, DepartmentID: departmentID, DepartmentIDType: c.deptIDType}
	return c.do(ctx, request{method: http.MethodPost, path: PathUnitUnbind, body: body}, nil)
}

// UnitDepartments lists one page of the departments bound to a unit
// (EPUnitDepartments).
func (c *Client) UnitDepartments(ctx context.Context, unitID string, pageSize int, pageToken string) (*Page[UnitDepartment], error) {
	q := pageQuery(pageSize, pageToken)
	q.Set("unit_id", unitID)
	var out unitDepartmentPage
	if err := c.do(ctx, request{method: http.MethodGet, path: PathUnitDepartments, query: q}, &out); err != nil {
		return nil, err
	}
	return &Page[UnitDepartment]{HasMore: out.HasMore, PageToken: out.PageToken, Items: out.DepartmentList}, nil
}

// IsUnitsProhibited reports 43050: the tenant has no units (a paid
// feature of the enterprise edition).
func IsUnitsProhibited(err error) bool { return ErrorCode(err) == CodeUnitsProhibited.Num }
