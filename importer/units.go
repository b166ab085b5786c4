package importer

import (
	"context"
	"github.com/orgbatch/orgbatch/internal/msg"
	"sync/atomic"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
)

func (e *executor) createUnit(ctx context.Context, req plan.CreateUnit, r *StepResult) error {
	id, err := e.api.CreateUnit(ctx, req.Body)
	if err != nil && ambiguous(ctx) && feishu.ErrorCode(err) == feishu.CodeUnitIDDuplicate.Num {
		// The create has no client_token: an earlier attempt applied but
		// lost in the network meets 43056 on the retry. The unit with our
		// unit_id is ours if it is what we asked for.
		if u, gerr := e.api.GetUnit(ctx, req.Body.UnitID); gerr == nil && u != nil && u.Name == req.Body.Name && u.UnitType == req.Body.UnitType {
			id, err = u.UnitID, nil
		}
	}
	if err != nil {
		return err
	}
	r.IDs = plan.IDs{UnitID: id}
	return nil
}

// bindUnit moves a department to its unit: unbind from the old one, then
// bind (a department has one unit). Both calls change nothing when
// repeated, so a retried or resumed step is safe.
func (e *executor) bindUnit(ctx context.Context, req plan.BindUnit) error {
	if req.Unbind != "" {
		if err := e.api.UnbindUnitDepartment(ctx, req.Unbind, req.DepartmentID); err != nil {
			return err
		}
	}
	return e.api.BindUnitDepartment(ctx, req.UnitID, req.DepartmentID)
}

// noUnits remembers a tenant without units (43050, not the enterprise
// edition) met during the run, which the plan could not know when the
// tenant's unit listing answered: every unit step after the first such
// answer is not sent and ends failed with the same code, so that the
// tenant is asked once, not once per row.
type noUnits struct{ seen atomic.Bool }

func isUnitStep(st *plan.Step) bool {
	switch st.Request.(type) {
	case plan.CreateUnit, plan.PatchUnit, plan.BindUnit:
		return true
	}
	return false
}

// skip reports whether a unit step is not sent because the tenant has
// no units, filling its result.
func (n *noUnits) skip(st *plan.Step, r *StepResult) bool {
	if !isUnitStep(st) || !n.seen.Load() {
		return false
	}
	r.Status, r.Code = StatusFailed, feishu.CodeUnitsProhibited.Num
	r.Message = msg.NoUnits.F()
	return true
}

// saw records a unit step's answer.
func (n *noUnits) saw(st *plan.Step, err error) {
	if isUnitStep(st) && feishu.IsUnitsProhibited(err) {
		n.seen.Store(true)
	}
}
