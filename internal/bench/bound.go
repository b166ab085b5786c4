package bench

import (
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// WindowSchedule returns the earliest start of the last of n calls on an
// endpoint with limit l, when every window (Count, Per) allows at most Count
// calls in any interval of length Per: the first Count calls go at once,
// call i no sooner than Per after call i-Count of every window. The greedy
// schedule is the earliest possible one, so no client can start the n-th
// call sooner. An empty limit, or n ≤ 1, gives 0.
func WindowSchedule(n int, l feishu.Limit) time.Duration {
	if n <= 1 || len(l) == 0 {
		return 0
	}
	start := make([]time.Duration, n)
	for i := range start {
		t := time.Duration(0)
		if i > 0 {
			t = start[i-1]
		}
		for _, w := range l {
			if w.Count > 0 && i >= w.Count {
				t = max(t, start[i-w.Count]+w.Per)
			}
		}
		start[i] = t
	}
	return start[n-1]
}

// WindowBound is the least time the calls can take under the scaled
// documented limits: for every endpoint, its last call starts no sooner than
// WindowSchedule and is answered one latency later. It returns the bound
// and the endpoint that sets it.
func WindowBound(calls map[feishu.Endpoint]int, scale float64, latency time.Duration) (time.Duration, feishu.Endpoint) {
	var best time.Duration
	var by feishu.Endpoint
	for ep, n := range calls {
		l, ok := feishu.EndpointLimits[ep]
		if !ok || n == 0 {
			continue
		}
		d := WindowSchedule(n, l.Scaled(scale)) + latency
		if d > best || (d == best && ep < by) {
			best, by = d, ep
		}
	}
	return best, by
}
