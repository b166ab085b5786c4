package feishu

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		header  map[string]string
		body    string
		want    APIError // compared field by field (Detail ignored)
		limit   int      // RateLimitError only
		reset   time.Duration
		rate    bool // expect *RateLimitError
		retry   bool
		errText string // substring of Error()
	}{
		{
			name: "business error with x-tt-logid", status: 400,
			header:  map[string]string{"X-Tt-Logid": "20241101abc"},
			body:    `{"code":41001,"msg":"mobile has already exist error"}`,
			want:    APIError{HTTPStatus: 400, Code: 41001, Msg: "mobile has already exist error", LogID: "20241101abc", Method: "POST", Path: PathUsers},
			errText: "feishu: POST /open-apis/contact/v3/users: code 41001 mobile has already exist error (http 400, log id 20241101abc)",
		},
		{
			name: "log id from X-Request-Id", status: 400, header: map[string]string{"X-Request-Id": "req-1"},
			body: `{"code":40001,"msg":"param error"}`,
			want: APIError{HTTPStatus: 400, Code: 40001, Msg: "param error", LogID: "req-1", Method: "POST", Path: PathUsers},
		},
		{
			name: "log id and field violations from the error object", status: 400,
			body:    `{"code":99992402,"msg":"field validation failed","error":{"logid":"body-log","field_violations":[{"field":"mobile","description":"bad format"}]}}`,
			want:    APIError{HTTPStatus: 400, Code: 99992402, Msg: "field validation failed", LogID: "body-log", Method: "POST", Path: PathUsers},
			errText: "field validation failed; mobile: bad format (http 400, log id body-log)",
		},
		{
			name: "lock error is retryable", status: 400, body: `{"code":44025,"msg":"update user lock error"}`,
			want:  APIError{HTTPStatus: 400, Code: 44025, Msg: "update user lock error", Method: "POST", Path: PathUsers},
			retry: true,
		},
		{
			name: "429 with integer reset", status: 429,
			header: map[string]string{"X-Ogw-Ratelimit-Limit": "50", "X-Ogw-Ratelimit-Reset": "2"},
			body:   `{"code":99991400,"msg":"request trigger frequency limit"}`,
			want:   APIError{HTTPStatus: 429, Code: 99991400, Msg: "request trigger frequency limit", Method: "POST", Path: PathUsers},
			rate:   true, limit: 50, reset: 2 * time.Second, retry: true, errText: "retry after 2s",
		},
		{
			name: "429 with decimal reset from a scaled sandbox", status: 429,
			header: map[string]string{"x-ogw-ratelimit-limit": "1000", "x-ogw-ratelimit-reset": "0.035"},
			body:   `{"code":99991400,"msg":"request trigger frequency limit"}`,
			want:   APIError{HTTPStatus: 429, Code: 99991400, Msg: "request trigger frequency limit", Method: "POST", Path: PathUsers},
			rate:   true, limit: 1000, reset: 35 * time.Millisecond, retry: true,
		},
		{
			name: "old APIs throttle with 400", status: 400, header: map[string]string{"X-Ogw-Ratelimit-Reset": "1"},
			body: `{"code":99991400,"msg":"request trigger frequency limit"}`,
			want: APIError{HTTPStatus: 400, Code: 99991400, Msg: "request trigger frequency limit", Method: "POST", Path: PathUsers},
			rate: true, reset: time.Second, retry: true,
		},
		{
			name: "429 without JSON or headers", status: 429, body: `slow down`,
			want: APIError{HTTPStatus: 429, Msg: "Too Many Requests (non-JSON body, 9 bytes)", Method: "POST", Path: PathUsers},
			rate: true, retry: true,
		},
		{
			name: "502 with an HTML body", status: 502, body: `<html><body>Bad Gateway</body></html>`,
			want:    APIError{HTTPStatus: 502, Msg: "Bad Gateway (non-JSON body, 37 bytes)", Method: "POST", Path: PathUsers},
			retry:   true,
			errText: "feishu: POST /open-apis/contact/v3/users: Bad Gateway (non-JSON body, 37 bytes) (http 502)",
		},
		{
			name: "504 with a business code", status: 504, body: `{"code":41027,"msg":"create account failed"}`,
			want:  APIError{HTTPStatus: 504, Code: 41027, Msg: "create account failed", Method: "POST", Path: PathUsers},
			retry: true,
		},
		{
			name: "200 that is not JSON", status: 200, body: `<html>login</html>`,
			want: APIError{HTTPStatus: 200, Msg: "response is not the JSON envelope", Method: "POST", Path: PathUsers},
		},
		{
			name: "200 with a non-zero code", status: 200, body: `{"code":40004,"msg":"no dept authority error"}`,
			want: APIError{HTTPStatus: 200, Code: 40004, Msg: "no dept authority error", Method: "POST", Path: PathUsers},
		},
		{
			name: "data of the wrong shape", status: 200, body: `{"code":0,"msg":"success","data":{"user":"oops"}}`,
			want: APIError{HTTPStatus: 200, Method: "POST", Path: PathUsers},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := setup(t)
			e.mux.HandleFunc("POST "+PathUsers, func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				writeJSON(w, tt.status, tt.body)
			})
			u, err := e.client.CreateUser(context.Background(), User{Name: "A"}, "tok")
			if u != nil {
				t.Errorf("user = %+v, want nil", u)
			}
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %T %v, want *APIError", err, err)
			}
			got := *ae
			got.Detail = nil
			if tt.want.Msg == "" {
				got.Msg = "" // decode messages come from encoding/json
			}
			if got != tt.want {
				t.Errorf("APIError = %+v\nwant       %+v", got, tt.want)
			}
			var rl *RateLimitError
			if isRate := errors.As(err, &rl); isRate != tt.rate {
				t.Fatalf("RateLimitError = %v, want %v", isRate, tt.rate)
			}
			if tt.rate && (rl.Limit != tt.limit || rl.Reset != tt.reset) {
				t.Errorf("Limit, Reset = %d, %v; want %d, %v", rl.Limit, rl.Reset, tt.limit, tt.reset)
			}
			if retry, _ := ShouldRetry(context.Background(), err); retry != tt.retry {
				t.Errorf("ShouldRetry = %v, want %v", retry, tt.retry)
			}
			if tt.errText != "" && !strings.Contains(err.Error(), tt.errText) {
				t.Errorf("Error() = %q, want it to contain %q", err.Error(), tt.errText)
			}
			if strings.Contains(err.Error(), "?") || strings.Contains(err.Error(), "client_token") {
				t.Errorf("Error() leaks the query: %q", err.Error())
			}
		})
	}
}

func TestPartialSuccessReturnsUserAndError(t *testing.T) {
	tests := []struct {
		name, route string
		code        int
		call        func(c *Client) (*User, error)
	}{
		{"create 44055", "POST " + PathUsers, 44055, func(c *Client) (*User, error) {
			return c.CreateUser(context.Background(), User{Name: "A", JobTitle: "x"}, "")
		}},
		{"patch 44058", "PATCH " + PathUsers + "/{id}", 44058, func(c *Client) (*User, error) {
			title := "x"
			return c.PatchUser(context.Background(), "u1", UserPatch{JobTitle: &title})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := setup(t)
			e.mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 400, `{"code":`+strconv.Itoa(tt.code)+`,"msg":"partly","data":{"user":{"user_id":"u1"}}}`)
			})
			u, err := tt.call(e.client)
			if u == nil || u.UserID != "u1" {
				t.Errorf("user = %+v, want u1", u)
			}
			if ErrorCode(err) != tt.code || !IsPartialSuccess(err) {
				t.Errorf("err = %v, want partial success %d", err, tt.code)
			}
			if retry, _ := ShouldRetry(context.Background(), err); retry {
				t.Error("partial success would be retried")
			}
		})
	}
}

func TestDroppedConnectionIsNetError(t *testing.T) {
	e := setup(t)
	e.mux.HandleFunc("POST "+PathUsers, func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		conn.Close()
	})
	_, err := e.client.CreateUser(context.Background(), User{Name: "A"}, "")
	var ne *NetError
	if !errors.As(err, &ne) {
		t.Fatalf("err = %T %v, want *NetError", err, err)
	}
	if ne.Op != "POST "+PathUsers {
		t.Errorf("Op = %q", ne.Op)
	}
	if strings.Contains(err.Error(), "user_id_type") {
		t.Errorf("error repeats the URL query: %v", err)
	}
	if retry, _ := ShouldRetry(context.Background(), err); !retry {
		t.Error("network error not retryable")
	}
}

func TestPerRequestTimeout(t *testing.T) {
	e := setup(t, WithTimeout(50*time.Millisecond))
	e.mux.HandleFunc("GET "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // the client gives up and closes the connection
	})
	_, err := e.client.GetUser(context.Background(), "u1")
	var ne *NetError
	if !errors.As(err, &ne) || !errors.Is(err, ErrRequestTimeout) {
		t.Fatalf("err = %T %v, want *NetError wrapping ErrRequestTimeout", err, err)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Error("a per-request timeout must not look like the caller's deadline")
	}
	if retry, _ := ShouldRetry(context.Background(), err); !retry {
		t.Error("timeout not retryable")
	}
}

func TestCanceledContextReturnsCtxErr(t *testing.T) {
	e := setup(t)
	started := make(chan struct{})
	e.mux.HandleFunc("GET "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	_, err := e.client.GetUser(ctx, "u1")
	if err != context.Canceled {
		t.Fatalf("err = %T %v, want context.Canceled itself", err, err)
	}
	if retry, _ := ShouldRetry(ctx, err); retry {
		t.Error("retry after cancellation")
	}

	// Already canceled: no request at all.
	_, err = e.client.GetUser(ctx, "u2")
	if err != context.Canceled {
		t.Errorf("pre-canceled err = %v", err)
	}
}

func TestResponseSizeCap(t *testing.T) {
	big := strings.Repeat("x", 1024)
	e := setup(t, WithMaxResponseBytes(256))
	e.mux.HandleFunc("GET "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "big-ok" {
			writeJSON(w, 200, ok(`{"user":{"name":"`+big+`"}}`))
			return
		}
		writeJSON(w, 500, big)
	})
	_, err := e.client.GetUser(context.Background(), "big-ok")
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("large success body: err = %v, want ErrResponseTooLarge", err)
	}
	if retry, _ := ShouldRetry(context.Background(), err); retry {
		t.Error("too-large body would be retried")
	}
	_, err = e.client.GetUser(context.Background(), "big-500")
	if ae := AsAPIError(err); ae == nil || ae.HTTPStatus != 500 || ae.Code != 0 {
		t.Errorf("large error body: err = %v, want APIError http 500", err)
	}
}

func TestParseReset(t *testing.T) {
	tests := map[string]time.Duration{
		"":       0,
		"3":      3 * time.Second,
		" 0.5 ":  500 * time.Millisecond,
		"0.035":  35 * time.Millisecond,
		"-1":     0,
		"NaN":    0,
		"abc":    0,
		"999999": 0,
	}
	for in, want := range tests {
		if got := parseReset(in); got != want {
			t.Errorf("parseReset(%q) = %v, want %v", in, got, want)
		}
	}
}
