package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/tenant"
)

// ExportSpec describes an export benchmark.
type ExportSpec struct {
	Org       samplegen.Spec
	MultiDept float64       // fraction of users also put in a second department
	RateScale float64       // sandbox and pacer limits, scaled alike
	Latency   time.Duration // sandbox latency per request
	Jitter    time.Duration
	Parallel  int // exporter.Options.Parallel
	Dir       string
}

// ExportResult is one measurement of an export against its lower bounds.
type ExportResult struct {
	Departments, Users, MultiDept int
	Calls                         map[feishu.Endpoint]int // requests the sandbox answered, 429s included
	Minimum                       map[feishu.Endpoint]int // from the generated org, not from the walk
	Throttled                     int64
	Elapsed                       time.Duration
	WindowBound                   time.Duration // busiest endpoint's minimum calls under window semantics
	BoundBy                       feishu.Endpoint
	CriticalPath                  time.Duration // the longest chain of pages that wait for each other × latency
	Bound                         time.Duration // max(WindowBound, CriticalPath)
	Ratio                         float64
	Rows                          int // users in the snapshot (must be Users)
}

func (r ExportResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "org                 %d departments, %d users (%d in two departments)\n", r.Departments, r.Users, r.MultiDept)
	for _, ep := range []feishu.Endpoint{feishu.EPChildren, feishu.EPFindByDepartment} {
		fmt.Fprintf(&b, "%-19s %d calls, minimum %d\n", endpointName(ep)+":", r.Calls[ep], r.Minimum[ep])
	}
	fmt.Fprintf(&b, "total               %d calls, minimum %d   (target: equal)\n", tenant.Total(r.Calls), tenant.Total(r.Minimum))
	fmt.Fprintf(&b, "429s                %d\n", r.Throttled)
	fmt.Fprintf(&b, "time                %v\n", r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "lower bound         %v (windows: %v for %d %s calls; critical path %v)\n", r.Bound.Round(time.Millisecond),
		r.WindowBound.Round(time.Millisecond), r.Minimum[r.BoundBy], endpointName(r.BoundBy), r.CriticalPath.Round(time.Millisecond))
	fmt.Fprintf(&b, "ratio               %.3f   (target ≤ 1.15)\n", r.Ratio)
	if r.Rows != r.Users {
		fmt.Fprintf(&b, "WRONG USERS         %d exported of %d\n", r.Rows, r.Users)
	}
	return b.String()
}

func endpointName(ep feishu.Endpoint) string {
	s := string(ep)
	return s[strings.LastIndex(s, "/")+1:]
}

// Export generates an org, seeds it into a fresh sandbox, exports it and
// compares the calls with the minimum the generated data allows and the
// time with the rate-limit bound.
func Export(ctx context.Context, spec ExportSpec) (ExportResult, error) {
	depts, users, multi, err := exportOrg(spec)
	if err != nil {
		return ExportResult{}, err
	}
	env, err := newBenchTenant(ImportSpec{RateScale: spec.RateScale, Latency: spec.Latency, Jitter: spec.Jitter})
	if err != nil {
		return ExportResult{}, err
	}
	defer env.srv.Close()
	for _, d := range depts {
		d.LeaderUserID = "" // seeded before the users exist
		if _, err := env.srv.SeedDepartment(d); err != nil {
			return ExportResult{}, err
		}
	}
	for _, u := range users { // managers first
		if _, err := env.srv.SeedUser(u); err != nil {
			return ExportResult{}, err
		}
	}

	env.srv.ResetStats()
	start := time.Now()
	reader := &tenant.Reader{API: env.paced(), Parallel: spec.Parallel}
	snap, err := reader.Walk(ctx, tenant.WalkOptions{})
	if err != nil {
		return ExportResult{}, err
	}
	out := ExportResult{
		Departments: len(depts), Users: len(users), MultiDept: multi, Elapsed: time.Since(start),
		Calls: map[feishu.Endpoint]int{}, Minimum: minimumCalls(depts, users), Rows: len(snap.Tree.Users),
	}
	for ep, s := range env.srv.Stats().Endpoints {
		if s.Calls > 0 && ep != feishu.EPTenantToken {
			out.Calls[ep] = int(s.Calls)
			out.Throttled += s.Throttled
		}
	}
	out.WindowBound, out.BoundBy = WindowBound(out.Minimum, spec.RateScale, spec.Latency)
	out.CriticalPath = time.Duration(longestPageChain(depts, users)) * (spec.Latency + spec.Jitter/2)
	out.Bound = max(out.WindowBound, out.CriticalPath)
	out.Ratio = float64(out.Elapsed) / float64(out.Bound)
	return out, nil
}

// minimumCalls is the formula on the generated data:
// ceil(departments/50) children pages (at least 1) plus, per department
// and for the root, ceil(direct users/50) find_by_department pages (at
// least 1 each).
func minimumCalls(depts []feishu.Department, users []feishu.User) map[feishu.Endpoint]int {
	direct := map[string]int{}
	for _, u := range users {
		for _, d := range u.DepartmentIDs {
			direct[d]++
		}
	}
	pages := func(n, size int) int { return max(1, (n+size-1)/size) }
	fbd := pages(direct[tenant.RootID], feishu.FindByDepartmentPageMax)
	for _, d := range depts {
		fbd += pages(direct[d.DepartmentID], feishu.FindByDepartmentPageMax)
	}
	return map[feishu.Endpoint]int{
		feishu.EPChildren:         pages(len(depts), feishu.ChildrenPageMax),
		feishu.EPFindByDepartment: fbd,
	}
}

// longestPageChain is the most pages that must be read one after another,
// whatever order the tenant lists departments in: the children listing's
// pages follow each other, and so do one department's find_by_department
// pages, which can start only once a children page has named the
// department (the root's can start at once).
func longestPageChain(depts []feishu.Department, users []feishu.User) int {
	direct := map[string]int{}
	for _, u := range users {
		for _, d := range u.DepartmentIDs {
			direct[d]++
		}
	}
	pages := func(n, size int) int { return max(1, (n+size-1)/size) }
	longest := max(pages(len(depts), feishu.ChildrenPageMax), pages(direct[tenant.RootID], feishu.FindByDepartmentPageMax))
	for _, d := range depts {
		longest = max(longest, 1+pages(direct[d.DepartmentID], feishu.FindByDepartmentPageMax))
	}
	return longest
}

// exportOrg generates the org, puts a fraction of the users in a second
// department, and turns it into create bodies through the sheet path (CSV
// files read back with org.Load, then plan.Bodies).
func exportOrg(spec ExportSpec) ([]feishu.Department, []feishu.User, int, error) {
	g := samplegen.Synthetic(spec.Org)
	col := -1
	for i, f := range org.UserSchema.Fields {
		if f.Key == "department_ids" {
			col = i
		}
	}
	multi := 0
	if spec.MultiDept > 0 {
		every := max(1, int(1/spec.MultiDept))
		for i, u := range g.Users {
			if i%every != every-1 || len(g.Departments) < 2 {
				continue
			}
			other := g.Departments[(i*7919)%len(g.Departments)][0]
			if other == u[col] {
				other = g.Departments[(i*7919+1)%len(g.Departments)][0]
			}
			u[col] += ";" + other
			multi++
		}
	}
	dir, err := os.MkdirTemp(spec.Dir, "export-bench-")
	if err != nil {
		return nil, nil, 0, err
	}
	defer os.RemoveAll(dir)
	if err := g.WriteCSV(dir); err != nil {
		return nil, nil, 0, err
	}
	o, ps := org.Load([]org.Input{{Path: filepath.Join(dir, "departments.csv")}, {Path: filepath.Join(dir, "users.csv")}})
	if len(ps) > 0 {
		return nil, nil, 0, fmt.Errorf("generated org: %s", ps[0].Text())
	}
	seed, _ := plan.Bodies(o, *samplegen.Directory(), plan.Options{CreateMissing: plan.CreateMissing{Titles: true, Cities: true}})
	depts, users := seed.Departments, seed.Users
	return depts, users, multi, nil
}
