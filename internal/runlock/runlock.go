// Package runlock keeps two orgbatch processes from working on the same
// thing at once: the same tenant, the same run folder. A lock is an OS
// advisory lock (internal/flock) on a small file that also names its
// holder, so the process that is refused can say who holds it. The kernel
// drops the lock when the holder ends, however it ends (kill -9 included):
// a lock file left behind never blocks anyone, it is simply taken over.
// Lock files are never removed, as removing one while another process
// opens it would let two processes hold "the same" lock.
package runlock

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/internal/flock"
)

// Holder is who holds a lock: written into the lock file once it is taken.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
	Command string    `json:"command"`
	RunDir  string    `json:"run_dir,omitempty"`
}

// Self describes this process running command (for a run folder, runDir).
func Self(command, runDir string) Holder {
	host, _ := os.Hostname()
	return Holder{PID: os.Getpid(), Host: host, Started: time.Now(), Command: command, RunDir: runDir}
}

func (h Holder) String() string {
	s := fmt.Sprintf("pid %d on %s, since %s, command: %s", h.PID, h.Host, h.Started.Format("2006-01-02 15:04:05"), h.Command)
	if h.RunDir != "" {
		s += ", run folder " + h.RunDir
	}
	return s
}

// HeldError is returned when a live process holds the lock.
type HeldError struct {
	What   string  // what is locked, for the message (bilingual)
	Path   string  // the lock file
	Holder *Holder // nil when the lock file does not say (yet)
}

func (e *HeldError) Error() string {
	who := "another orgbatch process (it has not written its details yet)"
	if e.Holder != nil {
		who = "another orgbatch process: " + e.Holder.String()
	}
	return fmt.Sprintf("%s is in use by %s. Wait until it has finished (its lock ends with its process) / %s 正被另一个 orgbatch 进程使用，请等它结束后再运行 (lock file %s)",
		e.What, who, e.What, e.Path)
}

// Lock is a held lock.
type Lock struct{ f *os.File }

// Acquire takes the lock at path without waiting, creating the file (and
// its directory) owner-only, and writes h into it. When a live process
// holds it, it returns a *HeldError naming that process.
func Acquire(path, what string, h Holder) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	ok, err := flock.TryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if !ok {
		defer f.Close()
		return nil, &HeldError{What: what, Path: path, Holder: readHolder(f)}
	}
	l := &Lock{f: f}
	if err := l.Update(h); err != nil {
		f.Close()
		return nil, err
	}
	return l, nil
}

// Update rewrites the holder's details (say, once its run folder is known).
func (l *Lock) Update(h Holder) error {
	if l == nil || l.f == nil {
		return nil
	}
	data, _ := json.Marshal(h)
	err := l.f.Truncate(0)
	if err == nil {
		_, err = l.f.WriteAt(append(data, '\n'), 0)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", l.f.Name(), err)
	}
	return nil
}

func readHolder(f *os.File) *Holder {
	data, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil || strings.TrimSpace(string(data)) == "" {
		return nil
	}
	var h Holder
	if json.Unmarshal(data, &h) != nil {
		return nil
	}
	return &h
}

// Release empties the lock file and drops the lock. It is safe to call
// more than once, and on a nil Lock.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := l.f.Close() // closing drops the lock
	l.f = nil
	return err
}
