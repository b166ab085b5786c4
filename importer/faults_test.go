package importer

import (
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sandbox"
)

// TestImportUnderFaults injects each kind of failure the network and the
// server produce and checks the import still ends with exactly the sheet:
// nothing missing, nothing created twice.
func TestImportUnderFaults(t *testing.T) {
	tests := []struct {
		name string
		opts sandbox.Options
	}{
		{"5xx answers", sandbox.Options{FailRate: 0.15, FaultSeed: 1}},
		{"connections dropped before the write", sandbox.Options{DropBeforeRate: 0.15, FaultSeed: 2}},
		// The case idempotency exists for: the write is applied and the
		// answer lost; the retry carries the same client_token.
		{"connections dropped after the write", sandbox.Options{DropAfterRate: 0.15, FaultSeed: 3}},
		{"tokens expiring early", sandbox.Options{TokenExpiryRate: 0.05, FaultSeed: 4}},
		{"structure lock contention", sandbox.Options{LockContention: true, Latency: 2 * time.Millisecond, FaultSeed: 5}},
		{"everything at once", sandbox.Options{FailRate: 0.05, DropBeforeRate: 0.05, DropAfterRate: 0.05, TokenExpiryRate: 0.02, LockContention: true, FaultSeed: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tn := newTenant(t, tt.opts, feishu.WithMaxAttempts(20))
			o := loadSheet(t, sample)
			p := tn.planFor(t, o)
			res := tn.run(t, p, Options{Workers: 8})
			for _, oc := range res.Outcomes {
				if oc.Status != StatusCreated && !(oc.Change.Kind == plan.KindMember && oc.Status == StatusAdded) {
					t.Errorf("%s %s: %s %d %s", oc.Change.Kind, oc.Change.Key, oc.Status, oc.Code, oc.Message)
				}
			}
			checkTenantMatches(t, tn.srv, o)
			if g := groupSizes(tn.srv); len(g) != 4 || g["技术中心全员"] != 111 {
				t.Errorf("groups %v", g)
			}
			st := tn.srv.Stats()
			if n := totalFaults(st); n == 0 {
				t.Errorf("no fault was injected: %+v", st.Faults)
			}
			again := tn.planFor(t, o)
			if len(again.Steps) != 0 {
				t.Errorf("after the faulty run the plan still has %d steps: %s", len(again.Steps), plan.Summary(again))
			}
		})
	}
}

func totalFaults(st sandbox.Stats) int64 {
	var n int64
	for k, v := range st.Faults {
		if k != sandbox.FaultLatency {
			n += v
		}
	}
	return n
}
