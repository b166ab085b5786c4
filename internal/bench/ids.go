package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/idmap"
)

// IDsSpec describes an `orgbatch ids` benchmark: Rows people with an
// email and a mobile each, Found of them in the tenant.
type IDsSpec struct {
	Rows, Found int
	RateScale   float64
	Latency     time.Duration
	Workers     int
	Dir         string
}

// IDsResult is one lookup measured against the fewest calls and the
// rate-limit bound.
type IDsResult struct {
	Rows, Found      int
	Calls, Minimum   map[feishu.Endpoint]int
	Throttled        int64
	Read, Write      time.Duration // loading the input; writing the mapping (part of Elapsed)
	Elapsed          time.Duration // the whole run, input to mapping
	Bound            time.Duration
	BoundBy          feishu.Endpoint
	Ratio            float64
	Active, NotFound int
}

func (r IDsResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "input               %d rows (email and mobile each), %d in the tenant\n", r.Rows, r.Found)
	for _, ep := range []feishu.Endpoint{feishu.EPBatchGetID, feishu.EPBatchUsers} {
		fmt.Fprintf(&b, "%-19s %d calls, minimum %d\n", endpointName(ep)+":", r.Calls[ep], r.Minimum[ep])
	}
	fmt.Fprintf(&b, "429s                %d\n", r.Throttled)
	fmt.Fprintf(&b, "time                %v (reading the input %v, writing the mapping %v)\n", r.Elapsed.Round(time.Millisecond), r.Read.Round(time.Millisecond), r.Write.Round(time.Millisecond))
	fmt.Fprintf(&b, "lower bound         %v (%s: %d calls in the documented windows)\n", r.Bound.Round(time.Millisecond), endpointName(r.BoundBy), r.Minimum[r.BoundBy])
	fmt.Fprintf(&b, "ratio               %.3f (the lookup's time, without reading and writing the sheets)\n", r.Ratio)
	fmt.Fprintf(&b, "results             %d active, %d not found\n", r.Active, r.NotFound)
	return b.String()
}

// IDs seeds the tenant, writes the input CSV, runs the lookup in a run
// folder and measures it: calls against max(⌈emails/50⌉, ⌈mobiles/50⌉)
// batch_get_id and ⌈found/50⌉ users/batch, time against the busier
// endpoint's bound (the two run side by side).
func IDs(ctx context.Context, spec IDsSpec) (IDsResult, error) {
	env, err := newBenchTenant(ImportSpec{RateScale: spec.RateScale, Latency: spec.Latency})
	if err != nil {
		return IDsResult{}, err
	}
	defer env.srv.Close()
	dir, err := os.MkdirTemp(spec.Dir, "ids-bench-")
	if err != nil {
		return IDsResult{}, err
	}
	defer os.RemoveAll(dir)
	var rows strings.Builder
	rows.WriteString("工号,邮箱,手机号\n")
	for i := range spec.Rows {
		email, mobile := fmt.Sprintf("p%06d@corp.example.cn", i), fmt.Sprintf("137%08d", i)
		fmt.Fprintf(&rows, "E%06d,%s,%s\n", i, email, mobile)
		if i < spec.Found {
			u := feishu.User{UserID: fmt.Sprintf("p%06d", i), Name: "人", Email: email, Mobile: mobile, DepartmentIDs: []string{"0"}, EmployeeType: 1}
			if _, err := env.srv.SeedUser(u); err != nil {
				return IDsResult{}, err
			}
		}
	}
	input := filepath.Join(dir, "staff.csv")
	if err := os.WriteFile(input, []byte(rows.String()), 0o600); err != nil {
		return IDsResult{}, err
	}
	env.srv.ResetStats()
	start := time.Now()
	in, ps, err := idmap.Load(input, nil)
	if err != nil || len(ps) > 0 {
		return IDsResult{}, fmt.Errorf("input: %v %v", err, ps)
	}
	read := time.Since(start)
	out, err := idmap.Run(ctx, idmap.Options{API: env.paced(), Input: in, Workers: spec.Workers, Dir: dir, Salt: "bench", Now: time.Now})
	if err != nil {
		return IDsResult{}, err
	}
	res := IDsResult{Rows: spec.Rows, Found: spec.Found, Read: read, Elapsed: time.Since(start), Calls: map[feishu.Endpoint]int{},
		Active: out.Counts()[idmap.StatusActive], NotFound: out.Counts()[idmap.StatusNotFound]}
	res.Write = out.Writing
	pages := func(n int) int { return (n + feishu.BatchMax - 1) / feishu.BatchMax }
	res.Minimum = map[feishu.Endpoint]int{feishu.EPBatchGetID: pages(spec.Rows), feishu.EPBatchUsers: pages(spec.Found)}
	for ep, s := range env.srv.Stats().Endpoints {
		if s.Calls > 0 && ep != feishu.EPTenantToken {
			res.Calls[ep] = int(s.Calls)
			res.Throttled += s.Throttled
		}
	}
	res.Bound, res.BoundBy = WindowBound(res.Minimum, spec.RateScale, spec.Latency)
	res.Ratio = float64(res.Elapsed-res.Read-res.Write) / float64(res.Bound)
	return res, nil
}
