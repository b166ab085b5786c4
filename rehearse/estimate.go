package rehearse

import (
	"fmt"
	"maps"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/bench"
)

// Estimate is the least time the real import takes at the documented
// rate limits, from the calls the rehearsal made: its read (what the
// plan reads) and then its writes, each bounded by its busiest endpoint
// under window semantics (bench.WindowBound). Latency, retries and the
// tenant lock come on top.
type Estimate struct {
	Read, Write     time.Duration
	ReadBy, WriteBy feishu.Endpoint
	ReadCalls       int
	WriteCalls      int
	// Calls are the execution's calls per endpoint.
	Calls map[feishu.Endpoint]int
}

// NewEstimate bounds a read's and an execution's calls per endpoint.
func NewEstimate(read, exec map[feishu.Endpoint]int) Estimate {
	e := Estimate{Calls: maps.Clone(exec)}
	e.Read, e.ReadBy = bench.WindowBound(read, 1, 0)
	e.Write, e.WriteBy = bench.WindowBound(exec, 1, 0)
	for _, n := range read {
		e.ReadCalls += n
	}
	for _, n := range exec {
		e.WriteCalls += n
	}
	return e
}

// Total is the read's bound plus the execution's.
func (e Estimate) Total() time.Duration { return e.Read + e.Write }

func (e Estimate) String() string {
	s := fmt.Sprintf("at least %s / 至少 %s: reading %d calls %s", round(e.Total()), round(e.Total()), e.ReadCalls, round(e.Read))
	if e.ReadBy != "" {
		s += fmt.Sprintf(" (bound by %s)", e.ReadBy)
	}
	s += fmt.Sprintf(", then %d calls %s", e.WriteCalls, round(e.Write))
	if e.WriteBy != "" {
		s += fmt.Sprintf(" (bound by %s)", e.WriteBy)
	}
	return s
}

func round(d time.Duration) time.Duration {
	if d >= time.Minute {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

// Sub is the calls of after not yet in before, per endpoint.
func Sub(after, before map[feishu.Endpoint]int) map[feishu.Endpoint]int {
	out := map[feishu.Endpoint]int{}
	for ep, n := range after {
		if d := n - before[ep]; d > 0 {
			out[ep] = d
		}
	}
	return out
}
