package importer

import (
	"container/heap"
	"context"
	"slices"
	"sync"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
)

// node is a step in the running graph.
type node struct {
	step    *plan.Step
	waiting int     // unfinished dependencies (hard and soft)
	waiters []*node // steps that depend on this one
	seq     int     // plan order, to break priority ties stably
	result  *StepResult
}

// scheduler runs steps as soon as their dependencies finish. Ready steps
// sit in one priority queue per endpoint; a free worker takes the
// highest-priority step among endpoints that have fewer than their cap in
// flight, so no single endpoint's backlog can occupy every worker while
// another endpoint (with its own rate budget) has work ready.
type scheduler struct {
	mu       sync.Mutex
	cond     *sync.Cond
	queues   map[feishu.Endpoint]*readyQueue
	inflight map[feishu.Endpoint]int
	cap      int
	pending  int // steps not yet finished
	stopped  bool
	nodes    map[plan.StepID]*node
}

func newScheduler(steps []*plan.Step, workers int) *scheduler {
	s := &scheduler{
		queues:   map[feishu.Endpoint]*readyQueue{},
		inflight: map[feishu.Endpoint]int{},
		nodes:    make(map[plan.StepID]*node, len(steps)),
		cap:      max(1, workers*3/4),
	}
	s.cond = sync.NewCond(&s.mu)
	for i, st := range steps {
		s.nodes[st.ID] = &node{step: st, seq: i}
	}
	for _, n := range s.nodes {
		deps := append(append([]plan.StepID(nil), n.step.Deps...), n.step.Soft...)
		for _, d := range deps {
			if dep := s.nodes[d]; dep != nil {
				n.waiting++
				dep.waiters = append(dep.waiters, n)
			}
		}
	}
	s.pending = len(s.nodes)
	for _, st := range steps {
		if n := s.nodes[st.ID]; n.waiting == 0 {
			s.push(n)
		}
	}
	return s
}

func queueKey(st *plan.Step) feishu.Endpoint { return st.Endpoints()[0] }

func (s *scheduler) push(n *node) {
	k := queueKey(n.step)
	q := s.queues[k]
	if q == nil {
		q = &readyQueue{}
		s.queues[k] = q
	}
	heap.Push(q, n)
}

// next blocks until a step may run, and returns nil when all steps are
// finished or the run was stopped.
func (s *scheduler) next() *node {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if s.stopped || s.pending == 0 {
			return nil
		}
		var best *node
		var bestKey feishu.Endpoint
		for k, q := range s.queues {
			if q.Len() == 0 || s.inflight[k] >= s.cap {
				continue
			}
			if top := (*q)[0]; best == nil || less(top, best) {
				best, bestKey = top, k
			}
		}
		if best != nil {
			heap.Pop(s.queues[bestKey])
			s.inflight[bestKey]++
			return best
		}
		s.cond.Wait()
	}
}

// finish records a step's result and releases or skips its waiters.
func (s *scheduler) finish(n *node, r *StepResult, onSkip func(*node, *StepResult)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inflight[queueKey(n.step)]--
	s.complete(n, r, onSkip)
	s.cond.Broadcast()
}

func (s *scheduler) complete(n *node, r *StepResult, onSkip func(*node, *StepResult)) {
	n.result = r
	s.pending--
	ok := r.Status == StatusDone
	for _, w := range n.waiters {
		if w.result != nil {
			continue
		}
		hard := slices.Contains(w.step.Deps, n.step.ID) // a step has a few
		if r.Status == StatusInterrupted && (hard || slices.Contains(w.step.Soft, n.step.ID)) {
			sr := &StepResult{Step: w.step, Status: StatusInterrupted, Message: "not started: the run was interrupted / 未开始：导入被中断"}
			onSkip(w, sr)
			s.complete(w, sr, onSkip)
			continue
		}
		if !ok && hard {
			sr := &StepResult{Step: w.step, Status: StatusSkipped, Message: "depends on " + n.step.ID.String() + " which did not succeed"}
			onSkip(w, sr)
			s.complete(w, sr, onSkip)
			continue
		}
		w.waiting--
		if w.waiting == 0 {
			s.push(w)
		}
	}
}

// stop ends the run: workers finish their current step and take no more.
func (s *scheduler) stop() {
	s.mu.Lock()
	s.stopped = true
	s.cond.Broadcast()
	s.mu.Unlock()
}

// dependencyOK reports whether a (finished) dependency succeeded.
func (s *scheduler) dependencyOK(id plan.StepID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.nodes[id]
	return n == nil || (n.result != nil && n.result.Status == StatusDone)
}

// result returns the IDs a finished step produced.
func (s *scheduler) resultOf(id plan.StepID) *StepResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := s.nodes[id]; n != nil {
		return n.result
	}
	return nil
}

// unfinished returns the steps that never ran (the run was stopped).
func (s *scheduler) unfinished() []*node {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*node
	for _, n := range s.nodes {
		if n.result == nil {
			out = append(out, n)
		}
	}
	return out
}

func less(a, b *node) bool {
	if a.step.Priority != b.step.Priority {
		return a.step.Priority > b.step.Priority
	}
	return a.seq < b.seq
}

// readyQueue is a max-heap of ready steps by priority.
type readyQueue []*node

func (q readyQueue) Len() int           { return len(q) }
func (q readyQueue) Less(i, j int) bool { return less(q[i], q[j]) }
func (q readyQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *readyQueue) Push(x any)        { *q = append(*q, x.(*node)) }
func (q *readyQueue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// runWorkers starts n workers that take steps from s and run them with
// exec until none are left or ctx is done.
func runWorkers(ctx context.Context, s *scheduler, n int, exec func(context.Context, *node) *StepResult, onSkip func(*node, *StepResult), onDone func(*node, *StepResult)) {
	stopOnCancel := context.AfterFunc(ctx, s.stop)
	defer stopOnCancel()
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				nd := s.next()
				if nd == nil {
					return
				}
				r := exec(ctx, nd)
				onDone(nd, r)
				s.finish(nd, r, onSkip)
			}
		}()
	}
	wg.Wait()
}
