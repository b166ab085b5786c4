// Package atomicfile writes files so that a reader (or a crash) sees either
// the old content or the complete new one, never half of it: write a temp
// file in the same directory, fsync it, rename it over the target, fsync the
// directory so the rename itself survives a power cut (restic's local
// backend does the same).
//
// A temp file is locked (an OS advisory lock, see internal/flock) while it
// is written, so RemoveStale can tell the temp files of a writer that was
// killed — unlocked, since the kernel drops the locks of a dead process —
// from those being written right now, and remove only the former.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/orgbatch/orgbatch/internal/flock"
)

// Private is the mode of files that hold personal data or state: readable
// and writable by the owner only.
const Private os.FileMode = 0o600

// tempMark is in the name of every temp file and directory: ".<name>.tmp-*".
const tempMark = ".tmp-"

// Write creates or replaces path with the given mode from what write
// produces.
func Write(path string, perm os.FileMode, write func(w io.Writer) error) error {
	return writeFile(path, perm, write, false)
}

// WriteNew is Write for a file that must not exist yet: it never replaces
// one, and returns an error matching fs.ErrExist when path exists at the
// moment of the commit (it commits with a hard link, which fails on an
// existing name, so two writers racing for one name cannot overwrite each
// other).
func WriteNew(path string, perm os.FileMode, write func(w io.Writer) error) error {
	return writeFile(path, perm, write, true)
}

// WriteBytes is Write for content already in memory.
func WriteBytes(path string, perm os.FileMode, data []byte) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

func writeFile(path string, perm os.FileMode, write func(w io.Writer) error, noReplace bool) (err error) {
	dir := filepath.Dir(path)
	tmp, err := createLocked(dir, "."+filepath.Base(path)+tempMark+"*")
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if !closed {
			tmp.Close()
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if runtime.GOOS == "windows" {
		// Windows cannot rename an open file; elsewhere the temp file
		// stays open, and locked, until it has its final name.
		closed = true
		if err = tmp.Close(); err != nil {
			return err
		}
	}
	if err = commit(tmp.Name(), path, noReplace); err != nil {
		return err
	}
	if err = SyncDir(dir); err != nil {
		return err
	}
	if !closed {
		closed = true
		return tmp.Close()
	}
	return nil
}

// commit gives the temp file its final name.
func commit(tmp, path string, noReplace bool) error {
	if !noReplace {
		return os.Rename(tmp, path)
	}
	err := os.Link(tmp, path)
	if err == nil {
		return os.Remove(tmp)
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: %w", path, fs.ErrExist)
	}
	// A file system without hard links: check, then rename.
	if _, serr := os.Lstat(path); serr == nil {
		return fmt.Errorf("%s already exists: %w", path, fs.ErrExist)
	}
	return os.Rename(tmp, path)
}

// createLocked creates a temp file matching pattern in dir and locks it.
func createLocked(dir, pattern string) (*os.File, error) {
	for {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		if lockedInPlace(f, f.Name()) {
			return f, nil
		}
		f.Close() // removed before we could lock it: take a new name
	}
}

// lockedInPlace locks f and checks that name still is f: a RemoveStale
// running between the creation and the lock may have removed it. A file
// system without locks leaves f unlocked (RemoveStale then skips it too).
func lockedInPlace(f *os.File, name string) bool {
	if ok, err := flock.TryLock(f); err != nil || !ok {
		return err != nil
	}
	a, err1 := f.Stat()
	b, err2 := os.Lstat(name)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// TempDir creates a private scratch directory in dir for temporary files
// that belong with a file being written there (excelize's stream buffers),
// locked like a temp file. release removes it with everything in it.
func TempDir(dir, name string) (path string, release func(), err error) {
	for {
		p, err := os.MkdirTemp(dir, "."+name+tempMark+"*")
		if err != nil {
			return "", nil, err
		}
		d, err := os.Open(p)
		if err != nil {
			os.RemoveAll(p)
			return "", nil, err
		}
		if lockedInPlace(d, p) {
			return p, func() { os.RemoveAll(p); d.Close() }, nil
		}
		d.Close()
	}
}

// RemoveStale removes the temp files and directories in dir that Write,
// WriteNew and TempDir left behind when their process was killed, and
// returns their names. Those of a writer still running are locked and
// kept.
func RemoveStale(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, ".") || !strings.Contains(name, tempMark) {
			continue
		}
		p := filepath.Join(dir, name)
		f, err := os.Open(p)
		if err != nil {
			continue // gone already: its writer committed it
		}
		if ok, err := flock.TryLock(f); err == nil && ok {
			if os.RemoveAll(p) == nil {
				removed = append(removed, name)
			}
		}
		f.Close()
	}
	return removed, nil
}

// SyncDir fsyncs a directory, so that a file created or renamed in it
// survives a crash under that name.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
