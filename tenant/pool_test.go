package tenant

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestPoolRunsJobsThatQueueJobs(t *testing.T) {
	p := newPool(context.Background(), 3)
	var ran, inFlight, most atomic.Int32
	var job func(depth int) func(context.Context) error
	job = func(depth int) func(context.Context) error {
		return func(context.Context) error {
			n := inFlight.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			ran.Add(1)
			if depth < 4 {
				p.Go(job(depth + 1)) // never blocks, even with every worker busy
				p.Go(job(depth + 1))
			}
			inFlight.Add(-1)
			return nil
		}
	}
	p.Go(job(0))
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	if ran.Load() != 31 || most.Load() > 3 {
		t.Errorf("%d jobs ran (want 31), at most %d at once (limit 3)", ran.Load(), most.Load())
	}
}

func TestPoolFirstErrorCancelsTheRest(t *testing.T) {
	boom := errors.New("boom")
	started := make(chan struct{})
	var after atomic.Int32
	err := run(context.Background(), 2, []func(context.Context) error{
		func(ctx context.Context) error { <-started; return boom },
		func(ctx context.Context) error { close(started); <-ctx.Done(); return ctx.Err() },
		func(ctx context.Context) error { after.Add(1); return nil },
		func(ctx context.Context) error { after.Add(1); return nil },
	})
	if !errors.Is(err, boom) {
		t.Errorf("Wait: %v, want the first error", err)
	}
	if after.Load() != 0 {
		t.Errorf("%d jobs ran after the error", after.Load())
	}
}

func TestPoolParentCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	err := run(ctx, 2, []func(context.Context) error{func(context.Context) error { ran = true; return nil }})
	if !errors.Is(err, context.Canceled) || ran {
		t.Errorf("cancelled pool: %v, ran %v", err, ran)
	}
	if err := run(context.Background(), 2, nil); err != nil {
		t.Errorf("no jobs: %v", err)
	}
}
