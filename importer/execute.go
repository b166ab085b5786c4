package importer

import (
	"context"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
)

// API is what executing a plan needs: the paced client's writes, and the
// reads that settle a create whose answer was lost.
type API interface {
	CreateDepartment(ctx context.Context, d feishu.Department, clientToken string) (*feishu.Department, error)
	PatchDepartment(ctx context.Context, id string, p feishu.DepartmentPatch) (*feishu.Department, error)
	GetDepartment(ctx context.Context, id string) (*feishu.Department, error)
	CreateUser(ctx context.Context, u feishu.User, clientToken string) (*feishu.User, error)
	PatchUser(ctx context.Context, id string, p feishu.UserPatch) (*feishu.User, error)
	GetUser(ctx context.Context, id string) (*feishu.User, error)
	BatchGetID(ctx context.Context, req feishu.BatchGetIDRequest) ([]feishu.UserContactInfo, error)
}

// executor runs one step against the API.
type executor struct {
	api   API
	sched *scheduler
}

func (e *executor) run(ctx context.Context, n *node) *StepResult {
	st := n.step
	r := &StepResult{Step: st}
	tally := &feishu.Tally{}
	ctx = feishu.WithTally(ctx, tally)
	defer func() { r.Attempts = tally.Attempts() }()
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

// ambiguous reports whether an attempt of the step so far ended without
// knowing whether the server applied it (the create is a step's first
// call, so right after it this is about the create).
func ambiguous(ctx context.Context) bool { return feishu.TallyFrom(ctx).Ambiguous() }

func (e *executor) createDepartment(ctx context.Context, st *plan.Step, r *StepResult) error {
	body := *st.Department
	got, err := e.api.CreateDepartment(ctx, body, st.ClientToken)
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

func (e *executor) patchDepartment(ctx context.Context, st *plan.Step, r *StepResult) error {
	patch := *st.DeptPatch
	if !e.leaderReady(st, r) {
		patch.LeaderUserID = nil
		if patch == (feishu.DepartmentPatch{}) {
			return nil // the leader was the only change
		}
	}
	got, err := e.api.PatchDepartment(ctx, st.Target, patch)
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
	got, err := e.api.CreateUser(ctx, body, token)
	if feishu.IsPartialSuccess(err) {
		// The user exists; only the city or job title could not be set.
		// Never retried: a retry would be a duplicate request.
		r.Warning = joinWarn(r.Warning, "created, but "+errorMessage(err)+" / 已创建，但城市或职务未能设置")
		err = nil
	} else if err != nil && ambiguous(ctx) && duplicateUser(err) {
		if u, lerr := e.findUser(ctx, body); lerr == nil && u != nil && u.Name == body.Name {
			got, err = u, nil
		}
	}
	if err != nil {
		return err
	}
	if got == nil {
		got, _ = e.findUser(ctx, body)
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
func (e *executor) findUser(ctx context.Context, body feishu.User) (*feishu.User, error) {
	id := body.UserID
	if id == "" {
		infos, err := e.api.BatchGetID(ctx, feishu.BatchGetIDRequest{Mobiles: []string{body.Mobile}})
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
	return e.api.GetUser(ctx, id)
}

func (e *executor) patchUser(ctx context.Context, st *plan.Step, r *StepResult) error {
	patch := *st.UserPatch
	if !e.leaderReady(st, r) {
		patch.LeaderUserID = nil
		if patch == (feishu.UserPatch{}) {
			return nil // the leader was the only change
		}
	}
	got, err := e.api.PatchUser(ctx, st.Target, patch)
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
