package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

// ImportSpec describes an import benchmark.
type ImportSpec struct {
	Org       samplegen.Spec
	RateScale float64       // sandbox and pacer limits, scaled alike
	Latency   time.Duration // sandbox latency per request
	Jitter    time.Duration
	Workers   int
	Baseline  bool // also run the level-by-level, one-department-at-a-time baseline
	Dir       string
}

// ImportResult is one measurement of an import against its lower bound.
type ImportResult struct {
	Calls        map[feishu.Endpoint]int
	TotalCalls   int
	Throttled    int64
	Makespan     time.Duration
	RateBound    time.Duration // max over endpoints of calls / rate
	BoundBy      feishu.Endpoint
	CriticalPath time.Duration // longest dependency chain × mean latency
	Bound        time.Duration
	Ratio        float64
	Baseline     time.Duration // level by level, one department at a time
	Failed       int
}

func (r ImportResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "calls: %d total", r.TotalCalls)
	for ep, n := range r.Calls {
		fmt.Fprintf(&b, "; %s %d", ep, n)
	}
	fmt.Fprintf(&b, "\nmakespan      %v\n", r.Makespan.Round(time.Millisecond))
	fmt.Fprintf(&b, "lower bound   %v (rate bound %v on %s; critical path %v)\n", r.Bound.Round(time.Millisecond), r.RateBound.Round(time.Millisecond), r.BoundBy, r.CriticalPath.Round(time.Millisecond))
	fmt.Fprintf(&b, "ratio         %.3f   (target ≤ 1.10)\n", r.Ratio)
	fmt.Fprintf(&b, "429s          %d of %d calls = %.2f%%   (target ≤ 0.5%%)\n", r.Throttled, r.TotalCalls, 100*float64(r.Throttled)/float64(max(1, r.TotalCalls)))
	if r.Baseline > 0 {
		fmt.Fprintf(&b, "baseline      %v level by level, one department at a time (%.2f× the makespan)\n", r.Baseline.Round(time.Millisecond), float64(r.Baseline)/float64(r.Makespan))
	}
	if r.Failed > 0 {
		fmt.Fprintf(&b, "FAILED ROWS   %d\n", r.Failed)
	}
	return b.String()
}

// Import generates the org, imports it into a fresh sandbox and measures.
func Import(ctx context.Context, spec ImportSpec) (ImportResult, error) {
	o, err := generatedOrg(spec)
	if err != nil {
		return ImportResult{}, err
	}
	env, err := newBenchTenant(spec)
	if err != nil {
		return ImportResult{}, err
	}
	defer env.srv.Close()
	p, err := env.plan(ctx, o)
	if err != nil {
		return ImportResult{}, err
	}
	env.srv.ResetStats()
	res, err := importer.Run(ctx, p, importer.Options{API: env.paced(), Stats: env.pacer.Stats, Workers: spec.Workers})
	if err != nil {
		return ImportResult{}, err
	}
	out := ImportResult{Makespan: res.Elapsed, Calls: map[feishu.Endpoint]int{}}
	out.Failed = res.Count(importer.StatusFailed) + res.Count(importer.StatusSkipped)
	for ep, s := range env.srv.Stats().Endpoints {
		if s.Calls > 0 {
			out.Calls[ep] = int(s.Calls - s.Throttled)
			out.TotalCalls += int(s.Calls)
			out.Throttled += s.Throttled
		}
	}
	out.RateBound, out.BoundBy = rateBound(out.Calls, env.pacer, spec.RateScale)
	out.CriticalPath = time.Duration(longestChain(p.Steps)) * (spec.Latency + spec.Jitter/2)
	out.Bound = max(out.RateBound, out.CriticalPath)
	out.Ratio = float64(out.Makespan) / float64(out.Bound)
	if spec.Baseline {
		if out.Baseline, err = baseline(ctx, spec, o); err != nil {
			return out, err
		}
	}
	return out, nil
}

// generatedOrg writes the synthetic org as a workbook and reads it back,
// so the benchmark goes through the same sheet path as a real import.
func generatedOrg(spec ImportSpec) (*org.Org, error) {
	g := samplegen.Synthetic(spec.Org)
	path := spec.Dir + "/import-bench.xlsx"
	if err := sheet.WriteXLSX(path, templates.DataSheet(org.DepartmentSchema, g.Departments), templates.DataSheet(org.UserSchema, g.Users)); err != nil {
		return nil, err
	}
	o, ps := org.Load([]org.Input{{Path: path}})
	if len(ps) > 0 {
		return nil, fmt.Errorf("generated org: %v", ps[0].Text())
	}
	return o, nil
}

type benchTenant struct {
	srv   *sandbox.Server
	api   *feishu.Client
	pacer *feishu.Pacer
}

func newBenchTenant(spec ImportSpec) (*benchTenant, error) {
	srv, err := sandbox.New(sandbox.Options{RateScale: spec.RateScale, Latency: spec.Latency, Jitter: spec.Jitter, FaultSeed: 1,
		Directory: samplegen.Directory()})
	if err != nil {
		return nil, err
	}
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		srv.Close()
		return nil, err
	}
	api := sandbox.NewClient(url)
	return &benchTenant{srv: srv, api: api, pacer: feishu.NewPacer(feishu.WithRateScale(spec.RateScale))}, nil
}

// rateBound is the time the busiest endpoint needs at its documented
// sustained rate: no schedule can finish sooner.
func rateBound(calls map[feishu.Endpoint]int, pacer *feishu.Pacer, scale float64) (time.Duration, feishu.Endpoint) {
	var best time.Duration
	var by feishu.Endpoint
	for ep, n := range calls {
		l, ok := feishu.EndpointLimits[ep]
		if !ok || len(l) == 0 {
			continue
		}
		d := time.Duration(float64(n) / l.Scaled(scale).Rate() * float64(time.Second))
		if d > best {
			best, by = d, ep
		}
	}
	return best, by
}

// longestChain is the number of steps on the longest dependency chain.
func longestChain(steps []*plan.Step) int {
	n := 0
	for _, s := range steps {
		n = max(n, s.Priority)
	}
	return n
}

// baseline imports the same org the way simple tools do: departments level
// by level, one at a time; then all users; then their managers.
func (e *benchTenant) paced() *feishu.Paced { return feishu.NewPaced(e.api, e.pacer) }

// plan reads the tenant and plans o, as import does.
func (e *benchTenant) plan(ctx context.Context, o *org.Org) (*plan.Plan, error) {
	return run.Plan(ctx, &tenant.Reader{API: e.paced()}, o, validate.Validate(o), plan.Options{})
}

func baseline(ctx context.Context, spec ImportSpec, o *org.Org) (time.Duration, error) {
	env, err := newBenchTenant(spec)
	if err != nil {
		return 0, err
	}
	defer env.srv.Close()
	p, err := env.plan(ctx, o)
	if err != nil {
		return 0, err
	}
	depth := map[string]int{"0": 0}
	var levels [][]*plan.Step
	var users, leaders []*plan.Step
	for _, s := range p.Steps { // plan order is parents first
		switch r := s.Request.(type) {
		case plan.CreateDepartment:
			d := depth[r.Body.ParentDepartmentID] + 1
			depth[r.Body.DepartmentID] = d
			for len(levels) < d {
				levels = append(levels, nil)
			}
			levels[d-1] = append(levels[d-1], &plan.Step{ID: s.ID, Request: r, ClientToken: s.ClientToken})
		case plan.CreateUser:
			body := r.Body
			if body.LeaderUserID != "" {
				// A separate run after the creates: the step ID is free again.
				leader := body.LeaderUserID
				leaders = append(leaders, &plan.Step{ID: s.ID, Request: plan.PatchUser{ID: body.UserID, Patch: feishu.UserPatch{LeaderUserID: &leader}}})
				body.LeaderUserID = ""
			}
			users = append(users, &plan.Step{ID: s.ID, Request: plan.CreateUser{Body: body}, ClientToken: plan.ClientToken(s.ID, body)})
		default:
			leaders = append(leaders, s)
		}
	}
	start := time.Now()
	run := func(steps []*plan.Step, workers int) error {
		_, err := importer.Run(ctx, &plan.Plan{Steps: steps}, importer.Options{API: env.paced(), Workers: workers})
		return err
	}
	for _, level := range levels {
		if err := run(level, 1); err != nil {
			return 0, err
		}
	}
	if err := run(users, spec.Workers); err != nil {
		return 0, err
	}
	if err := run(leaders, spec.Workers); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}
