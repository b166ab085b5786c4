package feishu

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// sleepRecorder replaces the Pacer's sleep: it records instead of waiting,
// so tests check what the Pacer decided, not how long the machine took.
type sleepRecorder struct {
	mu     sync.Mutex
	sleeps []time.Duration
}

func recordSleeps(p *Pacer) *sleepRecorder {
	r := &sleepRecorder{}
	p.sleep = func(ctx context.Context, d time.Duration) error {
		r.mu.Lock()
		r.sleeps = append(r.sleeps, d)
		r.mu.Unlock()
		return ctx.Err()
	}
	return r
}

func (r *sleepRecorder) get() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.sleeps...)
}

// unlimited is a Pacer without rate limits, for retry tests.
func unlimited(opts ...PacerOption) *Pacer {
	return NewPacer(append([]PacerOption{WithLimits(nil), WithRand(rand.New(rand.NewPCG(1, 2)))}, opts...)...)
}

// failing returns an fn that fails with errs in turn, then succeeds.
func failing(errs ...error) (fn func(context.Context) error, calls *atomic.Int32) {
	calls = new(atomic.Int32)
	return func(context.Context) error {
		n := int(calls.Add(1))
		if n <= len(errs) {
			return errs[n-1]
		}
		return nil
	}, calls
}

func TestPacerRetriesThenSucceeds(t *testing.T) {
	tests := []struct {
		name string
		err  error
	}{
		{"network", &NetError{Op: "GET /x", Err: io.ErrUnexpectedEOF}},
		{"5xx", apiErr(502, 0)},
		{"tenant lock", apiErr(400, 43024)},
		{"user lock", apiErr(400, 44025)},
		{"token", apiErr(400, 99991663)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := unlimited()
			rec := recordSleeps(p)
			fn, calls := failing(tt.err, tt.err)
			attempts, err := p.Call(context.Background(), On(EPCreateUser), fn)
			if err != nil || attempts != 3 || calls.Load() != 3 {
				t.Fatalf("Call = %d, %v (fn called %d times); want 3, nil", attempts, err, calls.Load())
			}
			sleeps := rec.get()
			if len(sleeps) != 2 {
				t.Fatalf("slept %d times, want 2", len(sleeps))
			}
			for i, d := range sleeps {
				if ceil := DefaultBackoffBase << i; d < 0 || d > ceil {
					t.Errorf("sleep %d = %v, want within [0, %v]", i, d, ceil)
				}
			}
			s := p.Stats()
			if s.Retries != 2 || s.Attempts[EPCreateUser] != 3 {
				t.Errorf("stats = %+v", s)
			}
		})
	}
}

func TestPacerStopsOnPermanentError(t *testing.T) {
	for _, perm := range []error{apiErr(400, 41001), apiErr(400, 44054), apiErr(403, 40004), errors.New("bad input")} {
		p := unlimited()
		rec := recordSleeps(p)
		fn, _ := failing(perm, perm)
		attempts, err := p.Call(context.Background(), On(EPCreateUser), fn)
		if attempts != 1 || err != perm {
			t.Errorf("%v: Call = %d, %v; want 1 and the same error", perm, attempts, err)
		}
		if len(rec.get()) != 0 {
			t.Errorf("%v: slept", perm)
		}
	}
}

func TestPacerMaxAttempts(t *testing.T) {
	p := unlimited(WithMaxAttempts(3))
	recordSleeps(p)
	last := apiErr(503, 0)
	fn, calls := failing(apiErr(500, 0), apiErr(502, 0), last, apiErr(504, 0))
	attempts, err := p.Call(context.Background(), On(EPGetUser), fn)
	if attempts != 3 || err != last || calls.Load() != 3 {
		t.Errorf("Call = %d, %v; want 3 and the third error", attempts, err)
	}
}

func TestPacerStopsWhenContextEnds(t *testing.T) {
	t.Run("before the first attempt", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		fn, calls := failing()
		attempts, err := unlimited().Call(ctx, On(EPGetUser), fn)
		if attempts != 0 || err != context.Canceled || calls.Load() != 0 {
			t.Errorf("Call = %d, %v", attempts, err)
		}
	})
	t.Run("during an attempt", func(t *testing.T) {
		p := unlimited()
		rec := recordSleeps(p)
		ctx, cancel := context.WithCancel(context.Background())
		attempts, err := p.Call(ctx, On(EPGetUser), func(ctx context.Context) error {
			cancel()
			return ctx.Err() // what the client returns when ctx ends mid-request
		})
		if attempts != 1 || err != context.Canceled || len(rec.get()) != 0 {
			t.Errorf("Call = %d, %v", attempts, err)
		}
	})
	t.Run("during the backoff sleep", func(t *testing.T) {
		p := unlimited(WithBackoff(time.Hour, time.Hour)) // real sleep, far longer than any test
		ctx, cancel := context.WithCancel(context.Background())
		failed := make(chan struct{})
		go func() { <-failed; cancel() }()
		var once sync.Once
		attempts, err := p.Call(ctx, On(EPGetUser), func(ctx context.Context) error {
			once.Do(func() { close(failed) })
			return apiErr(502, 0)
		})
		if attempts != 1 || err != context.Canceled {
			t.Errorf("Call = %d, %v; want 1, context.Canceled", attempts, err)
		}
	})
	t.Run("waiting for the structure limit", func(t *testing.T) {
		p := unlimited(WithMaxConcurrent(1))
		epoch, _ := p.sem.acquire(context.Background()) // the only slot is taken
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		fn, calls := failing()
		attempts, err := p.Call(ctx, On(EPCreateDepartment), fn)
		if attempts != 0 || err != context.Canceled || calls.Load() != 0 {
			t.Errorf("Call = %d, %v", attempts, err)
		}
		p.sem.release(epoch, nil)
	})
}

func TestPacerHonoursRateLimitReset(t *testing.T) {
	tests := []struct {
		name     string
		reset    time.Duration
		base     time.Duration
		min, max time.Duration // bounds of the recorded sleep
	}{
		{"server reset, tiny backoff", 30 * time.Millisecond, time.Nanosecond, 30 * time.Millisecond, 30*time.Millisecond + time.Nanosecond},
		{"unknown reset", 0, time.Nanosecond, DefaultRateLimitWait, DefaultRateLimitWait + time.Nanosecond},
		{"reset beats default backoff", 2 * time.Second, DefaultBackoffBase, 2 * time.Second, 2*time.Second + 200*time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := unlimited(WithBackoff(tt.base, time.Minute))
			var mu sync.Mutex
			var events []string
			p.sleep = func(ctx context.Context, d time.Duration) error {
				mu.Lock()
				defer mu.Unlock()
				events = append(events, "sleep")
				if d < tt.min || d > tt.max {
					t.Errorf("slept %v, want within [%v, %v]", d, tt.min, tt.max)
				}
				return nil
			}
			throttled := &RateLimitError{APIError: APIError{HTTPStatus: 429, Code: 99991400}, Reset: tt.reset}
			n := 0
			attempts, err := p.Call(context.Background(), On(EPCreateUser), func(context.Context) error {
				mu.Lock()
				defer mu.Unlock()
				n++
				events = append(events, "attempt")
				if n == 1 {
					return throttled
				}
				return nil
			})
			if err != nil || attempts != 2 {
				t.Fatalf("Call = %d, %v", attempts, err)
			}
			if got := events; len(got) != 3 || got[0] != "attempt" || got[1] != "sleep" || got[2] != "attempt" {
				t.Errorf("events = %v, want attempt, sleep, attempt", got)
			}
			if s := p.Stats(); s.RateLimited != 1 || s.BackoffWait < tt.min {
				t.Errorf("stats = %+v", s)
			}
		})
	}
}

func TestBackoffFullJitter(t *testing.T) {
	base, cap := 100*time.Millisecond, 2*time.Second
	p := unlimited(WithBackoff(base, cap), WithRand(rand.New(rand.NewPCG(7, 7))))
	q := unlimited(WithBackoff(base, cap), WithRand(rand.New(rand.NewPCG(7, 7))))
	for n := 1; n <= 40; n++ {
		ceil := cap
		if n < 6 {
			ceil = min(cap, base<<(n-1))
		}
		var high bool
		for range 200 {
			d := p.backoff(n, 0)
			if d < 0 || d > ceil {
				t.Fatalf("backoff(%d) = %v, outside [0, %v]", n, d, ceil)
			}
			if d > ceil/2 {
				high = true
			}
			if e := q.backoff(n, 0); e != d {
				t.Fatalf("same seed, different jitter: %v vs %v", d, e)
			}
		}
		if !high {
			t.Errorf("backoff(%d) never above half its ceiling: not full jitter", n)
		}
	}
}

func TestAdaptiveStructureLimit(t *testing.T) {
	p := unlimited(WithMaxConcurrent(8), WithStartConcurrent(8), WithGrowAfter(3))
	recordSleeps(p)
	ctx := context.Background()
	call := func(ep Endpoint, errs ...error) {
		t.Helper()
		fn, _ := failing(errs...)
		if _, err := p.Call(ctx, On(ep), fn); err != nil {
			t.Fatal(err)
		}
	}
	limit := func() int { return p.Stats().StructureLimit }
	if limit() != 8 {
		t.Fatalf("initial limit %d", limit())
	}
	lock := apiErr(400, CodeTenantLock.Num)
	call(EPCreateDepartment, lock) // fails once, then succeeds: streak 1
	if limit() != 4 {
		t.Fatalf("after a 43024: limit %d, want 4", limit())
	}
	call(EPPatchDepartment)
	call(EPDeleteDepartment) // third success in a row
	if limit() != 5 {
		t.Fatalf("after 3 successes: limit %d, want 5", limit())
	}
	call(EPCreateDepartment, lock, lock, lock, lock)
	if limit() != 1 {
		t.Fatalf("after four collisions: limit %d, want 1 (never 0)", limit())
	}
	call(EPCreateUser, lock) // not a structure write: no effect
	call(EPCreateUser, apiErr(400, 43030))
	if limit() != 1 {
		t.Fatalf("non-structure endpoint changed the limit: %d", limit())
	}
	for range 3 * 3 {
		call(EPCreateDepartment)
	}
	if limit() != 4 {
		t.Fatalf("recovery: limit %d, want 4", limit())
	}
	if s := p.Stats(); s.LockErrors != 7 {
		t.Errorf("LockErrors = %d, want 7", s.LockErrors)
	}
}

// TestStructureSlowStart: the structure limit starts small and grows by one
// per success up to its maximum until the first 43024; from then on it
// halves on a collision and grows by one per growAfter successes.
func TestStructureSlowStart(t *testing.T) {
	s := newStructureSem(6, 2, 3)
	ctx := context.Background()
	step := func(err error) {
		t.Helper()
		e, aerr := s.acquire(ctx)
		if aerr != nil {
			t.Fatal(aerr)
		}
		s.release(e, err)
	}
	var got []int
	for range 5 {
		step(nil)
		got = append(got, s.current())
	}
	step(apiErr(400, CodeTenantLock.Num))
	got = append(got, s.current())
	for range 3 {
		step(nil)
		got = append(got, s.current())
	}
	want := []int{3, 4, 5, 6, 6, 3, 3, 3, 4}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("limits %v, want %v", got, want)
	}
}

func TestStructureSemOneHalvingPerBurst(t *testing.T) {
	s := newStructureSem(8, 8, 20)
	ctx := context.Background()
	var epochs []int
	for range 3 {
		e, err := s.acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		epochs = append(epochs, e)
	}
	lock := apiErr(400, 43024)
	for _, e := range epochs {
		s.release(e, lock) // three attempts from before the decrease
	}
	if s.current() != 4 {
		t.Errorf("limit = %d, want 4 (one halving for one burst)", s.current())
	}
	e, _ := s.acquire(ctx)
	s.release(e, lock) // a new attempt collides again
	if s.current() != 2 {
		t.Errorf("limit = %d, want 2", s.current())
	}
	e, _ = s.acquire(ctx)
	s.release(e, errNeverSent) // neutral
	if s.current() != 2 || s.streak != 0 {
		t.Errorf("neutral release changed state: limit %d streak %d", s.current(), s.streak)
	}
}

func TestStructureSemBlocksAtLimit(t *testing.T) {
	s := newStructureSem(1, 1, 20)
	e, err := s.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.acquire(canceled); err != context.Canceled {
		t.Fatalf("acquire at the limit = %v, want it to block until ctx ends", err)
	}
	got := make(chan error)
	go func() { _, err := s.acquire(context.Background()); got <- err }()
	s.release(e, nil)
	if err := <-got; err != nil {
		t.Fatal(err)
	}
}

func TestStructureConcurrencyBound(t *testing.T) {
	p := unlimited(WithMaxConcurrent(2))
	var inFlight, peak atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := p.Call(context.Background(), On(EPPatchDepartment), func(context.Context) error {
				n := inFlight.Add(1)
				for {
					old := peak.Load()
					if n <= old || peak.CompareAndSwap(old, n) {
						break
					}
				}
				defer inFlight.Add(-1)
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if peak.Load() > 2 {
		t.Errorf("%d structure writes in flight, limit 2", peak.Load())
	}
}

func TestPacerWaitsOnLimiters(t *testing.T) {
	per := 20 * time.Millisecond
	p := NewPacer(WithLimits(map[Endpoint]Limit{EPGetUser: {{1, per}}}))
	const calls = 4
	start := time.Now()
	for range calls {
		if _, err := p.Call(context.Background(), On(EPGetUser), func(context.Context) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	// A lower bound only: a slow machine can make this longer, never shorter.
	if min := time.Duration(calls-1) * per; time.Since(start) < min {
		t.Errorf("%d calls took %v, limit allows no less than %v", calls, time.Since(start), min)
	}
	if s := p.Stats(); s.LimiterWait <= 0 || s.Attempts[EPGetUser] != calls {
		t.Errorf("stats = %+v", s)
	}
}

func TestPacerDeadlineBeforeSlot(t *testing.T) {
	p := NewPacer(WithLimits(map[Endpoint]Limit{EPGetUser: {{1, time.Hour}}}))
	ok := func(context.Context) error { return nil }
	if _, err := p.Call(context.Background(), On(EPGetUser), ok); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	attempts, err := p.Call(ctx, On(EPGetUser), ok) // next slot is an hour away
	if attempts != 0 || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Call = %d, %v; want 0 and DeadlineExceeded", attempts, err)
	}
}

func TestPacerCountsBothEndpointsOfADepartmentMove(t *testing.T) {
	p := unlimited()
	depts := []string{"D2"}
	if _, err := p.Call(context.Background(), UserPatch{DepartmentIDs: &depts}.Endpoints(), func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	s := p.Stats()
	if s.Attempts[EPPatchUser] != 1 || s.Attempts[EPPatchUserDept] != 1 {
		t.Errorf("attempts = %v", s.Attempts)
	}
	s.Attempts[EPPatchUser] = 99 // Stats returns a copy
	if p.Stats().Attempts[EPPatchUser] != 1 {
		t.Error("Stats shares its map")
	}
}
