package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/runlock"
)

// One run at a time. A command that writes to a tenant (import, diff
// --prune --yes) holds the tenant's lock, and an import holds its run
// folder's lock, for as long as it runs; a second one exits naming the
// holder. Both are OS advisory locks (internal/runlock): a kill -9 releases
// them, and a lock file left behind never blocks.
//
// Tenant locks live in the user's cache directory (os.UserCacheDir, e.g.
// ~/.cache/orgbatch/locks; ORGBATCH_LOCK_DIR overrides it), not in the
// report directory: --report is chosen per run (and "reports" is relative
// to where orgbatch is started), so two imports of one tenant from two
// folders would not see each other's lock there. The lock is per user, as
// credentials and report folders are; the embedded --sandbox is private to
// its process and needs none.

// EnvLockDir overrides where tenant locks are kept.
const EnvLockDir = "ORGBATCH_LOCK_DIR"

// runLockFile is the lock file inside a run folder.
const runLockFile = ".orgbatch.lock"

func lockDir(io *IOStreams, reportDir string) string {
	if d := io.Getenv(EnvLockDir); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "orgbatch", "locks")
	}
	return filepath.Join(reportDir, ".locks") // no cache directory: the next best shared place
}

// tenantKey names a tenant by its API root and app: one lock per pair.
func tenantKey(baseURL, appID string) string {
	return strings.ToLower(strings.TrimRight(baseURL, "/")) + " app " + appID
}

// lockTenant takes the lock of the target's tenant; nil for the embedded
// sandbox.
func lockTenant(io *IOStreams, tgt *target, reportDir, command string) (*runlock.Lock, error) {
	if tgt.Sandbox != nil {
		return nil, nil
	}
	key := tenantKey(tgt.BaseURL, tgt.AppID)
	l, err := runlock.Acquire(tenantLockPath(io, reportDir, key), "租户 tenant "+key, runlock.Self(command, ""))
	return l, lockError(err)
}

func tenantLockPath(io *IOStreams, reportDir, key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(lockDir(io, reportDir), "tenant-"+hex.EncodeToString(sum[:8])+".lock")
}

// lockRunDir takes a run folder's lock, then removes the temporary files an
// earlier, killed run left in it (nobody else can be writing there now).
func lockRunDir(io *IOStreams, dir, command string) (*runlock.Lock, error) {
	l, err := runlock.Acquire(filepath.Join(dir, runLockFile), "运行目录 run folder "+dir, runlock.Self(command, dir))
	if err != nil {
		return nil, lockError(err)
	}
	removeStale(io, dir)
	return l, nil
}

// removeStale removes the temporary files of killed runs from dir.
func removeStale(io *IOStreams, dir string) {
	removed, _ := atomicfile.RemoveStale(dir)
	if len(removed) > 0 && !io.Quiet {
		fmt.Fprintf(io.ErrOut, "清理 removed %d temporary file(s) left by an interrupted run in %s\n", len(removed), dir)
	}
}

// lockError makes a held lock a usage-class refusal (exit 2): nothing was
// done, run again when the other process has finished.
func lockError(err error) error {
	var held *runlock.HeldError
	if errors.As(err, &held) {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return err
}
