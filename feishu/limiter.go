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

// windowsFor collects the limiters of eps, fastest first (see waitTurn).
func (p *Pacer) windowsFor(eps []Endpoint) []*window {
	var ws []*window
	for _, ep := range eps {
		for _, w := range p.windows[ep] {
			if !containsWindow(ws, w) {
				ws = append(ws, w)
			}
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].rate > ws[j].rate })
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

// waitTurn blocks until every limiter in ws admits one call, fastest first.
//
// rate.Limiter reserves slots on a theoretical schedule: a waiter woken a
// little late by the timer does not push the next slot back, so the
// sustained rate is exactly the limiter's rate however busy the machine is.
// The slowest limiter is waited on last so that the call is sent right
// after its slot: a PATCH that also needs the 1 QPS department/freeze
// window gets that slot last, and two such PATCHes are sent a full slot
// apart even if the busy PATCH limiter held one of them up. The faster
// windows' slots taken earlier go unused for a moment, which can only make
// their windows emptier. Plain PATCHes keep flowing meanwhile.
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
	return nil
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
