package main

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"os"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/orgbatch/orgbatch/view"
	"github.com/spf13/cobra"
)

func init() { register(newOffboardCmd) }

// OffboardOptions are the parsed flags of `orgbatch offboard`.
type OffboardOptions struct {
	IO          *IOStreams
	Files       []string
	Target      targetFlags
	Execute     bool
	DeleteUsers countFlag // --delete-count
	DeleteDepts countFlag // --delete-department-count
	Now         func() time.Time
	runFlags
}

func newOffboardCmd(io *IOStreams) *cobra.Command {
	opts := &OffboardOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "offboard LEAVERS...",
		Short: "Offboard leavers, handing their resources over / 批量离职交接",
		Long: `Offboard reads a leavers sheet (by user_id, email or mobile; the template
command writes one: orgbatch template --leavers) and plans, against the
tenant, who leaves and who receives what they own: documents, calendars,
department and external chats, applications, minutes, surveys, email
(transfer, retain or delete) and anycross, each to its acceptor column, else
to the default acceptor column, else — the documented default — to the
leaver's direct leader. A leader who is missing is warned about (calendars
and surveys are then deleted); a plan that hands anything to someone who is
leaving too (the direct leader included) is refused for that row. The
departments the leavers lead get their leader slot cleared, or given to the
successor column, before they go; the departments left empty once they are
gone are deleted after them, children first. User groups are not read yet.

Without --execute it is a dry run: the plan is printed and saved
(plan.xlsx, plan.json, offboarding.json), nothing is written. With --execute
it names the tenant and asks y/N as import does (--yes in scripts), and
deleting more than 5 users or 3% of the tenant's needs their exact number
(--delete-count N; departments: --delete-department-count N). A run is
journalled and reported per row like an import, and resumed with --resume
[DIR]; orgbatch restore DIR undoes it.

Exit status: 0 all done, 1 some rows failed or were skipped (or a dry run has
blocked rows), 2 usage or validation errors, or a confirmation refused
(nothing written), 3 interrupted.

批量离职：读取离职表（按 user_id、邮箱或手机号；orgbatch template --leavers
可生成模板），为每个离职的人规划资源交接（文档、日历、群、应用、邮件等交给接
收人，默认交给直属上级），清除或移交其负责的部门，删除离职后变空的部门。不加
--execute 时为预演，只显示并保存计划；加 --execute 时会询问 y/N，删除超过 5
人或 3% 时需用 --delete-count 确认数量。可用 --resume 继续，用 orgbatch
restore 撤销。退出码：0 全部完成，1 有行失败或跳过，2 用法或校验错误、确认被
拒绝，3 被中断。`,
		Example: `  orgbatch template --leavers --out ./hr                      # a leavers template
  orgbatch offboard samples/leavers.xlsx --sandbox --sandbox-seed samples/company.xlsx   # the plan
  orgbatch offboard leavers.xlsx                              # the plan against Feishu, nothing written
  orgbatch offboard leavers.xlsx --execute                    # asks y/N (and the number, if many)
  orgbatch offboard leavers.xlsx --execute --yes --delete-count 30 --delete-department-count 2
  orgbatch offboard leavers.xlsx --resume                     # finish an interrupted offboarding`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Files, err = opts.runFlags.files(cmd, args); err != nil {
				return err
			}
			return runOffboard(cmd.Context(), opts)
		},
	}
	opts.Target.register(cmd)
	f := cmd.Flags()
	f.BoolVar(&opts.Execute, "execute", false, "carry the plan out (without it: a dry run) / 执行计划（不加则为预演）")
	opts.runFlags.register(f, runFlagHelp{
		yes:         "with --execute: write without asking y/N (needed when stdin or stderr is not a terminal) / 与 --execute 一起：写入前不询问 y/N（标准输入或标准错误不是终端时必须加）",
		resume:      "continue an interrupted offboarding: its run directory, or 'latest' (implies --execute) / 继续被中断的离职处理：其运行目录，或 'latest'（隐含 --execute）",
		skipInvalid: "carry out the valid rows even if some rows have validation errors / 即使有些行有校验错误，也处理有效的行",
		workers:     16, workersHelp: "concurrent API requests (the rate limiters still pace them) / 并发的 API 请求数（仍受限流控制）",
	})
	f.Var(&opts.DeleteUsers, "delete-count", "the number of users being deleted (needed past 5 or 3%) / 要删除的成员数（超过 5 个或 3% 时必填）")
	f.Var(&opts.DeleteDepts, "delete-department-count", "the number of departments being deleted (needed past 5 or 3%) / 要删除的部门数（超过 5 个或 3% 时必填）")
	return cmd
}

func runOffboard(ctx context.Context, opts *OffboardOptions) error {
	if opts.Resume != "" {
		opts.Execute = true
	}
	o, ps, err := loadLeavers(opts.IO, opts.Files, opts.Execute, opts.SkipInvalid)
	if err != nil {
		return err
	}
	ob := &run.Offboarding{Org: o, Problems: ps}
	return watchLeavers(ctx, leaversRun{
		IO: opts.IO, Files: opts.Files, Target: &opts.Target, Kind: "offboard", Verb: "离职 offboarding",
		DryRun: !opts.Execute, Yes: opts.Yes, Resume: opts.Resume, ReportDir: opts.ReportDir, Workers: opts.Workers, Verbose: opts.Verbose, Now: opts.Now,
		Org: o, Problems: ps, Planner: ob.Plan, Written: ob.Write, Actions: plan.OffboardActions,
		// The counts are the whole run's: a resume states the same numbers.
		Counts: func(p *plan.Plan) []counted {
			rec := ob.Record(p)
			users, depts := p.Tenant.Tree.MemberCount(), len(p.Tenant.Tree.Departments)
			return []counted{
				deleteCount(len(rec.Users), users, "--delete-count", "成员 users", opts.DeleteUsers),
				deleteCount(len(rec.Departments), depts, "--delete-department-count", "部门 departments", opts.DeleteDepts),
			}
		},
	})
}

// loadLeavers reads and validates leavers sheets. Unreadable input is exit
// 2; so are validation errors for a real run, unless skipInvalid.
func loadLeavers(io *IOStreams, files []string, execute, skipInvalid bool) (*org.Org, []problem.Problem, error) {
	o, ps, err := loadLeaverFiles(files)
	if err != nil {
		return nil, nil, err
	}
	nErr, nWarn := problem.Count(ps)
	io.say("读取 read: %d 行 leavers rows; %d 个错误 errors, %d 个警告 warnings", len(o.Leavers), nErr, nWarn)
	switch {
	case problem.Unreadable(ps):
		view.Problems(io.ErrOut, ps)
		return nil, nil, &ExitError{Code: ExitUsage}
	case nErr > 0 && execute && !skipInvalid:
		view.Problems(io.ErrOut, ps)
		return nil, nil, usageError(msg.LeaversErrors)
	}
	return o, ps, nil
}

// loadLeaverFiles reads and validates leavers sheets.
func loadLeaverFiles(files []string) (*org.Org, []problem.Problem, error) {
	if len(files) == 0 {
		return nil, nil, usageError(msg.NoLeaversFile)
	}
	var in []org.Input
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return nil, nil, usageWrap(err, msg.CannotOpen, f)
		}
		in = append(in, org.Input{Path: f})
	}
	o, ps := org.LoadWith(in, org.LeaverLoad)
	ps = append(ps, validate.Validate(o)...)
	problem.Sort(ps)
	return o, ps, nil
}

// leaversRun is an offboarding's or a restore's run: an import run with
// their own planner, actions and counted confirmations.
type leaversRun struct {
	IO                *IOStreams
	Files             []string // the inputs, for run.json and --resume
	Target            *targetFlags
	Kind, Verb        string
	DryRun, Yes       bool
	Resume, ReportDir string
	Workers           int
	Verbose           bool
	Now               func() time.Time
	Org               *org.Org
	Problems          []problem.Problem
	Planner           func(context.Context, *tenant.Reader, *run.Folder) (*plan.Plan, error)
	Written           func(string, *plan.Plan) error
	Actions           []plan.Action
	Counts            func(*plan.Plan) []counted
}

func watchLeavers(ctx context.Context, lr leaversRun) error {
	io := lr.IO
	if lr.Workers < 1 {
		return usageError(msg.AtLeastOne, "--workers")
	}
	logger := verboseLogger(io, lr.Verbose)
	tgt, err := lr.Target.connect(ctx, io, logger)
	if err != nil {
		return err
	}
	defer tgt.Close()
	io.say("目标 target: %s", tgt.Desc)
	command := "orgbatch " + lr.Kind + " " + strings.Join(lr.Files, " ")
	fo := run.FolderOptions{
		ReportDir: lr.ReportDir, Resume: lr.Resume, DryRun: lr.DryRun, Inputs: lr.Files, Kind: lr.Kind,
		Tenant: tenantOf(tgt, *lr.Target), Target: tgt.Desc, Command: command, Now: lr.Now(),
	}
	if tgt.Sandbox == nil {
		fo.TenantLockDir = lockDir(io, lr.ReportDir)
	}
	folder, err := run.OpenFolder(fo)
	if err != nil {
		return lockError(err)
	}
	defer folder.Release()
	sayRemoved(io, folder.Dir, folder.Removed)
	if folder.Resumed {
		io.say("继续 resuming: %s", folder.Dir)
	}
	im := &run.Import{
		Org: lr.Org, Problems: lr.Problems, Inputs: lr.Files, Reader: tgt.reader(nil), API: tgt.API, Stats: tgt.Pacer.Stats,
		Workers: lr.Workers, Logger: logger, DryRun: lr.DryRun, Target: tgt.Desc, Now: lr.Now,
		Planner: lr.Planner, Written: lr.Written, JournalOpened: func(damaged []int) { warnDamaged(io, damaged) },
	}
	var gate *writeGate
	view := runView{IO: io, DryRun: lr.DryRun, Verb: lr.Verb,
		Summary: func(p *plan.Plan) string { return plan.SummaryOf(p, lr.Actions) },
		Render:  func(p *plan.Plan) { view.Offboard(io.Out, p, lr.Actions) },
		Gate: func(p *plan.Plan) *writeGate {
			gate = &writeGate{Summary: plan.SummaryOf(p, lr.Actions), Yes: lr.Yes, Counts: lr.Counts(p)}
			if len(p.Steps) > 0 {
				gate.Target = tgt.describe(ctx)
			}
			return gate
		}}
	res, err := view.watch(ctx, im, folder)
	nErr, _ := problem.Count(lr.Problems)
	if err != nil || lr.DryRun {
		if err == nil && !io.Quiet {
			fmt.Fprintf(io.ErrOut, "演练 dry run: nothing was written; add --execute to carry the plan out\n")
		}
		return view.ended(err, res, nErr)
	}
	resume := resumeCommand(io, tgt, command, folder)
	for _, c := range gate.Counts { // the numbers a resume states again
		if c.Required {
			resume += fmt.Sprintf(" %s %d", c.Flag, c.N)
		}
	}
	return view.exit(res, resume)
}
