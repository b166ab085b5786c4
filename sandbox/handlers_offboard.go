package sandbox

import (
	"fmt"
	"maps"

	"github.com/orgbatch/orgbatch/feishu"
)

// Offboarding endpoints (offboard_ops.go) and the test hooks around them.

// deleteUser is DELETE /users/:id: the user resigns, their resources go to
// the acceptors of the optional body (or Feishu's defaults).
func (s *Server) deleteUser(c *call) (any, error) {
	var d feishu.UserDelete
	if err := decodeBody(c.body, &d); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.pathUser(c)
	if err != nil {
		return nil, err
	}
	if !u.active() {
		return struct{}{}, nil
	}
	if err := s.st.deleteUser(u, d, c.ids, c.now); err != nil {
		return nil, err
	}
	s.commit(c, resignedRecord(u))
	return struct{}{}, nil
}

// resurrectUser is POST /users/:id/resurrect.
func (s *Server) resurrectUser(c *call) (any, error) {
	var in feishu.UserResurrect
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.pathUser(c)
	if err != nil {
		return nil, err
	}
	if err := s.st.resurrectUser(u, in, c.ids, c.now); err != nil {
		return nil, err
	}
	s.commit(c)
	return struct{}{}, nil
}

// Handover returns who received each resource of a deleted user (a
// user_id, or HandKept, HandDeleted, HandRetained, HandFirstMember), and
// false for a user who was never deleted through the API.
func (s *Server) Handover(userID string) (map[string]string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u := s.st.userByID[userID]
	if u == nil || u.handover == nil {
		return nil, false
	}
	return maps.Clone(u.handover), true
}

// SetLifecycleOnly marks a user the tenant lets go only through its
// lifecycle engine (member life cycle): deleting them is 44062.
func (s *Server) SetLifecycleOnly(userID string, on bool) error {
	s.mu.Lock()
	u := s.st.userByID[userID]
	if u == nil {
		s.mu.Unlock()
		return fmt.Errorf("sandbox: no user %q", userID)
	}
	u.lifecycleOnly = on
	c := &call{}
	s.commit(c)
	s.mu.Unlock()
	return s.waitDurable(c.wrote)
}
