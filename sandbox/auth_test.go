package sandbox_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

func tokenCall(t *testing.T, c *client, appID, secret string) feishu.TokenResponse {
	t.Helper()
	r := c.raw("POST", feishu.PathTenantToken, "", feishu.TokenRequest{AppID: appID, AppSecret: secret})
	var tr feishu.TokenResponse
	if err := json.Unmarshal(r.raw, &tr); err != nil {
		t.Fatalf("token answer %s: %v", r.raw, err)
	}
	if strings.Contains(string(r.raw), `"data"`) {
		t.Errorf("token answer has a data wrapper: %s", r.raw)
	}
	return tr
}

func TestTokenEndpoint(t *testing.T) {
	clock := newFakeClock()
	_, c := start(t, sandbox.Options{Now: clock.Now})
	tests := []struct {
		name, app, secret string
		code              int
	}{
		{"ok", sandbox.DefaultAppID, sandbox.DefaultAppSecret, 0},
		{"wrong secret", sandbox.DefaultAppID, "nope", feishu.CodeWrongSecret.Num},
		{"unknown app", "cli_other", sandbox.DefaultAppSecret, feishu.CodeInvalidParam.Num},
		{"missing secret", sandbox.DefaultAppID, "", feishu.CodeInvalidParam.Num},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tokenCall(t, c, tt.app, tt.secret)
			if tr.Code != tt.code {
				t.Fatalf("code %d, want %d", tr.Code, tt.code)
			}
			if tt.code == 0 && (!strings.HasPrefix(tr.TenantAccessToken, "t-") || tr.Expire != 7200 || tr.Msg != "ok") {
				t.Errorf("token answer %+v", tr)
			}
			if tt.code != 0 && tr.TenantAccessToken != "" {
				t.Errorf("failed call returned a token")
			}
		})
	}
	r := c.raw("POST", feishu.PathTenantToken, "", "not an object")
	if r.code != feishu.CodeInvalidParam.Num {
		t.Errorf("bad body: %s", r.raw)
	}
}

func TestAuthRequired(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	path := feishu.PathDepartments + "/0"
	tests := []struct {
		name, header string
		code         int
	}{
		{"missing", "", feishu.CodeNeedToken.Num},
		{"not bearer", "Basic abc", feishu.CodeNeedToken.Num},
		{"empty bearer", "Bearer ", feishu.CodeNeedToken.Num},
		{"unknown token", "Bearer t-0000", feishu.CodeInvalidToken.Num},
		{"valid", "Bearer " + c.token, 0},
		{"lower-case scheme", "bearer " + c.token, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.rawHeader("GET", path, tt.header)
			if r.code != tt.code {
				t.Fatalf("code %d, want %d: %s", r.code, tt.code, r.raw)
			}
			if tt.code != 0 && r.status != 400 {
				t.Errorf("HTTP %d, want the default 400", r.status)
			}
		})
	}
	// Every OpenAPI path needs a token, even unknown ones get no data.
	for _, p := range []string{feishu.PathUsers + "/x", feishu.PathEmployeeTypeEnums, feishu.PathDepartmentsBatch + "?department_ids=0"} {
		if r := c.raw("GET", p, "", nil); r.code != feishu.CodeNeedToken.Num {
			t.Errorf("GET %s without token: %s", p, r.raw)
		}
	}
}

func TestAuthErrorStatusConfigurable(t *testing.T) {
	_, c := start(t, sandbox.Options{AuthErrorStatus: 401})
	if r := c.raw("GET", feishu.PathDepartments+"/0", "", nil); r.status != 401 || r.code != feishu.CodeNeedToken.Num {
		t.Fatalf("got HTTP %d %s", r.status, r.raw)
	}
}

func TestTokenRenewalAndExpiry(t *testing.T) {
	clock := newFakeClock()
	_, c := start(t, sandbox.Options{Now: clock.Now})
	first := c.token

	clock.Advance(80 * time.Minute) // 40 min left: same token
	tr := tokenCall(t, c, sandbox.DefaultAppID, sandbox.DefaultAppSecret)
	if tr.TenantAccessToken != first || tr.Expire != 40*60 {
		t.Fatalf("with 40 min left: got %q expire %d, want the same token with 2400", tr.TenantAccessToken, tr.Expire)
	}

	clock.Advance(15 * time.Minute) // 25 min left: a new token
	tr = tokenCall(t, c, sandbox.DefaultAppID, sandbox.DefaultAppSecret)
	second := tr.TenantAccessToken
	if second == first || tr.Expire != 7200 {
		t.Fatalf("with 25 min left: got %q expire %d, want a new token", second, tr.Expire)
	}
	for _, tok := range []string{first, second} {
		if r := c.raw("GET", feishu.PathDepartments+"/0", tok, nil); r.code != 0 {
			t.Fatalf("token still valid: %s", r.raw)
		}
	}
	if again := tokenCall(t, c, sandbox.DefaultAppID, sandbox.DefaultAppSecret); again.TenantAccessToken != second {
		t.Fatalf("the newest token is the current one")
	}

	clock.Advance(25 * time.Minute) // first expired, second has 95 min
	if r := c.raw("GET", feishu.PathDepartments+"/0", first, nil); r.code != feishu.CodeInvalidToken.Num {
		t.Fatalf("expired token: %s", r.raw)
	}
	if r := c.raw("GET", feishu.PathDepartments+"/0", second, nil); r.code != 0 {
		t.Fatalf("second token: %s", r.raw)
	}
}

func TestShortTokenTTL(t *testing.T) {
	clock := newFakeClock()
	_, c := start(t, sandbox.Options{Now: clock.Now, TokenTTL: 10 * time.Minute})
	tr := tokenCall(t, c, sandbox.DefaultAppID, sandbox.DefaultAppSecret)
	if tr.Expire != 600 || tr.TenantAccessToken == c.token {
		t.Fatalf("short TTL: a new 600 s token on every call, got %+v", tr)
	}
	clock.Advance(10 * time.Minute)
	if r := c.do("GET", feishu.PathDepartments+"/0", nil); r.code != feishu.CodeInvalidToken.Num {
		t.Fatalf("after TTL: %s", r.raw)
	}
}
