package main

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/guard"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/prune"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/view"
	"github.com/spf13/cobra"
)

func init() { register(newDiffCmd) }

// DiffOptions are the parsed flags of `orgbatch diff`.
type DiffOptions struct {
	IO        *IOStreams
	Files     []string
	Inputs    inputFlags
	Target    targetFlags
	ReportDir string
	Prune     bool
	Yes       bool
	Force     bool // no longer overrides anything: refused with a pointer to the counts
	NoCreate  bool
	Renames   bool
	Create    createMissingFlags
	// DeleteUsers and DeleteDepts state how many a prune deletes.
	DeleteUsers countFlag
	DeleteDepts countFlag
	Groups      groupFlags
	IDType      userIDTypeFlag
	Now         func() time.Time
}

func newDiffCmd(io *IOStreams) *cobra.Command {
	opts := &DiffOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "diff FILE...",
		Short: "Compare a sheet with the tenant / 对比表格与飞书",
		Long: `Diff compares the sheets with the tenant: the departments and users an
import would create, update (field by field, old → new) or move — the same
plan ` + "`import --dry-run`" + ` computes — and those that are in the tenant but not in
the sheet. It prints a table and writes its report into a run
directory under --report (plan.xlsx, plan.json, only-in-feishu.json).
Nothing is written to the tenant.

Import never deletes. --prune deletes what the sheet lacks (users first,
then departments, deepest first): it lists every one, and deletes only with
--yes. Deleting more than 5 users, or more than 3% of the tenant's users,
also needs their exact number — typed when asked, or --delete-count N —
and departments likewise (--delete-department-count N). With --yes it holds
the tenant's lock, like an import: it does not run while an import of the
tenant does.

Exit status: 0 the tenant matches the sheet, 1 there are differences (or a
prune was listed but not run, or failed), 2 usage or validation errors, or a
confirmation refused or missing (nothing deleted), 3 interrupted.

对比：把表格与租户比较，列出导入将新建、更新（逐字段，旧值 → 新值）或移动的
部门和成员，以及只在飞书中存在的部门和成员，并把报告写入 --report 下的运行目
录；不会写入租户。导入从不删除；--prune 删除表格中没有的成员和部门，逐一列出，
只有加 --yes 才删除，超过 5 个或 3% 时还需用 --delete-count /
--delete-department-count 确认数量。退出码：0 一致，1 有差异，2 用法或校验错
误、确认被拒绝，3 被中断。`,
		Example: `  orgbatch diff company.xlsx
  orgbatch diff company.xlsx --sandbox --sandbox-seed samples/company.xlsx
  orgbatch diff company.xlsx --prune                          # list what would be deleted
  orgbatch diff company.xlsx --prune --yes                    # delete a few (asks for the number if many)
  orgbatch diff company.xlsx --prune --yes --delete-count 34 --delete-department-count 1`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runDiff(cmd.Context(), opts)
		},
	}
	opts.Inputs.register(cmd)
	opts.Target.register(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.ReportDir, "report", "reports", "directory for the diff's run directory / 存放对比运行目录的目录")
	f.BoolVar(&opts.Prune, "prune", false, "delete users and departments the sheet lacks (with --yes) / 删除表格中没有的成员和部门（需加 --yes）")
	f.BoolVar(&opts.Yes, "yes", false, "with --prune: really delete / 与 --prune 一起：真正删除")
	f.Var(&opts.DeleteUsers, "delete-count", "with --prune --yes: the number of users being deleted (needed past 5 or 3%) / 与 --prune --yes 一起：要删除的成员数（超过 5 个或 3% 时必填）")
	f.Var(&opts.DeleteDepts, "delete-department-count", "with --prune --yes: the number of departments being deleted (needed past 5 or 3%) / 与 --prune --yes 一起：要删除的部门数（超过 5 个或 3% 时必填）")
	f.BoolVar(&opts.Force, "force", false, "replaced by --delete-count / --delete-department-count / 已由 --delete-count / --delete-department-count 取代")
	f.MarkHidden("force")
	f.BoolVar(&opts.NoCreate, "no-create-departments", false, "a department path naming a department found nowhere is an error / 部门路径中哪里都找不到的部门视为错误")
	f.BoolVar(&opts.Renames, "accept-renames", false, "plan as import --accept-renames would: rows matched by mobile or email may rename / 按 import --accept-renames 的方式计划：按手机号或邮箱匹配的行可以改名")
	opts.Groups.register(cmd)
	opts.IDType.register(cmd)
	opts.Create.register(cmd)
	return cmd
}

func runDiff(ctx context.Context, opts *DiffOptions) error {
	switch {
	case opts.Force:
		return usageError(msg.PruneForce)
	case (opts.Yes || opts.DeleteUsers.set || opts.DeleteDepts.set) && !opts.Prune:
		return usageError(msg.PruneOnly)
	}
	if err := opts.Groups.check(); err != nil {
		return err
	}
	if err := opts.IDType.check(); err != nil {
		return err
	}
	o, ps, err := opts.Inputs.load(opts.Files)
	if err != nil {
		return err
	}
	io := opts.IO
	if problem.Unreadable(ps) {
		view.Problems(io.ErrOut, ps)
		return &ExitError{Code: ExitUsage}
	}
	tgt, err := opts.Target.connect(ctx, io, slog.New(slog.NewTextHandler(io.ErrOut, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer tgt.Close()
	if !io.Quiet {
		fmt.Fprintf(io.ErrOut, "目标 target: %s\n", tgt.Desc)
	}
	if opts.Prune && opts.Yes {
		// It deletes: not while an import (or another prune) runs.
		l, err := lockTenant(io, tgt, opts.ReportDir, "orgbatch diff --prune "+strings.Join(opts.Files, " "))
		if err != nil {
			return err
		}
		defer l.Release()
	}
	bar := newPhaseBar(io, 1, "读取租户 reading tenant")
	walk := tenant.WalkOptions{Progress: func(pr tenant.WalkProgress) { bar.Set(pr.Done, pr.Departments) }}
	popts := plan.Options{NoCreateDepartments: opts.NoCreate, PathRoot: opts.Inputs.pathRoot, AcceptRenames: opts.Renames,
		CreateMissing: opts.Create.CreateMissing, RemoveMembers: opts.Groups.remove}
	po, pps, err := opts.IDType.mapped(ctx, tgt, o, ps)
	var p *plan.Plan
	var snap *tenant.Snapshot
	if err == nil {
		p, snap, err = run.PlanWhole(ctx, tgt.reader(nil), po, pps, popts, walk)
	}
	bar.Finish()
	if err == nil {
		return finishDiff(ctx, opts, tgt, o, ps, p, snap, prune.Extra(o, p, snap.Tree))
	}
	if ctx.Err() != nil {
		return interrupted(msg.InterruptedReading)
	}
	return &ExitError{Code: ExitRowsFailed, Err: msg.ReadingTenant.Wrap(err)}
}

func finishDiff(ctx context.Context, opts *DiffOptions, tgt *target, o *org.Org, ps []problem.Problem, p *plan.Plan, snap *tenant.Snapshot, extra *prune.Plan) error {
	io := opts.IO
	view.Plan(io.Out, p)
	view.Prune(io.Out, extra)
	view.Unlisted(io.Out, p, opts.Groups.remove)
	view.OnlyGroups(io.Out, o, p, snap)
	dir, err := run.NewDir(opts.ReportDir, opts.Now(), "diff")
	if err != nil {
		return err
	}
	xlsx, _, err := report.WritePlan(dir, o, p)
	if err != nil {
		return err
	}
	if err := writeExtraJSON(filepath.Join(dir, "only-in-feishu.json"), extra); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "\n对比 diff: %s\n", xlsx)
	if problem.HasErrors(ps) {
		return &ExitError{Code: ExitUsage}
	}
	// What an import of this sheet would need confirmed (states nothing,
	// so it cannot fail).
	_ = (&writeGate{Counts: []counted{changesCount(guard.Analyze(p), countFlag{}), opts.Groups.count(p)}}).preview(io)
	differs := len(p.Steps) > 0 || p.Blocked() || len(extra.Users)+len(extra.Departments) > 0 || p.Unlisted > 0
	if !opts.Prune || len(extra.Users)+len(extra.Departments) == 0 {
		if differs {
			return &ExitError{Code: ExitRowsFailed}
		}
		return nil
	}
	gate := pruneGate(ctx, opts, tgt, extra)
	if !opts.Yes {
		// The listing is the prune's dry run; --yes is its answer.
		target := gate.Target
		gate.Target = ""
		if err := gate.preview(io); err != nil {
			return err
		}
		fmt.Fprintf(io.Out, "\n--prune: the %d users and %d departments above would be deleted", len(extra.Users), len(extra.Departments))
		if target != "" {
			fmt.Fprintf(io.Out, " from %s", target)
		}
		fmt.Fprintln(io.Out, ". Nothing was deleted; add --yes to delete them.")
		return &ExitError{Code: ExitRowsFailed}
	}
	if err := gate.pass(ctx, io); err != nil {
		return err
	}
	results := extra.Run(ctx, tgt.API)
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
			fmt.Fprintf(io.Out, "not deleted: %s %s %s: %s\n", r.Kind, textsafe.Terminal(r.ID), textsafe.Terminal(r.Name), textsafe.Terminal(fmt.Sprint(r.Err)))
		}
	}
	fmt.Fprintf(io.Out, "deleted %d of %d\n", len(results)-failed, len(results))
	switch {
	case ctx.Err() != nil:
		return &ExitError{Code: ExitInterrupted}
	case failed > 0 || len(p.Steps) > 0 || p.Blocked():
		return &ExitError{Code: ExitRowsFailed}
	}
	return nil
}

// pruneGate is what a prune needs confirmed: the tenant, and the number
// of users and of departments it deletes.
func pruneGate(ctx context.Context, opts *DiffOptions, tgt *target, extra *prune.Plan) *writeGate {
	return &writeGate{
		Target:  tgt.describe(ctx),
		Summary: fmt.Sprintf("delete 删除 %d users, %d departments", len(extra.Users), len(extra.Departments)),
		Yes:     opts.Yes,
		Counts: []counted{
			deleteCount(len(extra.Users), extra.TotalUsers, "--delete-count", "成员 users", opts.DeleteUsers),
			deleteCount(len(extra.Departments), extra.TotalDepartments, "--delete-department-count", "部门 departments", opts.DeleteDepts),
		},
	}
}

func writeExtraJSON(path string, extra *prune.Plan) error {
	type entry struct {
		Kind   string `json:"kind"`
		ID     string `json:"id"`
		Name   string `json:"name"`
		Path   string `json:"path,omitempty"`
		Mobile string `json:"mobile,omitempty"`
		Email  string `json:"email,omitempty"`
	}
	var out []entry
	for _, d := range extra.Departments {
		out = append(out, entry{Kind: "department", ID: d.DepartmentID, Name: d.Name, Path: d.Path})
	}
	for _, u := range extra.Users {
		out = append(out, entry{Kind: "user", ID: u.UserID, Name: u.Name, Mobile: u.Mobile, Email: u.Email})
	}
	data := []byte("[]\n")
	if len(out) > 0 {
		var err error
		if data, err = marshalIndent(out); err != nil {
			return err
		}
	}
	return atomicfile.WriteBytes(path, atomicfile.Private, data)
}
