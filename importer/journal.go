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
	Step     plan.StepID `json:"step"`
	Op       plan.Op     `json:"op"`
	Status   Status      `json:"status"`
	IDs      plan.IDs    `json:"ids"`
	Code     int         `json:"code,omitempty"`
	Attempts int         `json:"attempts"`
	Warning  string      `json:"warning,omitempty"`
}

// Journal is an append-only file of finished steps, one JSON object per
// line followed by its CRC-32 (etcd's WAL idea, in text): a line cut short
// by a crash fails its checksum and is dropped on the next open, and the
// file is cut back to the last good line before anything is appended.
type Journal struct {
	mu sync.Mutex
	f  *os.File
	w  *bufio.Writer
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

// Append writes one entry and syncs it to disk before returning: once a
// step is journaled it survives kill -9 and power loss.
func (j *Journal) Append(e JournalEntry) error {
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	fmt.Fprintf(j.w, "%s %08x\n", body, crc32.ChecksumIEEE(body))
	if err := j.w.Flush(); err != nil {
		return err
	}
	return j.f.Sync()
}

// Close closes the journal file.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.w.Flush(); err != nil {
		j.f.Close()
		return err
	}
	return j.f.Close()
}
