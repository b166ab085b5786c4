package importer

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/sandbox"
)

// cutGate passes requests to the sandbox until its n-th write; from then
// on it either cancels the run (Ctrl-C) or drops every connection
// unanswered (the network is gone), until healed.
type cutGate struct {
	inner  http.Handler
	n      int
	cancel context.CancelFunc // nil: drop connections instead
	mu     sync.Mutex
	writes int
	healed bool
}

func (g *cutGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	if r.Method != http.MethodGet {
		g.writes++
	}
	cut := !g.healed && g.writes >= g.n
	g.mu.Unlock()
	switch {
	case cut && g.cancel != nil:
		g.cancel()
	case cut:
		panic(http.ErrAbortHandler) // the connection closes, no answer
	}
	g.inner.ServeHTTP(w, r)
}

func (g *cutGate) heal() {
	g.mu.Lock()
	g.healed = true
	g.mu.Unlock()
}

// TestInterruptedRowsAreNotFailed: an import stopped by Ctrl-C, or by a
// connection that is gone (no answer after every retry), reports the rows
// it did not get to as interrupted — not failed, not skipped: nothing is
// wrong with them — and stops at once rather than failing row after row.
// Run again against the tenant, the rest goes in.
func TestInterruptedRowsAreNotFailed(t *testing.T) {
	for _, lost := range []bool{false, true} {
		name := map[bool]string{false: "ctrl-c", true: "connection lost"}[lost]
		t.Run(name, func(t *testing.T) {
			srv, err := sandbox.New(sandbox.Options{Directory: samplegen.Directory()}) // the sample company's schema
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			gate := &cutGate{inner: srv.Handler(), n: 40}
			if !lost {
				gate.cancel = cancel
			}
			hs := httptest.NewServer(gate)
			defer hs.Close()
			tn := &sbx{srv: srv, api: sandbox.NewClient(hs.URL, feishu.WithTimeout(10*time.Second)),
				pacer: feishu.NewPacer(feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{}), feishu.WithBackoff(time.Millisecond, 5*time.Millisecond))}
			o := loadSheet(t, sample)
			p := tn.planFor(t, o)
			res, err := Run(ctx, p, Options{API: tn.paced(), Workers: 4})
			if err != nil {
				t.Fatal(err)
			}
			interrupted := res.Count(StatusInterrupted)
			if !res.Interrupted || interrupted == 0 || res.Count(StatusFailed)+res.Count(StatusSkipped) != 0 || (res.Lost != nil) != lost {
				t.Fatalf("interrupted %v (%d rows), %d failed, %d skipped, lost %v", res.Interrupted, interrupted, res.Count(StatusFailed), res.Count(StatusSkipped), res.Lost)
			}
			// It stopped at once: the calls after the cut are those in
			// flight and their retries, not one per remaining row.
			if st := tn.pacer.Stats(); lost && tenantCalls(st) > 200 {
				t.Errorf("%d calls: the run went on after the connection was lost", tenantCalls(st))
			}
			gate.heal()
			again := tn.planFor(t, o)
			if res := tn.run(t, again, Options{Workers: 4}); res.Count(StatusFailed)+res.Count(StatusInterrupted) != 0 {
				t.Fatalf("the second run: %d failed, %d interrupted", res.Count(StatusFailed), res.Count(StatusInterrupted))
			}
			checkTenantMatches(t, srv, o)
		})
	}
}

func tenantCalls(st feishu.Stats) int {
	n := 0
	for _, c := range st.Attempts {
		n += c
	}
	return n
}
