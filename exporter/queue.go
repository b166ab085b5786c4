package exporter

import (
	"context"
	"sync"
)

// queue is an unbounded FIFO of department IDs between the children
// listing (one producer, which must never block: its calls run on their own
// rate limit) and the find_by_department workers.
type queue struct {
	mu     sync.Mutex
	items  []string
	closed bool
	wake   chan struct{} // one pending wake-up; re-armed while items remain
	done   chan struct{} // closed by close
}

func newQueue() *queue {
	return &queue{wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// push adds an ID and wakes a waiting worker.
func (q *queue) push(id string) {
	q.mu.Lock()
	q.items = append(q.items, id)
	q.mu.Unlock()
	q.signal()
}

func (q *queue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// close says no more IDs will come; workers drain what is left.
func (q *queue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		close(q.done)
	}
}

// pop returns the next ID, or false once the queue is closed and empty or
// ctx is done.
func (q *queue) pop(ctx context.Context) (string, bool) {
	for {
		q.mu.Lock()
		if len(q.items) > 0 {
			id := q.items[0]
			q.items[0] = ""
			q.items = q.items[1:]
			more := len(q.items) > 0
			q.mu.Unlock()
			if more {
				q.signal() // another worker may be waiting for the rest
			}
			return id, true
		}
		closed := q.closed
		q.mu.Unlock()
		if closed {
			return "", false
		}
		select {
		case <-q.wake:
		case <-q.done:
		case <-ctx.Done():
			return "", false
		}
	}
}
