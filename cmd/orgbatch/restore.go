package main

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"os"
	"path/filepath"
	"time"

	"github.com/orgbatch/orgbatch/guard"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/run"
	"github.com/spf13/cobra"
)

func init() { register(newRestoreCmd) }

// RestoreOptions are the parsed flags of `orgbatch restore`.
type RestoreOptions struct {
	IO      *IOStreams
	Args    []string
	Target  targetFlags
	Execute bool
	Count   countFlag // --restore-count
	Now     func() time.Time
	runFlags
}

func newRestoreCmd(io *IOStreams) *cobra.Command {
	opts := &RestoreOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "restore OFFBOARD-RUN-DIR | LIST... ",
		Short: "Bring back users deleted by mistake / 恢复误删的成员",
		Long: `Restore brings back deleted users with the resurrect API (10 a minute; only
within 30 days of the deletion; the app's edition must allow it).

From an offboarding run directory (reports/offboard-…) it restores what that
run did, as its journal says: the departments it deleted are created again
first (the API does not restore departments), each user returns to the
departments they were in with their sort order, and a leader slot the run
cleared gets its leader back. From a list (a leavers sheet: user_id, email or
mobile) it restores those people — into their former departments when a run
directory is given too, else into the root department.

The report says what could not be restored: resources handed over at the
deletion stay with their acceptors, a leader slot given to a successor stays
theirs, a department that cannot be re-created is left out; a mobile or email
an active user has taken meanwhile blocks the row (44030/44031), and more than
30 days after the deletion Feishu refuses (44028).

Without --execute it is a dry run. With --execute it asks y/N as import does
(--yes in scripts); restoring more than 5 users needs their number
(--restore-count N). Resumable with --resume [DIR] like an import.

恢复：用恢复接口找回误删的成员（每分钟 10 个；删除后 30 天内有效）。给出离职
运行目录时，按其日志恢复：先重建被删除的部门，再让每个人回到原部门，并恢复被
清除的负责人；给出名单时恢复名单中的人。无法恢复的内容（已交接的资源、已被他
人占用的手机号或邮箱等）在报告中说明。不加 --execute 时为预演；恢复超过 5 人
需用 --restore-count 确认数量；可用 --resume 继续。`,
		Example: `  orgbatch restore reports/offboard-20261123-101500                 # the plan
  orgbatch restore reports/offboard-20261123-101500 --execute --yes --restore-count 30
  orgbatch restore mistaken.xlsx reports/offboard-20261123-101500    # only these people
  orgbatch restore mistaken.xlsx --execute                          # from a list alone: to the root`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			return runRestore(cmd.Context(), opts, cmd.Flags().Changed("resume"))
		},
	}
	opts.Target.register(cmd)
	f := cmd.Flags()
	f.BoolVar(&opts.Execute, "execute", false, "carry the plan out (without it: a dry run) / 执行计划（不加则为预演）")
	opts.runFlags.register(f, runFlagHelp{
		yes:         "with --execute: write without asking y/N (needed when stdin or stderr is not a terminal) / 与 --execute 一起：写入前不询问 y/N（标准输入或标准错误不是终端时必须加）",
		resume:      "continue an interrupted restore: its run directory (--resume=DIR), or 'latest' (implies --execute) / 继续被中断的恢复：其运行目录（--resume=DIR），或 'latest'（隐含 --execute）",
		skipInvalid: "carry out the valid rows even if some rows of the list have validation errors / 即使名单中有些行有校验错误，也处理有效的行",
		workers:     4, workersHelp: "concurrent API requests (resurrect is limited to 10 a minute whatever the workers) / 并发的 API 请求数（无论多少，恢复接口每分钟限 10 次）",
	})
	f.Var(&opts.Count, "restore-count", "the number of users being restored (needed past 5) / 要恢复的成员数（超过 5 个时必填）")
	return cmd
}

func runRestore(ctx context.Context, opts *RestoreOptions, resume bool) error {
	from, lists, resumeDir, err := restoreArgs(opts.Args)
	if err != nil {
		return err
	}
	if resume && opts.Resume == "latest" && resumeDir != "" {
		opts.Resume = resumeDir
	}
	if opts.Resume != "" {
		opts.Execute = true
	}
	o := &org.Org{}
	var ps []problem.Problem
	if len(lists) > 0 {
		if o, ps, err = loadLeavers(opts.IO, lists, opts.Execute, opts.SkipInvalid); err != nil {
			return err
		}
	}
	inputs := append(append([]string(nil), lists...), from...)
	rs := &run.Restore{Org: o, Problems: ps}
	if len(from) > 0 {
		rs.From = from[0]
	}
	return watchLeavers(ctx, leaversRun{
		IO: opts.IO, Files: inputs, Target: &opts.Target, Kind: "restore", Verb: "恢复 restoring",
		DryRun: !opts.Execute, Yes: opts.Yes, Resume: opts.Resume, ReportDir: opts.ReportDir, Workers: opts.Workers, Verbose: opts.Verbose, Now: opts.Now,
		Org: o, Problems: ps, Planner: rs.Plan, Actions: plan.RestoreActions,
		Counts: func(p *plan.Plan) []counted {
			n := p.Count(plan.KindUser, plan.ActionRestore)
			c := counted{N: n, Required: guard.RestoreNeedsCount(n), Flag: "--restore-count", Given: opts.Count, What: "成员 users to restore"}
			if c.Required {
				c.Detail = []string{fmt.Sprintf("\n恢复 restoring %d users (more than %d needs its number: they get their access back)", n, guard.Handful)}
			}
			return []counted{c}
		},
	})
}

// restoreArgs sorts the arguments: an offboarding run directory (it has
// offboarding.json), list files, and a restore run directory to resume.
func restoreArgs(args []string) (from, lists []string, resume string, err error) {
	for _, a := range args {
		st, serr := os.Stat(a)
		switch {
		case serr != nil:
			return nil, nil, "", usageWrap(serr, msg.CannotOpen, a)
		case !st.IsDir():
			lists = append(lists, a)
		case isFile(filepath.Join(a, run.RecordFile)):
			from = append(from, a)
		case isFile(filepath.Join(a, run.InfoFile)):
			resume = a
		default:
			return nil, nil, "", usageError(msg.RestoreNotRunDir, a, run.RecordFile)
		}
	}
	switch {
	case len(from) > 1:
		return nil, nil, "", usageError(msg.RestoreOneDir, len(from))
	case len(from)+len(lists) == 0:
		return nil, nil, "", usageError(msg.RestoreNothing)
	}
	return from, lists, resume, nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
