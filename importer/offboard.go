package importer

import (
	"context"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/tenant"
)

// Offboarding and restore steps. Each is settled like a create whose
// answer was lost: when an attempt may have been applied and a retry
// answers as if it had been, the tenant is asked.

func (e *executor) deleteUser(ctx context.Context, req plan.DeleteUser, r *StepResult) error {
	err := e.api.DeleteUser(ctx, req.ID, req.Body)
	if err != nil && ambiguous(ctx) {
		if u, gerr := e.api.GetUser(ctx, req.ID); gerr == nil && u != nil && tenant.Resigned(u) {
			err = nil // an earlier attempt was applied
		}
	}
	if err == nil {
		r.IDs = plan.IDs{UserID: req.ID}
	}
	return err
}

func (e *executor) deleteDepartment(ctx context.Context, req plan.DeleteDepartment, r *StepResult) error {
	err := e.api.DeleteDepartment(ctx, req.ID)
	if err != nil && ambiguous(ctx) && feishu.IsNotFound(err) {
		err = nil // an earlier attempt was applied
	}
	if err == nil {
		r.IDs = plan.IDs{DepartmentID: req.ID}
	}
	return err
}

func (e *executor) resurrectUser(ctx context.Context, req plan.ResurrectUser, r *StepResult) error {
	err := e.api.ResurrectUser(ctx, req.ID, req.Body)
	if err != nil && ambiguous(ctx) && feishu.ErrorCode(err) == feishu.CodeNotResigned.Num {
		err = nil // an earlier attempt was applied
	}
	if err == nil {
		r.IDs = plan.IDs{UserID: req.ID}
	}
	return err
}
