package importer

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/orgbatch/orgbatch/plan"
)

// JournalEntry records one step: an intent (a create about to be sent) or
// how the step ended. It holds IDs, codes, counts, a create's client_token
// and a digest of its identity, never request bodies, access tokens or
// secrets.
type JournalEntry struct {
	Step     plan.StepID `json:"step"`
	Op       plan.Op     `json:"op"`
	Status   Status      `json:"status"`
	IDs      plan.IDs    `json:"ids"`
	Code     int         `json:"code,omitempty"`
	Attempts int         `json:"attempts"`
	Warning  string      `json:"warning,omitempty"`
	// ClientToken and Identity are set on intents (StatusIntent): the
	// create's client_token and plan.DepartmentIdentity/UserIdentity of
	// its body, so that a resumed run can recognise the entity a create
	// made when the crash came before its answer was journaled.
	ClientToken string `json:"client_token,omitempty"`
	Identity    string `json:"identity,omitempty"`
}

// Journal is an append-only file of steps, one JSON object per line
// followed by its CRC-32 (etcd's WAL idea, in text). It is opened with
// O_APPEND, so every write lands at the end. On open, a damaged line in the
// middle (its checksum does not match) is skipped and reported by Damaged,
// not the end of everything after it; what follows the last good line — a
// line torn by a crash — is cut off before anything is appended.
//
// Appends are group-committed: every line is written at once, and one
// fsync at a time covers every line written before it started, so steps
// that finish while a sync runs share the next one instead of queueing for
// a sync each.
type Journal struct {
	mu      sync.Mutex
	f       *os.File
	w       *bufio.Writer
	damaged []int

	cond    *sync.Cond           // signalled when a sync ends; made on first use
	written uint64               // lines handed to w
	durable uint64               // lines known to be on disk
	syncing bool                 // a sync is running (without mu)
	err     error                // a failed write or sync: every later Append fails
	fsync   func(*os.File) error // tests; nil = (*os.File).Sync
}

// OpenJournal opens (or creates) a journal, returning the entries already
// in it. The file is private to the owner.
func OpenJournal(path string) (*Journal, []JournalEntry, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, err
	}
	entries, good, damaged, err := readJournal(f)
	if err == nil {
		err = f.Truncate(good)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return &Journal{f: f, w: bufio.NewWriter(f), damaged: damaged}, entries, nil
}

// ReadJournal reads the good entries of a journal without opening it for
// writing: another run's journal (restore reads an offboarding's) is left
// exactly as it is.
func ReadJournal(path string) ([]JournalEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, _, _, err := readJournal(f)
	return entries, err
}

// Damaged returns the numbers (from 1) of the damaged lines found on open:
// those before the last good line were skipped, those after it cut off
// with the torn tail. An unterminated last line (a write cut short by a
// crash, the normal case after kill -9) is not counted.
func (j *Journal) Damaged() []int { return j.damaged }

// readJournal returns the good entries, the offset just past the last good
// line, and the numbers of the damaged complete lines.
func readJournal(r io.Reader) (entries []JournalEntry, good int64, damaged []int, err error) {
	br := bufio.NewReader(r)
	var off int64
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if errors.Is(err, io.EOF) {
			return entries, good, damaged, nil // a trailing partial line is a torn write
		}
		if err != nil {
			return nil, 0, nil, err
		}
		off += int64(len(line))
		e, ok := decodeLine(strings.TrimSuffix(line, "\n"))
		if !ok {
			damaged = append(damaged, n)
			continue
		}
		entries = append(entries, e)
		good = off
	}
}

func decodeLine(line string) (JournalEntry, bool) {
	i := strings.LastIndexByte(line, ' ')
	if i < 0 {
		return JournalEntry{}, false
	}
	body, sum := line[:i], line[i+1:]
	if fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(body))) != sum {
		return JournalEntry{}, false
	}
	var e JournalEntry
	if json.Unmarshal([]byte(body), &e) != nil {
		return JournalEntry{}, false
	}
	return e, true
}

// Append writes one entry and returns once it is on disk: once a step is
// journaled it survives kill -9 and power loss. Concurrent Appends share
// fsyncs (group commit); none returns before its own line is durable.
func (j *Journal) Append(e JournalEntry) error {
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cond == nil {
		j.cond = sync.NewCond(&j.mu)
	}
	if j.err != nil {
		return j.err
	}
	fmt.Fprintf(j.w, "%s %08x\n", body, crc32.ChecksumIEEE(body))
	j.written++
	mine := j.written
	for j.durable < mine {
		switch {
		case j.err != nil:
			return j.err
		case j.syncing:
			j.cond.Wait() // the running sync may not hold our line: wait for the next
		default:
			j.syncLocked()
		}
	}
	return nil
}

// syncLocked flushes what was written and fsyncs it, releasing mu during
// the fsync so that more lines can be written meanwhile (they wait for the
// next sync). Caller holds mu.
func (j *Journal) syncLocked() {
	upTo := j.written
	if err := j.w.Flush(); err != nil {
		j.err = err
		j.cond.Broadcast()
		return
	}
	j.syncing = true
	j.mu.Unlock()
	var err error
	if j.fsync != nil {
		err = j.fsync(j.f)
	} else {
		err = j.f.Sync()
	}
	j.mu.Lock()
	j.syncing = false
	if err != nil {
		j.err = err
	} else {
		j.durable = max(j.durable, upTo)
	}
	j.cond.Broadcast()
}

// Close closes the journal file, after a sync in progress.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.syncing { // only set once cond exists
		j.cond.Wait()
	}
	if err := j.w.Flush(); err != nil {
		j.f.Close()
		return err
	}
	return j.f.Close()
}
