package main

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"github.com/orgbatch/orgbatch/internal/zone"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/guard"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/view"
	"github.com/spf13/cobra"
)

func init() { register(newImportCmd) }

// ImportOptions are the parsed flags of `orgbatch import`.
type ImportOptions struct {
	IO      *IOStreams
	Files   []string
	Inputs  inputFlags
	Target  targetFlags
	DryRun  bool
	Confirm countFlag // --confirm-changes
	// Rehearsed is the rehearsal folder the import must match (rehearsed.go).
	Rehearsed string
	shaping   map[string]string // the plan-shaping flags' values (planShaping)
	planningFlags
	runFlags
	TZ  string // the zone of report.xlsx's times (--tz)
	Now func() time.Time
}

// importLong is import's --help.
const importLong = `Import validates the sheets offline, reads what already exists in the
tenant, plans every row (create, update field by field, move, unchanged,
blocked) and then carries the plan out: departments parent-first, users once
their departments exist, leaders once they exist, all through rate-limited
workers with retries and idempotent client_tokens. A per-row report is
written into a run directory under --report.

With --dry-run nothing is written to the tenant: the plan is printed and
saved (plan.xlsx, plan.json). An interrupted import (Ctrl-C, kill -9, a
network cut) is continued with --resume [DIR]; re-running is always safe, as
rows that already exist are compared, not created again. One import of a
tenant runs at a time: a second one (or a second resume of a run folder)
exits at once, naming the process that holds it.

A row without user_id is matched to an existing user by mobile, else email;
if that user has another name, the row is blocked rather than renaming
someone (a different person, or a recycled number) — --accept-renames lets
such rows rename. The plan says which rows were matched by contact.

Before the first write to any tenant but the embedded sandbox (--sandbox)
it names the tenant (URL, app_id, the tenant's name where the app may read
it) and the plan's counts, and asks y/N; when stdin or stderr is not a
terminal it needs --yes. A plan that renames, moves, re-types or changes
the mobile/email of more than 5 and more than 10% of the existing users or
departments it matched (or more than 100) also needs that number: typed
when asked, or --confirm-changes N. --dry-run shows all this and never asks.

With --rehearsed DIR (a folder of ` + "`orgbatch rehearse`" + `) the import applies
exactly the rehearsed plan: it refuses, writing nothing, when the sheets,
the flags that shape the plan or the tenant — in anything the plan reads —
changed since the rehearsal, and names what changed.

Exit status: 0 all rows done, 1 some rows failed or were skipped,
2 usage or validation errors, or a confirmation refused or missing (nothing
written), 3 interrupted, 4 the rehearsal (--rehearsed) is stale (nothing
written).

导入：先离线校验表格，再读取租户中已有的内容，为每一行做计划（新建、逐字段更
新、移动、不变、阻止），然后执行：先建上级部门，再建部门内的成员，最后设置负
责人；全程限流、自动重试、幂等。每行的结果写入 --report 下运行目录中的报告。
--dry-run 只显示并保存计划，不写入租户。中断后用 --resume 继续，重复运行总是
安全的。写入真实租户前会显示租户和计划并询问 y/N（脚本中用 --yes）；大范围改
名、移动等还需确认数量。退出码：0 全部完成，1 有行失败或跳过，2 用法或校验错
误、确认被拒绝，3 被中断，4 演练（--rehearsed）已过期（未写入）。
加 --rehearsed DIR 时，严格执行 orgbatch rehearse 在该目录中做的计划；表格、
影响计划的选项或租户在演练后有变化时拒绝执行，不写入任何内容，并说明变化。`

func newImportCmd(io *IOStreams) *cobra.Command {
	opts := &ImportOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import departments and users into Feishu / 导入组织架构",
		Long:  importLong,

		Example: `  orgbatch import samples/company.xlsx --sandbox         # rehearse on a local sandbox
  orgbatch import company.xlsx --dry-run                  # plan against Feishu, change nothing
  FEISHU_APP_ID=cli_xxx FEISHU_APP_SECRET=... orgbatch import company.xlsx   # asks y/N
  orgbatch import company.xlsx --yes --confirm-changes 40 # unattended: the plan moves 40 people
  orgbatch import departments.csv users.csv --base-url http://127.0.0.1:8080 --yes
  orgbatch import company.xlsx --resume                   # finish an interrupted import`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Files, err = opts.runFlags.files(cmd, args); err != nil {
				return err
			}
			opts.shaping = planShaping(cmd.Flags())
			return runImport(cmd.Context(), opts)
		},
	}
	opts.Inputs.register(cmd)
	opts.Target.register(cmd)
	f := cmd.Flags()
	f.BoolVar(&opts.DryRun, "dry-run", false, "plan only: print and save what would change, write nothing to the tenant / 只做计划：显示并保存将要变更的内容，不写入租户")
	opts.runFlags.register(f, runFlagHelp{
		yes:         "write without asking y/N (needed when stdin or stderr is not a terminal) / 写入前不询问 y/N（标准输入或标准错误不是终端时必须加）",
		resume:      "continue an interrupted import: its run directory, or 'latest' / 继续被中断的导入：其运行目录，或 'latest'（最近一次）",
		skipInvalid: "import the valid rows even if some rows have validation errors / 即使有些行有校验错误，也导入有效的行",
		workers:     16, workersHelp: "concurrent API requests (the rate limiters still pace them) / 并发的 API 请求数（仍受限流控制）",
	})
	opts.planningFlags.register(cmd)
	f.Var(&opts.Confirm, "confirm-changes", "confirm a wide plan: the number of existing users and departments it renames, moves, re-types or gives another mobile/email / 确认大范围变更：计划中改名、移动、改人员类型或改手机号/邮箱的已有成员和部门数")
	f.StringVar(&opts.Rehearsed, "rehearsed", "", "apply exactly the plan `orgbatch rehearse` made in this folder: refuse if the sheets, the flags or the tenant (what the plan reads) changed since / 严格执行 orgbatch rehearse 在此目录中做的计划：表格、选项或租户有变化时拒绝")
	f.StringVar(&opts.TZ, "tz", "", "time zone of the report's start and end times, shown beside them (IANA name: Asia/Shanghai; default this machine's zone) / 报告时间所用时区")
	return cmd
}

func runImport(ctx context.Context, opts *ImportOptions) error {
	if opts.Workers < 1 {
		return usageError(msg.AtLeastOne, "--workers")
	}
	tz, err := zone.Load(opts.TZ)
	if err != nil {
		return usageWrap(err, msg.TZBad)
	}
	if err := opts.planningFlags.check(); err != nil {
		return err
	}
	io := opts.IO
	in, err := opts.Inputs.read(io, opts.Files)
	if err != nil {
		return err
	}
	if in.errors > 0 && !opts.SkipInvalid && !opts.DryRun {
		return in.refuse(io, msg.ValidationErrors)
	}
	rehearsed, err := loadRehearsed(opts, in.files)
	if err != nil {
		return err
	}
	logger := opts.logger()
	tgt, err := opts.Target.connect(ctx, io, logger)
	if err != nil {
		return err
	}
	defer tgt.Close()
	io.say("目标 target: %s", tgt.Desc)
	if err := rehearsed.target(tgt, opts.Target); err != nil {
		return err
	}
	folder, err := openRun(opts, tgt, in.files)
	if err != nil {
		return err
	}
	defer folder.Release()
	if folder.Resumed {
		io.say("继续 resuming: %s", folder.Dir)
	}
	im := &run.Import{
		Org: in.org, Problems: in.problems, Inputs: in.files, Reader: tgt.reader(nil), API: tgt.API, Stats: tgt.Pacer.Stats,
		Plan:    opts.planOptions(),
		Workers: opts.Workers, Logger: logger, DryRun: opts.DryRun, Target: tgt.Desc, Mapping: in.mapping, Now: opts.Now,
		JournalOpened: func(damaged []int) { warnDamaged(io, damaged) },
		UserIDType:    opts.IDType.t, Zone: tz,
		Check: rehearsed.hook(),
	}
	if r := opts.IDType.reader(tgt); r != nil {
		im.IDs = r
	}
	rv := runView{IO: io, DryRun: opts.DryRun, Verb: "导入 importing", Summary: plan.Summary,
		Render: func(p *plan.Plan) { view.Plan(io.Out, p) },
		Gate:   func(p *plan.Plan) *writeGate { return importGate(ctx, opts, tgt, p) }}
	res, err := rv.watch(ctx, im, folder)
	if err != nil || opts.DryRun {
		return rv.ended(err, res, in.errors)
	}
	return rv.exit(res, resumeHint(io, tgt, in.files, folder, opts.planOptions()))
}

// sayRead says what the sheets hold and how many problems they have; it
// returns the number of errors.
func sayRead(io *IOStreams, o *org.Org, ps []problem.Problem) int {
	nErr, nWarn := problem.Count(ps)
	io.say("读取 read: %d 个部门 departments, %d 个成员 users%s; %d 个错误 errors, %d 个警告 warnings", len(o.Departments), len(o.Users),
		view.UnitsNote(len(o.Units))+view.GroupsNote(len(o.Groups), len(o.Memberships)), nErr, nWarn)
	return nErr
}

// planOptions are the flags that decide what the import plans.
func (opts *ImportOptions) planOptions() plan.Options { return opts.planningFlags.options(opts.Inputs) }

// planFlags spells the planning options as the command line does, for
// run.json (a resume must be given the same) and the resume command.
func planFlags(o plan.Options) []string {
	var flags []string
	for _, f := range []struct {
		on   bool
		name string
	}{
		{o.NoCreateDepartments, "--no-create-departments"}, {o.AcceptRenames, "--accept-renames"},
		{o.CreateMissing.Types, "--create-missing-types"}, {o.CreateMissing.Levels, "--create-missing-levels"},
		{o.CreateMissing.Families, "--create-missing-families"}, {o.CreateMissing.Titles, "--create-missing-titles"},
		{o.CreateMissing.Cities, "--create-missing-cities"}, {o.RemoveMembers, "--remove-members"},
	} {
		if f.on {
			flags = append(flags, f.name)
		}
	}
	if o.PathRoot != "" {
		flags = append(flags, "--path-root="+o.PathRoot)
	}
	return flags
}

// resumeHint is the command that continues an interrupted run, with its
// planning options: with --yes when it would otherwise stop at the
// question it cannot ask.
func resumeHint(io *IOStreams, tgt *target, files []string, folder *run.Folder, o plan.Options) string {
	words := append(append([]string{"orgbatch", "import"}, files...), planFlags(o)...)
	return resumeCommand(io, tgt, commandLine(words...), folder)
}

// resumeCommand is command continuing the run in folder, with --yes
// where the resumed run could not ask.
func resumeCommand(io *IOStreams, tgt *target, command string, folder *run.Folder) string {
	hint := command + " --resume " + shellWord(folder.Dir)
	if tgt.Sandbox == nil && !io.CanPrompt() {
		hint += " --yes"
	}
	return hint
}

// logger logs on stderr: warnings, and with --verbose every retry.
func (opts *ImportOptions) logger() *slog.Logger { return verboseLogger(opts.IO, opts.Verbose) }

func verboseLogger(io *IOStreams, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(io.ErrOut, &slog.HandlerOptions{Level: level}))
}

// warnDamaged tells the user about damaged journal lines (always: it is
// about the report being right).
func warnDamaged(io *IOStreams, lines []int) {
	if len(lines) == 0 {
		return
	}
	nums := make([]string, len(lines))
	for i, n := range lines {
		nums[i] = strconv.Itoa(n)
	}
	fmt.Fprintf(io.ErrOut, "警告 warning: %s line(s) %s are damaged and were skipped. Nothing is created twice (the run plans against the tenant), but the rows those lines recorded may be reported as unchanged or updated rather than created / 日志第 %s 行已损坏并被跳过：不会重复创建，但这些行可能被报告为未变或已更新，而非新建\n",
		report.JournalFile, strings.Join(nums, ", "), strings.Join(nums, "、"))
}

// importGate is what the plan needs confirmed: the tenant (when the plan
// writes), and its wide changes.
func importGate(ctx context.Context, opts *ImportOptions, tgt *target, p *plan.Plan) *writeGate {
	g := &writeGate{Summary: plan.Summary(p), Yes: opts.Yes, Counts: []counted{changesCount(guard.Analyze(p), opts.Confirm), opts.Groups.count(p)}}
	if len(p.Steps) > 0 {
		g.Target = tgt.describe(ctx)
	}
	return g
}

func fileList(inputs []org.Input) []string {
	out := make([]string, len(inputs))
	for i, in := range inputs {
		out[i] = in.Path
	}
	return out
}
