package bench

import (
	"context"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
)

func exportSpec(dir string, depts, users int) ExportSpec {
	return ExportSpec{
		Org:       samplegen.Spec{Departments: depts, Depth: 8, Users: users, WithLeader: 0.2, Seed: 11},
		MultiDept: 0.1, RateScale: 50, Latency: time.Millisecond, Parallel: 16, Dir: dir,
	}
}

// BenchmarkExport exports a 200-department, 3,000-user org from a sandbox
// with the documented limits ×50 and reports the calls against the minimum
// and the time against the rate bound; `orgbatch bench export` does the
// same for 1,000 departments and 10,000 users.
func BenchmarkExport(b *testing.B) {
	for b.Loop() {
		res, err := Export(context.Background(), exportSpec(b.TempDir(), 200, 3000))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(totalCalls(res.Calls)), "calls")
		b.ReportMetric(float64(totalCalls(res.Minimum)), "min-calls")
		b.ReportMetric(res.Ratio, "time/bound")
	}
}

func totalCalls(m map[feishu.Endpoint]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// TestExportBenchIsMinimal: the export's successful calls are exactly the
// minimum computed from the generated org (the sandbox enforces the rate
// limits, so a throttled call may be retried: those are counted apart),
// and every user is exported once.
func TestExportBenchIsMinimal(t *testing.T) {
	res, err := Export(context.Background(), exportSpec(t.TempDir(), 120, 1500))
	if err != nil {
		t.Fatal(err)
	}
	if res.MultiDept == 0 || res.Minimum[feishu.EPChildren] != 3 {
		t.Fatalf("generated org: %+v", res)
	}
	for ep, n := range res.Minimum {
		if res.Calls[ep] < n {
			t.Errorf("%s: %d calls, under the minimum %d", ep, res.Calls[ep], n)
		}
	}
	if got := int64(totalCalls(res.Calls)) - res.Throttled; got != int64(totalCalls(res.Minimum)) {
		t.Errorf("%d successful calls, minimum %d\n%s", got, totalCalls(res.Minimum), res)
	}
	if res.Rows != res.Users {
		t.Errorf("%d users exported of %d", res.Rows, res.Users)
	}
	if res.Bound <= 0 || res.BoundBy != feishu.EPFindByDepartment {
		t.Errorf("bound %v by %s", res.Bound, res.BoundBy)
	}
}
