package feishu

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a log sink shared by the client's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestCredentialsNeverPrintSecret(t *testing.T) {
	c := NewCredentials("cli_x", testSecret)
	c.BaseURL = "http://127.0.0.1:8080"
	if got, want := c.String(), "app_id=cli_x secret=*** base_url=http://127.0.0.1:8080"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	type holder struct {
		Public  Credentials
		private Credentials
		Ptr     *Credentials
	}
	h := holder{c, c, &c}
	outputs := []string{
		fmt.Sprintf("%v %+v %#v %s %q %x %X %d %T", c, c, c, c, c, c, c, c, c),
		fmt.Sprintf("%v %+v %#v", &c, &c, &c),
		fmt.Sprintf("%v %+v %#v", h, h, h),
		fmt.Sprintf("%v %+v %#v", []Credentials{c}, map[string]Credentials{"k": c}, []any{c}),
		fmt.Sprint(c), fmt.Sprintln(c),
	}
	for _, v := range []any{c, &c, h} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, string(b))
	}
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	logger.Info("creds", "c", c, "p", &c, slog.Any("any", c))
	jlog := slog.New(slog.NewJSONHandler(&buf, nil))
	jlog.Info("creds", "c", c, "h", h)
	outputs = append(outputs, buf.String())

	client := NewClient(WithCredentials("cli_x", testSecret))
	outputs = append(outputs, fmt.Sprintf("%v %+v %#v", client, client, *client))

	for _, out := range outputs {
		if strings.Contains(out, testSecret) {
			t.Errorf("secret printed: %s", out)
		}
	}
	if b, _ := json.Marshal(c); !strings.Contains(string(b), `"app_secret":"***"`) {
		t.Errorf("MarshalJSON = %s", b)
	}
	if c.Secret() != testSecret || !c.Complete() {
		t.Error("Secret() lost the secret")
	}
	if (Credentials{AppID: "x"}).String() != "app_id=x secret=(none)" {
		t.Errorf("empty secret prints %q", Credentials{AppID: "x"})
	}
}

// TestFailingFlowsNeverLeakSecret runs success and failure paths with a
// debug logger and checks that neither the logs nor any error text hold the
// secret or a token.
func TestFailingFlowsNeverLeakSecret(t *testing.T) {
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := setup(t, WithLogger(logger))
	e.mux.HandleFunc("GET "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		switch r.PathValue("id") {
		case "throttled":
			w.Header().Set("X-Ogw-Ratelimit-Reset", "1")
			writeJSON(w, 429, `{"code":99991400,"msg":"request trigger frequency limit"}`)
		case "stale":
			writeJSON(w, 400, `{"code":99991663,"msg":"Invalid access token"}`)
		case "dropped":
			conn, _, _ := http.NewResponseController(w).Hijack()
			conn.Close()
		default:
			writeJSON(w, 200, ok(`{"user":{"user_id":"u1"}}`))
		}
	})
	ctx := context.Background()
	var errs []error
	for _, id := range []string{"ok", "throttled", "stale", "dropped"} {
		_, err := e.client.GetUser(ctx, id)
		errs = append(errs, err)
	}
	bad := NewClient(WithBaseURL(e.server.URL+basePrefix), WithCredentials(testAppID, testSecret+"-wrong"), WithLogger(logger))
	_, err := bad.GetUser(ctx, "u1")
	errs = append(errs, err)
	if err == nil {
		t.Fatal("wrong secret accepted")
	}
	pacer := NewPacer(WithPacerLogger(logger), WithMaxAttempts(2), WithBackoff(1, 1))
	pacer.sleep = func(context.Context, time.Duration) error { return nil }
	_, err = pacer.Call(ctx, On(EPGetUser), func(ctx context.Context) error {
		_, err := e.client.GetUser(ctx, "stale")
		return err
	})
	errs = append(errs, err)

	logs := buf.String()
	if !strings.Contains(logs, "cannot get tenant_access_token") {
		t.Errorf("expected the failing flows in the log, got:\n%s", logs)
	}
	for _, s := range []string{testSecret, "Bearer", "t-1", "t-2"} {
		if strings.Contains(logs, s) {
			t.Errorf("log contains %q:\n%s", s, logs)
		}
		for _, err := range errs {
			if err != nil && strings.Contains(err.Error(), s) {
				t.Errorf("error contains %q: %v", s, err)
			}
		}
	}
}
