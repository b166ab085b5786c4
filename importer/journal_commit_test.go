package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sandbox"
)

// blockingSync replaces a journal's fsync: the first sync waits until
// release is closed; every sync is counted.
type blockingSync struct {
	mu      sync.Mutex
	syncs   int
	started chan struct{}
	release chan struct{}
	err     error
}

func (b *blockingSync) sync(f *os.File) error {
	b.mu.Lock()
	b.syncs++
	first := b.syncs == 1
	b.mu.Unlock()
	if first {
		close(b.started)
		<-b.release
	}
	if b.err != nil {
		return b.err
	}
	return f.Sync()
}

func (j *Journal) linesWritten() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.written
}

// appendWhileSyncing starts one Append whose fsync blocks, then n more, and
// waits until all n have written their lines (they now wait for a sync).
func appendWhileSyncing(t *testing.T, j *Journal, b *blockingSync, n int) []error {
	t.Helper()
	errs := make([]error, n+1)
	var wg sync.WaitGroup
	wg.Go(func() {
		errs[0] = j.Append(JournalEntry{Step: plan.UserStep("first"), Op: plan.OpCreateUser, Status: StatusDone})
	})
	<-b.started
	for i := range n {
		wg.Go(func() {
			errs[i+1] = j.Append(JournalEntry{Step: plan.UserStep(fmt.Sprintf("u%d", i)), Op: plan.OpCreateUser, Status: StatusDone})
		})
	}
	for j.linesWritten() < uint64(n+1) {
		runtime.Gosched()
	}
	close(b.release)
	wg.Wait()
	return errs
}

// TestJournalGroupCommit: appends that arrive while a sync runs share the
// next one, and each returns only once its line is in the file.
func TestJournalGroupCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, _, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	b := &blockingSync{started: make(chan struct{}), release: make(chan struct{})}
	j.fsync = b.sync
	for i, err := range appendWhileSyncing(t, j, b, 10) {
		if err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
	}
	if b.syncs != 2 {
		t.Errorf("%d fsyncs for 11 appends, want 2 (one, then one for the ten that came meanwhile)", b.syncs)
	}
	_, entries, err := OpenJournal(path) // another handle: the lines were flushed before the sync
	if err != nil || len(entries) != 11 {
		t.Fatalf("%d entries on disk, %v", len(entries), err)
	}
	j.Close()
}

// TestJournalSyncFailure: when a sync fails, every append waiting on it
// and every later one fails: no step is reported done without its line.
func TestJournalSyncFailure(t *testing.T) {
	j, _, err := OpenJournal(filepath.Join(t.TempDir(), "journal.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	disk := errors.New("disk full")
	b := &blockingSync{started: make(chan struct{}), release: make(chan struct{}), err: disk}
	j.fsync = b.sync
	for i, err := range appendWhileSyncing(t, j, b, 3) {
		if !errors.Is(err, disk) {
			t.Errorf("append %d = %v, want the sync error", i, err)
		}
	}
	if err := j.Append(JournalEntry{Step: plan.UserStep("later")}); !errors.Is(err, disk) {
		t.Errorf("append after the failure = %v", err)
	}
}

// TestRunSharesJournalSyncs: workers that finish steps while the journal
// syncs do not queue for a sync each: the run's steps share fsyncs. (The
// first sync waits until a second step's line is written, which a run
// journaling under its result lock could never do.)
func TestRunSharesJournalSyncs(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	p := tn.planFor(t, loadSheet(t, sample))
	j, _, err := OpenJournal(filepath.Join(t.TempDir(), "journal.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	syncs := 0
	j.fsync = func(f *os.File) error { // called by one goroutine at a time
		if syncs++; syncs == 1 {
			for i := 0; i < 1e6 && j.linesWritten() < 2; i++ {
				runtime.Gosched()
			}
		}
		return f.Sync()
	}
	res := tn.run(t, p, Options{Workers: 16, Journal: j})
	if n := res.Count(StatusFailed); n > 0 {
		t.Fatalf("%d rows failed", n)
	}
	if steps := len(p.Steps); syncs >= steps {
		t.Errorf("%d fsyncs for %d journaled steps", syncs, steps)
	}
}
