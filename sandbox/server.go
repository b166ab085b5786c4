package sandbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Server is a sandbox tenant behind an HTTP handler. It is safe for
// concurrent use; Handler can be mounted anywhere, or Listen serves it.
type Server struct {
	opts    Options
	log     *slog.Logger
	auth    *auth
	limiter *rateLimiter
	faults  *faults
	stats   *statsCounter
	pager   pager
	handler http.Handler
	reqSeq  atomic.Uint64

	// mu guards st and version. Each write bumps version; its answer
	// waits until dur has that version on disk (with StatePath).
	mu      sync.RWMutex
	st      *state
	version uint64
	dur     durability

	// structLock is the tenant structure lock of LockContention: a
	// department write holds it for its whole (delayed) duration.
	structLock chan struct{}

	srvMu   sync.Mutex
	httpSrv *http.Server

	// onStructLocked, when set (tests only), runs once a department write
	// holds the structure lock.
	onStructLocked atomic.Pointer[func()]
}

// New builds a sandbox: it loads StatePath if the file exists, else the
// seed, and fails on a bad option, state file or seed.
func New(opts Options) (*Server, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("sandbox options: %w", err)
	}
	initial := o.State
	o.State = nil // loaded below, not kept: a clone's whole tenant would stay in memory beside its state
	s := &Server{
		opts:       o,
		log:        o.Logger,
		auth:       newAuth(o.AppID, o.AppSecret, o.TokenTTL, o.Now),
		limiter:    newRateLimiter(o),
		faults:     newFaults(o),
		stats:      newStatsCounter(o.Now),
		pager:      newPager(),
		st:         newState(o.TenantName, newIdempotency(o.IdempotencyTTL)),
		structLock: make(chan struct{}, 1),
	}
	s.dur.cond = sync.NewCond(&s.dur.mu)
	if o.Directory != nil {
		if err := s.loadDirectory(*o.Directory); err != nil {
			return nil, fmt.Errorf("sandbox options: %w", err)
		}
	}
	s.st.units.off = o.NoEnterprise
	s.dur.log.path = o.StatePath + logSuffix
	if err := s.loadInitial(initial); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// Handler serves the OpenAPI paths and the /_sandbox admin endpoints.
// Dropped-connection faults need a real connection (Listen or an
// httptest.Server); elsewhere they abort the handler with http.ErrAbortHandler.
func (s *Server) Handler() http.Handler { return s.handler }

// Listen serves the sandbox on addr (e.g. "127.0.0.1:0") in the background
// and returns its base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) Listen(addr string) (string, error) {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	if s.httpSrv != nil {
		return "", errors.New("sandbox: already listening")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("sandbox: listen: %w", err)
	}
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 30 * time.Second}
	s.httpSrv = srv
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("sandbox server stopped", "err", err)
		}
	}()
	return "http://" + ln.Addr().String(), nil
}

// Shutdown stops the listener and waits for requests in flight (up to
// ctx); with StatePath the state file is then written whole (see Close).
func (s *Server) Shutdown(ctx context.Context) error {
	s.srvMu.Lock()
	srv := s.httpSrv
	s.srvMu.Unlock()
	var err error
	if srv != nil {
		err = srv.Shutdown(ctx)
	}
	return errors.Join(err, s.closeState())
}

// Close stops the listener and closes every connection at once. With
// StatePath it writes the whole state to the file and removes the state
// log, so the file alone holds the tenant.
func (s *Server) Close() error {
	s.srvMu.Lock()
	srv := s.httpSrv
	s.srvMu.Unlock()
	var err error
	if srv != nil {
		err = srv.Close()
	}
	return errors.Join(err, s.closeState())
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats { return s.stats.snapshot() }

// ResetStats zeroes the counters.
func (s *Server) ResetStats() { s.stats.reset() }
