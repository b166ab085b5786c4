package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/rehearse"
	"github.com/orgbatch/orgbatch/run"
	"github.com/spf13/cobra"
)

func init() { register(newRehearseCmd) }

// RehearseOptions are the parsed flags of `orgbatch rehearse`.
type RehearseOptions struct {
	IO     *IOStreams
	Files  []string
	Inputs inputFlags
	Target targetFlags
	planningFlags
	Workers     int
	ReportDir   string
	SkipInvalid bool
	Verbose     bool
	shaping     map[string]string
	given       []string // the plan-shaping flags given (changedShaping)
	Now         func() time.Time
}

func newRehearseCmd(io *IOStreams) *cobra.Command {
	opts := &RehearseOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "rehearse FILE...",
		Short: "Rehearse an import on a clone of the tenant / 在租户克隆上演练导入",
		Long: `Rehearse reads the tenant whole (read-only: nothing is written to it), loads
it into an in-process sandbox that keeps every ID (department_id,
open_department_id, user_id, open_id, union_id, enum values, unit and group
IDs), and runs the import there exactly as ` + "`orgbatch import`" + ` would — the same
plan, the same flags, without rate limits. It then plans the sheets against
the clone once more: what that plan still changes is what the import did
not land (should be nothing).

The rehearsal folder (under --report, owner-only) holds the clone import's
plan.xlsx and report.xlsx, rehearsal.md (the plan, every row refused and
why, what still differs, how long the real import takes at the documented
limits, what a clone cannot know), readback.json (the clone afterwards: serve
it with ` + "`orgbatch sandbox serve --state`" + `) and rehearsal.json: the sheets' hashes,
the flags, and a fingerprint of the tenant as the plan read it.

` + "`orgbatch import FILE... --rehearsed DIR`" + ` then applies exactly that plan: it
refuses (exit 4, nothing written) when the sheets, the flags or the tenant —
in anything the plan reads — changed since, naming what changed.

Exit status: 0 the rehearsal refused no row and nothing differs after it,
1 some rows were refused or still differ, or the tenant could not be read,
2 usage or validation errors, 3 interrupted.

演练：只读地完整读取租户（不写入任何内容），载入保留全部 ID 的进程内沙箱，在
其中按 orgbatch import 完全相同的方式（相同的计划和选项，不限流）执行导入，
然后再对克隆计划一次：仍有的变更就是导入没能完成的部分（应当为零）。演练目录
（在 --report 下，仅本人可读）包含克隆导入的计划和报告、rehearsal.md（计划、
每个被拒绝的行及原因、仍有的差异、按文档限流真实导入所需的时间）、
readback.json 和 rehearsal.json。之后用 orgbatch import FILE... --rehearsed
DIR 严格执行该计划：表格、选项或租户有变化时拒绝（退出码 4，不写入）。退出码：
0 没有被拒绝的行、没有差异，1 有行被拒绝或仍有差异、或无法读取租户，2 用法
或校验错误，3 被中断。`,
		Example: `  orgbatch rehearse company.xlsx                       # Feishu, credentials from the environment
  orgbatch rehearse company.xlsx --domain lark
  orgbatch rehearse company.xlsx --base-url http://127.0.0.1:8080
  orgbatch import company.xlsx --rehearsed reports/rehearse-20260102-150405`,
		Args: cobra.MinimumNArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files, opts.shaping, opts.given = args, planShaping(cmd.Flags()), changedShaping(cmd.Flags())
			return runRehearse(cmd.Context(), opts)
		},
	}
	opts.Inputs.register(cmd)
	opts.Target.register(cmd)
	opts.planningFlags.register(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.ReportDir, "report", "reports", "directory for rehearsal directories / 存放演练目录的目录")
	f.IntVar(&opts.Workers, "workers", 16, "concurrent requests to the clone (as import's --workers) / 对克隆租户的并发请求数（同 import 的 --workers）")
	f.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "rehearse the valid rows even if some rows have validation errors / 即使有些行有校验错误，也演练有效的行")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "log each retry and failure on stderr / 在标准错误上记录每次重试和失败")
	return cmd
}

func runRehearse(ctx context.Context, opts *RehearseOptions) error {
	if opts.Workers < 1 {
		return usageError(msg.AtLeastOne, "--workers")
	}
	if err := opts.planningFlags.check(); err != nil {
		return err
	}
	io := opts.IO
	in, err := opts.Inputs.read(io, opts.Files)
	if err != nil {
		return err
	}
	if in.errors > 0 && !opts.SkipInvalid {
		return in.refuse(io, msg.RehearseValidation)
	}
	logger := verboseLogger(io, opts.Verbose)
	tgt, err := opts.Target.connect(ctx, io, logger)
	if err != nil {
		return err
	}
	defer tgt.Close()
	io.say("目标 target (read only / 只读): %s", tgt.Desc)
	files := in.files
	folder, err := run.OpenFolder(run.FolderOptions{ReportDir: opts.ReportDir, Kind: "rehearse", Inputs: files,
		Tenant: tenantOf(tgt, opts.Target), Target: tgt.Desc, Command: "orgbatch rehearse " + strings.Join(files, " "), Now: opts.Now()})
	if err != nil {
		return lockError(err)
	}
	defer folder.Release()
	bar := newPhaseBar(io, 1, "演练 rehearsing")
	rh := &rehearse.Rehearsal{
		Org: in.org, Problems: in.problems, Inputs: hashedInputs(files, opts.Inputs), Reader: tgt.reader(nil),
		Plan: opts.planningFlags.options(opts.Inputs), UserIDType: opts.IDType.t, Options: opts.shaping,
		Apply:   commandLine(append(append(append([]string{"orgbatch", "import"}, opts.Files...), opts.given...), "--rehearsed", folder.Dir)...),
		Workers: opts.Workers, Logger: logger, Tenant: tenantOf(tgt, opts.Target), Target: tgt.Desc, Mapping: in.mapping, Now: opts.Now,
		Cloned: func(d, u int) {
			io.say("克隆 clone: %d 个部门 departments, %d 个成员 users, in process, no rate limits / 进程内克隆，不限流", d, u)
		},
		Progress: func(p importer.Progress) { bar.Set(p.RowsDone, p.Rows) },
	}
	io.say("读取整个租户 reading the whole tenant…")
	res, err := rh.Run(ctx, folder)
	bar.Finish()
	if err != nil {
		return rehearseError(err)
	}
	return rehearseEnded(io, res, rh.Apply)
}

// rehearseError maps a rehearsal that failed to its exit.
func rehearseError(err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return interrupted(msg.RehearseInterrupted)
	case errors.As(err, new(*run.ReadError)):
		return &ExitError{Code: ExitRowsFailed, Err: err}
	}
	return &ExitError{Code: ExitRowsFailed, Err: msg.RehearseFailed.Wrap(err)}
}

// rehearseEnded prints what the rehearsal found and maps it to the exit.
func rehearseEnded(io *IOStreams, res *rehearse.Result, apply string) error {
	fmt.Fprintf(io.Out, "计划 plan: %s\n", res.Plan)
	fmt.Fprintf(io.Out, "拒绝 refused: %d rows; 仍有差异 still different after: %d\n", len(res.Refused), len(res.Remaining))
	fmt.Fprintf(io.Out, "预计 real import: %s\n", res.Estimate)
	fmt.Fprintf(io.Out, "指纹 fingerprint: %s\n", res.Record.Fingerprint.Total)
	fmt.Fprintf(io.Out, "报告 report: %s\n", filepath.Join(res.Dir, rehearse.ReportFile))
	if !res.Clean() {
		return &ExitError{Code: ExitRowsFailed, Err: msg.RehearseFound.Err(len(res.Refused), len(res.Remaining), filepath.Join(res.Dir, rehearse.ReportFile))}
	}
	fmt.Fprintf(io.Out, "导入 apply exactly this plan: %s\n", apply)
	return nil
}
