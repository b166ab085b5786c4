package sandbox

import (
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// rateLimiter counts calls per app and endpoint in fixed windows aligned to
// the server clock (window start = now truncated to the window length).
// A call is admitted only if every window of every endpoint it touches has
// room; a throttled call is not counted, so it uses no quota.
type rateLimiter struct {
	mu       sync.Mutex
	limits   map[feishu.Endpoint]feishu.Limit // already scaled
	scaled   bool                             // report resets as decimals
	counters map[rateKey][]windowCount
}

type rateKey struct {
	app string
	ep  feishu.Endpoint
}

type windowCount struct {
	start time.Time
	count int
}

// throttle describes the window that refused a call.
type throttle struct {
	limit int
	reset time.Duration
}

// newRateLimiter returns nil (no limiting) when scale <= 0.
func newRateLimiter(limits map[feishu.Endpoint]feishu.Limit, scale float64) *rateLimiter {
	if scale <= 0 {
		return nil
	}
	rl := &rateLimiter{limits: map[feishu.Endpoint]feishu.Limit{}, scaled: scale != 1,
		counters: map[rateKey][]windowCount{}}
	for ep, l := range limits {
		rl.limits[ep] = l.Scaled(scale)
	}
	return rl
}

// allow admits a call to all of eps at now, or returns the window that is
// full (the one resetting last when several are).
func (rl *rateLimiter) allow(app string, now time.Time, eps ...feishu.Endpoint) (throttle, bool) {
	if rl == nil {
		return throttle{}, true
	}
	rl.mu.Lock()
	defer rl.mu.Unlock()
	var hit throttle
	full := false
	for _, ep := range eps {
		l := rl.limits[ep]
		cs := rl.windows(app, ep, l, now)
		for i, w := range l {
			if cs[i].count >= w.Count {
				reset := cs[i].start.Add(w.Per).Sub(now)
				if !full || reset > hit.reset {
					hit = throttle{limit: w.Count, reset: reset}
				}
				full = true
			}
		}
	}
	if full {
		return hit, false
	}
	for _, ep := range eps {
		cs := rl.counters[rateKey{app, ep}]
		for i := range cs {
			cs[i].count++
		}
	}
	return throttle{}, true
}

// windows returns the counters of (app, ep), rolled over to the windows
// that contain now.
func (rl *rateLimiter) windows(app string, ep feishu.Endpoint, l feishu.Limit, now time.Time) []windowCount {
	k := rateKey{app, ep}
	cs := rl.counters[k]
	if len(cs) != len(l) {
		cs = make([]windowCount, len(l))
		rl.counters[k] = cs
	}
	for i, w := range l {
		if start := now.Truncate(w.Per); !start.Equal(cs[i].start) {
			cs[i] = windowCount{start: start}
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
