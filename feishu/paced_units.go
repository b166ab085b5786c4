package feishu

import "context"

// The unit endpoints, paced (see Paced).

// CreateUnit is API.CreateUnit, paced.
func (c *Paced) CreateUnit(ctx context.Context, u Unit) (string, error) {
	return paced(ctx, c, On(EPCreateUnit), func(ctx context.Context) (string, error) { return c.api.CreateUnit(ctx, u) })
}

// PatchUnit is API.PatchUnit, paced.
func (c *Paced) PatchUnit(ctx context.Context, id, name string) error {
	_, err := paced(ctx, c, On(EPPatchUnit), none(func(ctx context.Context) error { return c.api.PatchUnit(ctx, id, name) }))
	return err
}

// DeleteUnit is API.DeleteUnit, paced.
func (c *Paced) DeleteUnit(ctx context.Context, id string) error {
	_, err := paced(ctx, c, On(EPDeleteUnit), none(func(ctx context.Context) error { return c.api.DeleteUnit(ctx, id) }))
	return err
}

// GetUnit is API.GetUnit, paced.
func (c *Paced) GetUnit(ctx context.Context, id string) (*Unit, error) {
	return paced(ctx, c, On(EPGetUnit), func(ctx context.Context) (*Unit, error) { return c.api.GetUnit(ctx, id) })
}

// ListUnits is API.ListUnits, paced.
func (c *Paced) ListUnits(ctx context.Context, pageSize int, pageToken string) (*Page[Unit], error) {
	return paced(ctx, c, On(EPListUnits), func(ctx context.Context) (*Page[Unit], error) {
		return c.api.ListUnits(ctx, pageSize, pageToken)
	})
}

// BindUnitDepartment is API.BindUnitDepartment, paced.
func (c *Paced) BindUnitDepartment(ctx context.Context, unitID, departmentID string) error {
	_, err := paced(ctx, c, On(EPBindUnit), none(func(ctx context.Context) error {
		return c.api.BindUnitDepartment(ctx, unitID, departmentID)
	}))
	return err
}

// UnbindUnitDepartment is API.UnbindUnitDepartment, paced.
func (c *Paced) UnbindUnitDepartment(ctx context.Context, unitID, departmentID string) error {
	_, err := paced(ctx, c, On(EPUnbindUnit), none(func(ctx context.Context) error {
		return c.api.UnbindUnitDepartment(ctx, unitID, departmentID)
	}))
	return err
}

// UnitDepartments is API.UnitDepartments, paced.
func (c *Paced) UnitDepartments(ctx context.Context, unitID string, pageSize int, pageToken string) (*Page[UnitDepartment], error) {
	return paced(ctx, c, On(EPUnitDepartments), func(ctx context.Context) (*Page[UnitDepartment], error) {
		return c.api.UnitDepartments(ctx, unitID, pageSize, pageToken)
	})
}
