package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/prune"
	"github.com/orgbatch/orgbatch/report"
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
	Force     bool
	NoCreate  bool
	Now       func() time.Time
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
then departments, deepest first): it prints the list, and deletes only with
--yes. It refuses to delete more than 50 entries and more than 20% of them,
or more than 80% of a small org, unless --force.

Exit status: 0 the tenant matches the sheet, 1 there are differences (or a
prune was refused or failed), 2 usage or validation errors, 3 interrupted.`,
		Example: `  orgbatch diff company.xlsx
  orgbatch diff company.xlsx --sandbox --sandbox-seed samples/company.xlsx
  orgbatch diff company.xlsx --prune            # list what would be deleted
  orgbatch diff company.xlsx --prune --yes      # delete it`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runDiff(cmd.Context(), opts)
		},
	}
	opts.Inputs.register(cmd)
	opts.Target.register(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.ReportDir, "report", "reports", "directory for the diff's run directory")
	f.BoolVar(&opts.Prune, "prune", false, "delete users and departments the sheet lacks (with --yes)")
	f.BoolVar(&opts.Yes, "yes", false, "with --prune: really delete")
	f.BoolVar(&opts.Force, "force", false, "with --prune: delete even past the safety thresholds")
	f.BoolVar(&opts.NoCreate, "no-create-departments", false, "a department path naming a department found nowhere is an error")
	return cmd
}

func runDiff(ctx context.Context, opts *DiffOptions) error {
	if (opts.Yes || opts.Force) && !opts.Prune {
		return usageError("--yes and --force only apply to --prune")
	}
	o, ps, err := opts.Inputs.load(opts.Files)
	if err != nil {
		return err
	}
	io := opts.IO
	for _, p := range ps {
		if unreadableRules[p.Rule] {
			report.PrintProblems(io.ErrOut, ps)
			return &ExitError{Code: ExitUsage}
		}
	}
	tgt, err := opts.Target.connect(ctx, io, slog.New(slog.NewTextHandler(io.ErrOut, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer tgt.Close()
	if !io.Quiet {
		fmt.Fprintf(io.ErrOut, "目标 target: %s\n", tgt.Desc)
	}
	bar := newPhaseBar(io, 1, "读取租户 reading tenant")
	p, err := plan.Prepare(ctx, &plan.Reader{API: tgt.API, Pacer: tgt.Pacer, Progress: bar.Set}, o, ps, plan.Options{NoCreateDepartments: opts.NoCreate, PathRoot: opts.Inputs.pathRoot})
	if err == nil {
		var snap *exporter.Snapshot
		snap, err = exporter.Walk(ctx, tgt.API, tgt.Pacer, exporter.Options{Progress: func(pr exporter.Progress) { bar.Set(pr.Done, pr.Departments) }})
		bar.Finish()
		if err == nil {
			return finishDiff(ctx, opts, tgt, o, ps, p, prune.Extra(o, p, snap))
		}
	}
	bar.Finish()
	if ctx.Err() != nil {
		return &ExitError{Code: ExitInterrupted, Err: errors.New("interrupted while reading the tenant; nothing was written")}
	}
	return &ExitError{Code: ExitRowsFailed, Err: fmt.Errorf("reading the tenant: %w", err)}
}

func finishDiff(ctx context.Context, opts *DiffOptions, tgt *target, o *org.Org, ps []problem.Problem, p *plan.Plan, extra *prune.Plan) error {
	io := opts.IO
	plan.Render(io.Out, p)
	printExtra(io.Out, extra)
	dir, err := newRunDir(opts.ReportDir, opts.Now(), "diff")
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
	differs := len(p.Steps) > 0 || p.Blocked() || len(extra.Users)+len(extra.Departments) > 0
	if !opts.Prune || len(extra.Users)+len(extra.Departments) == 0 {
		if differs {
			return &ExitError{Code: ExitRowsFailed}
		}
		return nil
	}
	if err := extra.Check(); err != nil && !opts.Force {
		return &ExitError{Code: ExitRowsFailed, Err: err}
	}
	if !opts.Yes {
		fmt.Fprintf(io.Out, "\n--prune: the %d users and %d departments above would be deleted. Nothing was deleted; add --yes to delete them.\n", len(extra.Users), len(extra.Departments))
		return &ExitError{Code: ExitRowsFailed}
	}
	results := extra.Run(ctx, tgt.API, tgt.Pacer)
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

func printExtra(w io.Writer, extra *prune.Plan) {
	if len(extra.Users)+len(extra.Departments) == 0 {
		fmt.Fprintln(w, "\n仅在飞书 only in Feishu: none")
		return
	}
	fmt.Fprintf(w, "\n仅在飞书 only in Feishu (not in the sheet): %d departments, %d users\n", len(extra.Departments), len(extra.Users))
	for _, d := range extra.Departments {
		fmt.Fprintf(w, "  department %s %s\n", textsafe.Terminal(d.DepartmentID), textsafe.Terminal(d.Path))
	}
	for _, u := range extra.Users {
		fmt.Fprintf(w, "  user       %s %s %s\n", textsafe.Terminal(u.UserID), textsafe.Terminal(u.Name), textsafe.Terminal(strings.Join(u.DepartmentIDs, ";")))
	}
}

func writeExtraJSON(path string, extra *prune.Plan) error {
	type entry struct {
		Kind string `json:"kind"`
		ID   string `json:"id"`
		Name string `json:"name"`
		Path string `json:"path,omitempty"`
	}
	var out []entry
	for _, d := range extra.Departments {
		out = append(out, entry{"department", d.DepartmentID, d.Name, d.Path})
	}
	for _, u := range extra.Users {
		out = append(out, entry{"user", u.UserID, u.Name, ""})
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
