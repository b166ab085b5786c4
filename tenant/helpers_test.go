package tenant_test

import (
	"context"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
	"github.com/orgbatch/orgbatch/tenant"
)

// sbx is a sandbox with a paced client pointed at it, as the CLI's target
// builds them.
type sbx struct {
	srv   *sandbox.Server
	url   string
	api   *feishu.Client
	pacer *feishu.Pacer
}

// start starts a sandbox. Without rate limits (RateScale 0) the pacer does
// not limit either, so tests run at full speed.
func start(t *testing.T, opts sandbox.Options) *sbx {
	t.Helper()
	srv, url := sandboxtest.Start(t, opts)
	pacerOpt := feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{})
	if opts.RateScale > 0 {
		pacerOpt = feishu.WithRateScale(opts.RateScale)
	}
	return &sbx{srv: srv, url: url, api: sandbox.NewClient(url), pacer: feishu.NewPacer(pacerOpt)}
}

func (tn *sbx) reader(parallel int) *tenant.Reader {
	return &tenant.Reader{API: feishu.NewPaced(tn.api, tn.pacer), Parallel: parallel}
}

func (tn *sbx) walk(t *testing.T, parallel int, opts tenant.WalkOptions) *tenant.Snapshot {
	t.Helper()
	snap, err := tn.reader(parallel).Walk(context.Background(), opts)
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return snap
}

// sandboxCalls are the answers the sandbox counted per endpoint.
func sandboxCalls(srv *sandbox.Server, eps ...feishu.Endpoint) map[feishu.Endpoint]sandbox.EndpointStats {
	st := srv.Stats()
	out := map[feishu.Endpoint]sandbox.EndpointStats{}
	for _, ep := range eps {
		out[ep] = st.Endpoints[ep]
	}
	return out
}
