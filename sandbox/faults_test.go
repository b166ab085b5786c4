package sandbox_test

import (
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

func TestServerErrorFault(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	sandbox.SetFaults(srv, sandbox.Options{FailRate: 1})
	seen := map[int]bool{}
	for range 30 {
		r := c.do("POST", depts+custom, feishu.Department{ParentDepartmentID: "0", Name: "X"})
		seen[r.status] = true
		switch r.status {
		case 500:
			if r.code != 40003 {
				t.Fatalf("500 body: %s", r.raw)
			}
		case 502, 503:
			if r.code != -1 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
				t.Fatalf("%d body: %s", r.status, r.raw)
			}
		default:
			t.Fatalf("HTTP %d %s", r.status, r.raw)
		}
	}
	if len(seen) != 3 {
		t.Errorf("statuses seen: %v", seen)
	}
	if len(srv.Departments()) != 0 || srv.Stats().Faults[sandbox.FaultServerError] != 30 {
		t.Fatalf("5xx did work or was not counted: %+v", srv.Stats())
	}
	// Admin endpoints never fail.
	if hr, err := http.Get(c.base + "/_sandbox/stats"); err != nil || hr.StatusCode != 200 {
		t.Fatalf("admin under faults: %v %v", hr, err)
	} else {
		hr.Body.Close()
	}
}

// outcomes runs n sequential GETs and returns the HTTP status of each
// (0 for a dropped connection).
func outcomes(t *testing.T, seed uint64, n int) []int {
	srv, c := start(t, sandbox.Options{FaultSeed: seed})
	sandbox.SetFaults(srv, sandbox.Options{FaultSeed: seed, FailRate: 0.3, DropBeforeRate: 0.1})
	var out []int
	for range n {
		r, err := c.try("POST", feishu.PathEmployeeTypeEnums, c.token, nil) // POST: never retried by net/http
		if err != nil {
			out = append(out, 0)
			continue
		}
		out = append(out, r.status)
	}
	return out
}

func TestFaultsReproducibleWithSeed(t *testing.T) {
	a, b := outcomes(t, 42, 60), outcomes(t, 42, 60)
	if !slices.Equal(a, b) {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	var fails, drops int
	for _, s := range a {
		switch {
		case s == 0:
			drops++
		case s >= 500:
			fails++
		}
	}
	if fails == 0 || drops == 0 || fails+drops == len(a) {
		t.Fatalf("rates 0.3/0.1 gave %d 5xx and %d drops of %d", fails, drops, len(a))
	}
}

func TestDropBeforeFault(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	sandbox.SetFaults(srv, sandbox.Options{DropBeforeRate: 1})
	_, err := c.try("POST", depts+custom, c.token, feishu.Department{ParentDepartmentID: "0", Name: "X"})
	if err == nil {
		t.Fatal("want a connection error")
	}
	st := srv.Stats()
	if len(srv.Departments()) != 0 || st.WritesApplied != 0 || st.Faults[sandbox.FaultDropBefore] != 1 {
		t.Fatalf("drop before did work: %+v", st)
	}
}

func TestDropAfterFaultAndRetry(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	sandbox.SetFaults(srv, sandbox.Options{DropAfterRate: 1})
	body := feishu.Department{ParentDepartmentID: "0", Name: "Sales"}
	_, err := c.try("POST", depts+custom+"&client_token=retry-1", c.token, body)
	if err == nil {
		t.Fatal("want a connection error")
	}
	made := srv.Departments()
	if len(made) != 1 || srv.Stats().WritesApplied != 1 || srv.Stats().Faults[sandbox.FaultDropAfter] != 1 {
		t.Fatalf("the write should be applied before the drop: %+v", srv.Stats())
	}
	sandbox.SetFaults(srv, sandbox.Options{})
	var again feishu.DepartmentData
	c.ok("POST", depts+custom+"&client_token=retry-1", body, &again)
	if again.Department.OpenDepartmentID != made[0].OpenDepartmentID || len(srv.Departments()) != 1 {
		t.Fatalf("retry made a second department")
	}
	// Without a client_token the retry is a second create: the name clash shows it.
	sandbox.SetFaults(srv, sandbox.Options{DropAfterRate: 1})
	if _, err := c.try("POST", users+custom, c.token, feishu.User{Name: "U", Mobile: "13800000001", DepartmentIDs: []string{"0"}, EmployeeType: 1}); err == nil {
		t.Fatal("want a connection error")
	}
	sandbox.SetFaults(srv, sandbox.Options{})
	c.wantCode(41001, "POST", users+custom, feishu.User{Name: "U", Mobile: "13800000001", DepartmentIDs: []string{"0"}, EmployeeType: 1})
}

func TestTokenExpiryFault(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	old := c.token
	sandbox.SetFaults(srv, sandbox.Options{TokenExpiryRate: 1})
	c.wantCode(99991663, "GET", depts+"/0", nil)
	sandbox.SetFaults(srv, sandbox.Options{})
	c.wantCode(99991663, "GET", depts+"/0", nil) // the token stays expired
	c.token = c.fetchToken()
	if c.token == old {
		t.Fatal("token endpoint handed back the expired token")
	}
	c.wantCode(0, "GET", depts+"/0", nil)
	if n := srv.Stats().Faults[sandbox.FaultTokenExpiry]; n != 1 {
		t.Fatalf("token_expiry faults %d", n)
	}
}

func TestLatencyFault(t *testing.T) {
	srv, c := start(t, sandbox.Options{Latency: time.Millisecond, Jitter: time.Millisecond})
	for range 3 {
		c.ok("GET", depts+"/0", nil, nil)
	}
	if n := srv.Stats().Faults[sandbox.FaultLatency]; n != 4 { // token call included
		t.Fatalf("latency faults %d, want 4", n)
	}
}

func TestLockContention(t *testing.T) {
	srv, base := startRaw(t, sandbox.Options{LockContention: true})
	c := &client{t: t, base: base, hc: &http.Client{Timeout: 30 * time.Second}}
	c.token = c.fetchToken()
	locked, release := make(chan struct{}), make(chan struct{})
	var first atomic.Bool
	first.Store(true)
	sandbox.SetStructLockHook(srv, func() {
		if first.CompareAndSwap(true, false) {
			close(locked)
			<-release
		}
	})
	done := make(chan resp)
	go func() {
		r, _ := c.try("POST", depts+custom, c.token, feishu.Department{DepartmentID: "a", ParentDepartmentID: "0", Name: "A"})
		done <- r
	}()
	<-locked // the first write holds the structure lock
	c.wantCode(43024, "POST", depts+custom, feishu.Department{ParentDepartmentID: "0", Name: "B"})
	c.wantCode(43024, "DELETE", depts+"/zz"+custom, nil)
	c.wantCode(0, "GET", depts+"/0", nil) // reads are not locked
	c.wantCode(0, "POST", users+custom, feishu.User{Name: "U", Mobile: "13800000001", DepartmentIDs: []string{"0"}, EmployeeType: 1})
	close(release)
	if r := <-done; r.code != 0 {
		t.Fatalf("lock holder: %s", r.raw)
	}
	c.mkDept("b", "0", "B") // the lock is free again
	if n := srv.Stats().Faults[sandbox.FaultLockContention]; n != 2 {
		t.Fatalf("lock_contention %d", n)
	}
}
