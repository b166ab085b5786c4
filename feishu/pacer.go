package feishu

import (
	"context"
	"log/slog"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// Pacer defaults.
const (
	DefaultMaxAttempts     = 8
	DefaultBackoffBase     = 250 * time.Millisecond
	DefaultBackoffCap      = 15 * time.Second
	DefaultMaxConcurrent   = 64 // most department structure writes in flight
	DefaultStartConcurrent = 4  // structure writes in flight at first (slow start)
	DefaultGrowAfter       = 20 // successes in a row before the structure limit grows by one, after a 43024
)

// Pacer is the only place that waits and retries. Call sites hand it a
// closure that makes one attempt; before each attempt it waits on the
// endpoints' rate-limit windows (and, for department structure writes, on
// the adaptive concurrency limit), and after a failure it asks ShouldRetry
// whether to go again and sleeps for the longer of the server's wait and an
// exponential backoff with full jitter. A Pacer is safe for concurrent use
// and should be shared by all workers talking to one tenant.
type Pacer struct {
	limits      map[Endpoint]Limit // effective (scaled) limits
	lim         *limiter
	maxAttempts int
	base, cap   time.Duration
	shouldRetry func(context.Context, error) (bool, time.Duration)
	sleep       func(context.Context, time.Duration) error // sleepCtx; replaced in tests
	logger      *slog.Logger
	sem         *structureSem

	rngMu sync.Mutex
	rng   *rand.Rand

	statsMu sync.Mutex
	stats   Stats
}

// Stats are the Pacer's counters since it was made.
type Stats struct {
	Attempts       map[Endpoint]int // attempts sent; an attempt on two endpoints counts for both
	Retries        int              // attempts after the first of their call
	RateLimited    int              // attempts answered with 429 / 99991400
	LockErrors     int              // attempts failed with 43024 / 43030 / 44025
	LimiterWait    time.Duration    // total time spent waiting for room in the rate-limit windows
	Margin         time.Duration    // current margin added to every window (grows on 429s)
	BackoffWait    time.Duration    // total time slept between attempts
	StructureLimit int              // current concurrency limit of department structure writes
}

// pacerConfig collects the options before the windows are built.
type pacerConfig struct {
	limits        map[Endpoint]Limit
	scale         float64
	margin        time.Duration
	clock         clock
	maxAttempts   int
	base, cap     time.Duration
	rng           *rand.Rand
	maxConcurrent int
	startConc     int
	growAfter     int
	shouldRetry   func(context.Context, error) (bool, time.Duration)
	logger        *slog.Logger
}

// PacerOption configures a Pacer.
type PacerOption func(*pacerConfig)

// WithLimits replaces the whole limit table (default EndpointLimits);
// endpoints missing from it are not rate-limited.
func WithLimits(limits map[Endpoint]Limit) PacerOption {
	return func(c *pacerConfig) { c.limits = maps.Clone(limits) }
}

// WithLimit overrides one endpoint's limit; an empty Limit removes it.
func WithLimit(ep Endpoint, l Limit) PacerOption {
	return func(c *pacerConfig) {
		if c.limits == nil {
			c.limits = map[Endpoint]Limit{}
		}
		c.limits[ep] = l
	}
}

// WithRateScale shortens every window by factor (Limit.Scaled), to match a
// sandbox started with the same --rate-scale.
func WithRateScale(factor float64) PacerOption {
	return func(c *pacerConfig) {
		if factor > 0 {
			c.scale = factor
		}
	}
}

// WithMargin sets how much longer than its documented Per the Pacer takes
// every window to be at first (default DefaultMargin; it doubles on a 429,
// up to MaxMargin): room for requests that take longer than others to reach
// the server. It does not scale with WithRateScale.
func WithMargin(d time.Duration) PacerOption {
	return func(c *pacerConfig) {
		if d >= 0 {
			c.margin = d
		}
	}
}

// WithMaxAttempts bounds the attempts per Call (default 8; 1 = no retries).
func WithMaxAttempts(n int) PacerOption {
	return func(c *pacerConfig) {
		if n > 0 {
			c.maxAttempts = n
		}
	}
}

// WithBackoff sets the exponential backoff: the wait before retry n is
// uniform in [0, min(cap, base·2^(n-1))] (full jitter).
func WithBackoff(base, cap time.Duration) PacerOption {
	return func(c *pacerConfig) {
		if base > 0 {
			c.base = base
		}
		if cap > 0 {
			c.cap = cap
		}
	}
}

// WithRand sets the jitter source, e.g. rand.New(rand.NewPCG(1, 2)) for
// reproducible tests. The Pacer serialises its use.
func WithRand(r *rand.Rand) PacerOption { return func(c *pacerConfig) { c.rng = r } }

// WithMaxConcurrent sets the most department structure writes in flight
// (default 64); the adaptive limit moves between 1 and this.
func WithMaxConcurrent(n int) PacerOption {
	return func(c *pacerConfig) {
		if n > 0 {
			c.maxConcurrent = n
		}
	}
}

// WithStartConcurrent sets the structure writes allowed in flight at first
// (default 4, capped by WithMaxConcurrent); every success adds one until
// the first 43024.
func WithStartConcurrent(n int) PacerOption {
	return func(c *pacerConfig) {
		if n > 0 {
			c.startConc = n
		}
	}
}

// WithGrowAfter sets how many successes in a row raise the structure write
// limit by one once a 43024 has been seen (default 20).
func WithGrowAfter(n int) PacerOption {
	return func(c *pacerConfig) {
		if n > 0 {
			c.growAfter = n
		}
	}
}

// WithRetryPolicy replaces ShouldRetry.
func WithRetryPolicy(f func(ctx context.Context, err error) (retry bool, after time.Duration)) PacerOption {
	return func(c *pacerConfig) {
		if f != nil {
			c.shouldRetry = f
		}
	}
}

// WithPacerLogger receives a debug line per retry.
func WithPacerLogger(l *slog.Logger) PacerOption {
	return func(c *pacerConfig) {
		if l != nil {
			c.logger = l
		}
	}
}

// NewPacer returns a Pacer with the documented limits and the defaults above.
func NewPacer(opts ...PacerOption) *Pacer {
	cfg := pacerConfig{
		limits:        maps.Clone(EndpointLimits),
		scale:         1,
		margin:        DefaultMargin,
		clock:         realClock{},
		maxAttempts:   DefaultMaxAttempts,
		base:          DefaultBackoffBase,
		cap:           DefaultBackoffCap,
		maxConcurrent: DefaultMaxConcurrent,
		startConc:     DefaultStartConcurrent,
		growAfter:     DefaultGrowAfter,
		shouldRetry:   ShouldRetry,
		logger:        slog.New(slog.DiscardHandler),
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.limits == nil {
		cfg.limits = map[Endpoint]Limit{}
	}
	if cfg.rng == nil {
		cfg.rng = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	limits := make(map[Endpoint]Limit, len(cfg.limits))
	for ep, l := range cfg.limits {
		if len(l) > 0 {
			limits[ep] = l.Scaled(cfg.scale)
		}
	}
	return &Pacer{
		limits:      limits,
		lim:         newLimiter(limits, cfg.margin, cfg.clock),
		maxAttempts: cfg.maxAttempts,
		base:        cfg.base,
		cap:         cfg.cap,
		shouldRetry: cfg.shouldRetry,
		sleep:       sleepCtx,
		logger:      cfg.logger,
		sem:         newStructureSem(cfg.maxConcurrent, min(cfg.startConc, cfg.maxConcurrent), cfg.growAfter),
		rng:         cfg.rng,
		stats:       Stats{Attempts: map[Endpoint]int{}},
	}
}

// Call runs fn until it succeeds, fails permanently, runs out of attempts or
// ctx is done, and returns how many attempts were sent and the last error
// (ctx.Err() when the context ended the call). Before each attempt it waits
// for room in every window of eps at once; name both EPPatchUser and
// EPPatchUserDept for a PATCH that moves or freezes a user
// (UserPatch.Endpoints does). fn must make exactly one attempt and must not
// sleep; a Client's methods called with fn's ctx tell the Pacer when their
// request was written, which is the send time the windows count.
func (p *Pacer) Call(ctx context.Context, eps []Endpoint, fn func(ctx context.Context) error) (attempts int, err error) {
	ws := p.lim.windowsFor(eps)
	tally := TallyFrom(ctx)
	structural := slices.ContainsFunc(eps, Endpoint.IsStructureWrite)
	var prev *slot // the previous attempt's place in the windows
	for {
		if err := ctx.Err(); err != nil {
			return attempts, err
		}
		epoch := 0
		if structural {
			if epoch, err = p.sem.acquire(ctx); err != nil {
				return attempts, err
			}
		}
		var sl *slot
		if len(ws) > 0 {
			start := time.Now()
			sl, err = p.lim.acquire(ctx, ws, prev)
			p.addWait(&p.stats.LimiterWait, time.Since(start))
			if err != nil {
				if structural {
					p.sem.release(epoch, errNeverSent)
				}
				return attempts, err
			}
		}

		attempts++
		p.countAttempt(eps, attempts)
		err = fn(withSlot(ctx, sl))
		tally.attempt(firstEndpoint(eps), err)
		sl.done(IsRateLimited(err))
		if sl != nil && IsRateLimited(err) {
			p.lim.widen(sl.margin) // the windows let through what the server refused
		}
		prev = sl
		if structural {
			p.sem.release(epoch, err)
		}
		if err == nil {
			return attempts, nil
		}
		p.countFailure(err)
		retry, after := p.shouldRetry(ctx, err)
		if !retry || attempts >= p.maxAttempts {
			return attempts, err
		}
		d := p.backoff(attempts, after)
		p.logger.Debug("feishu: retrying", "endpoint", firstEndpoint(eps), "attempt", attempts,
			"wait", d, logErr(err))
		if serr := p.sleep(ctx, d); serr != nil {
			return attempts, serr
		}
		p.addWait(&p.stats.BackoffWait, d)
	}
}

func firstEndpoint(eps []Endpoint) Endpoint {
	if len(eps) == 0 {
		return ""
	}
	return eps[0]
}

// backoff is the wait after failed attempt n (1-based): full jitter, i.e.
// uniform in [0, min(cap, base·2^(n-1))], so workers that failed together
// spread out; but never less than the server's after, plus a little jitter
// (up to after/10, at most base) so they do not all return at its instant.
func (p *Pacer) backoff(n int, after time.Duration) time.Duration {
	ceil := p.cap
	if n-1 < 32 {
		if c := p.base << (n - 1); c > 0 && c < p.cap {
			ceil = c
		}
	}
	d := p.randUpTo(ceil)
	if after > 0 {
		d = max(d, after+p.randUpTo(min(after/10, p.base)))
	}
	return d
}

// randUpTo returns a uniform duration in [0, n].
func (p *Pacer) randUpTo(n time.Duration) time.Duration {
	if n <= 0 {
		return 0
	}
	p.rngMu.Lock()
	defer p.rngMu.Unlock()
	return time.Duration(p.rng.Int64N(int64(n) + 1))
}

func (p *Pacer) countAttempt(eps []Endpoint, attempt int) {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	for _, ep := range eps {
		p.stats.Attempts[ep]++
	}
	if attempt > 1 {
		p.stats.Retries++
	}
}

func (p *Pacer) countFailure(err error) {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	if IsRateLimited(err) {
		p.stats.RateLimited++
	}
	if IsLockError(err) {
		p.stats.LockErrors++
	}
}

func (p *Pacer) addWait(field *time.Duration, d time.Duration) {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	*field += d
}

// Stats returns a copy of the counters.
func (p *Pacer) Stats() Stats {
	p.statsMu.Lock()
	s := p.stats
	s.Attempts = maps.Clone(p.stats.Attempts)
	p.statsMu.Unlock()
	s.StructureLimit = p.sem.current()
	s.Margin = p.lim.currentMargin()
	return s
}

// Limit returns ep's effective limit (after scaling); empty = unlimited.
func (p *Pacer) Limit(ep Endpoint) Limit { return slices.Clone(p.limits[ep]) }
