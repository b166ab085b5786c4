package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/view"
)

// runView is how a run (import, offboard, restore) is watched: progress
// bars, the plan shown (a dry run) or confirmed through the write gate (a
// real run) before anything is written, and how it ended.
type runView struct {
	IO      *IOStreams
	DryRun  bool
	Verb    string // the progress bar's, e.g. "导入 importing"
	Render  func(*plan.Plan)
	Summary func(*plan.Plan) string
	Gate    func(*plan.Plan) *writeGate
}

// watch runs the run in folder.
func (v runView) watch(ctx context.Context, im *run.Import, folder *run.Folder) (*run.Result, error) {
	io := v.IO
	readBar := newPhaseBar(io, 1, "读取租户 reading tenant")
	im.ReadProgress = readBar.Set
	var bar *rowsBar
	im.Planned = func(p *plan.Plan, planXLSX string) error {
		readBar.Finish()
		gate := v.Gate(p)
		if v.DryRun {
			v.Render(p)
			io.say("\n计划 plan (nothing was written to the tenant): %s", planXLSX)
			return gate.preview(io)
		}
		io.say("计划 plan: %s (%s)", v.Summary(p), planXLSX)
		if err := gate.pass(ctx, io); err != nil {
			return err
		}
		bar = newRowsBar(io, v.Verb)
		return nil
	}
	im.Progress = func(p importer.Progress) { bar.Update(p) }
	res, err := im.Run(ctx, folder)
	readBar.Finish()
	bar.Finish()
	return res, err
}

// ended maps a run that failed before executing, or a dry run, to its
// exit: interrupted while reading (3), the tenant unreadable (1), a dry
// run with validation errors (2) or blocked rows (1).
func (v runView) ended(err error, res *run.Result, validationErrors int) error {
	switch {
	case errors.Is(err, context.Canceled) && res == nil:
		return interrupted(msg.InterruptedReading)
	case errors.As(err, new(*run.ReadError)):
		return &ExitError{Code: ExitRowsFailed, Err: err}
	case err != nil:
		return err
	}
	return dryRunExit(validationErrors, res.Plan)
}

// dryRunExit is a dry run's exit: 2 when the sheets have errors, 1 when
// rows are blocked.
func dryRunExit(nErr int, p *plan.Plan) error {
	switch {
	case nErr > 0:
		return &ExitError{Code: ExitUsage}
	case p.Blocked():
		return &ExitError{Code: ExitRowsFailed}
	}
	return nil
}

// exit prints how an executed run ended and maps it to an exit code;
// resume is the command that continues it after an interruption.
func (v runView) exit(res *run.Result, resume string) error {
	io := v.IO
	ex, sum := res.Executed, res.Summary
	view.Outcomes(io.Out, ex)
	fmt.Fprintf(io.Out, "\n报告 report: %s\n", res.Files.XLSX)
	if len(res.Files.Failed) > 0 {
		fmt.Fprintf(io.Out, "失败行 failed rows (fix and run again): %v\n", res.Files.Failed)
	}
	fmt.Fprintln(io.Out, msg.RunTotals.F(ex.Elapsed.Seconds(), sum.API.Calls, ex.Pacer.Retries, ex.Pacer.RateLimited))
	switch {
	case res.JournalErr != nil:
		return &ExitError{Code: ExitRowsFailed, Err: res.JournalErr}
	case sum.Interrupted:
		return &ExitError{Code: ExitInterrupted, Err: runInterrupted(ex, resume)}
	case ex.Count(importer.StatusFailed)+ex.Count(importer.StatusSkipped) > 0:
		return &ExitError{Code: ExitRowsFailed}
	}
	return nil
}

// runInterrupted says why a run stopped, that the rows it did not get to are
// not rows to fix, and the command that continues it.
func runInterrupted(ex *importer.Result, resume string) error {
	why := importer.StatusInterrupted.Label()
	if ex.Lost != nil {
		why = msg.ConnectionLost.F() + " (" + textsafe.Terminal(ex.Lost.Error()) + ")"
	}
	return fmt.Errorf("%s: %s.\n%s:\n  %s", why, msg.RowsNotDone.F(ex.Count(importer.StatusInterrupted)), msg.ContinueWith, resume)
}
