package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// maxBody caps request bodies; Feishu's are small JSON documents.
const maxBody = 1 << 20

// route is one OpenAPI endpoint and what the pipeline must do around it.
type route struct {
	ep        feishu.Endpoint
	public    bool // needs no token (the token endpoint)
	deptWrite bool // a structure change: takes the tenant lock under LockContention
	unitAPI   bool // a unit endpoint: 43050 in a tenant without units (Options.NoEnterprise)
	// extraLimits names further rate-limit budgets a request draws on,
	// decided from its body (PATCH user changing department_ids/is_frozen).
	extraLimits func(body []byte) []feishu.Endpoint
	handle      func(*call) (any, error)
}

// call is one request as a handler sees it.
type call struct {
	r     *http.Request
	query url.Values
	body  []byte
	ids   idTypes
	now   time.Time
	wrote uint64 // state version of an applied write, 0 for none
}

// bare marks a response written without the {code,msg,data} envelope.
type bare struct{ v any }

// errorBody is the envelope of a failed call: no data.
type errorBody struct {
	Code  int               `json:"code"`
	Msg   string            `json:"msg"`
	Error *feishu.ErrorInfo `json:"error,omitempty"`
}

// api wraps a route in the request pipeline: faults that strike before the
// work (drop, 5xx), the token check, rate limits, the structure lock, the
// latency, the work itself, then a drop after the work or the answer.
func (s *Server) api(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.stats.call(rt.ep)
		status, code := s.serve(w, r, rt)
		// The path only: queries may carry client tokens, and tokens
		// travel in headers, which are never logged.
		s.log.Debug("sandbox request", "method", r.Method, "path", r.URL.Path,
			"status", status, "code", code, "duration", time.Since(start))
	})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, rt route) (status, code int) {
	plan := s.faults.plan()
	if plan.dropBefore {
		s.stats.fault(FaultDropBefore)
		dropConn(w)
		return 0, 0
	}
	if plan.serverError != 0 {
		s.stats.fault(FaultServerError)
		return s.writeServerError(w, rt.ep, plan.serverError)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return s.writeError(w, rt.ep, fail(codeParam, "reading body: %v", err))
	}
	app := ""
	if !rt.public {
		var faulted bool
		app, faulted, err = s.auth.check(r.Header.Get("Authorization"), plan.expireToken)
		if faulted {
			s.stats.fault(FaultTokenExpiry)
		}
		if err != nil {
			return s.writeError(w, rt.ep, err)
		}
	}
	eps := []feishu.Endpoint{rt.ep}
	if rt.extraLimits != nil {
		eps = append(eps, rt.extraLimits(body)...)
	}
	if th, ok := s.limiter.allow(app, eps...); !ok {
		return s.writeThrottled(w, rt.ep, th)
	}
	if rt.deptWrite && s.opts.LockContention {
		select {
		case s.structLock <- struct{}{}:
			defer func() { <-s.structLock }()
		default:
			s.stats.fault(FaultLockContention)
			return s.writeError(w, rt.ep, fail(feishu.CodeTenantLock, "another structure change is in progress"))
		}
		if hook := s.onStructLocked.Load(); hook != nil {
			(*hook)()
		}
	}
	if plan.delay > 0 {
		s.stats.fault(FaultLatency)
		if !sleep(r.Context(), plan.delay) {
			return 0, 0 // the client gave up; nothing was done
		}
	}
	c := &call{r: r, query: r.URL.Query(), body: body, now: s.opts.Now()}
	var data any
	if c.ids, err = parseIDTypes(c.query); err == nil {
		data, err = s.handle(rt, c)
	}
	if err == nil {
		err = s.waitDurable(c.wrote)
	}
	status, code, payload := s.encode(data, err)
	if plan.dropAfter {
		s.stats.fault(FaultDropAfter)
		dropConn(w)
		return 0, 0
	}
	return s.send(w, rt.ep, status, code, payload)
}

// handle runs the route's work; a unit endpoint of a tenant without the
// enterprise edition answers 43050 instead.
func (s *Server) handle(rt route, c *call) (any, error) {
	if rt.unitAPI && s.opts.NoEnterprise {
		return nil, fail(feishu.CodeUnitsProhibited, "units need the enterprise edition")
	}
	return rt.handle(c)
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// dropConn closes the client's connection without an answer: the client
// sees EOF. Without a hijackable connection the handler is aborted instead.
func dropConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// encode turns a handler's result into an HTTP status, a code and a JSON body.
func (s *Server) encode(data any, err error) (status, code int, payload []byte) {
	if err != nil {
		var ae *Error
		if !errors.As(err, &ae) {
			s.log.Error("sandbox internal error", "err", err)
			ae = &Error{Code: feishu.CodeInternal}
		}
		status = ae.Code.HTTP
		if ae.Code == feishu.CodeNeedToken || ae.Code == feishu.CodeInvalidToken {
			status = s.opts.AuthErrorStatus
		}
		b := errorBody{Code: ae.Code.Num, Msg: ae.Code.Msg}
		if ae.Detail != "" {
			b.Error = &feishu.ErrorInfo{Message: ae.Detail}
		}
		return status, ae.Code.Num, mustJSON(b)
	}
	if b, ok := data.(bare); ok {
		return http.StatusOK, 0, mustJSON(b.v)
	}
	return http.StatusOK, 0, mustJSON(feishu.Envelope[any]{Code: 0, Msg: "success", Data: data})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Only the sandbox's own wire types reach here.
		panic(fmt.Sprintf("sandbox: encoding %T: %v", v, err))
	}
	return b
}

func (s *Server) send(w http.ResponseWriter, ep feishu.Endpoint, status, code int, payload []byte) (int, int) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Tt-Logid", fmt.Sprintf("sandbox%016x", s.reqSeq.Add(1)))
	w.WriteHeader(status)
	_, _ = w.Write(payload)
	s.stats.answer(ep, status)
	return status, code
}

func (s *Server) writeError(w http.ResponseWriter, ep feishu.Endpoint, err error) (int, int) {
	status, code, payload := s.encode(nil, err)
	return s.send(w, ep, status, code, payload)
}

func (s *Server) writeThrottled(w http.ResponseWriter, ep feishu.Endpoint, th throttle) (int, int) {
	w.Header().Set("x-ogw-ratelimit-limit", strconv.Itoa(th.limit))
	w.Header().Set("x-ogw-ratelimit-reset", s.limiter.resetHeader(th.reset))
	c := feishu.CodeRateLimited
	return s.send(w, ep, c.HTTP, c.Num, mustJSON(errorBody{Code: c.Num, Msg: c.Msg}))
}

// writeServerError answers an injected 5xx: 500 carries the JSON 40003
// body of an internal error; 502 and 503 a plain-text body, as a gateway in
// front of the API would.
func (s *Server) writeServerError(w http.ResponseWriter, ep feishu.Endpoint, status int) (int, int) {
	if status == http.StatusInternalServerError {
		c := feishu.CodeInternal
		return s.send(w, ep, status, c.Num, mustJSON(errorBody{Code: c.Num, Msg: c.Msg}))
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, http.StatusText(status)+"\n")
	s.stats.answer(ep, status)
	return status, 0
}

// decodeBody reads a JSON body into v; an empty body is an empty object.
func decodeBody(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fail(codeParam, "body: %v", err)
	}
	return nil
}
