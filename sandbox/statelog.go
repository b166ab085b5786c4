package sandbox

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
)

// The state file is a snapshot plus a log. Every acknowledged write
// appends one line per entity it changed to StatePath+".log" — the
// entity as it is now, in the state file's own form — and the log is
// fsynced once per group of writes, so a write costs the size of what it
// changed, not of the tenant. When the log outgrows the snapshot (and at
// Close) the whole state is written to StatePath atomically and the log is
// emptied: over any run the snapshots cost as much again as the log, so
// the total stays linear in the writes. Each line carries the write's
// version and a CRC-32 (as the import journal does); loading reads the
// snapshot, replays the log lines newer than it and stops at a torn line.

// logSuffix names the log beside the state file.
const logSuffix = ".log"

// minCompact is the log size below which no snapshot is taken (a
// variable for tests).
var minCompact int64 = 1 << 20

// logRecord is one entity a write changed.
type logRecord struct {
	V       uint64             `json:"v"`
	Dept    *feishu.Department `json:"dept,omitempty"`
	DelDept string             `json:"del_dept,omitempty"` // open_department_id of a deleted department
	User    *feishu.User       `json:"user,omitempty"`
	Token   *ClientTokenRecord `json:"token,omitempty"`
	// Resigned is a deletion's time and handover (offboarding state).
	Resigned *ResignedRecord `json:"resigned,omitempty"`
	// A job title or work city a user write created (the schema's other
	// writes name no entity: they make the next flush a snapshot).
	Title *feishu.JobTitle `json:"job_title,omitempty"`
	City  *feishu.WorkCity `json:"work_city,omitempty"`
}

func deptRecord(d *dept) logRecord {
	r := renderDept(d, storageIDs)
	return logRecord{Dept: &r}
}

func userRecord(u *user) logRecord {
	r := renderUser(u, storageIDs)
	return logRecord{User: &r}
}

// resignedRecord is a deleted user as the log keeps them: the user, and
// when and to whom their resources went.
func resignedRecord(u *user) logRecord {
	r := userRecord(u)
	r.Resigned = &ResignedRecord{UserID: u.userID, At: u.resignedAt, Handover: u.handover}
	return r
}

// appendRecord encodes r as a log line onto buf.
func appendRecord(buf []byte, r logRecord) ([]byte, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return buf, err
	}
	buf = append(buf, body...)
	return fmt.Appendf(buf, " %08x\n", crc32.ChecksumIEEE(body)), nil
}

// stateLog is the open log file. Only the flusher uses it.
type stateLog struct {
	path string
	f    *os.File
	size int64
}

// errLogBroken: a failed append could not be cut back out of the log.
var errLogBroken = errors.New("sandbox: state log damaged")

// append writes buf at the end of the log and fsyncs it. If that fails the
// log is cut back to where it was, so the lines can be written again.
func (l *stateLog) append(buf []byte) error {
	if l.f == nil {
		f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		if err := atomicfile.SyncDir(filepath.Dir(l.path)); err != nil { // the new file's name is durable too
			f.Close()
			return err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		l.f, l.size = f, st.Size()
	}
	_, err := l.f.Write(buf)
	if err == nil {
		err = l.f.Sync()
	}
	if err != nil {
		if terr := l.f.Truncate(l.size); terr != nil {
			return fmt.Errorf("%w: %v (and cutting it back: %v)", errLogBroken, err, terr)
		}
		return err
	}
	l.size += int64(len(buf))
	return nil
}

// empty drops every line: the snapshot just written holds them (a log
// left by another run too, before this one opens it).
func (l *stateLog) empty() error {
	if l.f == nil {
		if err := os.Truncate(l.path, 0); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	l.size = 0
	return l.f.Sync()
}

// remove closes and deletes the (empty) log.
func (l *stateLog) remove() error {
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
	if err := os.Remove(l.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// readLog returns the log's records in order, up to the first torn or
// damaged line, and the length of the good part (0 when there is no log).
func readLog(path string) ([]logRecord, int64, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var recs []logRecord
	var good int64
	br := bufio.NewReaderSize(f, 1<<16)
	for {
		line, err := br.ReadString('\n')
		if errors.Is(err, io.EOF) {
			return recs, good, nil // a trailing partial line is a torn write
		}
		if err != nil {
			return nil, 0, err
		}
		r, ok := decodeRecord(strings.TrimSuffix(line, "\n"))
		if !ok {
			return recs, good, nil
		}
		recs = append(recs, r)
		good += int64(len(line))
	}
}

func decodeRecord(line string) (logRecord, bool) {
	i := strings.LastIndexByte(line, ' ')
	if i < 0 {
		return logRecord{}, false
	}
	body := line[:i]
	if fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(body))) != line[i+1:] {
		return logRecord{}, false
	}
	var r logRecord
	return r, json.Unmarshal([]byte(body), &r) == nil
}

// replay applies the records newer than the snapshot to it, as data:
// departments by open_department_id, users by open_id (in place, or
// appended when new), deleted departments dropped, client_token records
// appended. It returns the newest version seen.
func replay(f *StateFile, recs []logRecord) uint64 {
	v := f.Seq
	deptAt := map[string]int{}
	for i, d := range f.Departments {
		deptAt[d.OpenDepartmentID] = i
	}
	userAt := map[string]int{}
	for i, u := range f.Users {
		userAt[u.OpenID] = i
	}
	deleted := map[string]bool{}
	for _, r := range recs {
		if r.V <= f.Seq {
			continue // already in the snapshot
		}
		v = max(v, r.V)
		switch {
		case r.Dept != nil:
			delete(deleted, r.Dept.OpenDepartmentID)
			if i, ok := deptAt[r.Dept.OpenDepartmentID]; ok {
				f.Departments[i] = *r.Dept
			} else {
				deptAt[r.Dept.OpenDepartmentID] = len(f.Departments)
				f.Departments = append(f.Departments, *r.Dept)
			}
		case r.DelDept != "":
			deleted[r.DelDept] = true
		case r.User != nil:
			if i, ok := userAt[r.User.OpenID]; ok {
				f.Users[i] = *r.User
			} else {
				userAt[r.User.OpenID] = len(f.Users)
				f.Users = append(f.Users, *r.User)
			}
		case r.Token != nil:
			f.ClientTokens = append(f.ClientTokens, r.Token)
		case r.Title != nil || r.City != nil:
			if f.Directory == nil { // a snapshot always has one
				f.Directory = &feishu.Directory{}
			}
			if r.Title != nil {
				f.Directory.JobTitles = append(f.Directory.JobTitles, *r.Title)
			} else {
				f.Directory.WorkCities = append(f.Directory.WorkCities, *r.City)
			}
		}
		if r.Resigned != nil { // beside the user it is about
			f.Resigned = append(slices.DeleteFunc(f.Resigned, func(x ResignedRecord) bool { return x.UserID == r.Resigned.UserID }), *r.Resigned)
		}
	}
	if len(deleted) > 0 {
		kept := f.Departments[:0]
		for _, d := range f.Departments {
			if !deleted[d.OpenDepartmentID] {
				kept = append(kept, d)
			}
		}
		f.Departments = kept
	}
	return v
}
