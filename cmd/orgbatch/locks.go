package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/runlock"
	"github.com/orgbatch/orgbatch/run"
)

// One run at a time (package run holds the locks). Tenant locks live in
// the user's cache directory (os.UserCacheDir, e.g. ~/.cache/orgbatch/locks;
// ORGBATCH_LOCK_DIR overrides it), not in the report directory: --report is
// chosen per run (and "reports" is relative to where orgbatch is started),
// so two imports of one tenant from two folders would not see each other's
// lock there. The lock is per user, as credentials and report folders are;
// the embedded --sandbox is private to its process and needs none.

// EnvLockDir overrides where tenant locks are kept.
const EnvLockDir = "ORGBATCH_LOCK_DIR"

func lockDir(io *IOStreams, reportDir string) string {
	if d := io.Getenv(EnvLockDir); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "orgbatch", "locks")
	}
	return filepath.Join(reportDir, ".locks") // no cache directory: the next best shared place
}

// lockTenant takes the lock of the target's tenant; nil for the embedded
// sandbox.
func lockTenant(io *IOStreams, tgt *target, reportDir, command string) (*runlock.Lock, error) {
	if tgt.Sandbox != nil {
		return nil, nil
	}
	l, err := run.LockTenant(lockDir(io, reportDir), run.TenantKey(tgt.BaseURL, tgt.AppID), command)
	return l, lockError(err)
}

// removeStale removes the temporary files of killed runs from dir.
func removeStale(io *IOStreams, dir string) {
	removed, _ := atomicfile.RemoveStale(dir)
	sayRemoved(io, dir, removed)
}

func sayRemoved(io *IOStreams, dir string, removed []string) {
	if len(removed) > 0 && !io.Quiet {
		fmt.Fprintf(io.ErrOut, "清理 removed %d temporary file(s) left by an interrupted run in %s\n", len(removed), dir)
	}
}

// lockError makes a held lock, or a run folder that cannot be used, a
// usage-class refusal (exit 2): nothing was done.
func lockError(err error) error {
	var held *runlock.HeldError
	var refused *run.RefusedError
	if errors.As(err, &held) || errors.As(err, &refused) {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return err
}
