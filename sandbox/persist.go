package sandbox

import (
	"encoding/json"
	"errors"
	"sync"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
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
	Version int `json:"version"`
	// Seq is the last write the file holds: the state log replays the
	// writes after it (see statelog.go).
	Seq          uint64               `json:"seq,omitempty"`
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

// commit finishes an applied write under the write lock: it counts it,
// gives it a version and, with StatePath, queues the entities it changed
// for the state log; c.wrote tells the pipeline to wait, before answering,
// until the log holds that version. A write that names no entity (units,
// offboarding: rare and rate-limited writes whose changes reach several
// kinds of state) makes the next flush a snapshot instead, so that nothing
// a write changed can be left out of the file.
func (s *Server) commit(c *call, changed ...logRecord) {
	s.stats.write()
	s.version++
	changed = append(changed, s.st.dir.takeNoted()...)
	if c != nil {
		c.wrote = s.version
	}
	if s.opts.StatePath == "" {
		return
	}
	d := &s.dur
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(changed) == 0 {
		d.whole = true
	}
	for _, r := range changed {
		r.V = s.version
		var err error
		if d.pending, err = appendRecord(d.pending, r); err != nil {
			d.err = err
		}
	}
	d.pendingV = s.version
}

// durability is the group commit of the state log: one flusher at a time
// appends the lines queued since the last flush and fsyncs them; every
// write that waited meanwhile is covered by the next flush. A flush costs
// what the writes changed, and a snapshot now and then as much as the log
// it replaces.
type durability struct {
	mu       sync.Mutex
	cond     *sync.Cond
	durable  uint64 // highest version on disk
	flushing bool
	pending  []byte // log lines not yet written
	pendingV uint64 // the version of the last write queued
	err      error  // the log cannot be written any more
	log      stateLog
	snapSize int64 // size of the last snapshot
	whole    bool  // a queued write named no entity: the next flush is a snapshot
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
		if d.err != nil {
			return fail(feishu.CodeInternal, "state file not written")
		}
		if d.flushing {
			d.cond.Wait()
			continue
		}
		d.flushing = true
		buf, upTo, whole := d.pending, d.pendingV, d.whole
		d.pending, d.whole = nil, false
		d.mu.Unlock()
		cur, err := s.flush(buf, upTo, whole)
		d.mu.Lock()
		d.flushing = false
		d.cond.Broadcast()
		if err != nil {
			// The lines go back to the front of the queue: the next
			// flush tries them again (the log was cut back to before them).
			d.pending = append(buf, d.pending...)
			d.whole = d.whole || whole
			s.log.Error("sandbox: writing state file", "err", err)
			return fail(feishu.CodeInternal, "state file not written")
		}
		d.durable = max(d.durable, cur)
	}
	return nil
}

// flush appends the queued lines (every write up to upTo) to the log and,
// when the log has outgrown the last snapshot or a write named no entity
// (whole), takes a new one. It returns the version now durable. Only one
// flush runs at a time.
func (s *Server) flush(buf []byte, upTo uint64, whole bool) (uint64, error) {
	d := &s.dur
	if whole {
		return s.compact()
	}
	if len(buf) > 0 {
		if err := d.log.append(buf); err != nil {
			if errors.Is(err, errLogBroken) {
				d.mu.Lock()
				d.err = err
				d.mu.Unlock()
			}
			return 0, err
		}
	}
	if d.log.size > max(minCompact, d.snapSize) {
		return s.compact()
	}
	return upTo, nil
}

// compact writes the whole state to StatePath (atomically) and empties the
// log, whose lines the snapshot now holds; writes queued meanwhile stay
// queued for the next flush. It returns the version the snapshot holds.
// Caller is the only flusher (or the server is not serving yet).
func (s *Server) compact() (uint64, error) {
	s.mu.RLock()
	f, v := s.snapshot(), s.version
	s.mu.RUnlock()
	f.Seq = v
	b, err := json.Marshal(f)
	if err != nil {
		return 0, err
	}
	if err := atomicfile.WriteBytes(s.opts.StatePath, atomicfile.Private, append(b, '\n')); err != nil {
		return 0, err
	}
	s.dur.snapSize = int64(len(b))
	return v, s.dur.log.empty()
}

// closeState takes a last snapshot and removes the log, so that the state
// file alone holds the tenant; the next flush (a write after Close) starts
// a new log.
func (s *Server) closeState() error {
	if s.opts.StatePath == "" {
		return nil
	}
	d := &s.dur
	d.mu.Lock()
	for d.flushing {
		d.cond.Wait()
	}
	d.flushing = true
	buf, upTo := d.pending, d.pendingV
	d.pending, d.whole = nil, false
	d.mu.Unlock()
	cur, err := s.flush(buf, upTo, false)
	if err == nil {
		cur, err = s.compact()
	}
	if err == nil {
		err = d.log.remove()
	}
	d.mu.Lock()
	d.flushing = false
	if err == nil {
		d.durable = max(d.durable, cur)
	}
	d.cond.Broadcast()
	d.mu.Unlock()
	return err
}
