package exporter_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
	"github.com/orgbatch/orgbatch/tenant"
)

// sbx is a sandbox with a client and pacer pointed at it, as the CLI's
// target builds them.
type sbx struct {
	srv   *sandbox.Server
	url   string
	api   *feishu.Client
	pacer *feishu.Pacer

	nUsers int // users seeded, for unique mobiles
}

// startTenant starts a sandbox. Without rate limits (RateScale 0) the
// pacer does not limit either, so tests run at full speed.
func startTenant(t *testing.T, opts sandbox.Options) *sbx {
	t.Helper()
	srv, url := sandboxtest.Start(t, opts)
	api := sandbox.NewClient(url)
	pacerOpt := feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{})
	if opts.RateScale > 0 {
		pacerOpt = feishu.WithRateScale(opts.RateScale)
	}
	return &sbx{srv: srv, url: url, api: api, pacer: feishu.NewPacer(pacerOpt)}
}

func (tn *sbx) walk(t *testing.T, opts tenant.WalkOptions) *tenant.Snapshot {
	t.Helper()
	r := &tenant.Reader{API: feishu.NewPaced(tn.api, tn.pacer)}
	snap, err := r.Walk(context.Background(), opts)
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return snap
}

func (tn *sbx) seedBigOrg(t *testing.T) sandboxtest.BigOrg {
	t.Helper()
	return sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
}

func (tn *sbx) dept(t *testing.T, id, parent, name string, mod ...func(*feishu.Department)) {
	t.Helper()
	d := feishu.Department{DepartmentID: id, ParentDepartmentID: parent, Name: name}
	for _, m := range mod {
		m(&d)
	}
	if _, err := tn.srv.SeedDepartment(d); err != nil {
		t.Fatal(err)
	}
}

func (tn *sbx) user(t *testing.T, id, name string, depts []string, mod ...func(*feishu.User)) {
	t.Helper()
	tn.nUsers++
	u := feishu.User{UserID: id, Name: name, Mobile: fmt.Sprintf("138%08d", tn.nUsers), DepartmentIDs: depts, EmployeeType: 1}
	for _, m := range mod {
		m(&u)
	}
	if _, err := tn.srv.SeedUser(u); err != nil {
		t.Fatal(err)
	}
}
