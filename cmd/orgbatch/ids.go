package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"log/slog"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/idmap"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/view"
	"github.com/spf13/cobra"
)

func init() { register(newIDsCmd) }

// IDsOptions are the parsed flags of `orgbatch ids`.
type IDsOptions struct {
	IO              *IOStreams
	File            string
	Emails, Mobiles []string
	IncludeResigned bool
	Target          targetFlags
	Mapping         mappingFlags
	ReportDir       string
	Resume          string
	Workers         int
	Now             func() time.Time
}

func newIDsCmd(io *IOStreams) *cobra.Command {
	opts := &IDsOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "ids [FILE]",
		Short: "Look people up by email and mobile: user_id, open_id, union_id / 查询用户ID映射",
		Long: `ids looks people up in the tenant by email and mobile (batch_get_id, 50
emails and 50 mobiles a call) and writes a mapping sheet — the input's rows
and columns, then user_id, open_id, union_id, status (active, resigned,
not found; conflict when a row's email and mobile are two people; invalid
when it has neither usable) and a note — as mapping.xlsx and mapping.csv in
a run directory under --report, for joining into other systems.

FILE is any sheet with an email or a mobile column (the users sheet's
names for them, or --map); or give --email and --mobile lists. Resigned
people are found only with --include-resigned. Every batch is journaled:
an interrupted run (Ctrl-C, kill -9, a lost network) is continued with
--resume [DIR], asking only for the rows not answered yet.

Exit status: 0 every row looked up, 1 a call failed for good (resume after
fixing it), 2 usage error or unreadable input, 3 interrupted.

查询用户ID：按邮箱和手机号在租户中查找人员，写出映射表（输入的各行各列，加上
user_id、open_id、union_id、状态和说明），保存为运行目录中的 mapping.xlsx 和
mapping.csv，便于对接其他系统。输入可以是任何带邮箱或手机号列的表格，也可以
用 --email / --mobile 列表；已离职的人只有加 --include-resigned 才会查到。每
批都记入日志，中断后用 --resume 继续。退出码：0 全部查完，1 调用失败，2 用法
错误或输入无法读取，3 被中断。`,
		Example: `  orgbatch ids staff.xlsx --sandbox --sandbox-seed samples/company.xlsx
  orgbatch ids hr-export.csv --include-resigned          # against Feishu (FEISHU_APP_ID/…)
  orgbatch ids --email a@corp.example.cn,b@corp.example.cn --mobile 13800138000
  orgbatch ids staff.xlsx --resume                       # finish an interrupted run`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("resume") && opts.Resume == "latest" {
				var err error
				if args, opts.Resume, err = resumeArg(args); err != nil {
					return err
				}
			}
			if len(args) > 1 {
				return usageError(msg.IDsOneFile)
			}
			if len(args) == 1 {
				opts.File = args[0]
			}
			return runIDs(cmd.Context(), opts)
		},
	}
	opts.Target.register(cmd)
	opts.Mapping.register(cmd)
	f := cmd.Flags()
	f.StringSliceVar(&opts.Emails, "email", nil, "emails to look up (comma-separated or repeated) instead of a file / 要查询的邮箱（逗号分隔或重复给出），代替文件")
	f.StringSliceVar(&opts.Mobiles, "mobile", nil, "mobiles to look up (comma-separated or repeated) instead of a file / 要查询的手机号（逗号分隔或重复给出），代替文件")
	f.BoolVar(&opts.IncludeResigned, "include-resigned", false, "also find people who have resigned (status resigned) / 同时查找已离职的人（状态 resigned）")
	f.StringVar(&opts.ReportDir, "report", "reports", "directory for run directories (journal, mapping) / 存放运行目录（日志、映射表）的目录")
	f.StringVar(&opts.Resume, "resume", "", "continue an interrupted run: its run directory, or 'latest' / 继续被中断的运行：其运行目录，或 'latest'（最近一次）")
	f.Lookup("resume").NoOptDefVal = "latest"
	f.IntVar(&opts.Workers, "workers", 8, "batches in flight (the rate limiters still pace them) / 同时进行的批次数（仍受限流控制）")
	return cmd
}

// input reads what to look up: the file, or the lists.
func (opts *IDsOptions) input() (*idmap.Input, error) {
	lists := len(opts.Emails)+len(opts.Mobiles) > 0
	switch {
	case opts.File != "" && lists:
		return nil, usageError(msg.IDsFileAndLists)
	case lists:
		return idmap.FromLists(opts.Emails, opts.Mobiles), nil
	case opts.File == "":
		return nil, usageError(msg.IDsNothing)
	}
	m, err := opts.Mapping.mapping()
	if err != nil {
		return nil, err
	}
	in, ps, err := idmap.Load(opts.File, m)
	if err != nil {
		return nil, usageWrap(err, msg.FileProblem, opts.File)
	}
	if len(ps) > 0 {
		view.Problems(opts.IO.ErrOut, ps)
		return nil, &ExitError{Code: ExitUsage}
	}
	return in, nil
}

func runIDs(ctx context.Context, opts *IDsOptions) error {
	if opts.Workers < 1 {
		return usageError(msg.AtLeastOne, "--workers")
	}
	in, err := opts.input()
	if err != nil {
		return err
	}
	io := opts.IO
	io.say("读取 read: %d 行 rows from %s", len(in.Rows), in.Source)
	tgt, err := opts.Target.connect(ctx, io, slog.New(slog.NewTextHandler(io.ErrOut, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer tgt.Close()
	io.say("目标 target: %s", tgt.Desc)
	// The journal's answers hold for this input and this --include-resigned:
	// a resume must have both.
	digest := in.Digest
	if opts.IncludeResigned {
		digest += " include_resigned"
	}
	folder, err := run.OpenFolder(run.FolderOptions{
		ReportDir: opts.ReportDir, Kind: "ids", Resume: opts.Resume, Inputs: []string{in.Source}, InputDigest: digest,
		Tenant: tenantOf(tgt, opts.Target), Target: tgt.Desc, Command: "orgbatch ids " + in.Source, Now: opts.Now(),
	})
	if err != nil {
		return lockError(err)
	}
	defer folder.Release()
	sayRemoved(io, folder.Dir, folder.Removed)
	bar := newPhaseBar(io, len(in.Rows), "查找 looking up (emails and mobiles)")
	res, err := idmap.Run(ctx, idmap.Options{
		API: tgt.API, Input: in, IncludeResigned: opts.IncludeResigned, Workers: opts.Workers, Dir: folder.Dir, Salt: folder.Salt,
		Resumed: folder.Resumed, Target: tgt.Desc, Stats: tgt.Pacer.Stats, Now: opts.Now,
		Progress: bar.Set, JournalOpened: func(damaged []int) { warnDamaged(io, damaged) },
	})
	bar.Finish()
	if res != nil && folder.Resumed {
		io.say("继续 resumed %s: %d emails and mobiles were answered before", folder.Dir, res.Previous)
	}
	return idsExit(ctx, io, opts, folder, res, err)
}

// idsExit prints how the run ended and maps it to an exit code.
func idsExit(ctx context.Context, io *IOStreams, opts *IDsOptions, folder *run.Folder, res *idmap.Outcome, err error) error {
	what := opts.File
	if what == "" {
		what = "--email … --mobile … (the same lists)"
	}
	resume := fmt.Sprintf("orgbatch ids %s --resume %s", what, folder.Dir)
	if res != nil {
		counts := res.Counts()
		var parts []string
		for _, s := range idmap.Statuses {
			if counts[s] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", msg.Status(s), counts[s]))
			}
		}
		fmt.Fprintf(io.Out, "结果 results: %s\n", strings.Join(parts, ", "))
		for _, f := range res.Files {
			fmt.Fprintf(io.Out, "映射表 mapping: %s\n", f)
		}
		if a := res.Summary.API; a != nil {
			fmt.Fprintln(io.Out, msg.RunTotals.F(res.Summary.Seconds, a.Calls, a.Retries, a.RateLimited))
		}
	}
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		return interrupted(msg.InterruptedResume, resume)
	}
	return &ExitError{Code: ExitRowsFailed, Err: msg.LookupStopped.Wrap(err, resume)}
}
