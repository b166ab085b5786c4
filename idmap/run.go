package idmap

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/tenant"
)

// JournalOp names an ids batch in the run folder's journal.
const JournalOp = "ids_batch"

// Options configure a lookup run in a run folder (package run opened it).
type Options struct {
	API             API
	Input           *Input
	IncludeResigned bool
	Workers         int // batches in flight; default 8 (the pacer sets the pace)
	Dir             string
	Salt            string // the run's (run.json): keys the journal's digests
	Resumed         bool
	Target          string
	Stats           func() feishu.Stats
	Now             func() time.Time
	// Progress, if set, is told the contacts answered so far, one call at
	// a time; JournalOpened about damaged journal lines that were skipped.
	Progress      func(done, total int)
	JournalOpened func(damaged []int)
}

// Outcome is what a run did.
type Outcome struct {
	Results []Result // by input row; set when the run finished
	Files   []string // the mapping sheets, when the run finished
	Summary report.Summary
	// Previous is how many contacts an interrupted run of the folder had
	// answered: a resume does not ask about them again.
	Previous int
	Calls    int           // batch_get_id calls this run made
	Writing  time.Duration // how long writing the mapping took
}

// Counts counts the rows per status.
func (o *Outcome) Counts() map[string]int {
	m := map[string]int{}
	for _, r := range o.Results {
		if r.Status != "" {
			m[r.Status]++
		}
	}
	return m
}

// Run looks the input up: the contacts an earlier run of the folder
// answered come from its journal; the others go out in batches, Workers
// at a time, each journaled once answered. It returns an error when a call
// fails for good or the journal cannot be kept (what was answered is
// journaled: resume the folder), and ctx's error when ctx ends. Only a
// finished run resolves the rows and writes the mapping.
func Run(ctx context.Context, o Options) (*Outcome, error) {
	if o.Workers <= 0 {
		o.Workers = 8
	}
	started := o.Now()
	j, prev, err := importer.OpenJournal(filepath.Join(o.Dir, report.JournalFile))
	if err != nil {
		return nil, fmt.Errorf("opening the journal: %w", err)
	}
	defer j.Close()
	if o.JournalOpened != nil {
		o.JournalOpened(j.Damaged())
	}
	k := keyer{salt: []byte(o.Salt)}
	known := newAnswers()
	out := &Outcome{Previous: replay(prev, known)}
	emails, mobiles := contacts(o.Input, k, known.keys)
	bs := batches(emails, mobiles)
	out.Calls = len(bs)
	runErr := o.lookupAll(ctx, j, k, bs, known)
	done := runErr == nil && ctx.Err() == nil
	if done {
		out.Results = o.resolveAll(k, known)
		t := time.Now()
		if out.Files, err = WriteMapping(o.Dir, o.Input, out.Results); err != nil {
			return out, fmt.Errorf("writing the mapping: %w", err)
		}
		out.Writing = time.Since(t)
	}
	out.Summary = o.summary(started, out, !done)
	if err := report.WriteSummary(filepath.Join(o.Dir, report.SummaryJSON), out.Summary); err != nil && runErr == nil {
		runErr = err
	}
	if runErr == nil {
		runErr = ctx.Err()
	}
	return out, runErr
}

// replay takes what an earlier run journaled; it returns how many
// contacts that answers.
func replay(entries []importer.JournalEntry, known *answers) int {
	for _, e := range entries {
		var b batchEntry
		if e.Op == JournalOp && e.Status == importer.StatusDone && json.Unmarshal(e.Data, &b) == nil {
			known.add(b)
		}
	}
	return len(known.keys)
}

// lookupAll sends the batches through the workers, then reads the users
// found and not read yet; the first failure stops the others.
func (o Options) lookupAll(ctx context.Context, j *importer.Journal, k keyer, bs []batch, known *answers) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan batch)
	var mu sync.Mutex
	var firstErr error
	done, total := len(known.keys), len(known.keys)
	for _, b := range bs {
		total += b.size()
	}
	step := func(b batch) error {
		var e batchEntry
		var err error
		if b.size() > 0 {
			if e.Keys, err = lookup(ctx, o.API, k, b, o.IncludeResigned); err != nil {
				return err
			}
			known.add(batchEntry{Keys: e.Keys})
		}
		if ids := known.take(b.size() == 0); len(ids) > 0 {
			if e.Users, err = readUsers(ctx, o.API, ids); err != nil {
				return err
			}
		}
		if err := journal(j, e); err != nil {
			return err
		}
		known.add(batchEntry{Users: e.Users})
		return nil
	}
	var wg sync.WaitGroup
	for range min(o.Workers, max(1, len(bs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				err := step(b)
				mu.Lock()
				if err != nil && firstErr == nil && ctx.Err() == nil {
					firstErr = err
					cancel()
				}
				if err == nil && b.size() > 0 {
					done += b.size()
					if o.Progress != nil {
						o.Progress(done, total)
					}
				}
				mu.Unlock()
			}
		}()
	}
	send := func(b batch) bool {
		if ctx.Err() != nil {
			return false
		}
		jobs <- b
		return true
	}
	for _, b := range bs {
		if !send(b) {
			break
		}
	}
	close(jobs)
	wg.Wait()
	// The users left: fewer than 50, or unread by an interrupted run.
	for firstErr == nil && ctx.Err() == nil && known.left() {
		firstErr = step(batch{})
	}
	return firstErr
}

// journal records a batch once it is answered: a crash after this line
// loses nothing of it.
func journal(j *importer.Journal, e batchEntry) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := j.Append(importer.JournalEntry{Op: JournalOp, Status: importer.StatusDone, Data: data}); err != nil {
		return fmt.Errorf("writing the journal: %w", err)
	}
	return nil
}

// resolveAll decides every row from the answers.
func (o Options) resolveAll(k keyer, known *answers) []Result {
	out := make([]Result, len(o.Input.Rows))
	for i, r := range o.Input.Rows {
		var byEmail, byMobile keyAnswer
		if r.Email != "" {
			byEmail = known.keys[k.of(contact{email: true, value: r.Email})]
		}
		if r.Mobile != "" {
			byMobile = known.keys[k.of(contact{value: r.Mobile})]
		}
		out[i] = resolve(r, byEmail, byMobile, known.users, o.IncludeResigned)
	}
	return out
}

func (o Options) summary(started time.Time, out *Outcome, interrupted bool) report.Summary {
	s := report.Summary{
		Target: o.Target, Inputs: []string{o.Input.Source}, Started: started, Seconds: o.Now().Sub(started).Seconds(),
		Interrupted: interrupted, Rows: map[string]map[string]int{"ids": out.Counts()},
	}
	if o.Resumed {
		s.Resumed = o.Dir
	}
	if o.Stats != nil {
		st := o.Stats()
		s.API = &report.APIStats{Calls: tenant.Total(st.Attempts), Retries: st.Retries, RateLimited: st.RateLimited, WaitSeconds: st.LimiterWait.Seconds()}
	}
	return s
}
