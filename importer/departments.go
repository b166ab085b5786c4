package importer

import (
	"context"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
)

func (e *executor) createDepartment(ctx context.Context, req plan.CreateDepartment, token string, r *StepResult) error {
	body := req.Body
	got, err := e.api.CreateDepartment(ctx, body, token)
	if err != nil && ambiguous(ctx) && feishu.ErrorCode(err) == feishu.CodeDeptIDDuplicate.Num {
		// An earlier attempt was applied but its answer was lost, and the
		// server did not recognise the retry by its client_token: the
		// department with our ID is ours if it is what we asked for.
		if d, gerr := e.api.GetDepartment(ctx, body.DepartmentID); gerr == nil && d.Name == body.Name && d.ParentDepartmentID == body.ParentDepartmentID {
			got, err = d, nil
		}
	}
	if err != nil {
		return err
	}
	r.IDs = plan.IDs{DepartmentID: got.DepartmentID, OpenDepartmentID: got.OpenDepartmentID}
	return nil
}

func (e *executor) patchDepartment(ctx context.Context, req plan.PatchDepartment, r *StepResult) error {
	got, err := e.api.PatchDepartment(ctx, req.ID, req.Patch)
	if err != nil {
		return err
	}
	if got != nil {
		r.IDs = plan.IDs{DepartmentID: got.DepartmentID, OpenDepartmentID: got.OpenDepartmentID}
	}
	return nil
}
