package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/orgbatch/orgbatch/feishu"
)

// stateFileVersion is the version of the state file format.
const stateFileVersion = 1

// StateFile is the JSON form of a tenant: the state file, the /_sandbox/state
// dump and the JSON seed format. Departments come parents first and name
// their parent by custom department_id ("0" = root); users name departments
// by custom department_id and leaders by user_id; departments name their
// leaders, deputies and HRBPs by user_id and their unit by unit_id (units
// are loaded first). Member counts are derived and ignored on load. It
// never holds the app secret or access tokens.
type StateFile struct {
	Version      int                  `json:"version"`
	TenantName   string               `json:"tenant_name,omitempty"`
	Departments  []feishu.Department  `json:"departments"`
	Users        []feishu.User        `json:"users"`
	Units        []feishu.Unit        `json:"units,omitempty"`
	ClientTokens []*ClientTokenRecord `json:"client_tokens,omitempty"`
	// Directory is the tenant's schema (employee types, custom attributes,
	// job levels, families, titles, cities). A seed without one keeps the
	// server's (Options.Directory).
	Directory *feishu.Directory `json:"directory,omitempty"`
	// Offboarding state (offboard_ops.go): deletions with their time and
	// handover, and the users only the lifecycle engine may delete.
	Resigned      []ResignedRecord `json:"resigned,omitempty"`
	LifecycleOnly []string         `json:"lifecycle_only,omitempty"`
}

// snapshot renders the state as a StateFile. Caller holds s.mu.
func (s *Server) snapshot() StateFile {
	f := StateFile{Version: stateFileVersion, TenantName: s.st.tenantName,
		Departments: s.st.departments(), Users: s.st.allUsers(), Units: s.st.allUnits(),
		ClientTokens: s.st.idem.all(s.opts.Now()), Directory: s.st.dir.export()}
	f.Resigned, f.LifecycleOnly = s.st.offboardState()
	return f
}

func (st *state) departments() []feishu.Department {
	out := []feishu.Department{}
	st.root.walk(func(d *dept) { out = append(out, renderDept(d, storageIDs)) })
	return out
}

func (st *state) allUnits() []feishu.Unit {
	var out []feishu.Unit
	for _, u := range st.units.inSeq {
		out = append(out, renderUnit(u))
	}
	return out
}

func (st *state) allUsers() []feishu.User {
	out := make([]feishu.User, 0, len(st.users))
	for _, u := range st.users {
		out = append(out, renderUser(u, storageIDs))
	}
	return out
}

// commit finishes an applied write under the write lock: it counts it and
// gives it a version; c.wrote tells the pipeline to wait, before answering,
// until the state file holds that version.
func (s *Server) commit(c *call) {
	s.stats.write()
	s.version++
	if c != nil {
		c.wrote = s.version
	}
}

// durability is the group commit of the state file: one writer at a time
// renders the whole state and replaces the file; every write that waited
// meanwhile is covered by the next flush. A flush is O(size of the tenant),
// so with StatePath set the cost per write falls as concurrency grows.
type durability struct {
	mu       sync.Mutex
	cond     *sync.Cond
	durable  uint64 // highest version on disk
	flushing bool
}

// waitDurable returns once version v is in the state file (at once without
// StatePath). If the file cannot be written it returns 40003: the change
// stays in memory but is not acknowledged. Caller must not hold s.mu.
func (s *Server) waitDurable(v uint64) error {
	if s.opts.StatePath == "" || v == 0 {
		return nil
	}
	d := &s.dur
	d.mu.Lock()
	defer d.mu.Unlock()
	for d.durable < v {
		if d.flushing {
			d.cond.Wait()
			continue
		}
		d.flushing = true
		d.mu.Unlock()
		cur, err := s.flush()
		d.mu.Lock()
		d.flushing = false
		d.cond.Broadcast()
		if err != nil {
			s.log.Error("sandbox: writing state file", "err", err)
			return fail(feishu.CodeInternal, "state file not written")
		}
		d.durable = max(d.durable, cur)
	}
	return nil
}

// flush writes the current state and returns the version it holds.
func (s *Server) flush() (uint64, error) {
	s.mu.RLock()
	f, v := s.snapshot(), s.version
	s.mu.RUnlock()
	b, err := json.Marshal(f)
	if err != nil {
		return 0, err
	}
	return v, writeFileAtomic(s.opts.StatePath, append(b, '\n'))
}

// writeFileAtomic replaces path with data so that a crash leaves either the
// old or the new file: temp file in the same directory, write, fsync,
// rename, fsync the directory.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("fsync %s: %w", dir, err)
	}
	return nil
}
