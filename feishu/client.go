package feishu

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Base URLs of the two public deployments. Paths are identical on both.
const (
	FeishuBaseURL = "https://open.feishu.cn"
	LarkBaseURL   = "https://open.larksuite.com"
)

// Values of the user_id_type and department_id_type query parameters.
const (
	UserIDTypeOpenID               = "open_id" // API default
	UserIDTypeUnionID              = "union_id"
	UserIDTypeUserID               = "user_id"
	DepartmentIDTypeOpenDepartment = "open_department_id" // API default
	DepartmentIDTypeDepartmentID   = "department_id"
)

// Client defaults.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultMaxResponseBytes = 8 << 20
	DefaultUserAgent        = "orgbatch-feishu-client/1"
)

// Client calls the Contact v3 OpenAPI. Every method makes exactly one
// attempt (plus one re-send when the server rejects the tenant token) and
// returns typed errors; waiting and retrying belong to the Pacer. A Client is
// safe for concurrent use; all goroutines share one token source.
type Client struct {
	httpClient *http.Client
	baseURL    string       // no trailing slash; may carry a path prefix
	baseErr    error        // set when the base URL is unusable; returned by every call
	creds      *Credentials // a pointer so that printing a Client shows an address (see Credentials)
	timeout    time.Duration
	maxBody    int64
	logger     *slog.Logger
	userAgent  string
	userIDType string
	deptIDType string
	now        func() time.Time
	tokens     *tokenSource
}

// Option configures a Client.
type Option func(*Client)

// NewClient returns a client for the Feishu base URL with the API's default
// ID types, a 30 s per-request timeout and no credentials; configure it with
// options. A malformed base URL is reported by the first call.
func NewClient(opts ...Option) *Client {
	c := &Client{
		baseURL:    FeishuBaseURL,
		timeout:    DefaultTimeout,
		maxBody:    DefaultMaxResponseBytes,
		logger:     slog.New(slog.DiscardHandler),
		userAgent:  DefaultUserAgent,
		userIDType: UserIDTypeOpenID,
		deptIDType: DepartmentIDTypeOpenDepartment,
		now:        time.Now,
		creds:      &Credentials{},
	}
	for _, o := range opts {
		o(c)
	}
	if c.httpClient == nil {
		c.httpClient = defaultHTTPClient()
	}
	c.baseURL, c.baseErr = cleanBaseURL(c.baseURL)
	c.tokens = newTokenSource(c.fetchToken, c.now, c.logger)
	return c
}

// defaultHTTPClient keeps more idle connections per host than net/http's
// default of 2: every worker talks to the same host, and re-dialling TLS for
// each call would waste most of the rate budget's latency.
func defaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return &http.Client{Transport: t}
}

// BaseURLFor maps a domain name ("feishu" or "lark", case-insensitive) to its
// base URL.
func BaseURLFor(domain string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(domain)) {
	case "feishu", "":
		return FeishuBaseURL, nil
	case "lark", "larksuite":
		return LarkBaseURL, nil
	}
	return "", fmt.Errorf("feishu: unknown domain %q (want feishu or lark)", domain)
}

func cleanBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("feishu: invalid base URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("feishu: invalid base URL %q: want http(s)://host[/prefix]", u.Redacted())
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("feishu: invalid base URL %q: no user info, query or fragment allowed", u.Redacted())
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// WithBaseURL sets the API root: FeishuBaseURL, LarkBaseURL or any server
// speaking the same API, such as the local sandbox (a path prefix is kept).
func WithBaseURL(baseURL string) Option { return func(c *Client) { c.baseURL = baseURL } }

// WithCredentials sets the app whose tenant_access_token authorises calls.
func WithCredentials(appID, appSecret string) Option {
	return func(c *Client) {
		creds := NewCredentials(appID, appSecret)
		c.creds = &creds
	}
}

// WithHTTPClient replaces the HTTP client (its Transport, mostly). Do not set
// http.Client.Timeout on it; per-request timeouts come from WithTimeout.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.httpClient = hc } }

// WithTimeout bounds each HTTP attempt (connect, send, read the body).
// Non-positive values keep the default.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithLogger receives debug lines per request and warnings about tokens. The
// client never logs credentials, tokens or request bodies.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) {
		if l != nil {
			c.logger = l
		}
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// WithIDTypes sets the user_id_type and department_id_type sent with every
// call, which decide which ID the path, body and response fields hold. Empty
// strings keep the API defaults (open_id, open_department_id).
func WithIDTypes(userIDType, departmentIDType string) Option {
	return func(c *Client) {
		if userIDType != "" {
			c.userIDType = userIDType
		}
		if departmentIDType != "" {
			c.deptIDType = departmentIDType
		}
	}
}

// WithClock replaces time.Now for token expiry (tests).
func WithClock(now func() time.Time) Option {
	return func(c *Client) {
		if now != nil {
			c.now = now
		}
	}
}

// WithMaxResponseBytes caps how much of a response body is read. A success
// body over the cap is an error (ErrResponseTooLarge); an error body is cut.
func WithMaxResponseBytes(n int64) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// BaseURL returns the cleaned API root the client sends to.
func (c *Client) BaseURL() string { return c.baseURL }

// IDTypes returns the user_id_type and department_id_type the client sends.
func (c *Client) IDTypes() (userIDType, departmentIDType string) {
	return c.userIDType, c.deptIDType
}

// WithUserIDType returns a client that sends another user_id_type (open_id,
// union_id) and is otherwise this one, sharing its connections and token:
// reading users a sheet names by open_id or union_id.
func (c *Client) WithUserIDType(t string) *Client {
	cp := *c
	cp.userIDType = t
	return &cp
}
