package feishu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// ErrNoCredentials is returned by every call of a client built without
// WithCredentials (or with an empty app ID or secret).
var ErrNoCredentials = errors.New("feishu: no app credentials (app ID and app secret)")

// Token lifetime handling.
const (
	// maxRefreshMargin is how long before expiry a token is replaced. The
	// server hands out a new token once less than 30 min is left, so any
	// margin under that gets a fresh one.
	maxRefreshMargin = 5 * time.Minute
	// defaultTokenLifetime is assumed when the server omits "expire"; it is
	// the documented maximum.
	defaultTokenLifetime = 2 * time.Hour
)

// refreshMargin is min(5 min, lifetime/10): 5 min for real 2 h tokens, and a
// proportionate margin for the short lifetimes a sandbox or test hands out
// (a fixed 5 min would make a 60 s token look expired on arrival).
func refreshMargin(lifetime time.Duration) time.Duration {
	return min(maxRefreshMargin, lifetime/10)
}

// tokenSource caches the tenant_access_token for all goroutines. At most one
// fetch is in flight; everybody who needs a token meanwhile waits for that
// fetch instead of starting their own (no thundering herd on a 401 storm or
// at start-up). Inside the refresh margin the old token is still valid, so
// only the goroutine that starts the refresh waits; the others keep using the
// old token until the new one arrives.
type tokenSource struct {
	fetch  func(ctx context.Context) (token string, lifetime time.Duration, err error)
	now    func() time.Time
	logger *slog.Logger

	mu       sync.Mutex
	token    string
	expires  time.Time // hard expiry as the server told us
	refresh  time.Time // replace the token from here on
	inflight *tokenFetch
}

// tokenFetch is one in-flight fetch; done is closed when token/err are set.
type tokenFetch struct {
	done  chan struct{}
	token string
	err   error
}

func newTokenSource(fetch func(context.Context) (string, time.Duration, error), now func() time.Time, logger *slog.Logger) *tokenSource {
	return &tokenSource{fetch: fetch, now: now, logger: logger}
}

// Token returns a valid token, fetching one if needed.
func (s *tokenSource) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	now := s.now()
	if s.token != "" && now.Before(s.refresh) {
		t := s.token
		s.mu.Unlock()
		return t, nil
	}
	old, oldValid := s.token, s.token != "" && now.Before(s.expires)
	f := s.inflight
	if f != nil && oldValid {
		s.mu.Unlock()
		return old, nil // someone is already refreshing; the old token still works
	}
	if f == nil {
		f = s.start(ctx)
	}
	s.mu.Unlock()

	select {
	case <-f.done:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	if f.err != nil {
		if oldValid {
			s.logger.Warn("feishu: token refresh failed; using the current token until it expires", logErr(f.err))
			return old, nil
		}
		return "", f.err
	}
	return f.token, nil
}

// start launches a fetch; s.mu must be held. The fetch runs detached from
// the starter's cancellation (values are kept): other goroutines wait on it
// too, and one caller giving up must not fail them all. The client's
// per-request timeout still bounds it.
func (s *tokenSource) start(ctx context.Context) *tokenFetch {
	f := &tokenFetch{done: make(chan struct{})}
	s.inflight = f
	issued := s.now() // count the lifetime from before the call: errs on the early side
	go func() {
		tok, life, err := s.fetch(context.WithoutCancel(ctx))
		s.mu.Lock()
		if err == nil {
			if life <= 0 {
				life = defaultTokenLifetime
			}
			s.token = tok
			s.expires = issued.Add(life)
			s.refresh = s.expires.Add(-refreshMargin(life))
		}
		s.inflight = nil
		f.token, f.err = tok, err
		s.mu.Unlock()
		close(f.done)
	}()
	return f
}

// Invalidate forgets token if it is still the cached one. Two workers that
// fail with the same stale token thus cause one refresh, not two: the second
// Invalidate finds a different (or no) token and does nothing.
func (s *tokenSource) Invalidate(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if token != "" && s.token == token {
		s.token, s.expires, s.refresh = "", time.Time{}, time.Time{}
	}
}

// credentialCodes are token-endpoint codes that mean the app ID or secret
// is wrong; their errors get a hint.
var credentialCodes = map[int]bool{CodeInvalidParam.Num: true, CodeAppUnauthorized.Num: true, CodeWrongSecret.Num: true}

// fetchToken calls the internal-app token endpoint once. Its response has
// no data wrapper. Errors name the endpoint and app ID, never the secret
// (the secret travels only in the request body, which nothing logs).
func (c *Client) fetchToken(ctx context.Context) (string, time.Duration, error) {
	if !c.creds.Complete() {
		return "", 0, ErrNoCredentials
	}
	body, err := json.Marshal(TokenRequest{AppID: c.creds.AppID, AppSecret: c.creds.Secret()})
	if err != nil {
		return "", 0, fmt.Errorf("feishu: encode token request: %w", err)
	}
	method, path := http.MethodPost, PathTenantToken
	raw, err := c.send(ctx, method, path, nil, body, "", nil)
	if err != nil {
		return "", 0, err
	}
	var tr TokenResponse
	ok := raw.status >= 200 && raw.status < 300
	if raw.truncated || json.Unmarshal(raw.body, &tr) != nil {
		msg := ""
		if ok {
			msg = "token response is not JSON"
		}
		return "", 0, newAPIError(method, path, raw, 0, msg, nil)
	}
	if tr.Code != 0 || !ok || tr.TenantAccessToken == "" {
		msg := tr.Msg
		if tr.Code == 0 && ok {
			msg = "token response has no tenant_access_token"
		}
		err := newAPIError(method, path, raw, tr.Code, msg, nil)
		if credentialCodes[tr.Code] {
			err = fmt.Errorf("%w; check the app ID (%s) and app secret", err, c.creds.AppID)
		}
		c.logger.Warn("feishu: cannot get tenant_access_token", "app_id", c.creds.AppID, logErr(err))
		return "", 0, err
	}
	life := time.Duration(tr.Expire) * time.Second
	c.logger.Debug("feishu: got tenant_access_token", "app_id", c.creds.AppID, "lifetime", life)
	return tr.TenantAccessToken, life, nil
}
