package main

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/spf13/cobra"
)

// groupFlags are the user-group flags of import and diff: removing the
// members a group's complete list in the sheet lacks, only when asked, and
// past a handful or a few percent only with their number stated (the same
// counted confirmation as a prune's deletes).
type groupFlags struct {
	remove bool
	n      countFlag // --remove-member-count
}

func (f *groupFlags) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.remove, "remove-members", false, "remove from a group the members the sheet's complete list of it lacks (groups sheet members column, membership sheet) / 把表格中该组完整名单里没有的成员移出用户组（用户组表的成员列、成员表）")
	cmd.Flags().Var(&f.n, "remove-member-count", "with --remove-members: the number of group members being removed (needed past 5 or 3%) / 与 --remove-members 一起：要移出的用户组成员数（超过 5 个或 3% 时必填）")
}

func (f *groupFlags) check() error {
	if f.n.set && !f.remove {
		return usageError(msg.OnlyWith, "--remove-member-count", "--remove-members")
	}
	return nil
}

// count is the counted confirmation of the plan's member removals.
func (f *groupFlags) count(p *plan.Plan) counted {
	return deleteCount(p.Count(plan.KindMember, plan.ActionRemove), p.ListedMembers, "--remove-member-count", "用户组成员 group members", f.n)
}

// exportGroups reads the groups of a whole-tenant export, with their user
// and department members. An app that may not read groups exports
// without them, and says so; a sub-tree export has none.
func exportGroups(ctx context.Context, io *IOStreams, r *tenant.Reader, snap *tenant.Snapshot, root string) error {
	if root != "" && root != tenant.RootID {
		return nil
	}
	err := r.Groups(ctx, snap, tenant.GroupOptions{Members: tenant.AllMembers, Departments: true})
	switch feishu.ErrorCode(err) {
	case feishu.CodeNoScope.Num, feishu.CodeGroupNoAuthority.Num, feishu.CodeGroupNotAllAuth.Num:
		fmt.Fprintf(io.ErrOut, "警告 warning: user groups are not exported: the app may not read them (scope contact:group:readonly): %v / 用户组未导出：应用无权读取\n", err)
		snap.Groups = tenant.GroupSet{}
		return nil
	}
	return err
}
