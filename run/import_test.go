package run_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

// TestImportRun: a dry run plans and writes nothing; a refused
// confirmation stops before the first write; a real run creates the sample
// company and reports it; running it again finds everything unchanged.
func TestImportRun(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	pacer := feishu.NewPacer(feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{}))
	api := feishu.NewPaced(sandbox.NewClient(url), pacer)
	o, ps := org.Load([]org.Input{{Path: "../samples/company.xlsx"}})
	ps = append(ps, validate.Validate(o)...)
	reports := t.TempDir()
	importRun := func(dryRun bool, planned func(*plan.Plan, string) error) (*run.Result, error) {
		f, err := run.OpenFolder(run.FolderOptions{ReportDir: reports, DryRun: dryRun, Inputs: []string{"company.xlsx"}, Tenant: "embedded sandbox", Command: "test", Now: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Release()
		im := &run.Import{Org: o, Problems: ps, Inputs: []string{"company.xlsx"}, Reader: &tenant.Reader{API: api}, API: api,
			Stats: pacer.Stats, DryRun: dryRun, Now: time.Now, Planned: planned}
		return im.Run(context.Background(), f)
	}
	res, err := importRun(true, nil)
	if err != nil || res.Executed != nil || res.Plan.Count(plan.KindUser, plan.ActionCreate) != 300 || srv.Stats().WritesApplied != 0 {
		t.Fatalf("dry run: %v, executed %v, writes %d", err, res.Executed, srv.Stats().WritesApplied)
	}
	no := errors.New("no")
	if _, err := importRun(false, func(*plan.Plan, string) error { return no }); !errors.Is(err, no) || srv.Stats().WritesApplied != 0 {
		t.Fatalf("refused: %v, writes %d", err, srv.Stats().WritesApplied)
	}
	res, err = importRun(false, nil)
	if err != nil || res.Executed.Count(importer.StatusCreated) != 351 || res.Files.XLSX == "" || res.Summary.Rows["user"]["created"] != 300 {
		t.Fatalf("import: %v, %+v", err, res.Summary.Rows)
	}
	// The plan files are written beside the execution, complete when the
	// run returns.
	for _, p := range []string{res.PlanXLSX, filepath.Join(filepath.Dir(res.PlanXLSX), report.PlanJSON)} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("plan file %s: %v", p, err)
		}
	}
	res, err = importRun(false, nil)
	if err != nil || res.Executed.Count(importer.StatusUnchanged) != 351 || len(res.Plan.Steps) != 0 {
		t.Fatalf("again: %v, %d unchanged", err, res.Executed.Count(importer.StatusUnchanged))
	}
}
