package sandbox

// SetStructLockHook lets tests run f while a department write holds the
// tenant structure lock. Set it before any request.
func SetStructLockHook(s *Server, f func()) { s.onStructLocked.Store(&f) }

// SetFaults replaces the fault settings of a running server (the seeded
// source carries on), so a test can fetch a token first and then turn faults
// on or off.
func SetFaults(s *Server, o Options) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.opts = o
}

// SetMinCompact sets the state log size that triggers a snapshot, for the
// rest of the test.
func SetMinCompact(t interface{ Cleanup(func()) }, n int64) {
	old := minCompact
	minCompact = n
	t.Cleanup(func() { minCompact = old })
}
