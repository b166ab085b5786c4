package sandbox

import (
	"fmt"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// WindowKind is how the sandbox counts a rate-limit window. The docs say
// that hitting either window of "1000/min & 50/s" throttles and that a 429
// tells the seconds until the window resets; they do not say whether the
// windows are fixed or sliding. A client that keeps at most Count calls in
// any interval of length Per is safe under both.
type WindowKind string

// Window kinds.
const (
	// WindowsFixed counts calls in back-to-back windows of Per starting at
	// the server clock's multiples of Per, shifted by RateWindowOffset.
	// 2·Count calls can pass within a short time around a window's end.
	WindowsFixed WindowKind = "fixed"
	// WindowsSliding admits a call only if fewer than Count calls were
	// admitted in the Per before it: the strictest reading, refusing
	// everything a fixed window of any alignment refuses.
	WindowsSliding WindowKind = "sliding"
)

// ParseWindowKind reads a --rate-windows value.
func ParseWindowKind(s string) (WindowKind, error) {
	switch k := WindowKind(s); k {
	case WindowsFixed, WindowsSliding:
		return k, nil
	case "":
		return WindowsFixed, nil
	}
	return "", fmt.Errorf("rate windows %q: want %s or %s", s, WindowsFixed, WindowsSliding)
}

// rateLimiter counts calls per app and endpoint in every documented window
// of the endpoint. A call is admitted only if every window of every
// endpoint it touches has room; a throttled call is not counted, so it uses
// no quota. The clock is read under the lock, so admissions are in time
// order.
type rateLimiter struct {
	mu       sync.Mutex
	now      func() time.Time
	kind     WindowKind
	offset   time.Duration                    // fixed windows start at offset + k·Per
	limits   map[feishu.Endpoint]feishu.Limit // already scaled
	scaled   bool                             // report resets as decimals
	counters map[rateKey][]*windowCounter
}

type rateKey struct {
	app string
	ep  feishu.Endpoint
}

// windowCounter is one window of one (app, endpoint). Fixed windows use
// start and count; sliding ones keep the times of the last Count admitted
// calls in a ring (admitted[i % Count] is admission i).
type windowCounter struct {
	start    time.Time
	count    int
	admitted []time.Time
	n        int
}

// throttle describes the window that refused a call.
type throttle struct {
	limit int
	reset time.Duration
}

// newRateLimiter returns nil (no limiting) when scale <= 0.
func newRateLimiter(o Options) *rateLimiter {
	if o.RateScale <= 0 {
		return nil
	}
	rl := &rateLimiter{now: o.Now, kind: o.RateWindows, offset: o.RateWindowOffset,
		limits: map[feishu.Endpoint]feishu.Limit{}, scaled: o.RateScale != 1,
		counters: map[rateKey][]*windowCounter{}}
	if rl.kind == "" {
		rl.kind = WindowsFixed
	}
	for ep, l := range o.Limits {
		rl.limits[ep] = l.Scaled(o.RateScale)
	}
	return rl
}

// allow admits a call to all of eps now, or returns the window that is
// full (the one resetting last when several are).
func (rl *rateLimiter) allow(app string, eps ...feishu.Endpoint) (throttle, bool) {
	if rl == nil {
		return throttle{}, true
	}
	rl.mu.Lock()
	defer rl.mu.Unlock()
	now := rl.now()
	var hit throttle
	full := false
	for _, ep := range eps {
		l := rl.limits[ep]
		for i, c := range rl.windows(app, ep, l, now) {
			if reset, ok := rl.room(c, l[i], now); !ok {
				if !full || reset > hit.reset {
					hit = throttle{limit: l[i].Count, reset: reset}
				}
				full = true
			}
		}
	}
	if full {
		return hit, false
	}
	for _, ep := range eps {
		for _, c := range rl.counters[rateKey{app, ep}] {
			c.count++
			if c.admitted != nil {
				c.admitted[c.n%len(c.admitted)] = now
				c.n++
			}
		}
	}
	return throttle{}, true
}

// room reports whether window w has room for one more call at now, and if
// not, how long until it has.
func (rl *rateLimiter) room(c *windowCounter, w feishu.Window, now time.Time) (time.Duration, bool) {
	if rl.kind == WindowsSliding {
		if c.n < w.Count {
			return 0, true
		}
		oldest := c.admitted[(c.n-w.Count)%w.Count] // the Count-th latest admission
		if leaves := oldest.Add(w.Per); now.Before(leaves) {
			return leaves.Sub(now), false
		}
		return 0, true
	}
	if c.count >= w.Count {
		return c.start.Add(w.Per).Sub(now), false
	}
	return 0, true
}

// windows returns the counters of (app, ep); fixed ones are rolled over
// to the windows that contain now.
func (rl *rateLimiter) windows(app string, ep feishu.Endpoint, l feishu.Limit, now time.Time) []*windowCounter {
	k := rateKey{app, ep}
	cs := rl.counters[k]
	if len(cs) != len(l) {
		cs = make([]*windowCounter, len(l))
		for i, w := range l {
			cs[i] = &windowCounter{}
			if rl.kind == WindowsSliding {
				cs[i].admitted = make([]time.Time, w.Count)
			}
		}
		rl.counters[k] = cs
	}
	if rl.kind == WindowsFixed {
		for i, w := range l {
			if start := now.Add(-rl.offset).Truncate(w.Per).Add(rl.offset); !start.Equal(cs[i].start) {
				cs[i].start, cs[i].count = start, 0
			}
		}
	}
	return cs
}

// resetHeader formats x-ogw-ratelimit-reset: whole seconds rounded up at
// real scale, and seconds with millisecond decimals when windows are scaled
// (a 50 ms window would otherwise always read "1").
func (rl *rateLimiter) resetHeader(d time.Duration) string {
	if !rl.scaled {
		return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
	}
	ms := max(1, int64(math.Ceil(float64(d)/float64(time.Millisecond))))
	return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)
}
