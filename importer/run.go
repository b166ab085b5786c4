package importer

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"log/slog"
	"sync"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
)

// Options configure a run.
type Options struct {
	// API is the paced client (feishu.Paced) the steps are sent through.
	API API
	// Stats, if set, gives the pacer's counters for the result.
	Stats   func() feishu.Stats
	Workers int // default 16
	// Journal, if set, receives every finished step, and each create's
	// intent before it is sent. Previous holds the entries of an
	// interrupted run being resumed: rows it already created or updated
	// are reported as such, not as "unchanged".
	Journal  *Journal
	Previous []JournalEntry
	// Progress, if set, is called after every finished step, one call at
	// a time. Steps cut off by an interruption do not count: the progress
	// stops where the run stopped.
	Progress func(Progress)
	Logger   *slog.Logger
}

// Result is what a run did.
type Result struct {
	Outcomes    []Outcome // one per plan change, in plan order
	Steps       map[plan.StepID]*StepResult
	Interrupted bool
	// Lost is the network error that stopped the run (the connection to
	// Feishu was lost); its rows not done are interrupted, not failed.
	Lost    error
	Elapsed time.Duration
	Pacer   feishu.Stats
}

// Count returns how many rows ended with a status.
func (r *Result) Count(s Status) int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Status == s {
			n++
		}
	}
	return n
}

// Run executes the plan's steps and returns every row's outcome. It
// returns an error only when it cannot keep its journal; API failures are
// outcomes, and an interrupted run (ctx cancelled) returns what was done.
func Run(ctx context.Context, p *plan.Plan, opts Options) (*Result, error) {
	if opts.Workers <= 0 {
		opts.Workers = 16
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	sched := newScheduler(p.Steps, opts.Workers)
	ex := &executor{api: opts.API, sched: sched}
	res := &Result{Steps: map[plan.StepID]*StepResult{}}
	var mu sync.Mutex
	var journalErr error
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	if opts.Journal != nil {
		ex.intend = intentWriter(opts.Journal, &mu, &journalErr, cancel)
	}
	ex.lost = func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if res.Lost == nil {
			res.Lost = err
		}
		cancel()
	}
	prog := newTally(p)
	// record is where a finished step becomes known: its journal line is
	// on disk first (Append returns once it is durable, sharing fsyncs with
	// the steps finishing meanwhile), then the step counts as done, is
	// reported, and — when the worker returns it to the scheduler — releases
	// the steps waiting for it. So nothing that depends on a step is sent,
	// and no step is reported, before a kill -9 would keep it.
	record := func(n *node, r *StepResult) {
		var jerr error
		if opts.Journal != nil && (r.Status == StatusDone || r.Status == StatusFailed) {
			jerr = opts.Journal.Append(JournalEntry{Step: n.step.ID, Op: n.step.Op(), Status: r.Status, IDs: r.IDs, Code: r.Code, Attempts: r.Attempts, Warning: r.Warning, Members: r.Done})
		}
		mu.Lock()
		defer mu.Unlock()
		if jerr != nil && journalErr == nil {
			journalErr = fmt.Errorf("writing the journal: %w", jerr)
			cancel() // without a journal a crash would lose track: stop
		}
		res.Steps[n.step.ID] = r
		if r.Status == StatusFailed {
			opts.Logger.Debug("step failed", "step", n.step.ID, "code", r.Code, "msg", r.Message)
		}
		if r.Status != StatusInterrupted && opts.Progress != nil {
			opts.Progress(prog.step(n.step, r))
		}
	}
	runWorkers(runCtx, sched, opts.Workers, ex.run, record, record)
	for _, n := range sched.unfinished() {
		res.Steps[n.step.ID] = &StepResult{Step: n.step, Status: StatusInterrupted, Message: "not started: the run was interrupted / 未开始：导入被中断"}
		res.Interrupted = true
	}
	for _, r := range res.Steps {
		if r.Status == StatusInterrupted {
			res.Interrupted = true
		}
	}
	res.Outcomes = outcomes(p, res.Steps, previousOf(opts.Previous))
	res.Elapsed = time.Since(start)
	if opts.Stats != nil {
		res.Pacer = opts.Stats()
	}
	return res, journalErr
}

// outcomes folds step results into one outcome per row.
func outcomes(p *plan.Plan, steps map[plan.StepID]*StepResult, prev previous) []Outcome {
	out := make([]Outcome, 0, len(p.Changes))
	for _, c := range p.Changes {
		o := Outcome{Change: c, IDs: c.Existing}
		switch c.Action {
		case plan.ActionBlocked:
			// Blocked by its own problem: failed (fix the row). Blocked
			// because a row it needs is: skipped.
			o.Status = StatusSkipped
			if c.BlockedBy == "" {
				o.Status = StatusFailed
			}
			o.Rule, o.Message = blockingProblem(c)
		case plan.ActionUnchanged:
			o.Status = StatusUnchanged
			fromPrevious(&o, c, prev, p.Tenant)
			memberFromPrevious(&o, c, prev)
		case plan.ActionCreate, plan.ActionRemove:
			if c.Kind == plan.KindMember {
				memberOutcome(&o, c, steps)
				break
			}
			fallthrough
		default:
			o.Status = statusOf(c.Action)
			for _, st := range c.Steps {
				r := steps[st.ID]
				if r == nil {
					continue
				}
				o.Attempts += r.Attempts
				mergeIDs(&o.IDs, r.IDs)
				if r.Warning != "" {
					o.Warnings = append(o.Warnings, r.Warning)
				}
				switch {
				case r.Status == StatusSkipped && st.ID.Kind == plan.StepDepartmentUnit:
					// The department is there; only its unit, which could
					// not be imported, is not bound.
					o.Warnings = append(o.Warnings, msg.UnitNotBound.F()+": "+r.Message)
				case r.Status == StatusFailed:
					o.Status, o.Code, o.Message = StatusFailed, r.Code, r.Message
				case r.Status == StatusSkipped && o.Status != StatusFailed:
					o.Status, o.Message = StatusSkipped, r.Message
				case r.Status == StatusInterrupted && o.Status != StatusFailed && o.Status != StatusSkipped:
					o.Status, o.Message = StatusInterrupted, r.Message
				}
			}
			if o.Status != StatusFailed && o.Status != StatusSkipped && o.Status != StatusInterrupted {
				fromPrevious(&o, c, prev, p.Tenant) // created by the interrupted run, completed now
			}
		}
		for _, pr := range c.Problems {
			if pr.Severity == problem.Warning {
				o.Warnings = append(o.Warnings, pr.Text())
			}
		}
		o.Hint = Hint(o.Code)
		out = append(out, o)
	}
	return out
}

func blockingProblem(c *plan.Change) (rule, msg string) {
	for _, pr := range c.Problems {
		if pr.Severity == problem.Error {
			return pr.Rule, pr.Text()
		}
	}
	return "", ""
}

func isCreate(op plan.Op) bool {
	return op == plan.OpCreateDepartment || op == plan.OpCreateUser || op == plan.OpCreateUnit || op == plan.OpCreateGroup
}

// statusOf is the status of a row whose steps are all done.
func statusOf(a plan.Action) Status {
	switch a {
	case plan.ActionCreate:
		return StatusCreated
	case plan.ActionDelete:
		return StatusDeleted
	case plan.ActionRestore:
		return StatusRestored
	}
	return StatusUpdated
}

// opStatus is the status an operation done gives its row.
func opStatus(op plan.Op) Status {
	switch op {
	case plan.OpCreateDepartment, plan.OpCreateUser:
		return StatusCreated
	case plan.OpDeleteUser, plan.OpDeleteDepartment:
		return StatusDeleted
	case plan.OpResurrectUser:
		return StatusRestored
	}
	return StatusUpdated
}

func mergeIDs(dst *plan.IDs, src plan.IDs) {
	if src.DepartmentID != "" {
		dst.DepartmentID = src.DepartmentID
	}
	if src.OpenDepartmentID != "" {
		dst.OpenDepartmentID = src.OpenDepartmentID
	}
	if src.UserID != "" {
		dst.UserID = src.UserID
	}
	if src.OpenID != "" {
		dst.OpenID = src.OpenID
	}
	if src.UnionID != "" {
		dst.UnionID = src.UnionID
	}
	if src.UnitID != "" {
		dst.UnitID = src.UnitID
	}
	if src.GroupID != "" {
		dst.GroupID = src.GroupID
	}
}
