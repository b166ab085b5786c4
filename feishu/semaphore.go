package feishu

import (
	"context"
	"errors"
	"sync"
)

// errNeverSent marks an attempt that ended before fn ran (for the semaphore).
var errNeverSent = errors.New("never sent")

// structureSem is the adaptive concurrency limit of department structure
// writes. The tenant structure lock (43024) means concurrent structure
// changes can collide, so the limit behaves like TCP congestion control: it
// starts small and, in slow start, adds one per success, up to max (the
// rate-limit windows, not this limit, then pace the writes); from the first
// collision on it halves on a collision and adds one after growAfter
// successes in a row.
type structureSem struct {
	mu        sync.Mutex
	max       int
	limit     int
	inUse     int
	streak    int
	growAfter int
	slowStart bool          // no collision seen yet
	epoch     int           // bumped on every decrease
	wake      chan struct{} // closed and replaced whenever a slot may have opened
}

func newStructureSem(most, start, growAfter int) *structureSem {
	return &structureSem{max: most, limit: max(1, start), growAfter: growAfter, slowStart: true, wake: make(chan struct{})}
}

// acquire takes a slot and returns the epoch it was taken in.
func (s *structureSem) acquire(ctx context.Context) (epoch int, err error) {
	for {
		s.mu.Lock()
		if s.inUse < s.limit {
			s.inUse++
			e := s.epoch
			s.mu.Unlock()
			return e, nil
		}
		wake := s.wake
		s.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// release returns a slot taken in epoch and adapts the limit to how the
// attempt ended. Several attempts in flight when the lock contention starts
// all fail together; only the first of them, one taken since the last
// decrease, halves the limit, so one burst of collisions is one halving, not
// a collapse to 1.
func (s *structureSem) release(epoch int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inUse--
	switch {
	case err == nil:
		s.streak++
		if s.slowStart || s.streak >= s.growAfter {
			s.streak = 0
			if s.limit < s.max {
				s.limit++
			}
		}
	case ErrorCode(err) == CodeTenantLock.Num:
		s.streak, s.slowStart = 0, false
		if epoch == s.epoch {
			s.limit = max(1, s.limit/2)
			s.epoch++
		}
	}
	close(s.wake)
	s.wake = make(chan struct{})
}

// current returns the limit now in force.
func (s *structureSem) current() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limit
}
