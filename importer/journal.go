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

// JournalEntry records one finished step. It holds IDs, codes and counts,
// never request bodies, tokens or secrets.
type JournalEntry struct {
	Step     string   `json:"step"`
	Op       plan.Op  `json:"op"`
	Status   Status   `json:"status"`
	IDs      plan.IDs `json:"ids"`
	Code     int      `json:"code,omitempty"`
	Attempts int      `json:"attempts"`
	Warning  string   `json:"warning,omitempty"`
}

// Journal is an append-only file of finished steps, one JSON object per
// line followed by its CRC-32 (etcd's WAL idea, in text): a line cut short
// by a crash fails its checksum and is dropped on the next open, and the
// file is cut back to the last good line before anything is appended.
//
// Appends are group-committed: every line is written at once, and one
// fsync at a time covers every line written before it started, so steps
// that finish while a sync runs share the next one instead of queueing for
// a sync each.
type Journal struct {
	mu sync.Mutex
	f  *os.File
	w  *bufio.Writer

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
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, err
	}
	entries, good, err := readJournal(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, err
	}
	return &Journal{f: f, w: bufio.NewWriter(f)}, entries, nil
}

func readJournal(r io.Reader) (entries []JournalEntry, good int64, err error) {
	br := bufio.NewReader(r)
	var off int64
	for {
		line, err := br.ReadString('\n')
		if errors.Is(err, io.EOF) {
			return entries, good, nil // a trailing partial line is a torn write
		}
		if err != nil {
			return nil, 0, err
		}
		off += int64(len(line))
		e, ok := decodeLine(strings.TrimSuffix(line, "\n"))
		if !ok {
			return entries, good, nil // stop at the first damaged line
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
