package feishu

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)} }

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

// authRecorder registers GET user and returns the Authorization headers seen.
func authRecorder(e *env) func() []string {
	var mu sync.Mutex
	var seen []string
	e.mux.HandleFunc("GET "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		writeJSON(w, 200, ok(`{"user":{"user_id":"u1"}}`))
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

func TestTokenFetchedOnceForConcurrentCallers(t *testing.T) {
	const workers = 50
	e := setup(t)
	seen := authRecorder(e)
	var started sync.WaitGroup
	started.Add(workers)
	allStarted := make(chan struct{})
	go func() { started.Wait(); close(allStarted) }()
	e.setTokenHandler(func(w http.ResponseWriter, r *http.Request, n int) {
		<-allStarted // hold the first fetch until every worker is running
		writeJSON(w, 200, `{"code":0,"msg":"ok","tenant_access_token":"t-`+strconv.Itoa(n)+`","expire":7200}`)
	})
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			started.Done()
			_, err := e.client.GetUser(context.Background(), "u1")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := e.tokenCalls.Load(); n != 1 {
		t.Errorf("token endpoint called %d times, want 1", n)
	}
	for _, a := range seen() {
		if a != "Bearer t-1" {
			t.Errorf("Authorization = %q", a)
		}
	}
}

func TestTokenRefreshBeforeExpiry(t *testing.T) {
	tests := []struct {
		lifetime int           // seconds
		margin   time.Duration // expected refresh margin
	}{
		{7200, 5 * time.Minute},
		{60, 6 * time.Second}, // short test lifetime: 10%
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.lifetime), func(t *testing.T) {
			clock := newFakeClock()
			e := setup(t, WithClock(clock.Now))
			e.setTokenExpire(tt.lifetime)
			seen := authRecorder(e)
			ctx := context.Background()
			life := time.Duration(tt.lifetime) * time.Second

			if _, err := e.client.GetUser(ctx, "u1"); err != nil {
				t.Fatal(err)
			}
			clock.Advance(life - tt.margin - time.Second)
			if _, err := e.client.GetUser(ctx, "u1"); err != nil {
				t.Fatal(err)
			}
			if n := e.tokenCalls.Load(); n != 1 {
				t.Fatalf("token fetched %d times before the margin, want 1", n)
			}
			clock.Advance(2 * time.Second) // inside the margin, token still valid
			if _, err := e.client.GetUser(ctx, "u1"); err != nil {
				t.Fatal(err)
			}
			if n := e.tokenCalls.Load(); n != 2 {
				t.Fatalf("token fetched %d times inside the margin, want 2", n)
			}
			want := []string{"Bearer t-1", "Bearer t-1", "Bearer t-2"}
			if got := seen(); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("tokens used = %v, want %v", got, want)
			}
		})
	}
}

func TestOldTokenServedWhileRefreshing(t *testing.T) {
	clock := newFakeClock()
	e := setup(t, WithClock(clock.Now))
	seen := authRecorder(e)
	refreshing, release := make(chan struct{}), make(chan struct{})
	e.setTokenHandler(func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 2 {
			close(refreshing)
			<-release
		}
		writeJSON(w, 200, `{"code":0,"msg":"ok","tenant_access_token":"t-`+strconv.Itoa(n)+`","expire":7200}`)
	})
	ctx := context.Background()
	if _, err := e.client.GetUser(ctx, "u1"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(7200*time.Second - time.Minute) // inside the margin

	done := make(chan error)
	go func() { _, err := e.client.GetUser(ctx, "u1"); done <- err }() // starts the refresh and waits for it
	<-refreshing
	if _, err := e.client.GetUser(ctx, "u1"); err != nil { // must not wait for the refresh
		t.Fatal(err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := "Bearer t-1,Bearer t-1,Bearer t-2"
	if got := strings.Join(seen(), ","); got != want {
		t.Errorf("tokens used = %s, want %s", got, want)
	}
}

func TestTokenRefreshFailure(t *testing.T) {
	clock := newFakeClock()
	e := setup(t, WithClock(clock.Now))
	authRecorder(e)
	e.setTokenHandler(func(w http.ResponseWriter, r *http.Request, n int) {
		if n > 1 {
			writeJSON(w, 503, "unavailable")
			return
		}
		writeJSON(w, 200, `{"code":0,"msg":"ok","tenant_access_token":"t-1","expire":7200}`)
	})
	ctx := context.Background()
	if _, err := e.client.GetUser(ctx, "u1"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(7200*time.Second - time.Minute)
	if _, err := e.client.GetUser(ctx, "u1"); err != nil {
		t.Fatalf("refresh failure with a valid token: %v", err)
	}
	clock.Advance(2 * time.Minute) // now expired
	_, err := e.client.GetUser(ctx, "u1")
	ae := AsAPIError(err)
	if ae == nil || ae.HTTPStatus != 503 || ae.Path != PathTenantToken {
		t.Fatalf("err = %v, want the token endpoint's 503", err)
	}
	if retry, _ := ShouldRetry(ctx, err); !retry {
		t.Error("token endpoint 503 not retryable")
	}
	e.setTokenHandler(nil) // the error was not cached
	if _, err := e.client.GetUser(ctx, "u1"); err != nil {
		t.Fatalf("after the endpoint recovered: %v", err)
	}
}

func TestResendOnceAfterTokenError(t *testing.T) {
	for _, code := range []int{99991663, 99991661, 99991665} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			e := setup(t)
			var hits atomic.Int32
			e.mux.HandleFunc("PATCH "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if r.Header.Get("Authorization") == "Bearer t-1" {
					writeJSON(w, 400, `{"code":`+strconv.Itoa(code)+`,"msg":"Invalid access token"}`)
					return
				}
				jsonEqual(t, mustRead(r), `{"name":"B"}`) // the body is sent again in full
				writeJSON(w, 200, ok(`{"user":{"user_id":"u1","name":"B"}}`))
			})
			name := "B"
			u, err := e.client.PatchUser(context.Background(), "u1", UserPatch{Name: &name})
			if err != nil || u.Name != "B" {
				t.Fatalf("PatchUser = %+v, %v", u, err)
			}
			if hits.Load() != 2 || e.tokenCalls.Load() != 2 {
				t.Errorf("api hits %d, token calls %d; want 2 and 2", hits.Load(), e.tokenCalls.Load())
			}
		})
	}
}

func TestResendOnlyOnce(t *testing.T) {
	e := setup(t)
	var hits atomic.Int32
	e.mux.HandleFunc("GET "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeJSON(w, 400, `{"code":99991663,"msg":"Invalid access token"}`)
	})
	_, err := e.client.GetUser(context.Background(), "u1")
	if ErrorCode(err) != 99991663 {
		t.Fatalf("err = %v", err)
	}
	if hits.Load() != 2 || e.tokenCalls.Load() != 2 {
		t.Errorf("api hits %d, token calls %d; want 2 and 2", hits.Load(), e.tokenCalls.Load())
	}
	if retry, _ := ShouldRetry(context.Background(), err); !retry {
		t.Error("token error should be left to the pacer to retry")
	}
}

func TestInvalidateForgetsOnlyThatToken(t *testing.T) {
	var fetches atomic.Int32
	ts := newTokenSource(func(context.Context) (string, time.Duration, error) {
		return "t-" + strconv.Itoa(int(fetches.Add(1))), time.Hour, nil
	}, time.Now, discardLogger())
	ctx := context.Background()
	old, err := ts.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ts.Invalidate("t-unrelated")
	if tok, _ := ts.Token(ctx); tok != old || fetches.Load() != 1 {
		t.Fatalf("Invalidate of another token refetched: %s, %d fetches", tok, fetches.Load())
	}
	// Two workers fail with the same old token, then both need a new one.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ts.Invalidate(old)
			if tok, err := ts.Token(ctx); err != nil || tok == old {
				t.Errorf("Token = %s, %v", tok, err)
			}
		}()
	}
	wg.Wait()
	// Either the second Invalidate came after the refresh and found a new
	// token (no-op), or before it and found none: one refresh either way.
	if n := fetches.Load(); n != 2 {
		t.Errorf("%d fetches, want 2", n)
	}
}

func TestCanceledWaiterDoesNotFailOthers(t *testing.T) {
	var fetches atomic.Int32
	release := make(chan struct{})
	ts := newTokenSource(func(ctx context.Context) (string, time.Duration, error) {
		fetches.Add(1)
		<-release
		return "t-1", time.Hour, ctx.Err()
	}, time.Now, discardLogger())

	ctxA, cancelA := context.WithCancel(context.Background())
	errA := make(chan error)
	go func() { _, err := ts.Token(ctxA); errA <- err }()
	cancelA()
	if err := <-errA; err != context.Canceled {
		t.Fatalf("canceled caller got %v", err)
	}
	errB := make(chan error)
	go func() { _, err := ts.Token(context.Background()); errB <- err }()
	close(release)
	if err := <-errB; err != nil {
		t.Fatalf("other caller got %v", err)
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("%d fetches", n)
	}
}

func TestWrongSecretIsPermanentAndRedacted(t *testing.T) {
	const wrong = "wrong-s3cr3t-XYZ"
	e := setup(t, WithCredentials(testAppID, wrong))
	e.mux.HandleFunc("GET "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		t.Error("API called without a token")
	})
	_, err := e.client.GetUser(context.Background(), "u1")
	ae := AsAPIError(err)
	if ae == nil || ae.Code != CodeWrongSecret.Num || ae.Path != PathTenantToken {
		t.Fatalf("err = %v, want code 10015 from the token endpoint", err)
	}
	if !strings.Contains(err.Error(), "check the app ID (cli_test) and app secret") {
		t.Errorf("no hint in %q", err)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("secret in error: %q", err)
	}
	if retry, _ := ShouldRetry(context.Background(), err); retry {
		t.Error("wrong secret would be retried")
	}
}

func TestNoCredentials(t *testing.T) {
	e := setup(t)
	c := NewClient(WithBaseURL(e.server.URL + basePrefix))
	if _, err := c.GetUser(context.Background(), "u1"); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("err = %v, want ErrNoCredentials", err)
	}
	if e.tokenCalls.Load() != 0 {
		t.Error("token endpoint called without credentials")
	}
}

func TestRefreshMargin(t *testing.T) {
	tests := map[time.Duration]time.Duration{
		2 * time.Hour:    5 * time.Minute,
		30 * time.Minute: 3 * time.Minute,
		10 * time.Second: time.Second,
	}
	for life, want := range tests {
		if got := refreshMargin(life); got != want {
			t.Errorf("refreshMargin(%v) = %v, want %v", life, got, want)
		}
	}
}
