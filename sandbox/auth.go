package sandbox

import (
	"strings"
	"sync"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// renewWindow is the documented threshold: a token with less life left is
// replaced by a new one on the next token request (the old one stays valid).
const renewWindow = 30 * time.Minute

type tokenInfo struct {
	app     string
	expires time.Time
	revoked bool // expired early by a fault
}

// auth issues and checks tenant_access_tokens for the configured app.
// Tokens live in memory only: after a restart clients fetch new ones.
type auth struct {
	mu      sync.Mutex
	appID   string
	secret  string
	ttl     time.Duration
	now     func() time.Time
	tokens  map[string]*tokenInfo
	current map[string]string // app -> newest token
}

func newAuth(appID, secret string, ttl time.Duration, now func() time.Time) *auth {
	return &auth{appID: appID, secret: secret, ttl: ttl, now: now,
		tokens: map[string]*tokenInfo{}, current: map[string]string{}}
}

// issue answers the token endpoint: the current token while it has 30
// minutes or more left, else a new one. expire is the seconds left.
func (a *auth) issue(appID, secret string) (token string, expire int, err error) {
	if appID == "" || secret == "" {
		return "", 0, fail(feishu.CodeInvalidParam, "app_id and app_secret are required")
	}
	if appID != a.appID {
		return "", 0, fail(feishu.CodeInvalidParam, "unknown app_id")
	}
	if secret != a.secret {
		return "", 0, fail(feishu.CodeWrongSecret, "wrong app_secret")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	for t, info := range a.tokens {
		if !now.Before(info.expires) {
			delete(a.tokens, t)
		}
	}
	if t := a.current[appID]; t != "" {
		if info := a.tokens[t]; info != nil && !info.revoked && info.expires.Sub(now) >= renewWindow {
			return t, int(info.expires.Sub(now) / time.Second), nil
		}
	}
	token = prefixToken + randomHex(40)
	a.tokens[token] = &tokenInfo{app: appID, expires: now.Add(a.ttl)}
	a.current[appID] = token
	return token, int(a.ttl / time.Second), nil
}

// bearer extracts the token of an "Authorization: Bearer <token>" header.
func bearer(header string) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(header), " ")
	tok = strings.TrimSpace(tok)
	if !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" {
		return "", false
	}
	return tok, true
}

// check validates a request's Authorization header and returns the app.
// A missing or malformed header is 99991661; an unknown, expired or revoked
// token 99991663. expireEarly (a fault) revokes a valid token first, as if
// it had expired early; faulted reports that it did.
func (a *auth) check(header string, expireEarly bool) (app string, faulted bool, err error) {
	tok, ok := bearer(header)
	if !ok {
		return "", false, fail(feishu.CodeNeedToken, "Authorization: Bearer <tenant_access_token> is required")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	info := a.tokens[tok]
	if info == nil || info.revoked || !a.now().Before(info.expires) {
		return "", false, fail(feishu.CodeInvalidToken, "token is invalid or expired")
	}
	if expireEarly {
		info.revoked = true
		return "", true, fail(feishu.CodeInvalidToken, "token is invalid or expired")
	}
	return info.app, false, nil
}
