package feishu

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"
)

// The Pacer's rate limiter: it spends each documented window, it does not
// meter an even stream.
//
// Feishu counts calls in windows — "1000/min & 50/s" throttles when either
// fills, and a 429 says how long until the window resets — but the docs do
// not say whether a window is fixed (aligned how?) or sliding. One rule is
// safe under every reading: at most Count calls in ANY interval of length
// Per. A fixed window, wherever it starts, is such an interval, and a
// sliding window is exactly the rule. So each window keeps the send times of
// its recent calls and admits a call once the Count-th latest of them is at
// least Per + margin old: the first Count calls go at once, and a long
// run goes at Count per Per + margin — all the documented limit allows. A
// call that needs several windows (an endpoint's 50/s and 1000/min, or a
// PATCH's own limits and the 1 QPS limit on moves and freezes) is admitted
// in all of them at the same instant, or waits.
//
// A window's times are send times: the moment the request's headers were
// written, not the moment of admission. Between the two the call is pending
// and counts as sent "now" in every window it holds, so a call held up after
// its admission — fetching a token, opening a connection — cannot let a
// later one through too early. The margin covers what the client cannot
// see: how much longer one request than another takes from being written to
// being counted by the server (network jitter, the server's scheduling). It
// is a duration, not a fraction of the window, so it protects the short
// windows of a time-scaled sandbox as well as the real ones. It starts
// small and doubles (up to MaxMargin) whenever the server answers 429
// anyway: a loaded machine or a jittery network widens it, an idle one
// keeps every window's budget.

// Margins added to every window's Per: the first, and the most it grows to.
const (
	DefaultMargin = 20 * time.Millisecond
	MaxMargin     = 100 * time.Millisecond
)

// window is one documented window of one endpoint.
type window struct {
	ep      Endpoint
	count   int
	per     time.Duration // the documented (scaled) Per
	sent    []time.Time   // send times of the last Per + MaxMargin, oldest first
	pending int           // admitted, not sent yet
}

// opensAt returns when one more call fits, with margin added to Per (a
// time at or before now means now). blocked reports that the window is
// full of calls admitted but not sent yet: it opens only once one of them
// is sent.
func (w *window) opensAt(margin time.Duration) (at time.Time, blocked bool) {
	k := w.count - w.pending // the k-th latest send must have left the window
	switch {
	case k <= 0:
		return time.Time{}, true
	case len(w.sent) < k:
		return time.Time{}, false // older sends have left any window
	}
	return w.sent[len(w.sent)-k].Add(w.per + margin), false
}

// record adds a send at t (never before the last one: times are read under
// the limiter's lock) and drops the sends no margin can bring back into the
// window.
func (w *window) record(t time.Time) {
	old := 0
	for old < len(w.sent) && !w.sent[old].After(t.Add(-w.per-MaxMargin)) {
		old++
	}
	w.sent = append(w.sent[old:], t)
}

// unrecord takes back a send at t: the server did not count it.
func (w *window) unrecord(t time.Time) {
	for i := len(w.sent) - 1; i >= 0; i-- {
		if w.sent[i].Equal(t) {
			w.sent = slices.Delete(w.sent, i, i+1)
			return
		}
	}
}

// clock is the limiter's time: real, or a test's.
type clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed, and a
	// function that releases the timer.
	After(d time.Duration) (<-chan time.Time, func() bool)
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }
func (realClock) After(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// limiter owns every window of a Pacer and is the one place that waits for
// them.
type limiter struct {
	mu      sync.Mutex
	clock   clock
	windows map[Endpoint][]*window
	margin  time.Duration                // added to every window's Per
	sent    chan struct{}                // closed and replaced whenever a pending call is sent
	trace   func(w *window, t time.Time) // tests: sees every send recorded
}

func newLimiter(limits map[Endpoint]Limit, margin time.Duration, c clock) *limiter {
	l := &limiter{clock: c, windows: map[Endpoint][]*window{}, margin: margin, sent: make(chan struct{})}
	for ep, lim := range limits {
		for _, w := range lim {
			if w.Count > 0 && w.Per > 0 {
				l.windows[ep] = append(l.windows[ep], &window{ep: ep, count: w.Count, per: w.Per})
			}
		}
	}
	return l
}

// widen doubles the margin, up to MaxMargin (at least 1 ms): the server
// throttled a call admitted with margin from, so requests reach it less
// evenly than that margin allowed for. Calls admitted together and
// throttled together widen it once: only a call admitted under the margin
// now in force doubles it. It never shrinks during a run.
func (l *limiter) widen(from time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if from == l.margin {
		l.margin = min(max(2*l.margin, time.Millisecond), max(MaxMargin, l.margin))
	}
}

// currentMargin returns the margin in force.
func (l *limiter) currentMargin() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.margin
}

// windowsFor collects the windows of eps, each once, slowest first (so a
// deadline error names the 1 QPS window rather than a busy 50/s one).
func (l *limiter) windowsFor(eps []Endpoint) []*window {
	var ws []*window
	for _, ep := range eps {
		for _, w := range l.windows[ep] {
			if !containsWindow(ws, w) {
				ws = append(ws, w)
			}
		}
	}
	sort.SliceStable(ws, func(i, j int) bool {
		return float64(ws[i].count)/ws[i].per.Seconds() < float64(ws[j].count)/ws[j].per.Seconds() // per > 0
	})
	return ws
}

func containsWindow(ws []*window, w *window) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// slot is one admitted call. The client calls sent when it writes the
// request; the Pacer calls done when the attempt is over.
type slot struct {
	l        *limiter
	ws       []*window
	margin   time.Duration // the margin the call was admitted with
	wasSent  bool
	at       time.Time // its last send
	finished bool
	// throttled: the server answered 429, so it did not count the call.
	throttled bool
}

// acquire waits until every window in ws has room at the same instant and
// admits the call there. prev, if set, is the call's previous attempt: if
// the server throttled it, the new attempt takes its place in the windows
// once admitted — a 429 uses no quota (so the sandbox models it; the docs
// are silent), and a call must count once, or over a long import every
// throttled call would push the last calls into one more window. Until
// then the throttled attempt still counts, so retries that come back
// together are not all let through at once. It waits on a timer for the earliest instant the
// windows' send times allow, or — when calls admitted but not yet sent fill
// a window — until one of them is sent; never in a busy loop. It returns
// ctx's error when ctx ends first, and refuses at once a wait that would
// outlast ctx's deadline.
func (l *limiter) acquire(ctx context.Context, ws []*window, prev *slot) (*slot, error) {
	for {
		l.mu.Lock()
		now := l.clock.Now()
		var at time.Time
		blocked := false
		for _, w := range ws {
			t, b := w.opensAt(l.margin)
			blocked = blocked || b
			if t.After(at) {
				at = t
			}
		}
		if !blocked && !at.After(now) {
			for _, w := range ws {
				w.pending++
			}
			if prev != nil && prev.throttled {
				for _, w := range prev.ws {
					w.unrecord(prev.at)
				}
				prev.throttled = false
			}
			l.mu.Unlock()
			return &slot{l: l, ws: ws, margin: l.margin}, nil
		}
		sent := l.sent
		l.mu.Unlock()
		if dl, ok := ctx.Deadline(); ok && at.After(dl) {
			return nil, fmt.Errorf("feishu: pacer: next slot for %s is after the deadline: %w", ws[0].ep, context.DeadlineExceeded)
		}
		var timer <-chan time.Time
		stop := func() bool { return false }
		if !blocked {
			timer, stop = l.clock.After(at.Sub(now))
		}
		select {
		case <-timer:
		case <-sent:
		case <-ctx.Done():
			stop()
			return nil, ctx.Err()
		}
		stop()
	}
}

// markSent records that the call's request was written now. A second
// request of the same attempt (the client re-sends once with a fresh token)
// is recorded as one more send. After done it does nothing.
func (s *slot) markSent() {
	if s == nil {
		return
	}
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	if !s.finished {
		s.record()
	}
}

// done ends the attempt. A call whose request was never marked sent (an
// API without the hook, or one that failed before writing) is recorded as
// sent now: the latest it could have been, so the windows stay safe.
// throttled marks an attempt the server answered 429: it stays in the
// windows until its retry is admitted, which then takes its place (see
// acquire).
func (s *slot) done(throttled bool) {
	if s == nil {
		return
	}
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	if !s.wasSent {
		s.record()
	}
	s.throttled = throttled
	s.finished = true
}

// record notes a send at now in every window of the slot. Caller holds l.mu.
func (s *slot) record() {
	l := s.l
	now := l.clock.Now()
	s.at = now
	for _, w := range s.ws {
		if !s.wasSent {
			w.pending--
		}
		w.record(now)
		if l.trace != nil {
			l.trace(w, now)
		}
	}
	if !s.wasSent {
		s.wasSent = true
		close(l.sent)
		l.sent = make(chan struct{})
	}
}

// slotKey carries the attempt's slot to the client, which marks it sent.
type slotKey struct{}

func withSlot(ctx context.Context, s *slot) context.Context {
	if s == nil {
		return ctx
	}
	return context.WithValue(ctx, slotKey{}, s)
}

// sentHook returns the function the client calls when it has written the
// request of a paced attempt (nil outside a Pacer.Call).
func sentHook(ctx context.Context) func() {
	if s, ok := ctx.Value(slotKey{}).(*slot); ok {
		return s.markSent
	}
	return nil
}

// sleepCtx waits d or until ctx is done: the Pacer's backoff.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
