package feishu

import (
	"context"
	"errors"
)

// Paced is the API with the Pacer in front: every method names its
// endpoints once, here, and goes through Pacer.Call (waits for its rate
// limiters, retries what ShouldRetry allows). Attempts are counted in the
// Pacer's Stats and in any Tally of the context. Consumers depend on the
// narrow interface of the methods they use, which *Paced satisfies.
type Paced struct {
	api   API
	pacer *Pacer
}

// NewPaced puts pacer in front of api.
func NewPaced(api API, pacer *Pacer) *Paced { return &Paced{api: api, pacer: pacer} }

// Pacer is the Pacer in front (its Stats feed summaries).
func (c *Paced) Pacer() *Pacer { return c.pacer }

// IDTypes forwards the client's ID types (see Client.IDTypes), so readers
// can check they speak custom IDs.
func (c *Paced) IDTypes() (userIDType, departmentIDType string) {
	if t, ok := c.api.(interface{ IDTypes() (string, string) }); ok {
		return t.IDTypes()
	}
	return UserIDTypeUserID, DepartmentIDTypeDepartmentID
}

// paced runs one API method through the pacer on eps.
func paced[T any](ctx context.Context, c *Paced, eps []Endpoint, fn func(context.Context) (T, error)) (T, error) {
	var out T
	_, err := c.pacer.Call(ctx, eps, func(ctx context.Context) (err error) {
		out, err = fn(ctx)
		return err
	})
	return out, err
}

// none adapts a method without a result.
func none(fn func(context.Context) error) func(context.Context) (struct{}, error) {
	return func(ctx context.Context) (struct{}, error) { return struct{}{}, fn(ctx) }
}

// CreateDepartment is API.CreateDepartment, paced.
func (c *Paced) CreateDepartment(ctx context.Context, d Department, clientToken string) (*Department, error) {
	return paced(ctx, c, On(EPCreateDepartment), func(ctx context.Context) (*Department, error) {
		return c.api.CreateDepartment(ctx, d, clientToken)
	})
}

// PatchDepartment is API.PatchDepartment, paced.
func (c *Paced) PatchDepartment(ctx context.Context, id string, p DepartmentPatch) (*Department, error) {
	return paced(ctx, c, p.Endpoints(), func(ctx context.Context) (*Department, error) {
		return c.api.PatchDepartment(ctx, id, p)
	})
}

// DeleteDepartment is API.DeleteDepartment, paced.
func (c *Paced) DeleteDepartment(ctx context.Context, id string) error {
	_, err := paced(ctx, c, On(EPDeleteDepartment), none(func(ctx context.Context) error { return c.api.DeleteDepartment(ctx, id) }))
	return err
}

// GetDepartment is API.GetDepartment, paced.
func (c *Paced) GetDepartment(ctx context.Context, id string) (*Department, error) {
	return paced(ctx, c, On(EPGetDepartment), func(ctx context.Context) (*Department, error) { return c.api.GetDepartment(ctx, id) })
}

// BatchDepartments is API.BatchDepartments, paced.
func (c *Paced) BatchDepartments(ctx context.Context, ids []string) ([]Department, error) {
	return paced(ctx, c, On(EPBatchDepartments), func(ctx context.Context) ([]Department, error) { return c.api.BatchDepartments(ctx, ids) })
}

// Children is API.Children, paced.
func (c *Paced) Children(ctx context.Context, id string, fetchChild bool, pageSize int, pageToken string) (*Page[Department], error) {
	return paced(ctx, c, On(EPChildren), func(ctx context.Context) (*Page[Department], error) {
		return c.api.Children(ctx, id, fetchChild, pageSize, pageToken)
	})
}

// CreateUser is API.CreateUser, paced.
func (c *Paced) CreateUser(ctx context.Context, u User, clientToken string) (*User, error) {
	return paced(ctx, c, On(EPCreateUser), func(ctx context.Context) (*User, error) { return c.api.CreateUser(ctx, u, clientToken) })
}

// PatchUser is API.PatchUser, paced on p.Endpoints() (a move also waits on
// the 1 QPS department-change limit).
func (c *Paced) PatchUser(ctx context.Context, id string, p UserPatch) (*User, error) {
	return paced(ctx, c, p.Endpoints(), func(ctx context.Context) (*User, error) { return c.api.PatchUser(ctx, id, p) })
}

// DeleteUser is API.DeleteUser, paced.
func (c *Paced) DeleteUser(ctx context.Context, id string, d UserDelete) error {
	_, err := paced(ctx, c, On(EPDeleteUser), none(func(ctx context.Context) error { return c.api.DeleteUser(ctx, id, d) }))
	return err
}

// GetUser is API.GetUser, paced.
func (c *Paced) GetUser(ctx context.Context, id string) (*User, error) {
	return paced(ctx, c, On(EPGetUser), func(ctx context.Context) (*User, error) { return c.api.GetUser(ctx, id) })
}

// BatchUsers is API.BatchUsers, paced.
func (c *Paced) BatchUsers(ctx context.Context, ids []string) ([]User, error) {
	return paced(ctx, c, On(EPBatchUsers), func(ctx context.Context) ([]User, error) { return c.api.BatchUsers(ctx, ids) })
}

// FindByDepartment is API.FindByDepartment, paced.
func (c *Paced) FindByDepartment(ctx context.Context, departmentID string, pageSize int, pageToken string) (*Page[User], error) {
	return paced(ctx, c, On(EPFindByDepartment), func(ctx context.Context) (*Page[User], error) {
		return c.api.FindByDepartment(ctx, departmentID, pageSize, pageToken)
	})
}

// BatchGetID is API.BatchGetID, paced.
func (c *Paced) BatchGetID(ctx context.Context, req BatchGetIDRequest) ([]UserContactInfo, error) {
	return paced(ctx, c, On(EPBatchGetID), func(ctx context.Context) ([]UserContactInfo, error) { return c.api.BatchGetID(ctx, req) })
}

// EmployeeTypeEnums is API.EmployeeTypeEnums, paced.
func (c *Paced) EmployeeTypeEnums(ctx context.Context, pageSize int, pageToken string) (*Page[EmployeeTypeEnum], error) {
	return paced(ctx, c, On(EPEmployeeTypeEnums), func(ctx context.Context) (*Page[EmployeeTypeEnum], error) {
		return c.api.EmployeeTypeEnums(ctx, pageSize, pageToken)
	})
}

// Tenant is API.Tenant, paced.
func (c *Paced) Tenant(ctx context.Context) (*TenantInfo, error) {
	return paced(ctx, c, On(EPTenantQuery), c.api.Tenant)
}

// ResurrectUser is API.ResurrectUser, paced (10/min).
func (c *Paced) ResurrectUser(ctx context.Context, id string, r UserResurrect) error {
	_, err := paced(ctx, c, On(EPResurrect), none(func(ctx context.Context) error { return c.api.ResurrectUser(ctx, id, r) }))
	return err
}

var _ API = (*Paced)(nil)

// ErrNoPageToken is a listing that says it has more but gives no token to
// ask for it: the rest cannot be read, so the listing is incomplete.
var ErrNoPageToken = errors.New("feishu: has_more without a page_token")

// Pages reads a paginated listing to its end: fetch is asked for the first
// page (token "") and then for each next one, and every page's items go to
// each. The one end-of-listing rule: has_more false ends it; has_more true
// without a page_token is ErrNoPageToken, never a silent stop.
func Pages[T any](ctx context.Context, fetch func(ctx context.Context, token string) (*Page[T], error), each func([]T) error) error {
	token := ""
	for {
		page, err := fetch(ctx, token)
		if err != nil {
			return err
		}
		if page == nil {
			return errors.New("feishu: empty page")
		}
		if err := each(page.Items); err != nil {
			return err
		}
		if !page.HasMore {
			return nil
		}
		if page.PageToken == "" {
			return ErrNoPageToken
		}
		token = page.PageToken
	}
}
