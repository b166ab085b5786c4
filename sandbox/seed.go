package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
)

// ErrSheetSeedsNotWired is returned for a non-JSON seed when no SeedLoader
// is configured.
var ErrSheetSeedsNotWired = errors.New("sheet seeds not wired yet")

// loadInitial fills a new server: the state file when it exists (a seed is
// then ignored: the state already holds the seeded org), else the seed,
// which is then written to the state file.
func (s *Server) loadInitial() error {
	if p := s.opts.StatePath; p != "" {
		b, err := os.ReadFile(p)
		switch {
		case err == nil:
			var f StateFile
			if err := json.Unmarshal(b, &f); err != nil {
				return fmt.Errorf("sandbox state %s: %w", p, err)
			}
			if err := s.replayLog(&f); err != nil {
				return fmt.Errorf("sandbox state %s%s: %w", p, logSuffix, err)
			}
			if err := s.loadStateFile(f); err != nil {
				return fmt.Errorf("sandbox state %s: %w", p, err)
			}
			if s.opts.SeedPath != "" {
				s.log.Info("sandbox: state file exists; seed ignored", "state", p, "seed", s.opts.SeedPath)
			}
			return nil
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("sandbox state: %w", err)
		}
	}
	if s.opts.State != nil {
		if err := s.loadStateFile(*s.opts.State); err != nil {
			return fmt.Errorf("sandbox clone: %w", err)
		}
	} else if s.opts.SeedPath == "" {
		if s.opts.StatePath != "" {
			_, err := s.compact() // fail early on an unwritable state path
			return err
		}
		return nil
	} else if err := s.loadSeed(s.opts.SeedPath); err != nil {
		return fmt.Errorf("sandbox seed %s: %w", s.opts.SeedPath, err)
	}
	if s.opts.StatePath != "" {
		_, err := s.compact()
		return err
	}
	return nil
}

// replayLog applies the state log's lines newer than the snapshot f, cuts
// a torn tail off the log, and continues the versions after the last
// write on disk.
func (s *Server) replayLog(f *StateFile) error {
	path := s.opts.StatePath + logSuffix
	recs, good, err := readLog(path)
	if err != nil {
		return err
	}
	s.version = replay(f, recs)
	s.dur.durable = s.version
	if len(recs) == 0 && good == 0 {
		return nil
	}
	if err := os.Truncate(path, good); err != nil {
		return err
	}
	return nil
}

func (s *Server) loadSeed(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if isJSON(path, b) {
		var f StateFile
		if err := json.Unmarshal(b, &f); err != nil {
			return err
		}
		return s.loadStateFile(f)
	}
	if s.opts.SeedLoader == nil {
		return ErrSheetSeedsNotWired
	}
	s.mu.RLock()
	dir := s.st.dir.export()
	s.mu.RUnlock()
	f, err := s.opts.SeedLoader(path, *dir)
	if err != nil {
		return err
	}
	return s.loadStateFile(f)
}

func isJSON(path string, b []byte) bool {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return true
	}
	b = bytes.TrimPrefix(bytes.TrimSpace(b), []byte("\xef\xbb\xbf"))
	return len(b) > 0 && b[0] == '{'
}

func (s *Server) loadStateFile(f StateFile) error {
	if f.Version > stateFileVersion {
		return fmt.Errorf("state file version %d is newer than this sandbox (%d)", f.Version, stateFileVersion)
	}
	if f.TenantName != "" {
		s.st.tenantName, s.st.root.name = f.TenantName, f.TenantName
	}
	if f.Directory != nil {
		if err := s.loadDirectory(*f.Directory); err != nil {
			return err
		}
	}
	if err := s.loadOrg(f); err != nil {
		return err
	}
	if err := s.loadGroups(f.Groups); err != nil {
		return err
	}
	for _, r := range f.ClientTokens {
		s.st.idem.store(r)
	}
	if err := s.st.loadOffboardState(f.Resigned, f.LifecycleOnly); err != nil {
		return err
	}
	s.st.idem.sweep(s.opts.Now())
	return nil
}

// loadDirectory replaces the tenant's schema.
func (s *Server) loadDirectory(f feishu.Directory) error {
	d, err := loadDirectory(f)
	if err != nil {
		return fmt.Errorf("directory: %w", err)
	}
	s.mu.Lock()
	s.st.dir = d
	s.mu.Unlock()
	return nil
}

// Directory returns the tenant's schema.
func (s *Server) Directory() feishu.Directory {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return *s.st.dir.export()
}

// loadOrg adds units, departments and users through the API's rules.
// Departments may come in any order (each waits for its parent); leaders,
// deputies, HRBPs and dotted-line leaders are linked after everyone
// exists, so they may point forward.
func (s *Server) loadOrg(f StateFile) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, in := range f.Units {
		if _, err := s.st.createUnit(in, s.st.nextSeq()); err != nil {
			return fmt.Errorf("unit %q (%s): %w", in.UnitID, in.Name, err)
		}
	}
	made, err := s.loadDepts(f.Departments)
	if err != nil {
		return err
	}
	madeUsers := make([]*user, len(f.Users))
	for i, in := range f.Users {
		in.LeaderUserID, in.DottedLineLeaderUserIDs, in.CustomAttrs = "", nil, nil // linked once everyone exists
		u, err := s.st.createUser(in, storageIDs, true, s.opts.Now())
		if err != nil {
			return fmt.Errorf("user %s: %w", userName(f.Users[i]), err)
		}
		madeUsers[i] = u
	}
	for i, in := range f.Users {
		if err := s.linkUser(madeUsers[i], in); err != nil {
			return fmt.Errorf("user %s: %w", userName(in), err)
		}
	}
	for i, in := range f.Departments {
		if err := s.linkDept(made[i], in); err != nil {
			return fmt.Errorf("department %s: %w", deptName(in), err)
		}
	}
	return nil
}

// loadDepts creates departments parents first, without their people.
func (s *Server) loadDepts(depts []feishu.Department) ([]*dept, error) {
	made := make([]*dept, len(depts))
	pending := make([]int, len(depts))
	for i := range pending {
		pending[i] = i
	}
	for len(pending) > 0 {
		var next []int
		for _, i := range pending {
			in := depts[i]
			if in.ParentDepartmentID != "" && s.st.dept(in.ParentDepartmentID, deptIDCustom) == nil {
				next = append(next, i) // parent not created yet
				continue
			}
			in.LeaderUserID, in.Leaders, in.DepartmentHrbps = "", nil, nil
			d, err := s.st.createDept(in, storageIDs, true)
			if err != nil {
				return nil, fmt.Errorf("department %s: %w", deptName(depts[i]), err)
			}
			made[i] = d
		}
		if len(next) == len(pending) {
			in := depts[next[0]]
			return nil, fmt.Errorf("department %s: %w", deptName(in),
				fail(feishu.CodeDeptNotExist, "parent %q not found", in.ParentDepartmentID))
		}
		pending = next
	}
	return made, nil
}

// seedPerson finds a person a seed links to by user_id. Links are restored
// as they were: a leader may have resigned since.
func (s *Server) seedPerson(id string, c feishu.Code, role string) (*user, error) {
	if l := s.st.userByID[id]; l != nil {
		return l, nil
	}
	return nil, fail(c, "%s %q not found", role, id)
}

func (s *Server) linkUser(u *user, in feishu.User) error {
	if in.LeaderUserID != "" {
		l, err := s.seedPerson(in.LeaderUserID, feishu.CodeLeaderInvalid, "leader")
		if err != nil {
			return err
		}
		if l == u {
			return fail(feishu.CodeLeaderSelf, "a user cannot lead themself")
		}
		u.leader = l
	}
	for _, id := range in.DottedLineLeaderUserIDs {
		l, err := s.seedPerson(id, feishu.CodeLeaderInvalid, "dotted-line leader")
		if err != nil {
			return err
		}
		if l == u {
			return fail(feishu.CodeLeaderSelf, "a user cannot be their own dotted-line leader")
		}
		u.dotted = append(u.dotted, l)
	}
	// Custom attributes may name users (GENERIC_USER) created after them.
	attrs, err := s.st.checkUserAttrs(in.CustomAttrs)
	u.customAttrs = attrs
	return err
}

func (s *Server) linkDept(d *dept, in feishu.Department) error {
	main, deputies := in.MainAndDeputies()
	if main != "" {
		l, err := s.seedPerson(main, feishu.CodeUserIDInvalid, "leader")
		if err != nil {
			return err
		}
		d.leader = l
	}
	for _, id := range deputies {
		u, err := s.seedPerson(id, feishu.CodeUserIDInvalid, "deputy leader")
		if err != nil {
			return err
		}
		d.deputies = append(d.deputies, u)
	}
	for _, id := range in.DepartmentHrbps {
		u, err := s.seedPerson(id, feishu.CodeInvalidHrbps, "HRBP")
		if err != nil {
			return err
		}
		d.hrbps = append(d.hrbps, u)
	}
	return nil
}

func deptName(d feishu.Department) string {
	if d.DepartmentID != "" {
		return fmt.Sprintf("%q (%s)", d.DepartmentID, d.Name)
	}
	return fmt.Sprintf("%q", d.Name)
}

func userName(u feishu.User) string {
	if u.UserID != "" {
		return fmt.Sprintf("%q (%s)", u.UserID, u.Name)
	}
	return fmt.Sprintf("%q", u.Name)
}

// SeedDepartment adds a department through the API's rules. IDs are custom:
// parent_department_id and department_id are department_ids ("0" = root),
// leader_user_id a user_id. A given open_department_id is kept. The answer
// uses the same ID types. With StatePath set, the state file is rewritten.
func (s *Server) SeedDepartment(d feishu.Department) (feishu.Department, error) {
	s.mu.Lock()
	made, err := s.st.createDept(d, storageIDs, true)
	if err != nil {
		s.mu.Unlock()
		return feishu.Department{}, fmt.Errorf("seed department %s: %w", deptName(d), err)
	}
	c := &call{}
	s.commit(c, deptRecord(made))
	out := renderDept(made, storageIDs)
	s.mu.Unlock()
	return out, s.waitDurable(c.wrote)
}

// SeedUser adds a user through the API's rules, with custom IDs like
// SeedDepartment. Given open_id, union_id and status are kept.
func (s *Server) SeedUser(u feishu.User) (feishu.User, error) {
	s.mu.Lock()
	made, err := s.st.createUser(u, storageIDs, true, s.opts.Now())
	if err != nil {
		s.mu.Unlock()
		return feishu.User{}, fmt.Errorf("seed user %s: %w", userName(u), err)
	}
	c := &call{}
	s.commit(c, userRecord(made))
	out := renderUser(made, storageIDs)
	s.mu.Unlock()
	return out, s.waitDurable(c.wrote)
}

// State is the whole tenant as a StateFile (the state file's form).
func (s *Server) State() StateFile {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.snapshot()
}

// Departments returns every department except the root, parents first
// (breadth-first, siblings in display order), with custom IDs as references.
func (s *Server) Departments() []feishu.Department {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.departments()
}

// Units returns every unit in creation order.
func (s *Server) Units() []feishu.Unit {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.allUnits()
}

// Users returns every user, resigned ones included, in creation order,
// with custom IDs as references.
func (s *Server) Users() []feishu.User {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.allUsers()
}

// SetUserStatus sets a user's status flags (tests: frozen, unjoined,
// resigned...). Resigning works like DELETE; un-resigning returns the user
// to the root department, like the resurrect API without departments.
func (s *Server) SetUserStatus(userID string, st feishu.UserStatus) error {
	c := &call{}
	if err := s.setUserStatus(c, userID, st); err != nil {
		return err
	}
	return s.waitDurable(c.wrote)
}

func (s *Server) setUserStatus(c *call, userID string, st feishu.UserStatus) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.userByID[userID]
	if u == nil {
		return fail(feishu.CodeUserIDInvalid, "user_id %q", userID)
	}
	var groups []*group // the groups a resignation takes u out of
	if st.IsResigned {
		groups = s.st.groupsOf(u)
		if u.active() {
			u.resignedAt = s.opts.Now()
		}
		s.st.resignUser(u)
	} else if err := s.st.rejoinUser(u); err != nil {
		return err
	}
	u.status = st
	s.commit(c, append([]logRecord{userRecord(u)}, leftGroups(groups, u)...)...)
	return nil
}
