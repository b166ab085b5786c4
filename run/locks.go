package run

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"

	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/runlock"
)

// One run at a time. A command that writes to a tenant (import, diff
// --prune --yes) holds the tenant's lock, and an import holds its run
// folder's lock, for as long as it runs; a second one is refused with a
// *runlock.HeldError naming the holder. Both are OS advisory locks
// (internal/runlock): a kill -9 releases them, and a lock file left behind
// never blocks.
//
// Tenant locks live in a per-user directory the caller names (the CLI uses
// the user cache directory): --report is chosen per run, so two imports of
// one tenant from two folders would not see each other's lock there.

// RunLockFile is the lock file inside a run folder.
const RunLockFile = ".orgbatch.lock"

// TenantKey names a tenant by its API root and app: one lock per pair.
func TenantKey(baseURL, appID string) string {
	return strings.ToLower(strings.TrimRight(baseURL, "/")) + " app " + appID
}

// TenantLockPath is where the lock of the tenant named key lives in dir.
func TenantLockPath(dir, key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dir, "tenant-"+hex.EncodeToString(sum[:8])+".lock")
}

// LockTenant takes the lock of the tenant named key, kept in dir.
func LockTenant(dir, key, command string) (*runlock.Lock, error) {
	return runlock.Acquire(TenantLockPath(dir, key), "租户 tenant "+key, runlock.Self(command, ""))
}

// lockFolder takes a run folder's lock, then removes the temporary files an
// earlier, killed run left in it (nobody else can be writing there now).
func lockFolder(dir, command string) (*runlock.Lock, []string, error) {
	l, err := runlock.Acquire(filepath.Join(dir, RunLockFile), "运行目录 run folder "+dir, runlock.Self(command, dir))
	if err != nil {
		return nil, nil, err
	}
	removed, _ := atomicfile.RemoveStale(dir)
	return l, removed, nil
}
