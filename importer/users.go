package importer

import (
	"context"
	"github.com/orgbatch/orgbatch/internal/msg"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
)

func (e *executor) createUser(ctx context.Context, req plan.CreateUser, token string, r *StepResult) error {
	body := req.Body
	if err := e.fillUser(req.Refs, &body, nil, nil); err != nil {
		return err
	}
	got, err := e.api.CreateUser(ctx, body, token)
	if feishu.IsPartialSuccess(err) {
		// The user exists; only the city or job title could not be set.
		// Never retried: a retry would be a duplicate request.
		r.Warning = joinWarn(r.Warning, msg.CreatedButPartly.F()+": "+errorMessage(err))
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
		r.IDs = userIDs(got)
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

func (e *executor) patchUser(ctx context.Context, req plan.PatchUser, r *StepResult) error {
	id, p := req.ID, req.Patch
	if err := e.fillUser(req.Refs, nil, &p, &id); err != nil {
		return err
	}
	got, err := e.api.PatchUser(ctx, id, p)
	if feishu.IsPartialSuccess(err) {
		r.Warning = joinWarn(r.Warning, msg.UpdatedButPartly.F()+": "+errorMessage(err))
		err = nil
	}
	if err != nil {
		return err
	}
	if got != nil {
		r.IDs = userIDs(got)
	}
	return nil
}

func userIDs(u *feishu.User) plan.IDs {
	return plan.IDs{UserID: u.UserID, OpenID: u.OpenID, UnionID: u.UnionID}
}
