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
// changes collide, so the limit behaves like TCP congestion control: halve on
// a collision, add one after growAfter successes in a row.
type structureSem struct {
	mu        sync.Mutex
	max       int
	limit     int
	inUse     int
	streak    int
	growAfter int
	epoch     int           // bumped on every decrease
	wake      chan struct{} // closed and replaced whenever a slot may have opened
}

func newStructureSem(max, growAfter int) *structureSem {
	return &structureSem{max: max, limit: max, growAfter: growAfter, wake: make(chan struct{})}
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
		if s.streak >= s.growAfter {
			s.streak = 0
			if s.limit < s.max {
				s.limit++
			}
		}
	case ErrorCode(err) == CodeTenantLock.Num:
		s.streak = 0
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
