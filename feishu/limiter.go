package feishu

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"golang.org/x/time/rate"
)

// Why burst 1 and a rate just under Count/Per:
//
// A token bucket with rate r and burst B admits up to B + r·W calls in any
// interval of length W. Feishu counts calls in windows (fixed or sliding,
// the docs do not say) of Per with a cap of Count, and two windows apply at
// once (50/s and 1000/min). With burst 1 calls are spaced at least 1/r apart,
// so any interval W holds at most ⌊r·W⌋ + 1 calls, which is ≤ Count whenever
// r < Count/W: no window of either kind, aligned anywhere, can overflow. A
// bigger burst would let B calls through at the end of one fixed window and
// B more at the start of the next. The safety factor (default 0.98) keeps r
// strictly below Count/W and leaves a little room for network jitter, while
// still using ~98% of the sustained limit. Each window of an endpoint gets
// its own limiter; the tightest one sets the pace.

// window paces one documented window of one endpoint.
type window struct {
	ep      Endpoint
	rate    float64       // admitted calls per second
	spacing time.Duration // 1/rate, rounded up
	lim     *rate.Limiter // queues waiters in arrival order
	last    time.Time     // last admission; guarded by the Pacer's gate mutex
}

func newWindow(ep Endpoint, w Window, safety float64) *window {
	r := float64(w.Count) / w.Per.Seconds() * safety
	return &window{
		ep:      ep,
		rate:    r,
		spacing: time.Duration(math.Ceil(float64(time.Second) / r)),
		lim:     rate.NewLimiter(rate.Limit(r), 1),
	}
}

// buildWindows makes the limiters of every limited endpoint.
func buildWindows(limits map[Endpoint]Limit, safety float64) map[Endpoint][]*window {
	out := make(map[Endpoint][]*window, len(limits))
	for ep, l := range limits {
		for _, w := range l {
			if w.Count > 0 && w.Per > 0 {
				out[ep] = append(out[ep], newWindow(ep, w, safety))
			}
		}
	}
	return out
}

// windowsFor collects the limiters of eps, slowest first (see waitTurn).
func (p *Pacer) windowsFor(eps []Endpoint) []*window {
	var ws []*window
	for _, ep := range eps {
		for _, w := range p.windows[ep] {
			if !containsWindow(ws, w) {
				ws = append(ws, w)
			}
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].rate < ws[j].rate })
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

// waitTurn blocks until every limiter in ws admits one call.
//
// The rate.Limiters queue the waiters fairly, slowest limiter first. Waiting
// on several in turn is not enough on its own when a call needs two
// endpoints' limiters (PATCH user + the 1 QPS department/freeze limit): a
// call can get its 1 QPS slot, then be held up on the busy PATCH limiter
// while the next department PATCH, which found that limiter free, catches up
// with it. So the admission itself is a gate: under one mutex, a call goes
// only if it is at least `spacing` after the last admitted call of each of
// its limiters, and then stamps them all with the same instant. The gate
// alone would guarantee the spacing but would wake every waiter for every
// slot; the limiters make the gate almost always pass at first try.
func (p *Pacer) waitTurn(ctx context.Context, ws []*window) error {
	for _, w := range ws {
		if err := w.lim.Wait(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// The limiter refuses a wait that would outlast ctx's deadline.
			return fmt.Errorf("feishu: pacer: next slot for %s is after the deadline: %w", w.ep, context.DeadlineExceeded)
		}
	}
	for {
		p.gateMu.Lock()
		d := admit(ws, time.Now())
		p.gateMu.Unlock()
		if d <= 0 {
			return nil
		}
		if err := sleepCtx(ctx, d); err != nil {
			return err
		}
	}
}

// admit stamps every window with now and returns 0 when each one's last
// admission is at least its spacing ago; otherwise it changes nothing and
// returns how long to wait. The caller holds the gate mutex.
func admit(ws []*window, now time.Time) time.Duration {
	var need time.Duration
	for _, w := range ws {
		if w.last.IsZero() {
			continue
		}
		if d := w.last.Add(w.spacing).Sub(now); d > need {
			need = d
		}
	}
	if need > 0 {
		return need
	}
	for _, w := range ws {
		w.last = now
	}
	return 0
}

// sleepCtx waits d or until ctx is done: the only real sleep in the project.
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
