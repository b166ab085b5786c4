package tenant

import (
	"context"
	"sync"
)

// pool runs read jobs with bounded parallelism: Go never blocks (a job may
// queue further jobs, as the tree walk queues each department's member
// listing while it pages through the departments), Wait returns once every
// job queued so far and everything they queued has finished. The first
// error cancels the pool's context and is what Wait returns; a cancelled
// parent context is Wait's error too.
type pool struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	queue   []func(context.Context) error
	running int // workers alive
	limit   int
	pending int // queued or running jobs
	idle    *sync.Cond
	err     error
}

func newPool(ctx context.Context, parallel int) *pool {
	ctx, cancel := context.WithCancel(ctx)
	p := &pool{ctx: ctx, cancel: cancel, limit: max(1, parallel)}
	p.idle = sync.NewCond(&p.mu)
	return p
}

// Go queues a job; a worker starts for it if fewer than the limit run.
func (p *pool) Go(job func(context.Context) error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.queue = append(p.queue, job)
	p.pending++
	if p.running < p.limit {
		p.running++
		go p.work()
	}
}

func (p *pool) work() {
	for {
		p.mu.Lock()
		if len(p.queue) == 0 {
			p.running--
			p.mu.Unlock()
			return
		}
		job := p.queue[0]
		p.queue[0] = nil
		p.queue = p.queue[1:]
		p.mu.Unlock()

		var err error
		if err = p.ctx.Err(); err == nil {
			err = job(p.ctx)
		}
		p.mu.Lock()
		if err != nil && p.err == nil {
			p.err = err
			p.cancel()
		}
		p.pending--
		if p.pending == 0 {
			p.idle.Broadcast()
		}
		p.mu.Unlock()
	}
}

// Wait waits for every queued job and returns the first error.
func (p *pool) Wait() error {
	p.mu.Lock()
	for p.pending > 0 {
		p.idle.Wait()
	}
	err := p.err
	p.mu.Unlock()
	if err == nil {
		err = p.ctx.Err()
	}
	p.cancel()
	return err
}

// run queues jobs and waits for them.
func run(ctx context.Context, parallel int, jobs []func(context.Context) error) error {
	p := newPool(ctx, parallel)
	for _, j := range jobs {
		p.Go(j)
	}
	return p.Wait()
}
