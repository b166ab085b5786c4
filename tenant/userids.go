package tenant

import (
	"context"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// UserReader reads users by an ID type other than user_id: a paced
// client made with that user_id_type (feishu.Paced.WithUserIDType).
type UserReader interface {
	BatchUsers(ctx context.Context, ids []string) ([]feishu.User, error)
	GetUser(ctx context.Context, id string) (*feishu.User, error)
}

// TranslateUserIDs maps a sheet that names users by open_id or union_id
// (idType) onto user_ids: every ID its cells name is read (users/batch,
// 50 a call; one by one if a batch refuses an unknown ID) and replaced by
// the user's user_id. A users row whose ID names no one is an error
// (PLAN_USER_ID_UNKNOWN): Feishu makes a new user's open_id and union_id,
// so such a row cannot be created. Other references that name no one stay
// as written, and the plan finds them missing.
func TranslateUserIDs(ctx context.Context, api UserReader, o *org.Org, idType string) (*org.Org, []problem.Problem, error) {
	refs := o.UserIDRefs()
	m := map[string]string{}
	for _, chunk := range chunks(refs, feishu.BatchMax) {
		got, err := api.BatchUsers(ctx, chunk)
		if feishu.IsNotFound(err) {
			got, err = oneByOne(ctx, chunk, api.GetUser)
		}
		if err != nil {
			return nil, nil, err
		}
		for _, u := range got {
			if id := idOfType(&u, idType); id != "" {
				m[id] = u.UserID
			}
		}
	}
	var ps []problem.Problem
	for _, u := range o.Users {
		if id := u.UserID(); id != "" {
			if _, ok := m[id]; !ok {
				ps = append(ps, problem.New("PLAN_USER_ID_UNKNOWN", u.Loc("user_id"), idType, id))
			}
		}
	}
	return o.MapUserIDs(m), ps, nil
}

func idOfType(u *feishu.User, idType string) string {
	switch idType {
	case feishu.UserIDTypeOpenID:
		return u.OpenID
	case feishu.UserIDTypeUnionID:
		return u.UnionID
	}
	return u.UserID
}
