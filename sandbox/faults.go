package sandbox

import (
	"math/rand/v2"
	"sync"
	"time"
)

// Fault kinds, as counted in Stats.Faults.
const (
	FaultLatency        = "latency"         // a request was delayed
	FaultServerError    = "server_error"    // answered 500/502/503 without doing the work
	FaultDropBefore     = "drop_before"     // connection closed before the work
	FaultDropAfter      = "drop_after"      // connection closed after the work, before the answer
	FaultTokenExpiry    = "token_expiry"    // a valid token was expired early (99991663)
	FaultLockContention = "lock_contention" // a department write met another one (43024)
)

// faultPlan is what will go wrong with one request, drawn when it arrives.
type faultPlan struct {
	delay       time.Duration
	serverError int // HTTP status, 0 for none
	dropBefore  bool
	dropAfter   bool
	expireToken bool
}

// faults draws fault plans from one seeded source. Draws are serialised by
// a mutex, so a run with the same seed and the same request order gets the
// same faults; each kind draws only when enabled.
type faults struct {
	mu   sync.Mutex
	rng  *rand.Rand
	opts Options
}

func newFaults(o Options) *faults {
	return &faults{rng: rand.New(rand.NewPCG(o.FaultSeed, o.FaultSeed^0x9e3779b97f4a7c15)), opts: o}
}

// serverErrorStatuses are the 5xx answers a server-error fault picks from.
var serverErrorStatuses = [...]int{500, 502, 503}

func (f *faults) plan() faultPlan {
	f.mu.Lock()
	defer f.mu.Unlock()
	o := f.opts
	p := faultPlan{delay: o.Latency}
	if o.Jitter > 0 {
		p.delay += time.Duration(f.rng.Int64N(int64(o.Jitter) + 1))
	}
	roll := func(rate float64) bool { return rate > 0 && f.rng.Float64() < rate }
	if roll(o.FailRate) {
		p.serverError = serverErrorStatuses[f.rng.IntN(len(serverErrorStatuses))]
	}
	p.dropBefore = roll(o.DropBeforeRate)
	p.dropAfter = roll(o.DropAfterRate)
	p.expireToken = roll(o.TokenExpiryRate)
	return p
}
