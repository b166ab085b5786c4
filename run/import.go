package run

import (
	"context"
	"github.com/orgbatch/orgbatch/internal/msg"
	"github.com/orgbatch/orgbatch/internal/zone"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/tenant"
)

// Import is one import run, decided and then done (Terraform's plan, then
// apply): plan against the tenant, write the plan, let the caller confirm,
// execute exactly that plan through the journal, and report — also after
// an interruption, with what was done so far.
type Import struct {
	Org      *org.Org
	Problems []problem.Problem // validation's
	Inputs   []string
	Reader   *tenant.Reader
	API      importer.API
	Stats    func() feishu.Stats // the pacer's counters, for summary.json
	// UserIDType is how the sheet names users (--user-id-type): "" or
	// user_id, or open_id / union_id read through IDs and mapped onto
	// user_ids before planning (reports still show the rows as written).
	UserIDType string
	IDs        tenant.UserReader
	// Plan are the planning options; TokenSalt comes from the folder.
	Plan    plan.Options
	Workers int
	Logger  *slog.Logger
	DryRun  bool
	Target  string            // the target as summary.json names it
	Mapping map[string]string // the header mapping used, for summary.json
	Now     func() time.Time
	Zone    zone.Zone // the zone report.xlsx shows times in; unset, the machine's

	// Planner, if set, reads the tenant and decides the plan instead of
	// Plan — an offboarding's or a restore's — in the run folder f (a
	// resume finds the interrupted run's own files there). Written, if
	// set, adds the run's own files once the plan is written. The folder,
	// journal, execution and report are an import's.
	Planner func(ctx context.Context, r *tenant.Reader, f *Folder) (*plan.Plan, error)
	// Check, if set, sees an import's plan and the tenant as the plan read
	// it (not a Planner's), before the plan is written or anything is
	// done: an error, returned as it is, stops the run (a rehearsal that
	// no longer holds, `import --rehearsed`).
	Check   func(snap *tenant.Snapshot, p *plan.Plan) error
	Written func(dir string, p *plan.Plan) error

	// Hooks for the person watching; any may be nil.
	//
	// Planned is called once the plan is written (render it, confirm it):
	// an error stops the run before anything is written to the tenant.
	Planned func(p *plan.Plan, planXLSX string) error
	// JournalOpened is told about damaged journal lines that were skipped.
	JournalOpened func(damaged []int)
	// ReadProgress and Progress follow the tenant read and the execution.
	ReadProgress func(done, total int)
	Progress     func(importer.Progress)
}

// Result is what an import run did.
type Result struct {
	Plan     *plan.Plan
	PlanXLSX string
	// Executed is nil for a dry run.
	Executed *importer.Result
	Summary  report.Summary
	Files    report.ImportFiles
	// JournalErr is set when the journal could not be kept: the run
	// stopped (what was done is reported).
	JournalErr error
}

// ReadError is a tenant that could not be read: nothing was written.
type ReadError struct{ Err error }

func (e *ReadError) Error() string {
	return "reading the tenant failed; nothing was written: " + e.Err.Error()
}
func (e *ReadError) Unwrap() error { return e.Err }

// Run carries the import out in folder f.
func (im *Import) Run(ctx context.Context, f *Folder) (*Result, error) {
	popts := im.Plan
	popts.TokenSalt = f.Salt
	reader := *im.Reader
	reader.Progress = im.ReadProgress
	var p *plan.Plan
	o, problems, err := UserIDs(ctx, im.IDs, im.Org, im.Problems, im.UserIDType)
	switch {
	case err != nil:
	case im.Planner != nil:
		p, err = im.Planner(ctx, &reader, f)
	default:
		var snap *tenant.Snapshot
		if p, snap, err = PlanRead(ctx, &reader, o, problems, popts); err == nil && im.Check != nil {
			if err := im.Check(snap, p); err != nil {
				return nil, err
			}
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &ReadError{err}
	}
	// A real run does not wait for plan.xlsx and plan.json to be written
	// (for 100,000 users that takes seconds): they are written beside the
	// confirmation and the execution, and waited for before the run ends.
	// A dry run, which is there for them, writes them first.
	res := &Result{Plan: p, PlanXLSX: filepath.Join(f.Dir, report.PlanXLSX)}
	planWritten := make(chan error, 1)
	writePlan := func() {
		if _, _, err := report.WritePlan(f.Dir, im.Org, p); err != nil {
			planWritten <- msg.WritingPlan.Wrap(err)
		}
		close(planWritten)
	}
	if im.DryRun {
		writePlan()
		if err := <-planWritten; err != nil {
			return nil, err
		}
	} else {
		go writePlan()
	}
	err = im.confirmAndExecute(ctx, f, res)
	if perr := <-planWritten; perr != nil && err == nil {
		err = perr
	}
	return res, err
}

// confirmAndExecute writes the run's own record (Written), asks the
// caller (Planned) and, unless this is a dry run, executes.
func (im *Import) confirmAndExecute(ctx context.Context, f *Folder, res *Result) error {
	if im.Written != nil {
		if err := im.Written(f.Dir, res.Plan); err != nil {
			return msg.WritingPlan.Wrap(err)
		}
	}
	if im.Planned != nil {
		if err := im.Planned(res.Plan, res.PlanXLSX); err != nil {
			return err
		}
	}
	if im.DryRun {
		return nil
	}
	return im.execute(ctx, f, res)
}

// execute runs the plan's steps through the journal and writes the report.
func (im *Import) execute(ctx context.Context, f *Folder, res *Result) error {
	journal, previous, err := importer.OpenJournal(filepath.Join(f.Dir, report.JournalFile))
	if err != nil {
		return msg.OpeningJournal.Wrap(err)
	}
	defer journal.Close()
	if im.JournalOpened != nil {
		im.JournalOpened(journal.Damaged())
	}
	started := im.Now()
	ex, runErr := importer.Run(ctx, res.Plan, importer.Options{
		API: im.API, Stats: im.Stats, Workers: im.Workers, Journal: journal, Previous: previous, Logger: im.Logger,
		Progress: im.Progress,
	})
	if ex == nil {
		return runErr
	}
	res.Executed, res.JournalErr = ex, runErr
	st := ex.Pacer
	res.Summary = report.Summary{
		Target: im.Target, Inputs: im.Inputs, Started: started, Seconds: ex.Elapsed.Seconds(),
		Interrupted: ex.Interrupted || ctx.Err() != nil, Rows: report.RowCounts(ex), Mapping: im.Mapping, Zone: im.Zone,
		API: &report.APIStats{Calls: tenant.Total(st.Attempts), Retries: st.Retries, RateLimited: st.RateLimited, LockErrors: st.LockErrors, WaitSeconds: st.LimiterWait.Seconds()},
	}
	if f.Resumed {
		res.Summary.Resumed = f.Dir
	}
	if res.Files, err = report.WriteImport(f.Dir, im.Org, ex, res.Summary); err != nil {
		return msg.WritingReport.Wrap(err)
	}
	return nil
}
