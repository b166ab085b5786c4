package feishu

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// request is one API call as the endpoint methods describe it.
type request struct {
	method string
	path   string     // API path, IDs already escaped
	query  url.Values // endpoint-specific parameters; do adds the ID types
	body   any        // JSON-encoded when non-nil
}

// rawResponse is what came back, read with the size cap.
type rawResponse struct {
	status    int
	header    http.Header
	body      []byte
	truncated bool // the body was longer than the cap
}

// do sends r with the tenant token and decodes the envelope's data into out
// (a pointer, or nil). It is the only place that turns responses into
// errors. When the server says the token is missing or invalid it forgets
// that token and re-sends once with a fresh one, as the official SDK does:
// that is authentication, not pacing, so it stays here.
func (c *Client) do(ctx context.Context, r request, out any) error {
	if c.baseErr != nil {
		return c.baseErr
	}
	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("feishu: %s %s: encode body: %w", r.method, r.path, err)
		}
	}
	q := url.Values{}
	for k, v := range r.query {
		q[k] = v
	}
	q.Set("user_id_type", c.userIDType)
	q.Set("department_id_type", c.deptIDType)

	sent := sentHook(ctx) // tells the Pacer when the request went out
	for resent := false; ; resent = true {
		tok, err := c.tokens.Token(ctx)
		if err != nil {
			return err
		}
		raw, err := c.send(ctx, r.method, r.path, q, body, tok, sent)
		if err != nil {
			return err
		}
		err = c.decode(r.method, r.path, raw, out)
		if !resent && TokenCodes[ErrorCode(err)] {
			c.tokens.Invalidate(tok)
			c.logger.Debug("feishu: token rejected, re-sending once with a new one",
				"method", r.method, "path", r.path, "code", ErrorCode(err))
			continue
		}
		return err
	}
}

// send makes one HTTP exchange bounded by the client's timeout and reads at
// most maxBody+1 bytes of the answer. token may be empty (the token call).
// sent, if set, is called once the request's headers are written: the send
// time the Pacer's rate-limit windows count.
func (c *Client) send(ctx context.Context, method, path string, q url.Values, body []byte, token string, sent func()) (*rawResponse, error) {
	op := method + " " + path
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if sent != nil {
		actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteHeaders: sent})
	}

	u := c.baseURL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("feishu: %s: %w", op, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}

	start := time.Now()
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, actx, op, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return nil, c.transportError(ctx, actx, op, err)
	}
	raw := &rawResponse{status: resp.StatusCode, header: resp.Header, body: data}
	if int64(len(data)) > c.maxBody {
		raw.body, raw.truncated = data[:c.maxBody], true
	}
	c.logger.Debug("feishu: http", "method", method, "path", path, "status", resp.StatusCode,
		"bytes", len(data), "log_id", headerLogID(resp.Header), "elapsed", time.Since(start))
	return raw, nil
}

// transportError maps a failed exchange: the caller's cancellation wins,
// then our own per-request timeout, then the transport's error without the
// *url.Error wrapper (whose text repeats the full URL and query).
func (c *Client) transportError(ctx, actx context.Context, op string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if actx.Err() != nil {
		return &NetError{Op: op, Err: timeoutError(c.timeout)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &NetError{Op: op, Err: err}
}

// decode checks the envelope. On success it fills out from data; on failure
// it still fills out when data is present (partial-success codes carry the
// created user) and returns the typed error.
func (c *Client) decode(method, path string, raw *rawResponse, out any) error {
	ok := raw.status >= 200 && raw.status < 300
	var env Envelope[json.RawMessage]
	if raw.truncated || json.Unmarshal(raw.body, &env) != nil {
		switch {
		case ok && raw.truncated:
			return fmt.Errorf("feishu: %s %s: %w (over %d bytes)", method, path, ErrResponseTooLarge, c.maxBody)
		case ok:
			return newAPIError(method, path, raw, 0, "response is not the JSON envelope", nil)
		}
		return newAPIError(method, path, raw, 0, "", nil)
	}
	hasData := out != nil && len(env.Data) > 0 && string(env.Data) != "null"
	if env.Code == 0 && ok {
		if hasData {
			if err := json.Unmarshal(env.Data, out); err != nil {
				return newAPIError(method, path, raw, 0, "cannot decode data: "+err.Error(), nil)
			}
		}
		return nil
	}
	if hasData {
		_ = json.Unmarshal(env.Data, out) // best effort: the error below is what matters
	}
	return newAPIError(method, path, raw, env.Code, env.Msg, env.Error)
}

// newAPIError builds the typed error; throttling becomes a *RateLimitError.
func newAPIError(method, path string, raw *rawResponse, code int, msg string, info *ErrorInfo) error {
	if msg == "" {
		msg = http.StatusText(raw.status)
		if code == 0 {
			msg += fmt.Sprintf(" (non-JSON body, %d bytes)", len(raw.body))
		}
	}
	e := APIError{
		HTTPStatus: raw.status, Code: code, Msg: msg, LogID: headerLogID(raw.header),
		Method: method, Path: path, Detail: info,
	}
	if e.LogID == "" && info != nil {
		e.LogID = info.LogID
	}
	if raw.status == http.StatusTooManyRequests || code == CodeRateLimited.Num {
		limit, _ := strconv.Atoi(strings.TrimSpace(raw.header.Get("X-Ogw-Ratelimit-Limit")))
		return &RateLimitError{APIError: e, Limit: limit, Reset: parseReset(raw.header.Get("X-Ogw-Ratelimit-Reset"))}
	}
	return &e
}

// parseReset reads x-ogw-ratelimit-reset: seconds, an integer on the real
// API and possibly a decimal ("0.035") from a time-scaled sandbox. Garbage,
// negative or absurd values give 0 (unknown).
func parseReset(v string) time.Duration {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || f <= 0 || f > 3600 {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

// headerLogID returns the request's log id from the headers the official
// SDK reads, in its order.
func headerLogID(h http.Header) string {
	for _, k := range []string{"X-Tt-Logid", "X-Request-Id", "Request-Id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// logErr is how errors are logged: their text only, which never holds
// tokens or secrets.
func logErr(err error) slog.Attr { return slog.String("err", err.Error()) }
