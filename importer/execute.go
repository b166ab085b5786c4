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

// executor runs one step against the API. Each kind of request has its
// file (departments.go, users.go) and one case below.
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
	req, token := st.Request, st.ClientToken
	if !e.leaderReady(st, r) {
		var left bool
		if req, token, left = st.WithoutLeader(); !left {
			r.Status = StatusDone // the leader was the only change
			return r
		}
	}
	var err error
	switch req := req.(type) {
	case plan.CreateDepartment:
		err = e.createDepartment(ctx, req, token, r)
	case plan.PatchDepartment:
		err = e.patchDepartment(ctx, req, r)
	case plan.CreateUser:
		err = e.createUser(ctx, req, token, r)
	case plan.PatchUser:
		err = e.patchUser(ctx, req, r)
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

// leaderReady reports whether a step's manager exists now; when the
// manager's creation failed the step goes ahead without the leader.
func (e *executor) leaderReady(st *plan.Step, r *StepResult) bool {
	if st.LeaderDep.IsZero() || e.sched.dependencyOK(st.LeaderDep) {
		return true
	}
	r.Warning = "leader not set: the leader's row was not imported / 未设置上级：上级所在行未能导入"
	return false
}

func joinWarn(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
