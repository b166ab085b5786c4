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
	DirectoryAPI
}

// executor runs one step against the API. Each kind of request has its
// file (departments.go, users.go) and one case below.
type executor struct {
	api   API
	sched *scheduler
	// intend, if set, journals a create's intent before it is sent.
	intend func(JournalEntry) error
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
	// A create whose intent cannot be journaled is not sent: a crash
	// would lose track of it.
	err := e.journalIntent(st, req, token)
	if err == nil {
		err = e.send(ctx, req, token, r)
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

// send sends one request.
func (e *executor) send(ctx context.Context, req plan.Request, token string, r *StepResult) error {
	switch req := req.(type) {
	case plan.CreateDepartment:
		return e.createDepartment(ctx, req, token, r)
	case plan.PatchDepartment:
		return e.patchDepartment(ctx, req, r)
	case plan.CreateUser:
		return e.createUser(ctx, req, token, r)
	case plan.PatchUser:
		return e.patchUser(ctx, req, r)
	case plan.CreateEmployeeType:
		return e.createEmployeeType(ctx, req, r)
	case plan.CreateJobLevel:
		return e.createJobLevel(ctx, req, r)
	case plan.CreateJobFamily:
		return e.createJobFamily(ctx, req, r)
	}
	return nil
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

// journalIntent records that a create is about to be sent: its
// client_token and the identity of what it creates (see resume.go).
func (e *executor) journalIntent(st *plan.Step, req plan.Request, token string) error {
	if e.intend == nil {
		return nil
	}
	entry := JournalEntry{Step: st.ID, Op: req.Op(), Status: StatusIntent, ClientToken: token}
	switch req := req.(type) {
	case plan.CreateDepartment:
		entry.Identity, entry.IDs = plan.DepartmentIdentity(&req.Body), plan.IDs{DepartmentID: req.Body.DepartmentID}
	case plan.CreateUser:
		entry.Identity, entry.IDs = plan.UserIdentity(&req.Body, req.Body.UserID != ""), plan.IDs{UserID: req.Body.UserID}
	default:
		return nil
	}
	return e.intend(entry)
}

func joinWarn(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
