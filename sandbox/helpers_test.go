package sandbox_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// fakeClock is a manual clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// client is a minimal Feishu client for the tests.
type client struct {
	t     testing.TB
	base  string
	token string
	hc    *http.Client
}

type resp struct {
	status int
	header http.Header
	code   int
	msg    string
	data   json.RawMessage
	raw    []byte
}

// start runs a sandbox and returns it with a client holding a valid token.
func start(t testing.TB, opts sandbox.Options) (*sandbox.Server, *client) {
	t.Helper()
	if opts.Directory == nil {
		opts.Directory = &feishu.Directory{} // the sandbox's own tests start bare
	}
	srv, base := sandboxtest.Start(t, opts)
	c := &client{t: t, base: base, hc: &http.Client{Timeout: 30 * time.Second}}
	c.token = c.fetchToken()
	return srv, c
}

func (c *client) fetchToken() string {
	c.t.Helper()
	r := c.raw("POST", feishu.PathTenantToken, "", feishu.TokenRequest{AppID: sandbox.DefaultAppID, AppSecret: sandbox.DefaultAppSecret})
	var tr feishu.TokenResponse
	if err := json.Unmarshal(r.raw, &tr); err != nil || tr.Code != 0 {
		c.t.Fatalf("token: %d %s", r.status, r.raw)
	}
	return tr.TenantAccessToken
}

// raw sends a request with the given bearer token ("" = no header).
func (c *client) raw(method, path, token string, body any) resp {
	c.t.Helper()
	r, err := c.try(method, path, token, body)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

func (c *client) try(method, path, token string, body any) (resp, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	hr, err := c.hc.Do(req)
	if err != nil {
		return resp{}, err
	}
	defer hr.Body.Close()
	b, err := io.ReadAll(hr.Body)
	if err != nil {
		return resp{}, err
	}
	r := resp{status: hr.StatusCode, header: hr.Header, raw: b}
	var env struct {
		Code int             `json:"code"`
		Msg  string          `json:"msg"`
		Data json.RawMessage `json:"data"`
	}
	if json.Unmarshal(b, &env) == nil {
		r.code, r.msg, r.data = env.Code, env.Msg, env.Data
	} else {
		r.code = -1
	}
	return r, nil
}

func (c *client) do(method, path string, body any) resp {
	c.t.Helper()
	return c.raw(method, path, c.token, body)
}

// ok sends a request, requires code 0 and decodes data into out (if set).
func (c *client) ok(method, path string, body, out any) {
	c.t.Helper()
	r := c.do(method, path, body)
	if r.status != 200 || r.code != 0 {
		c.t.Fatalf("%s %s: HTTP %d %s", method, path, r.status, r.raw)
	}
	if out != nil {
		if err := json.Unmarshal(r.data, out); err != nil {
			c.t.Fatalf("%s %s: decoding %s: %v", method, path, r.data, err)
		}
	}
}

// wantCode sends a request and requires the given business code.
func (c *client) wantCode(code int, method, path string, body any) resp {
	c.t.Helper()
	r := c.do(method, path, body)
	if r.code != code {
		c.t.Fatalf("%s %s: want code %d, got HTTP %d %s", method, path, code, r.status, r.raw)
	}
	return r
}

func q(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return "?" + v.Encode()
}

const custom = "?department_id_type=department_id&user_id_type=user_id"

// mkDept creates a department with custom IDs and returns it.
func (c *client) mkDept(id, parent, name string) feishu.Department {
	c.t.Helper()
	var out feishu.DepartmentData
	c.ok("POST", feishu.PathDepartments+custom, feishu.Department{DepartmentID: id, ParentDepartmentID: parent, Name: name}, &out)
	return *out.Department
}

// mkUser creates a user with custom IDs and returns it.
func (c *client) mkUser(id, mobile string, depts ...string) feishu.User {
	c.t.Helper()
	var out feishu.UserData
	c.ok("POST", feishu.PathUsers+custom, feishu.User{UserID: id, Name: "U " + id, Mobile: mobile, DepartmentIDs: depts, EmployeeType: 1}, &out)
	return *out.User
}

func (c *client) getDept(id string) feishu.Department {
	c.t.Helper()
	var out feishu.DepartmentData
	c.ok("GET", feishu.PathDepartments+"/"+id+custom, nil, &out)
	return *out.Department
}

func (c *client) getUser(id string) feishu.User {
	c.t.Helper()
	var out feishu.UserData
	c.ok("GET", feishu.PathUsers+"/"+id+custom, nil, &out)
	return *out.User
}

func ptr[T any](v T) *T { return &v }

// rawHeader sends a request with a literal Authorization header.
func (c *client) rawHeader(method, path, header string) resp {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	if header != "" {
		req.Header.Set("Authorization", header)
	}
	hr, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer hr.Body.Close()
	b, _ := io.ReadAll(hr.Body)
	r := resp{status: hr.StatusCode, header: hr.Header, raw: b}
	var env struct {
		Code int `json:"code"`
	}
	_ = json.Unmarshal(b, &env)
	r.code = env.Code
	return r
}

// startRaw runs a sandbox without fetching a token.
func startRaw(t testing.TB, opts sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	return sandboxtest.Start(t, opts)
}

func http0() *http.Client { return &http.Client{Timeout: 30 * time.Second} }

func (c *client) tokenFor(secret string) string {
	c.t.Helper()
	r := c.raw("POST", feishu.PathTenantToken, "", feishu.TokenRequest{AppID: sandbox.DefaultAppID, AppSecret: secret})
	var tr feishu.TokenResponse
	if err := json.Unmarshal(r.raw, &tr); err != nil || tr.Code != 0 {
		c.t.Fatalf("token: %s", r.raw)
	}
	return tr.TenantAccessToken
}
