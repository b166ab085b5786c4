// Package flock takes OS advisory locks on open files: flock(2) on Unix,
// LockFileEx on Windows. The kernel drops such a lock when the file is
// closed or its process ends, kill -9 included, so a lock left behind by a
// dead process never blocks anyone: a lock file's mere presence means
// nothing, only a live holder does.
package flock

import "os"

// TryLock takes an exclusive lock on f without waiting. It returns false,
// nil when another open file (in this or another process) holds it. The
// lock lasts until Unlock or until f is closed.
func TryLock(f *os.File) (bool, error) { return tryLock(f) }

// Unlock releases a lock taken by TryLock.
func Unlock(f *os.File) error { return unlock(f) }
