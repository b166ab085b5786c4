package sandbox_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

func TestRateLimitWindows(t *testing.T) {
	clock := newFakeClock() // frozen: windows move only when the test says
	srv, c := start(t, sandbox.Options{Now: clock.Now, RateScale: 1, Limits: map[feishu.Endpoint]feishu.Limit{
		feishu.EPGetDepartment: {{Count: 3, Per: time.Second}, {Count: 5, Per: time.Minute}},
	}})
	get := func() resp { return c.do("GET", depts+"/0", nil) }
	for i := range 3 {
		if r := get(); r.code != 0 {
			t.Fatalf("call %d: %s", i, r.raw)
		}
	}
	r := get()
	if r.status != 429 || r.code != 99991400 || r.msg != "request trigger frequency limit" {
		t.Fatalf("4th call in a second: HTTP %d %s", r.status, r.raw)
	}
	if l, rs := r.header.Get("x-ogw-ratelimit-limit"), r.header.Get("x-ogw-ratelimit-reset"); l != "3" || rs != "1" {
		t.Fatalf("headers limit %q reset %q, want 3 and 1", l, rs)
	}
	clock.Advance(time.Second)
	for i := range 2 {
		if r := get(); r.code != 0 {
			t.Fatalf("next second, call %d: %s", i, r.raw)
		}
	}
	r = get()
	if l, rs := r.header.Get("x-ogw-ratelimit-limit"), r.header.Get("x-ogw-ratelimit-reset"); r.status != 429 || l != "5" || rs != "59" {
		t.Fatalf("minute window: HTTP %d limit %q reset %q", r.status, l, rs)
	}
	// Another endpoint has its own budget (and here no limit at all).
	for range 10 {
		c.ok("GET", feishu.PathEmployeeTypeEnums, nil, nil)
	}
	st := srv.Stats().Endpoints[feishu.EPGetDepartment]
	if st.Calls != 7 || st.OK != 5 || st.Throttled != 2 || st.Errors != 0 {
		t.Fatalf("stats %+v", st)
	}
	clock.Advance(time.Minute)
	if r := get(); r.code != 0 {
		t.Fatalf("next minute: %s", r.raw)
	}
}

func TestRateLimitDocumentedTier(t *testing.T) {
	clock := newFakeClock()
	_, c := start(t, sandbox.Options{Now: clock.Now, RateScale: 20})
	for i := range 50 {
		if r := c.do("GET", depts+"/0", nil); r.code != 0 {
			t.Fatalf("call %d: %s", i, r.raw)
		}
	}
	r := c.do("GET", depts+"/0", nil)
	// 50/s scaled by 20 is 50 per 50 ms; the clock sits at a window start.
	if l, rs := r.header.Get("x-ogw-ratelimit-limit"), r.header.Get("x-ogw-ratelimit-reset"); r.status != 429 || l != "50" || rs != "0.05" {
		t.Fatalf("HTTP %d limit %q reset %q", r.status, l, rs)
	}
	clock.Advance(35 * time.Millisecond)
	r = c.do("GET", depts+"/0", nil)
	if rs := r.header.Get("x-ogw-ratelimit-reset"); rs != "0.015" {
		t.Fatalf("reset %q after 35 ms, want 0.015", rs)
	}
	// 20 windows of 50 ms fill the 1000 per (scaled) minute budget.
	for i := 1; i < 20; i++ {
		clock.Advance(50 * time.Millisecond)
		for j := range 50 {
			if r := c.do("GET", depts+"/0", nil); r.code != 0 {
				t.Fatalf("window %d call %d: %s", i, j, r.raw)
			}
		}
	}
	clock.Advance(50 * time.Millisecond)
	r = c.do("GET", depts+"/0", nil)
	if l := r.header.Get("x-ogw-ratelimit-limit"); r.status != 429 || l != "1000" {
		t.Fatalf("minute budget: HTTP %d limit %q", r.status, l)
	}
}

func TestThrottledCallDoesNoWork(t *testing.T) {
	clock := newFakeClock()
	srv, c := start(t, sandbox.Options{Now: clock.Now, RateScale: 1, Limits: map[feishu.Endpoint]feishu.Limit{
		feishu.EPCreateDepartment: {{Count: 1, Per: time.Second}},
	}})
	c.mkDept("a", "0", "A")
	r := c.do("POST", depts+custom, feishu.Department{DepartmentID: "b", ParentDepartmentID: "0", Name: "B"})
	if r.status != 429 {
		t.Fatalf("second create: %s", r.raw)
	}
	if n := len(srv.Departments()); n != 1 || srv.Stats().WritesApplied != 1 {
		t.Fatalf("%d departments, %d writes after a throttled create", n, srv.Stats().WritesApplied)
	}
}

func TestPatchUserDepartmentLimit(t *testing.T) {
	clock := newFakeClock()
	_, c := start(t, sandbox.Options{Now: clock.Now, RateScale: 1})
	c.mkDept("a", "0", "A")
	c.mkDept("b", "0", "B")
	c.mkUser("u", "13800000001", "a")
	path := users + "/u" + custom
	c.ok("PATCH", path, feishu.UserPatch{DepartmentIDs: &[]string{"b"}}, nil)
	for _, p := range []feishu.UserPatch{{DepartmentIDs: &[]string{"a"}}, {IsFrozen: ptr(true)}} {
		r := c.do("PATCH", path, p)
		if r.status != 429 || r.header.Get("x-ogw-ratelimit-limit") != "1" {
			t.Fatalf("second department/freeze change in a second: HTTP %d %s", r.status, r.raw)
		}
	}
	for i := range 5 {
		c.ok("PATCH", path, feishu.UserPatch{Name: ptr(fmt.Sprint("U", i))}, nil)
	}
	if u := c.getUser("u"); u.DepartmentIDs[0] != "b" || u.Status.IsFrozen {
		t.Fatalf("a throttled patch changed the user: %+v", u)
	}
	clock.Advance(time.Second)
	c.ok("PATCH", path, feishu.UserPatch{IsFrozen: ptr(true)}, nil)
}

func TestNoRateLimitByDefault(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	for i := range 120 {
		if r := c.do("GET", depts+"/0", nil); r.code != 0 {
			t.Fatalf("call %d: %s", i, r.raw)
		}
	}
}

// TestRateLimitWindowKinds: under every kind and alignment of window the
// sandbox admits what the docs promise — Count calls at once, Count more a
// Per later, up to the longer window's count — and refuses the call that
// overflows a window, with the reset of the window that refused it.
func TestRateLimitWindowKinds(t *testing.T) {
	limits := map[feishu.Endpoint]feishu.Limit{feishu.EPGetDepartment: {{Count: 3, Per: time.Second}, {Count: 5, Per: time.Minute}}}
	tests := []struct {
		name     string
		kind     sandbox.WindowKind
		offset   time.Duration
		reset4th string // x-ogw-ratelimit-reset of the 4th call at once
		reset6   string // of the 6th call within the minute; "" = admitted
	}{
		{"fixed", sandbox.WindowsFixed, 0, "1", "59"},
		// The minute window shifted by 400 ms ended between the first
		// three calls and the next: a new minute, a new budget.
		{"fixed, shifted", sandbox.WindowsFixed, 400 * time.Millisecond, "1", ""},
		{"sliding", sandbox.WindowsSliding, 0, "1", "59"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock() // on a whole minute
			_, c := start(t, sandbox.Options{Now: clock.Now, RateScale: 1, Limits: limits, RateWindows: tt.kind, RateWindowOffset: tt.offset})
			get := func() resp { return c.do("GET", depts+"/0", nil) }
			for i := range 3 {
				if r := get(); r.code != 0 {
					t.Fatalf("call %d at once: %s", i, r.raw)
				}
			}
			if r := get(); r.status != 429 || r.header.Get("x-ogw-ratelimit-limit") != "3" || r.header.Get("x-ogw-ratelimit-reset") != tt.reset4th {
				t.Fatalf("4th call at once: HTTP %d limit %q reset %q", r.status, r.header.Get("x-ogw-ratelimit-limit"), r.header.Get("x-ogw-ratelimit-reset"))
			}
			clock.Advance(time.Second)
			for i := range 2 {
				if r := get(); r.code != 0 {
					t.Fatalf("a second later, call %d: %s", i, r.raw)
				}
			}
			r := get()
			if tt.reset6 == "" {
				if r.code != 0 {
					t.Fatalf("6th call, in a new minute window: %s", r.raw)
				}
				return
			}
			if r.status != 429 || r.header.Get("x-ogw-ratelimit-limit") != "5" || r.header.Get("x-ogw-ratelimit-reset") != tt.reset6 {
				t.Fatalf("6th call in the minute: HTTP %d limit %q reset %q", r.status, r.header.Get("x-ogw-ratelimit-limit"), r.header.Get("x-ogw-ratelimit-reset"))
			}
		})
	}
}

// TestSlidingWindowRefusesBurstAcrossBoundary: three calls just before a
// second's end and three just after pass fixed windows (two windows of
// three) but not sliding ones (six in 20 ms).
func TestSlidingWindowRefusesBurstAcrossBoundary(t *testing.T) {
	limits := map[feishu.Endpoint]feishu.Limit{feishu.EPGetDepartment: {{Count: 3, Per: time.Second}}}
	for _, kind := range []sandbox.WindowKind{sandbox.WindowsFixed, sandbox.WindowsSliding} {
		t.Run(string(kind), func(t *testing.T) {
			clock := newFakeClock()
			clock.Advance(990 * time.Millisecond)
			_, c := start(t, sandbox.Options{Now: clock.Now, RateScale: 1, Limits: limits, RateWindows: kind})
			ok := 0
			for i := range 6 {
				if i == 3 {
					clock.Advance(20 * time.Millisecond)
				}
				if r := c.do("GET", depts+"/0", nil); r.code == 0 {
					ok++
				}
			}
			want := map[sandbox.WindowKind]int{sandbox.WindowsFixed: 6, sandbox.WindowsSliding: 3}[kind]
			if ok != want {
				t.Errorf("%d of 6 calls admitted, want %d", ok, want)
			}
			if kind == sandbox.WindowsSliding {
				clock.Advance(time.Second - 20*time.Millisecond) // exactly a second after the first three
				if r := c.do("GET", depts+"/0", nil); r.code != 0 {
					t.Errorf("a second after the first calls: %s", r.raw)
				}
			}
		})
	}
}
