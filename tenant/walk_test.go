package tenant_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
	"github.com/orgbatch/orgbatch/tenant"
)

// expectedCalls computes the minimum from the sandbox's own state, not
// from the walk: ceil(departments/50) children pages (at least 1), and per
// department and the root ceil(direct active members/50) pages (at least 1).
func expectedCalls(srv *sandbox.Server) (children, findByDept int) {
	depts := srv.Departments()
	direct := map[string]int{}
	for _, u := range srv.Users() {
		if u.Status != nil && u.Status.IsResigned {
			continue
		}
		for _, d := range u.DepartmentIDs {
			direct[d]++
		}
	}
	pages := func(n int) int { return max(1, (n+49)/50) }
	findByDept = pages(direct["0"])
	for _, d := range depts {
		findByDept += pages(direct[d.DepartmentID])
	}
	return pages(len(depts)), findByDept
}

func TestWalkMakesTheMinimumCalls(t *testing.T) {
	tn := start(t, sandbox.Options{})
	sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
	tn.srv.ResetStats()
	snap := tn.walk(t, 6, tenant.WalkOptions{})

	children, fbd := expectedCalls(tn.srv)
	if children != 3 || fbd < 143 {
		t.Fatalf("test org too small: %d children pages, %d find_by_department pages", children, fbd)
	}
	want := map[feishu.Endpoint]int{feishu.EPChildren: children, feishu.EPFindByDepartment: fbd}
	got := sandboxCalls(tn.srv, feishu.EPChildren, feishu.EPFindByDepartment, feishu.EPGetDepartment)
	for ep, n := range want {
		if got[ep].Calls != int64(n) || got[ep].OK != int64(n) {
			t.Errorf("%s: sandbox counted %+v, want %d calls", ep, got[ep], n)
		}
		if snap.Calls[ep] != n || snap.Tree.MinCalls()[ep] != n {
			t.Errorf("%s: walk counted %d, MinCalls %d, want %d", ep, snap.Calls[ep], snap.Tree.MinCalls()[ep], n)
		}
	}
	if got[feishu.EPGetDepartment].Calls != 0 {
		t.Errorf("GET department called %d times for the whole tenant", got[feishu.EPGetDepartment].Calls)
	}
}

func TestWalkContent(t *testing.T) {
	tn := start(t, sandbox.Options{})
	b := sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
	snap := tn.walk(t, 0, tenant.WalkOptions{})

	if len(snap.Tree.Departments) != b.Depts {
		t.Fatalf("%d departments, want %d", len(snap.Tree.Departments), b.Depts)
	}
	// Parent-first, depth and path follow the parents.
	pos := map[string]int{}
	byID := map[string]*tenant.Department{}
	for i, d := range snap.Tree.Departments {
		pos[d.DepartmentID], byID[d.DepartmentID] = i, d
		if d.ParentDepartmentID == "0" {
			if d.Depth != 1 || d.Path != d.Name {
				t.Errorf("%s: depth %d path %q", d.DepartmentID, d.Depth, d.Path)
			}
			continue
		}
		p := byID[d.ParentDepartmentID]
		if p == nil {
			t.Fatalf("%s listed before its parent %s", d.DepartmentID, d.ParentDepartmentID)
		}
		if d.Depth != p.Depth+1 || d.Path != p.Path+"/"+d.Name {
			t.Errorf("%s: depth %d path %q under %q", d.DepartmentID, d.Depth, d.Path, p.Path)
		}
	}
	deep := byID[b.Deepest]
	if deep.Depth != b.ChainDepth || deep.Path != "部门C1/部门C2/部门C3/部门C4/部门C5/部门C6/部门C7/部门C8" {
		t.Errorf("deepest: depth %d path %q", deep.Depth, deep.Path)
	}
	// Top-level siblings come by order, not in creation order (their
	// orders descend as they were created).
	if len(snap.Tree.Top) < 10 {
		t.Fatalf("only %d top-level departments", len(snap.Tree.Top))
	}
	for i := 1; i < len(snap.Tree.Top); i++ {
		a, _ := strconv.Atoi(snap.Tree.Top[i-1].Order)
		b, _ := strconv.Atoi(snap.Tree.Top[i].Order)
		if a >= b {
			t.Errorf("top-level %s (order %d) after order %d", snap.Tree.Top[i].DepartmentID, b, a)
		}
	}
	// member_count is the API's.
	for _, d := range tn.srv.Departments() {
		if got := byID[d.DepartmentID].MemberCount; got != d.MemberCount {
			t.Errorf("%s member_count %d, sandbox %d", d.DepartmentID, got, d.MemberCount)
		}
	}

	users := map[string]*feishu.User{}
	for i, u := range snap.Tree.Users {
		if users[u.UserID] != nil {
			t.Fatalf("user %s listed twice", u.UserID)
		}
		users[u.UserID] = u
		if i > 0 && snap.Tree.Users[i-1].UserID >= u.UserID {
			t.Errorf("users not sorted at %s", u.UserID)
		}
	}
	active := 0
	for _, u := range tn.srv.Users() {
		if !u.Status.IsResigned {
			active++
		}
	}
	if len(snap.Tree.Users) != active {
		t.Errorf("%d users, want the %d not resigned", len(snap.Tree.Users), active)
	}
	if m := users[b.Multi]; m == nil || !slices.Equal(m.DepartmentIDs, b.MultiDepts) {
		t.Errorf("multi-department user: %+v", m)
	}
	for _, id := range b.Resigned {
		if users[id] != nil {
			t.Errorf("resigned user %s exported", id)
		}
	}
	for status, ids := range map[string][]string{exporter.StatusFrozen: b.Frozen, exporter.StatusUnjoined: b.Unjoined, exporter.StatusActive: b.Activated} {
		for _, id := range ids {
			if got := exporter.Status(users[id].Status); got != status {
				t.Errorf("%s status %s, want %s", id, got, status)
			}
		}
	}
	counts := exporter.StatusCounts(snap.Tree)
	if counts[exporter.StatusFrozen] != 3 || counts[exporter.StatusUnjoined] != 2 || counts[exporter.StatusActive] != 4 ||
		counts[exporter.StatusInactive] != active-9 || counts[exporter.StatusResigned] != 0 {
		t.Errorf("status counts %v", counts)
	}
	if snap.Tree.RootDirectUsers != 3 || byID[b.BigDept].DirectUsers != 120+15+1 {
		t.Errorf("direct members: root %d, %s %d", snap.Tree.RootDirectUsers, b.BigDept, byID[b.BigDept].DirectUsers)
	}
}

func TestWalkSubtree(t *testing.T) {
	tn := start(t, sandbox.Options{})
	b := sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
	tn.srv.ResetStats()
	snap := tn.walk(t, 0, tenant.WalkOptions{Root: "C3"})

	if snap.Tree.Departments[0].DepartmentID != "C3" || snap.Tree.Departments[0].Depth != 1 || snap.Tree.Departments[0].ParentDepartmentID != "C2" {
		t.Fatalf("first department %+v", snap.Tree.Departments[0])
	}
	for _, d := range snap.Tree.Departments[1:] {
		if !strings.HasPrefix(d.Path, "部门C3/") {
			t.Errorf("%s outside the sub-tree: %q", d.DepartmentID, d.Path)
		}
	}
	if d := snap.Tree.Departments[len(snap.Tree.Departments)-1]; d.Depth < 2 {
		t.Errorf("last department depth %d", d.Depth)
	}
	var multi *feishu.User
	for _, u := range snap.Tree.Users {
		if u.UserID == b.Multi {
			multi = u
		}
	}
	// The user is in C3 and keeps the departments outside the sub-tree.
	if multi == nil || len(multi.DepartmentIDs) != 3 {
		t.Errorf("multi-department user in the C3 export: %+v", multi)
	}
	min := snap.Tree.MinCalls()
	got := sandboxCalls(tn.srv, feishu.EPChildren, feishu.EPFindByDepartment, feishu.EPGetDepartment)
	if min[feishu.EPGetDepartment] != 1 || got[feishu.EPGetDepartment].Calls != 1 {
		t.Errorf("GET root: min %d, calls %+v", min[feishu.EPGetDepartment], got[feishu.EPGetDepartment])
	}
	for ep, n := range min {
		if got[ep].Calls != int64(n) {
			t.Errorf("%s: %d calls, minimum %d", ep, got[ep].Calls, n)
		}
	}
	if min[feishu.EPFindByDepartment] != len(snap.Tree.Departments) { // no department here has over 50
		t.Errorf("find_by_department minimum %d for %d departments", min[feishu.EPFindByDepartment], len(snap.Tree.Departments))
	}
}

// TestWalkThroughRateLimits: with the sandbox enforcing the documented
// limits (scaled) and the Pacer pacing to them, the walk completes and
// every sandbox answer is one the walk counted; the successful calls are
// the minimum.
func TestWalkThroughRateLimits(t *testing.T) {
	tn := start(t, sandbox.Options{RateScale: 20, Latency: 1_000_000})
	sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
	tn.srv.ResetStats()
	snap := tn.walk(t, 16, tenant.WalkOptions{})
	got := sandboxCalls(tn.srv, feishu.EPChildren, feishu.EPFindByDepartment)
	for ep, n := range snap.Tree.MinCalls() {
		if got[ep].OK != int64(n) || got[ep].Calls != int64(snap.Calls[ep]) || snap.Pages[ep] != n {
			t.Errorf("%s: sandbox %+v, walk attempts %d pages %d, minimum %d", ep, got[ep], snap.Calls[ep], snap.Pages[ep], n)
		}
	}
}

func TestWalkDepartmentsOnly(t *testing.T) {
	tn := start(t, sandbox.Options{TenantName: "星辰科技"})
	b := sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
	tn.srv.ResetStats()
	snap := tn.walk(t, 0, tenant.WalkOptions{SkipUsers: true, FetchRoot: true})
	got := sandboxCalls(tn.srv, feishu.EPChildren, feishu.EPFindByDepartment, feishu.EPGetDepartment)
	if got[feishu.EPFindByDepartment].Calls != 0 || got[feishu.EPChildren].Calls != 3 || got[feishu.EPGetDepartment].Calls != 1 {
		t.Errorf("calls %+v", got)
	}
	if len(snap.Tree.Users) != 0 || len(snap.Tree.Departments) != b.Depts || snap.Tree.Root.Name != "星辰科技" {
		t.Errorf("users %d departments %d root %+v", len(snap.Tree.Users), len(snap.Tree.Departments), snap.Tree.Root)
	}
	if _, ok := snap.Tree.MinCalls()[feishu.EPFindByDepartment]; ok {
		t.Errorf("MinCalls counts find_by_department for a departments-only walk")
	}
}

func TestWalkErrors(t *testing.T) {
	tn := start(t, sandbox.Options{})
	sandboxtest.SeedBigOrg(t, tn.srv, tn.api)

	_, err := tn.reader(0).Walk(context.Background(), tenant.WalkOptions{Root: "NOPE"})
	if feishu.ErrorCode(err) != feishu.CodeDeptNotExist.Num {
		t.Errorf("unknown root: %v", err)
	}

	// Cancelled after the first page: the walk stops with ctx's error.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = tn.reader(0).Walk(ctx, tenant.WalkOptions{Progress: func(tenant.WalkProgress) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk: %v", err)
	}

	openIDs := feishu.NewClient(feishu.WithBaseURL(tn.url), feishu.WithCredentials(sandbox.DefaultAppID, sandbox.DefaultAppSecret))
	if _, err := (&tenant.Reader{API: feishu.NewPaced(openIDs, tn.pacer)}).Walk(context.Background(), tenant.WalkOptions{}); err == nil {
		t.Errorf("a client with open IDs was accepted")
	}
}

func TestWalkEmptyTenant(t *testing.T) {
	tn := start(t, sandbox.Options{})
	snap := tn.walk(t, 0, tenant.WalkOptions{})
	got := sandboxCalls(tn.srv, feishu.EPChildren, feishu.EPFindByDepartment)
	if len(snap.Tree.Departments) != 0 || len(snap.Tree.Users) != 0 || got[feishu.EPChildren].Calls != 1 || got[feishu.EPFindByDepartment].Calls != 1 {
		t.Errorf("empty tenant: %d departments, %d users, calls %+v", len(snap.Tree.Departments), len(snap.Tree.Users), got)
	}
	if tenant.Total(snap.Tree.MinCalls()) != 2 {
		t.Errorf("minimum %v", snap.Tree.MinCalls())
	}
}
