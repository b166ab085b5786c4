package main

import (
	"context"
	"github.com/orgbatch/orgbatch/internal/msg"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/run"
	"github.com/spf13/cobra"
)

// userIDTypeFlag is --user-id-type: how the sheet's user ID cells name
// people (user_id, the default; open_id; union_id).
type userIDTypeFlag struct{ t string }

func (f *userIDTypeFlag) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.t, "user-id-type", feishu.UserIDTypeUserID,
		"what the sheet's user ID cells hold (user_id, leader_user_id, group members): user_id, open_id or union_id / 表格中用户ID单元格（user_id、leader_user_id、用户组成员）填的是哪种 ID：user_id、open_id 或 union_id")
}

func (f *userIDTypeFlag) check() error {
	switch f.t {
	case feishu.UserIDTypeUserID, feishu.UserIDTypeOpenID, feishu.UserIDTypeUnionID:
		return nil
	}
	return usageError(msg.UserIDTypeBad, f.t)
}

// reader is the paced client that reads users by the flag's ID type.
func (f *userIDTypeFlag) reader(tgt *target) *feishu.Paced {
	if f.t == feishu.UserIDTypeUserID {
		return nil
	}
	return tgt.API.WithUserIDType(f.t)
}

// mapped maps the sheet onto user_ids (diff; import does it in run.Import).
func (f *userIDTypeFlag) mapped(ctx context.Context, tgt *target, o *org.Org, ps []problem.Problem) (*org.Org, []problem.Problem, error) {
	return run.UserIDs(ctx, f.reader(tgt), o, ps, f.t)
}
