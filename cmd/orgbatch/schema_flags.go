package main

import (
	"github.com/orgbatch/orgbatch/plan"
	"github.com/spf13/cobra"
)

// createMissingFlags are --create-missing-*: which names of the tenant's
// lists (employee types, job levels and families, job titles, work
// cities) that the tenant lacks are created instead of being errors.
type createMissingFlags struct{ plan.CreateMissing }

func (f *createMissingFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&f.Types, "create-missing-types", false, "create the custom employee types the sheet names and the tenant lacks (shown in the plan, before the users that need them) / 创建表格中有、租户没有的自定义人员类型（计划中列在需要它们的成员之前）")
	fl.BoolVar(&f.Levels, "create-missing-levels", false, "create the job levels the sheet names and the tenant lacks / 创建表格中有、租户没有的职级")
	fl.BoolVar(&f.Families, "create-missing-families", false, "create the job families (and parent families of a path) the sheet names and the tenant lacks / 创建表格中有、租户没有的序列（含路径中的上级序列）")
	fl.BoolVar(&f.Titles, "create-missing-titles", false, "send job titles the tenant lacks as written (Feishu creates them) instead of refusing them / 租户没有的职务按原样发送（由飞书创建），而不是拒绝")
	fl.BoolVar(&f.Cities, "create-missing-cities", false, "send work cities the tenant lacks as written (Feishu creates them) instead of refusing them / 租户没有的工作城市按原样发送（由飞书创建），而不是拒绝")
}
