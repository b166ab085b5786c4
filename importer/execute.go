package importer

import (
	"context"
	"errors"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
)

// executor runs one step against the API through the pacer.
type executor struct {
	api   feishu.API
	pacer *feishu.Pacer
	sched *scheduler
	// intend, if set, journals a create's intent before it is sent.
	intend func(JournalEntry) error
}

// ambiguous errors leave it unknown whether the server applied the write:
// the connection dropped, the request timed out, or a 5xx came back.
func ambiguous(err error) bool {
	var ne *feishu.NetError
	if errors.As(err, &ne) {
		return true
	}
	if ae := feishu.AsAPIError(err); ae != nil && ae.HTTPStatus >= 500 {
		return true
	}
	return false
}

func (e *executor) run(ctx context.Context, n *node) *StepResult {
	st := n.step
	r := &StepResult{Step: st}
	var err error
	switch st.Op {
	case plan.OpCreateDepartment:
		err = e.createDepartment(ctx, st, r)
	case plan.OpPatchDepartment:
		err = e.patchDepartment(ctx, st, r)
	case plan.OpCreateUser:
		err = e.createUser(ctx, st, r)
	case plan.OpPatchUser:
		err = e.patchUser(ctx, st, r)
	}
	switch {
	case err == nil:
		r.Status = StatusDone
	case ctx.Err() != nil:
		// Cut off mid-call: the write may or may not have been applied. A
		// resumed run re-plans against the tenant and finds out.
		r.Status = StatusInterrupted
		r.Message = "interrupted / 已中断"
	default:
		r.Status = StatusFailed
		r.Code = feishu.ErrorCode(err)
		r.Message = errorMessage(err)
	}
	return r
}

func errorMessage(err error) string {
	if ae := feishu.AsAPIError(err); ae != nil {
		if ae.Msg != "" {
			return ae.Msg
		}
	}
	return err.Error()
}

// call runs one API operation through the pacer, noting whether any
// attempt ended ambiguously.
func (e *executor) call(ctx context.Context, eps []feishu.Endpoint, r *StepResult, fn func(context.Context) error) (wasAmbiguous bool, err error) {
	attempts, err := e.pacer.Call(ctx, eps, func(ctx context.Context) error {
		err := fn(ctx)
		if err != nil && ambiguous(err) {
			wasAmbiguous = true
		}
		return err
	})
	r.Attempts += attempts
	return wasAmbiguous, err
}

func (e *executor) createDepartment(ctx context.Context, st *plan.Step, r *StepResult) error {
	body := *st.Department
	if err := e.journalIntent(st, st.ClientToken, plan.DepartmentIdentity(&body), plan.IDs{DepartmentID: body.DepartmentID}); err != nil {
		return err
	}
	var got *feishu.Department
	amb, err := e.call(ctx, st.Endpoints(), r, func(ctx context.Context) (err error) {
		got, err = e.api.CreateDepartment(ctx, body, st.ClientToken)
		return err
	})
	if err != nil && amb && feishu.ErrorCode(err) == feishu.CodeDeptIDDuplicate.Num {
		// An earlier attempt was applied but its answer was lost, and the
		// server did not recognise the retry by its client_token: the
		// department with our ID is ours if it is what we asked for.
		if d, gerr := e.getDepartment(ctx, body.DepartmentID, r); gerr == nil && d.Name == body.Name && d.ParentDepartmentID == body.ParentDepartmentID {
			got, err = d, nil
		}
	}
	if err != nil {
		return err
	}
	r.IDs = plan.IDs{DepartmentID: got.DepartmentID, OpenDepartmentID: got.OpenDepartmentID}
	return nil
}

// journalIntent records that a create is about to be sent.
func (e *executor) journalIntent(st *plan.Step, token, identity string, ids plan.IDs) error {
	if e.intend == nil {
		return nil
	}
	return e.intend(JournalEntry{Step: st.ID, Op: st.Op, Status: StatusIntent, IDs: ids, ClientToken: token, Identity: identity})
}

func (e *executor) getDepartment(ctx context.Context, id string, r *StepResult) (d *feishu.Department, err error) {
	_, err = e.call(ctx, feishu.On(feishu.EPGetDepartment), r, func(ctx context.Context) (err error) {
		d, err = e.api.GetDepartment(ctx, id)
		return err
	})
	return d, err
}

func (e *executor) patchDepartment(ctx context.Context, st *plan.Step, r *StepResult) error {
	patch := *st.DeptPatch
	if !e.leaderReady(st, r) {
		patch.LeaderUserID = nil
		if patch == (feishu.DepartmentPatch{}) {
			return nil // the leader was the only change
		}
	}
	var got *feishu.Department
	_, err := e.call(ctx, st.Endpoints(), r, func(ctx context.Context) (err error) {
		got, err = e.api.PatchDepartment(ctx, st.Target, patch)
		return err
	})
	if err != nil {
		return err
	}
	if got != nil {
		r.IDs = plan.IDs{DepartmentID: got.DepartmentID, OpenDepartmentID: got.OpenDepartmentID}
	}
	return nil
}

// leaderReady reports whether a step's manager exists now; when the
// manager's creation failed the step goes ahead without the leader.
func (e *executor) leaderReady(st *plan.Step, r *StepResult) bool {
	if st.LeaderDep == "" || e.sched.dependencyOK(st.LeaderDep) {
		return true
	}
	r.Warning = "leader not set: the leader's row was not imported / 未设置上级：上级所在行未能导入"
	return false
}

func (e *executor) createUser(ctx context.Context, st *plan.Step, r *StepResult) error {
	body := *st.User
	token := st.ClientToken
	if !e.leaderReady(st, r) {
		body.LeaderUserID = ""
		token = st.Retoken(body) // a different request: a different token
	}
	if err := e.journalIntent(st, token, plan.UserIdentity(&body, body.UserID != ""), plan.IDs{UserID: body.UserID}); err != nil {
		return err
	}
	var got *feishu.User
	amb, err := e.call(ctx, st.Endpoints(), r, func(ctx context.Context) (err error) {
		got, err = e.api.CreateUser(ctx, body, token)
		return err
	})
	if feishu.IsPartialSuccess(err) {
		// The user exists; only the city or job title could not be set.
		// Never retried: a retry would be a duplicate request.
		r.Warning = joinWarn(r.Warning, "created, but "+errorMessage(err)+" / 已创建，但城市或职务未能设置")
		err = nil
	} else if err != nil && amb && duplicateUser(err) {
		if u, lerr := e.findUser(ctx, body, r); lerr == nil && u != nil && u.Name == body.Name {
			got, err = u, nil
		}
	}
	if err != nil {
		return err
	}
	if got == nil {
		got, _ = e.findUser(ctx, body, r)
	}
	if got != nil {
		r.IDs = plan.IDs{UserID: got.UserID, OpenID: got.OpenID, UnionID: got.UnionID}
	}
	return nil
}

func duplicateUser(err error) bool {
	switch feishu.ErrorCode(err) {
	case feishu.CodeUserIDExists.Num, feishu.CodeMobileExists.Num, feishu.CodeEmailExists.Num:
		return true
	}
	return false
}

// findUser looks a user up by user_id, or by mobile when Feishu generated
// the user_id.
func (e *executor) findUser(ctx context.Context, body feishu.User, r *StepResult) (*feishu.User, error) {
	id := body.UserID
	if id == "" {
		var infos []feishu.UserContactInfo
		_, err := e.call(ctx, feishu.On(feishu.EPBatchGetID), r, func(ctx context.Context) (err error) {
			infos, err = e.api.BatchGetID(ctx, feishu.BatchGetIDRequest{Mobiles: []string{body.Mobile}})
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, in := range infos {
			if in.UserID != "" {
				id = in.UserID
			}
		}
		if id == "" {
			return nil, nil
		}
	}
	var u *feishu.User
	_, err := e.call(ctx, feishu.On(feishu.EPGetUser), r, func(ctx context.Context) (err error) {
		u, err = e.api.GetUser(ctx, id)
		return err
	})
	return u, err
}

func (e *executor) patchUser(ctx context.Context, st *plan.Step, r *StepResult) error {
	patch := *st.UserPatch
	if !e.leaderReady(st, r) {
		patch.LeaderUserID = nil
		if patch == (feishu.UserPatch{}) {
			return nil // the leader was the only change
		}
	}
	var got *feishu.User
	_, err := e.call(ctx, patch.Endpoints(), r, func(ctx context.Context) (err error) {
		got, err = e.api.PatchUser(ctx, st.Target, patch)
		return err
	})
	if feishu.IsPartialSuccess(err) {
		r.Warning = joinWarn(r.Warning, "updated, but "+errorMessage(err)+" / 已更新，但城市或职务未能设置")
		err = nil
	}
	if err != nil {
		return err
	}
	if got != nil {
		r.IDs = plan.IDs{UserID: got.UserID, OpenID: got.OpenID, UnionID: got.UnionID}
	}
	return nil
}

func joinWarn(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
