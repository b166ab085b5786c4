package feishu

import (
	"context"
	"errors"
	"sync"
)

// Tally counts the attempts the Pacer makes on behalf of one piece of work
// (an import step, a tenant read, an export), so that stages report what
// they cost without keeping counters of their own. It travels in the
// context, like net/http/httptrace's ClientTrace: the Pacer adds to every
// Tally it finds there. A Tally is safe for concurrent use.
type Tally struct {
	parent *Tally

	mu        sync.Mutex
	attempts  map[Endpoint]int // attempts sent, by the call's first endpoint
	successes map[Endpoint]int // calls that succeeded
	ambiguous bool             // some attempt ended without knowing whether it was applied
}

type tallyKey struct{}

// WithTally returns a context whose paced calls are counted in t. A Tally
// already in ctx keeps counting too (t adds to it), so a step's Tally and
// a run's Tally can both be in force.
func WithTally(ctx context.Context, t *Tally) context.Context {
	if outer := TallyFrom(ctx); outer != nil && outer != t {
		t.parent = outer
	}
	return context.WithValue(ctx, tallyKey{}, t)
}

// TallyFrom returns the Tally of ctx, or nil.
func TallyFrom(ctx context.Context) *Tally {
	t, _ := ctx.Value(tallyKey{}).(*Tally)
	return t
}

func (t *Tally) attempt(ep Endpoint, err error) {
	for ; t != nil; t = t.parent {
		t.mu.Lock()
		if t.attempts == nil {
			t.attempts, t.successes = map[Endpoint]int{}, map[Endpoint]int{}
		}
		t.attempts[ep]++
		if err == nil {
			t.successes[ep]++
		} else if IsAmbiguous(err) {
			t.ambiguous = true
		}
		t.mu.Unlock()
	}
}

// Attempts is the number of attempts sent.
func (t *Tally) Attempts() int { return sum(t.ByEndpoint()) }

// ByEndpoint is the attempts per endpoint (a call on two endpoints counts
// for its first).
func (t *Tally) ByEndpoint() map[Endpoint]int {
	return t.copy(func() map[Endpoint]int { return t.attempts })
}

// Successes is the successful calls per endpoint.
func (t *Tally) Successes() map[Endpoint]int {
	return t.copy(func() map[Endpoint]int { return t.successes })
}

// Ambiguous reports whether an attempt ended ambiguously (IsAmbiguous).
func (t *Tally) Ambiguous() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.ambiguous
}

func (t *Tally) copy(m func() map[Endpoint]int) map[Endpoint]int {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make(map[Endpoint]int, len(m()))
	for k, v := range m() {
		out[k] = v
	}
	return out
}

func sum(m map[Endpoint]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// IsAmbiguous reports an error that leaves it unknown whether the server
// applied a write: the connection dropped, the request timed out, or a 5xx
// came back.
func IsAmbiguous(err error) bool {
	var ne *NetError
	if errors.As(err, &ne) {
		return true
	}
	if ae := AsAPIError(err); ae != nil && ae.HTTPStatus >= 500 {
		return true
	}
	return false
}
