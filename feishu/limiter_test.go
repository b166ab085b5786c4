package feishu

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// stepClock is a test clock that never waits: After moves the time forward
// by d at once. Sequential calls through it see the schedule the limiter
// decides, independent of the machine's speed.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func newStepClock() *stepClock { return &stepClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) After(d time.Duration) (<-chan time.Time, func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch, func() bool { return false }
}

func (c *stepClock) since(t0 time.Time) time.Duration { return c.Now().Sub(t0) }

// pacerWithClock is a Pacer over limits whose windows follow clk.
func pacerWithClock(clk clock, limits map[Endpoint]Limit, opts ...PacerOption) *Pacer {
	return NewPacer(append([]PacerOption{WithLimits(limits), func(c *pacerConfig) { c.clock = clk }}, opts...)...)
}

func okCall(t *testing.T, p *Pacer, eps ...Endpoint) {
	t.Helper()
	if _, err := p.Call(context.Background(), eps, func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
}

// TestWindowScheduleIsTheBound: the limiter sends the first Count calls of
// a window at once and each later call as soon as the Count-th call before
// it is Per + margin old, in every window of the endpoint together.
func TestWindowScheduleIsTheBound(t *testing.T) {
	const m = 10 * time.Millisecond
	tests := []struct {
		name  string
		limit Limit
		calls int
		want  map[int]time.Duration // call index → its send time
	}{
		{"tier 4, under a minute's count", Tier4, 120, map[int]time.Duration{
			0: 0, 49: 0, 50: time.Second + m, 99: time.Second + m, 100: 2 * (time.Second + m), 119: 2 * (time.Second + m)}},
		{"tier 4, past the minute's count", Tier4, 1001, map[int]time.Duration{
			999: 19 * (time.Second + m), 1000: time.Minute + m}},
		{"1 QPS", Limit{{1, time.Second}}, 3, map[int]time.Duration{0: 0, 1: time.Second + m, 2: 2 * (time.Second + m)}},
		{"scaled ×20", Tier4.Scaled(20), 1001, map[int]time.Duration{
			50: 50*time.Millisecond + m, 999: 19 * (50*time.Millisecond + m), 1000: 3*time.Second + m}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newStepClock()
			p := pacerWithClock(clk, map[Endpoint]Limit{EPCreateUser: tt.limit}, WithMargin(m))
			t0 := clk.Now()
			for i := range tt.calls {
				okCall(t, p, EPCreateUser)
				if want, ok := tt.want[i]; ok {
					if got := clk.since(t0); got != want {
						t.Errorf("call %d sent at %v, want %v", i, got, want)
					}
				}
			}
		})
	}
}

// TestMoveWindowDoesNotHoldPlainPatches: a PATCH that moves a user waits
// for the 1 QPS window and the PATCH windows at once; plain PATCHes keep
// using the PATCH windows meanwhile, and the moves count in them too.
func TestMoveWindowDoesNotHoldPlainPatches(t *testing.T) {
	clk := newStepClock()
	p := pacerWithClock(clk, map[Endpoint]Limit{EPPatchUser: {{3, time.Second}}, EPPatchUserDept: {{1, time.Second}}}, WithMargin(0))
	move := UserPatch{DepartmentIDs: &[]string{"d"}}.Endpoints()
	t0 := clk.Now()
	okCall(t, p, move...)
	okCall(t, p, EPPatchUser)
	if d := clk.since(t0); d != 0 {
		t.Fatalf("a plain PATCH after a move waited %v", d)
	}
	okCall(t, p, EPPatchUser) // the third PATCH of this second (the move counts)
	if d := clk.since(t0); d != 0 {
		t.Fatalf("third PATCH waited %v", d)
	}
	okCall(t, p, move...) // 1 QPS and 3/s: both open after a second
	if d := clk.since(t0); d != time.Second {
		t.Fatalf("second move sent at %v, want 1s", d)
	}
}

// TestPendingCallHoldsItsWindow: a call admitted but not yet sent counts in
// its window until it is sent, and from its send time on, not its admission.
func TestPendingCallHoldsItsWindow(t *testing.T) {
	clk := newStepClock()
	p := pacerWithClock(clk, map[Endpoint]Limit{EPCreateDepartment: {{1, time.Second}}}, WithMargin(0))
	t0 := clk.Now()
	entered, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := p.Call(context.Background(), On(EPCreateDepartment), func(ctx context.Context) error {
			close(entered)
			<-release
			clk.After(300 * time.Millisecond) // e.g. a token fetch before the request
			sentHook(ctx)()
			return nil
		})
		done <- err
	}()
	<-entered
	ws := p.lim.windowsFor(On(EPCreateDepartment))
	p.lim.mu.Lock()
	_, blocked := ws[0].opensAt(0)
	p.lim.mu.Unlock()
	if !blocked {
		t.Fatal("a pending call leaves its window open")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.lim.acquire(ctx, ws, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("acquire beside a pending call = %v, want it to wait", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	okCall(t, p, EPCreateDepartment)
	if d := clk.since(t0); d != 1300*time.Millisecond {
		t.Errorf("next call sent at %v, want 1.3s (the send time + 1s)", d)
	}
}

// TestConcurrentSendsFitEveryWindow: many workers through one Pacer; every
// send the limiter records keeps each window's rule — at most Count sends in
// any interval of Per + margin, so at most Count in any Per, however a
// server aligns fixed windows or slides them.
func TestConcurrentSendsFitEveryWindow(t *testing.T) {
	limits := map[Endpoint]Limit{
		EPCreateUser:    {{4, 15 * time.Millisecond}, {10, 60 * time.Millisecond}},
		EPPatchUser:     {{3, 10 * time.Millisecond}},
		EPPatchUserDept: {{1, 20 * time.Millisecond}},
	}
	p := NewPacer(WithLimits(limits), WithMargin(time.Millisecond))
	var mu sync.Mutex
	sends := map[*window][]time.Time{}
	p.lim.trace = func(w *window, at time.Time) { // called under the limiter's lock
		mu.Lock()
		sends[w] = append(sends[w], at)
		mu.Unlock()
	}
	move := UserPatch{IsFrozen: new(bool)}.Endpoints()
	var wg sync.WaitGroup
	for g := range 12 {
		wg.Go(func() {
			for i := range 6 {
				eps := On(EPCreateUser)
				switch (g + i) % 3 {
				case 1:
					eps = On(EPPatchUser)
				case 2:
					eps = move
				}
				_, err := p.Call(context.Background(), eps, func(ctx context.Context) error {
					if i%2 == 0 {
						sentHook(ctx)() // a client marks its send; other calls are marked when they end
					}
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	total := 0
	for w, ts := range sends {
		total += len(ts)
		for i := w.count; i < len(ts); i++ {
			if gap := ts[i].Sub(ts[i-w.count]); gap < w.per+time.Millisecond {
				t.Errorf("%s window %d per %v: sends %d and %d only %v apart", w.ep, w.count, w.per, i-w.count, i, gap)
			}
		}
	}
	// A third of the calls each: creates hold two windows, plain PATCHes
	// one, moves two (the PATCH window and the 1 QPS one).
	if want := 24*2 + 24*1 + 24*2; total != want {
		t.Errorf("%d sends recorded, want %d", total, want)
	}
}

// TestMarginWidensOn429: when the server throttles a call the windows let
// through, the margin doubles (up to MaxMargin) and later calls keep it.
func TestMarginWidensOn429(t *testing.T) {
	clk := newStepClock()
	p := pacerWithClock(clk, map[Endpoint]Limit{EPCreateUser: {{1, time.Second}}}, WithMargin(30*time.Millisecond))
	recordSleeps(p)
	throttled := &RateLimitError{APIError: APIError{HTTPStatus: 429, Code: 99991400}}
	fn, _ := failing(throttled)
	if _, err := p.Call(context.Background(), On(EPCreateUser), fn); err != nil {
		t.Fatal(err)
	}
	if m := p.Stats().Margin; m != 60*time.Millisecond {
		t.Fatalf("margin after a 429 = %v, want 60ms", m)
	}
	t0 := clk.Now()
	okCall(t, p, EPCreateUser) // a second and the wider margin after the retry
	if d := clk.since(t0); d != time.Second+60*time.Millisecond {
		t.Errorf("next call after %v, want 1.06s", d)
	}
	p.lim.widen(30 * time.Millisecond) // throttled under the old margin: no second doubling
	if m := p.Stats().Margin; m != 60*time.Millisecond {
		t.Errorf("a 429 admitted under the old margin widened it again: %v", m)
	}
	for range 5 {
		p.lim.widen(p.lim.currentMargin())
	}
	if m := p.Stats().Margin; m != MaxMargin {
		t.Errorf("margin = %v, want at most %v", m, MaxMargin)
	}
}

// TestThrottledCallCountsOnce: a call the server answered 429 keeps its
// place in the windows until its retry is admitted (retries coming back
// together are not let through at once), and the retry then takes that
// place: the call counts once, not twice.
func TestThrottledCallCountsOnce(t *testing.T) {
	throttled := &RateLimitError{APIError: APIError{HTTPStatus: 429, Code: 99991400}}
	tests := []struct {
		name        string
		count       int
		retryAt     time.Duration // when the throttled call's retry goes
		nextAt      time.Duration // when the call after it goes
		description string
	}{
		{"room for the retry", 3, 0, 0, "A, B (429), B again, C fit in 3 per second: B counts once"},
		{"no room until the window moves", 2, time.Second, time.Second, "B's 429 still holds its place: the retry waits a second"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newStepClock()
			p := pacerWithClock(clk, map[Endpoint]Limit{EPCreateUser: {{tt.count, time.Second}}}, WithMargin(0))
			recordSleeps(p) // backoff without waiting
			t0 := clk.Now()
			okCall(t, p, EPCreateUser)
			fn, calls := failing(throttled)
			if _, err := p.Call(context.Background(), On(EPCreateUser), fn); err != nil || calls.Load() != 2 {
				t.Fatalf("Call = %v after %d attempts", err, calls.Load())
			}
			if d := clk.since(t0); d < tt.retryAt || d > tt.retryAt+time.Millisecond {
				t.Errorf("%s: retry at %v, want %v", tt.description, d, tt.retryAt)
			}
			okCall(t, p, EPCreateUser)
			if d := clk.since(t0); d < tt.nextAt || d > tt.nextAt+time.Millisecond {
				t.Errorf("%s: next call at %v, want %v", tt.description, d, tt.nextAt)
			}
		})
	}
}
