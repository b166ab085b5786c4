package importer

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
)

// User groups: a group's create or patch, and member batches whose every
// member has its own result. A batch's group and members created in this
// run are named by the results of the steps that created them; a member
// whose creation failed is left out of the batch (skipped).

// Statuses of a member row.
const (
	StatusAdded   Status = "added"   // a member added to a group
	StatusRemoved Status = "removed" // a member taken out (--remove-members)
)

// MemberResult is how one member of a batch ended.
type MemberResult struct {
	Status  Status
	Code    int
	Message string
}

func (e *executor) createGroup(ctx context.Context, req plan.CreateGroup, r *StepResult) error {
	id, err := e.api.CreateGroup(ctx, req.Body)
	if err != nil && ambiguous(ctx) && duplicateGroup(err) {
		// An earlier attempt was applied but its answer was lost (the
		// endpoint takes no client_token): the group with our ID or
		// name is ours if it is what we asked for.
		if g, ferr := e.findGroup(ctx, req.Body); ferr == nil && g != nil {
			id, err = g.Key(), nil
		}
	}
	if err != nil {
		return err
	}
	r.IDs = plan.IDs{GroupID: id}
	return nil
}

func duplicateGroup(err error) bool {
	c := feishu.ErrorCode(err)
	return c == feishu.CodeGroupIDDuplicate.Num || c == feishu.CodeGroupNameDuplicate.Num
}

// findGroup finds the normal group a create asked for: by its custom ID,
// or by its name, with the same name and description.
func (e *executor) findGroup(ctx context.Context, body feishu.GroupCreate) (*feishu.Group, error) {
	same := func(g *feishu.Group) bool {
		return g.Name == body.Name && g.Description == body.Description && g.Type == feishu.GroupTypeNormal
	}
	if body.GroupID != "" {
		g, err := e.api.GetGroup(ctx, body.GroupID)
		if err != nil || !same(g) {
			return nil, err
		}
		return g, nil
	}
	var found *feishu.Group
	errFound := errors.New("found")
	err := feishu.Pages(ctx, func(ctx context.Context, token string) (*feishu.Page[feishu.Group], error) {
		return e.api.Groups(ctx, feishu.GroupTypeNormal, feishu.GroupListPageMax, token)
	}, func(gs []feishu.Group) error {
		for i := range gs {
			if same(&gs[i]) {
				found = &gs[i]
				return errFound
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return nil, err
	}
	return found, nil
}

func (e *executor) patchGroup(ctx context.Context, req plan.PatchGroup, r *StepResult) error {
	if err := e.api.PatchGroup(ctx, req.ID, req.Patch); err != nil {
		return err
	}
	r.IDs = plan.IDs{GroupID: req.ID}
	return nil
}

// groupID is the ID of a batch's group: given, or its create's result.
func (e *executor) groupID(g plan.GroupRef) (string, error) {
	if g.ID != "" {
		return g.ID, nil
	}
	if res := e.sched.resultOf(g.Step); res != nil && res.IDs.GroupID != "" {
		return res.IDs.GroupID, nil
	}
	return "", fmt.Errorf("the group was not created (%s)", g.Step)
}

// memberIDs are the user_ids a batch sends, each member's row beside it;
// members whose creation failed get their result here and are left out.
func (e *executor) memberIDs(ms []plan.MemberRef, r *StepResult) ([]string, []*plan.Change) {
	var ids []string
	var rows []*plan.Change
	for _, m := range ms {
		id := m.UserID
		if !m.Step.IsZero() {
			res := e.sched.resultOf(m.Step)
			switch {
			case res == nil || res.Status != StatusDone:
				r.Members[m.Change] = MemberResult{Status: StatusSkipped, Message: msg.MemberNotCreated.F()}
				continue
			case id == "":
				id = res.IDs.UserID
			}
		}
		if id == "" {
			r.Members[m.Change] = MemberResult{Status: StatusFailed, Message: msg.MemberIDUnknown.F()}
			continue
		}
		ids, rows = append(ids, id), append(rows, m.Change)
	}
	return ids, rows
}

// memberBatch sends one batch_add or batch_remove and reads each member's
// result code. A call that fails as a whole fails each member sent.
func (e *executor) memberBatch(ctx context.Context, g plan.GroupRef, ms []plan.MemberRef, remove bool, r *StepResult) error {
	r.Members = map[*plan.Change]MemberResult{}
	r.Warning = "" // the people not created are reported one by one, not as leaders left out
	gid, err := e.groupID(g)
	if err != nil {
		for _, m := range ms {
			r.Members[m.Change] = MemberResult{Status: StatusSkipped, Message: err.Error()}
		}
		return nil
	}
	r.IDs = plan.IDs{GroupID: gid}
	ids, rows := e.memberIDs(ms, r)
	if len(ids) == 0 {
		return nil
	}
	send := e.api.AddGroupMembers
	if remove {
		send = e.api.RemoveGroupMembers
	}
	results, err := send(ctx, gid, feishu.UserMembers(feishu.UserIDTypeUserID, ids))
	if err != nil && len(results) == 0 && (ctx.Err() != nil || errors.As(err, new(*feishu.NetError))) {
		return err // cut off: the step, and its members with it, are interrupted (executor.run)
	}
	// After an attempt whose answer was lost, "already a member" is most
	// likely that attempt's doing: the member counts as added.
	retried := ambiguous(ctx)
	byID := map[string]int{}
	for _, res := range results {
		byID[res.MemberID] = res.Code
	}
	for i, id := range ids {
		code, answered := byID[id]
		if retried && code == feishu.CodeGroupMemberExists.Num {
			code = 0
		}
		r.Members[rows[i]] = memberResult(code, answered, remove, err)
		if code == 0 && answered || err == nil && remove {
			r.Done = append(r.Done, id)
		}
	}
	if err != nil && len(results) > 0 {
		return nil // a partial failure: the members' results say it all
	}
	return err
}

// memberResult reads one member's code (answered: the answer named it).
func memberResult(code int, answered, remove bool, err error) MemberResult {
	switch {
	case err != nil && !answered:
		return MemberResult{Status: StatusFailed, Code: feishu.ErrorCode(err), Message: errorMessage(err)}
	case code == feishu.CodeGroupMemberExists.Num && !remove:
		return MemberResult{Status: StatusUnchanged, Message: msg.AlreadyMember.F()}
	case code != 0:
		return MemberResult{Status: StatusFailed, Code: code, Message: memberCodeText(code)}
	case !answered && !remove:
		// batch_add answers every member; one left out is not known
		// to be added.
		return MemberResult{Status: StatusFailed, Message: msg.MemberNotAnswered.F()}
	case remove:
		return MemberResult{Status: StatusRemoved}
	}
	return MemberResult{Status: StatusAdded}
}

// memberCodeText names a member's result code.
func memberCodeText(code int) string {
	for _, c := range []feishu.Code{feishu.CodeMemberIDInvalid, feishu.CodeUserResigned, feishu.CodeGroupUserLimit,
		feishu.CodeGroupNoAuthority, feishu.CodeMemberTypeInvalid, feishu.CodeMemberIDTypeInvalid} {
		if c.Num == code {
			return c.Msg
		}
	}
	return fmt.Sprintf("code %d", code)
}

// memberOutcome is a member row's outcome: its own result in its batch.
func memberOutcome(o *Outcome, c *plan.Change, steps map[plan.StepID]*StepResult) {
	o.Status, o.Message = StatusInterrupted, "not started: the run was interrupted / 未开始：导入被中断"
	for _, st := range c.Steps {
		r := steps[st.ID]
		if r == nil {
			continue
		}
		o.Attempts += r.Attempts
		mergeIDs(&o.IDs, plan.IDs{GroupID: r.IDs.GroupID})
		if m, ok := r.Members[c]; ok {
			o.Status, o.Code, o.Message = m.Status, m.Code, m.Message
			continue
		}
		switch r.Status {
		case StatusFailed:
			o.Status, o.Code, o.Message = StatusFailed, r.Code, r.Message
		case StatusSkipped, StatusInterrupted:
			o.Status, o.Message = r.Status, r.Message
		}
	}
}

// memberFromPrevious reports as added a member the plan finds in the
// group now because an interrupted run of the folder added them.
func memberFromPrevious(o *Outcome, c *plan.Change, prev previous) {
	if c.Kind == plan.KindMember && prev.members[c.Existing.GroupID+"/"+c.Existing.UserID] == plan.OpAddMembers {
		o.Status = StatusAdded
	}
}
