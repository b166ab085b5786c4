package importer

import (
	"context"
	"errors"
	"github.com/orgbatch/orgbatch/internal/msg"
	"strings"

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
	// offboarding and restore (offboard.go)
	DeleteUser(ctx context.Context, id string, d feishu.UserDelete) error
	DeleteDepartment(ctx context.Context, id string) error
	ResurrectUser(ctx context.Context, id string, r feishu.UserResurrect) error
	CreateUnit(ctx context.Context, u feishu.Unit) (string, error)
	PatchUnit(ctx context.Context, id, name string) error
	GetUnit(ctx context.Context, id string) (*feishu.Unit, error)
	BindUnitDepartment(ctx context.Context, unitID, departmentID string) error
	UnbindUnitDepartment(ctx context.Context, unitID, departmentID string) error
	// User groups (groups.go).
	CreateGroup(ctx context.Context, g feishu.GroupCreate) (string, error)
	PatchGroup(ctx context.Context, id string, p feishu.GroupPatch) error
	GetGroup(ctx context.Context, id string) (*feishu.Group, error)
	Groups(ctx context.Context, groupType, pageSize int, pageToken string) (*feishu.Page[feishu.Group], error)
	AddGroupMembers(ctx context.Context, groupID string, members []feishu.GroupMember) ([]feishu.MemberResult, error)
	RemoveGroupMembers(ctx context.Context, groupID string, members []feishu.GroupMember) ([]feishu.MemberResult, error)
}

// executor runs one step against the API. Each kind of request has its
// file (departments.go, users.go, units.go) and one case below.
type executor struct {
	api   API
	sched *scheduler
	// intend, if set, journals a create's intent before it is sent.
	intend func(JournalEntry) error
	// lost, if set, is told of a step that got no answer at all (a
	// *feishu.NetError after every retry): it stops the run.
	lost func(error)
	// noUnits is set by the first unit call that meets 43050 (a tenant
	// without units): the unit steps after it are not sent (units.go).
	noUnits noUnits
}

func (e *executor) run(ctx context.Context, n *node) *StepResult {
	st := n.step
	r := &StepResult{Step: st}
	tally := &feishu.Tally{}
	ctx = feishu.WithTally(ctx, tally)
	defer func() { r.Attempts = tally.Attempts() }()
	req, token := st.Request, st.ClientToken
	if gone := e.missingPeople(st, r); len(gone) > 0 {
		var left bool
		if req, token, left = st.Without(gone); !left {
			r.Status = StatusDone // those people were the only change
			return r
		}
	}
	if e.noUnits.skip(st, r) {
		return r
	}
	// A create whose intent cannot be journaled is not sent: a crash
	// would lose track of it.
	err := e.journalIntent(st, req, token)
	if err == nil {
		err = e.send(ctx, req, token, r)
		e.noUnits.saw(st, err)
	}
	switch {
	case err == nil:
		r.Status = StatusDone
	case ctx.Err() != nil:
		// Cut off mid-call: the write may or may not have been applied. A
		// resumed run re-plans against the tenant and finds out.
		r.Status = StatusInterrupted
		r.Message = "interrupted / 已中断"
	case errors.As(err, new(*feishu.NetError)):
		// No answer even after the pacer's retries: the connection is
		// lost. Nothing is wrong with the row, and the steps after it would
		// only fail the same way: the run stops, to be resumed.
		r.Status = StatusInterrupted
		r.Message = "connection lost / 网络连接中断: " + err.Error()
		if e.lost != nil {
			e.lost(err)
		}
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
	case plan.DeleteUser:
		return e.deleteUser(ctx, req, r)
	case plan.DeleteDepartment:
		return e.deleteDepartment(ctx, req, r)
	case plan.ResurrectUser:
		return e.resurrectUser(ctx, req, r)
	case plan.SetLeader:
		return e.patchDepartment(ctx, plan.PatchDepartment{ID: req.ID, Patch: req.Patch()}, r)
	case plan.CreateUnit:
		return e.createUnit(ctx, req, r)
	case plan.PatchUnit:
		return e.api.PatchUnit(ctx, req.ID, req.Name)
	case plan.BindUnit:
		return e.bindUnit(ctx, req)
	case plan.CreateGroup:
		return e.createGroup(ctx, req, r)
	case plan.PatchGroup:
		return e.patchGroup(ctx, req, r)
	case plan.AddGroupMembers:
		return e.memberBatch(ctx, req.Group, req.Members, false, r)
	case plan.RemoveGroupMembers:
		return e.memberBatch(ctx, req.Group, req.Members, true, r)
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

// missingPeople are the people of a step (Step.Soft: a manager, leaders,
// deputies, HRBPs, dotted-line leaders) whose creation failed: the step
// goes ahead without them, with a warning naming them.
func (e *executor) missingPeople(st *plan.Step, r *StepResult) map[string]bool {
	var gone map[string]bool
	var names []string
	for _, d := range st.Soft {
		if !e.sched.dependencyOK(d) {
			if gone == nil {
				gone = map[string]bool{}
			}
			gone[d.Key] = true
			names = append(names, d.Key)
		}
	}
	if gone != nil {
		r.Warning = msg.LeadersNotSet.F(strings.Join(names, ", "))
	}
	return gone
}

// journalIntent records that a create is about to be sent — its
// client_token and the identity of what it creates — or a delete or a
// resurrection, with the ID it is about (see resume.go).
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
	case plan.DeleteUser:
		entry.IDs = plan.IDs{UserID: req.ID}
	case plan.ResurrectUser:
		entry.IDs = plan.IDs{UserID: req.ID}
	case plan.DeleteDepartment:
		entry.IDs = plan.IDs{DepartmentID: req.ID}
	case plan.SetLeader:
		entry.IDs = plan.IDs{DepartmentID: req.ID, UserID: req.LeaderUserID}
	case plan.CreateUnit:
		entry.Identity, entry.IDs = plan.UnitIdentity(&req.Body), plan.IDs{UnitID: req.Body.UnitID}
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
