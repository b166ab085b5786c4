package importer

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
)

// Options configure a run.
type Options struct {
	API     feishu.API
	Pacer   *feishu.Pacer
	Workers int // default 16
	// Journal, if set, receives every finished step. Previous holds the
	// entries of an interrupted run being resumed: rows it already created
	// or updated are reported as such, not as "unchanged".
	Journal  *Journal
	Previous []JournalEntry
	// Progress, if set, is called after every finished step.
	Progress func(done, total, failed int)
	Logger   *slog.Logger
}

// Result is what a run did.
type Result struct {
	Outcomes    []Outcome // one per plan change, in plan order
	Steps       map[string]*StepResult
	Interrupted bool
	Elapsed     time.Duration
	Pacer       feishu.Stats
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
	ex := &executor{api: opts.API, pacer: opts.Pacer, sched: sched}
	res := &Result{Steps: map[string]*StepResult{}}
	var mu sync.Mutex
	var journalErr error
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	total, done, failed := len(p.Steps), 0, 0
	// record is where a finished step becomes known: its journal line is
	// on disk first (Append returns once it is durable, sharing fsyncs with
	// the steps finishing meanwhile), then the step counts as done, is
	// reported, and — when the worker returns it to the scheduler — releases
	// the steps waiting for it. So nothing that depends on a step is sent,
	// and no step is reported, before a kill -9 would keep it.
	record := func(n *node, r *StepResult) {
		var jerr error
		if opts.Journal != nil && (r.Status == StatusDone || r.Status == StatusFailed) {
			jerr = opts.Journal.Append(JournalEntry{Step: n.step.ID, Op: n.step.Op, Status: r.Status, IDs: r.IDs, Code: r.Code, Attempts: r.Attempts, Warning: r.Warning})
		}
		mu.Lock()
		defer mu.Unlock()
		if jerr != nil && journalErr == nil {
			journalErr = fmt.Errorf("writing the journal: %w", jerr)
			cancel() // without a journal a crash would lose track: stop
		}
		res.Steps[n.step.ID] = r
		done++
		if r.Status == StatusFailed || r.Status == StatusSkipped {
			failed++
		}
		if r.Status == StatusFailed {
			opts.Logger.Debug("step failed", "step", n.step.ID, "code", r.Code, "msg", r.Message)
		}
		if opts.Progress != nil {
			opts.Progress(done, total, failed)
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
	res.Outcomes = outcomes(p, res.Steps, previousByStep(opts.Previous))
	res.Elapsed = time.Since(start)
	res.Pacer = opts.Pacer.Stats()
	return res, journalErr
}

func previousByStep(entries []JournalEntry) map[string]JournalEntry {
	m := map[string]JournalEntry{}
	for _, e := range entries {
		if e.Status != StatusDone {
			continue
		}
		if old, ok := m[e.Step]; ok && isCreate(old.Op) {
			continue // keep the create: the row was created by the earlier run
		}
		m[e.Step] = e
	}
	return m
}

// outcomes folds step results into one outcome per row.
func outcomes(p *plan.Plan, steps map[string]*StepResult, prev map[string]JournalEntry) []Outcome {
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
			fromPrevious(&o, c, prev)
		default:
			o.Status = StatusCreated
			if c.Action != plan.ActionCreate {
				o.Status = StatusUpdated
			}
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
				switch r.Status {
				case StatusFailed:
					o.Status, o.Code, o.Message = StatusFailed, r.Code, r.Message
				case StatusSkipped, StatusInterrupted:
					if o.Status != StatusFailed {
						o.Status, o.Message = StatusSkipped, r.Message
					}
				}
			}
			if o.Status == StatusCreated || o.Status == StatusUpdated {
				fromPrevious(&o, c, prev) // created by the interrupted run, completed now
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

func isCreate(op plan.Op) bool { return op == plan.OpCreateDepartment || op == plan.OpCreateUser }

// fromPrevious folds in what an interrupted earlier run did to the row:
// a row it created is "created", one it only updated at least "updated"
// (an "unchanged" row now was changed then), and its attempts count.
func fromPrevious(o *Outcome, c *plan.Change, prev map[string]JournalEntry) {
	for _, e := range prevOf(c, prev) {
		o.Attempts += e.Attempts
		mergeIDs(&o.IDs, e.IDs)
		if isCreate(e.Op) {
			o.Status = StatusCreated
		} else if o.Status == StatusUnchanged {
			o.Status = StatusUpdated
		}
		if e.Warning != "" {
			o.Warnings = append(o.Warnings, e.Warning)
		}
	}
}

func prevOf(c *plan.Change, prev map[string]JournalEntry) []JournalEntry {
	ids := []string{"user:" + c.Key}
	if c.Kind == plan.KindDepartment {
		ids = []string{"dept:" + c.Key, "dept-leader:" + c.Key}
	}
	var out []JournalEntry
	for _, id := range ids {
		if e, ok := prev[id]; ok {
			out = append(out, e)
		}
	}
	return out
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
}
