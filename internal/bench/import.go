package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

// ImportCommand runs the import a user runs — `orgbatch import WORKBOOK
// --base-url URL --rate-scale SCALE --workers N --report DIR` — against a
// sandbox, and returns its error (nil for exit status 0).
type ImportCommand func(ctx context.Context, workbook, baseURL string, scale float64, workers int, reportDir string) error

// ImportSpec describes an import benchmark.
type ImportSpec struct {
	Org       samplegen.Spec
	RateScale float64       // sandbox and client limits, scaled alike
	Latency   time.Duration // sandbox latency per request
	Jitter    time.Duration
	Workers   int
	Baseline  bool // also run the tutorial's way: one call at a time
	Dir       string
	Command   ImportCommand
}

// ImportResult is one measurement of an import against its lower bound.
type ImportResult struct {
	Departments, Users int
	Calls              map[feishu.Endpoint]int // successful writes per endpoint
	TotalCalls         int                     // every request the sandbox answered, plan reads and 429s included
	Throttled          int64
	Command            time.Duration // the whole command: read, plan, execute, report
	Makespan           time.Duration // its execution phase (summary.json)
	WindowBound        time.Duration // the busiest endpoint's writes under window semantics
	BoundBy            feishu.Endpoint
	CriticalPath       time.Duration // longest dependency chain × mean latency
	Bound              time.Duration
	Ratio              float64 // Makespan / Bound
	Baseline           time.Duration
	Failed             int
}

func (r ImportResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "org           %d departments, %d users\n", r.Departments, r.Users)
	eps := make([]string, 0, len(r.Calls))
	for ep, n := range r.Calls {
		eps = append(eps, fmt.Sprintf("%s %d", ep, n))
	}
	slices.Sort(eps)
	fmt.Fprintf(&b, "writes        %s\n", strings.Join(eps, "; "))
	fmt.Fprintf(&b, "command       %v (read, plan, execute, report)\n", r.Command.Round(time.Millisecond))
	fmt.Fprintf(&b, "makespan      %v (execution)\n", r.Makespan.Round(time.Millisecond))
	fmt.Fprintf(&b, "lower bound   %v (windows: %v on %s; critical path %v)\n", r.Bound.Round(time.Millisecond),
		r.WindowBound.Round(time.Millisecond), r.BoundBy, r.CriticalPath.Round(time.Millisecond))
	fmt.Fprintf(&b, "ratio         %.3f   (target ≤ 1.15)\n", r.Ratio)
	fmt.Fprintf(&b, "429s          %d of %d requests   (target 0)\n", r.Throttled, r.TotalCalls)
	if r.Baseline > 0 {
		fmt.Fprintf(&b, "baseline      %v one call at a time, the tutorial's way (%.2f× the makespan)\n",
			r.Baseline.Round(time.Millisecond), float64(r.Baseline)/float64(r.Makespan))
	}
	if r.Failed > 0 {
		fmt.Fprintf(&b, "FAILED ROWS   %d\n", r.Failed)
	}
	return b.String()
}

// Import generates the org as a workbook, runs spec.Command on it against a
// fresh sandbox that enforces the (scaled) documented limits as sliding
// windows — the strictest reading: at most Count calls in any interval of
// Per — and compares the execution time the command reports with the
// least time its writes can take.
func Import(ctx context.Context, spec ImportSpec) (ImportResult, error) {
	o, path, err := generatedOrg(spec)
	if err != nil {
		return ImportResult{}, err
	}
	env, err := newBenchTenant(spec)
	if err != nil {
		return ImportResult{}, err
	}
	defer env.srv.Close()
	reports, err := os.MkdirTemp(spec.Dir, "runs-")
	if err != nil {
		return ImportResult{}, err
	}
	start := time.Now()
	cmdErr := spec.Command(ctx, path, env.url, spec.RateScale, spec.Workers, reports)
	out := ImportResult{Departments: len(o.Departments), Users: len(o.Users), Command: time.Since(start), Calls: map[feishu.Endpoint]int{}}
	run, err := readRun(reports)
	if err != nil {
		return out, fmt.Errorf("import: %v; %w", cmdErr, err)
	}
	out.Makespan = time.Duration(run.summary.Seconds * float64(time.Second))
	for k, m := range run.summary.Rows {
		if k == string(plan.KindDepartment) || k == string(plan.KindUser) {
			out.Failed += m[string(importer.StatusFailed)] + m[string(importer.StatusSkipped)]
		}
	}
	for ep, s := range env.srv.Stats().Endpoints {
		out.TotalCalls += int(s.Calls)
		out.Throttled += s.Throttled
		if isWrite(ep) && s.OK > 0 {
			out.Calls[ep] = int(s.OK)
		}
	}
	out.WindowBound, out.BoundBy = WindowBound(out.Calls, spec.RateScale, spec.Latency)
	out.CriticalPath = time.Duration(run.chain) * (spec.Latency + spec.Jitter/2)
	out.Bound = max(out.WindowBound, out.CriticalPath)
	out.Ratio = float64(out.Makespan) / float64(out.Bound)
	if cmdErr != nil && out.Failed == 0 {
		return out, fmt.Errorf("import: %w", cmdErr)
	}
	if spec.Baseline {
		if out.Baseline, err = baseline(ctx, spec, o); err != nil {
			return out, err
		}
	}
	return out, nil
}

func isWrite(ep feishu.Endpoint) bool {
	s := string(ep)
	return !strings.HasPrefix(s, "GET ") && ep != feishu.EPTenantToken && ep != feishu.EPBatchGetID
}

// benchRun is what the benchmark reads back from the command's run
// directory: summary.json and the steps' priorities in plan.json.
type benchRun struct {
	summary report.Summary
	chain   int // steps on the longest dependency chain
}

func readRun(reports string) (benchRun, error) {
	dirs, _ := filepath.Glob(filepath.Join(reports, "import-*"))
	if len(dirs) != 1 {
		return benchRun{}, fmt.Errorf("%d run directories in %s, want 1", len(dirs), reports)
	}
	var run benchRun
	if err := readJSON(filepath.Join(dirs[0], report.SummaryJSON), &run.summary); err != nil {
		return run, err
	}
	var p struct {
		Steps []struct {
			Priority int `json:"priority"`
		} `json:"steps"`
	}
	if err := readJSON(filepath.Join(dirs[0], report.PlanJSON), &p); err != nil {
		return run, err
	}
	for _, s := range p.Steps {
		run.chain = max(run.chain, s.Priority)
	}
	return run, nil
}

func readJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return json.NewDecoder(f).Decode(v)
}

// generatedOrg writes the synthetic org as a workbook and reads it back,
// so the benchmark goes through the same sheet path as a real import.
func generatedOrg(spec ImportSpec) (*org.Org, string, error) {
	g := samplegen.Synthetic(spec.Org)
	path := filepath.Join(spec.Dir, fmt.Sprintf("import-bench-%d.xlsx", spec.Org.Users))
	if err := sheet.WriteXLSX(path, templates.DataSheet(org.DepartmentSchema, g.Departments), templates.DataSheet(org.UserSchema, g.Users)); err != nil {
		return nil, "", err
	}
	o, ps := org.Load([]org.Input{{Path: path}})
	if len(ps) > 0 {
		return nil, "", fmt.Errorf("generated org: %v", ps[0].Text())
	}
	return o, path, nil
}

type benchTenant struct {
	srv   *sandbox.Server
	url   string
	api   *feishu.Client
	pacer *feishu.Pacer
}

func newBenchTenant(spec ImportSpec) (*benchTenant, error) {
	srv, err := sandbox.New(sandbox.Options{RateScale: spec.RateScale, RateWindows: sandbox.WindowsSliding,
		Latency: spec.Latency, Jitter: spec.Jitter, FaultSeed: 1,
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
	return &benchTenant{srv: srv, url: url, api: api, pacer: feishu.NewPacer(feishu.WithRateScale(spec.RateScale))}, nil
}

func (e *benchTenant) paced() *feishu.Paced { return feishu.NewPaced(e.api, e.pacer) }

// baseline imports the same org into a fresh sandbox the way the API's
// tutorial does, with a single worker: departments parent first, one at a
// time; then the users one at a time; then the leaders, one PATCH each.
func baseline(ctx context.Context, spec ImportSpec, o *org.Org) (time.Duration, error) {
	env, err := newBenchTenant(spec)
	if err != nil {
		return 0, err
	}
	defer env.srv.Close()
	p, err := run.Plan(ctx, &tenant.Reader{API: env.paced()}, o, validate.Validate(o), plan.Options{})
	if err != nil {
		return 0, err
	}
	var depts, users, leaders []*plan.Step
	for _, s := range p.Steps { // plan order is parents first
		switch r := s.Request.(type) {
		case plan.CreateDepartment:
			depts = append(depts, &plan.Step{ID: s.ID, Request: r, ClientToken: s.ClientToken})
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
			leaders = append(leaders, &plan.Step{ID: s.ID, Request: s.Request})
		}
	}
	start := time.Now()
	for _, steps := range [][]*plan.Step{depts, users, leaders} {
		res, err := importer.Run(ctx, &plan.Plan{Steps: steps}, importer.Options{API: env.paced(), Workers: 1})
		if err != nil {
			return 0, err
		}
		if n := len(res.Steps) - countDone(res); n > 0 {
			return 0, fmt.Errorf("baseline: %d steps did not succeed", n)
		}
	}
	return time.Since(start), nil
}

func countDone(res *importer.Result) int {
	n := 0
	for _, r := range res.Steps {
		if r.Status == importer.StatusDone {
			n++
		}
	}
	return n
}
