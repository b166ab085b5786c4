package rehearse

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
)

// Rehearsal is one rehearsal of an import: the sheets, the real tenant
// (read, never written) and the import's flags.
type Rehearsal struct {
	Org      *org.Org
	Problems []problem.Problem
	Inputs   []string
	Reader   *tenant.Reader // the real tenant
	// Plan and UserIDType are the import's (--user-id-type); Options are
	// the flags that shape the plan by name, for the record.
	Plan       plan.Options
	UserIDType string
	Options    map[string]string
	// Apply is the command that applies the rehearsed plan, for the report.
	Apply   string
	Workers int
	Logger  *slog.Logger
	// Tenant is the real tenant's run.TenantKey, Target its description.
	Tenant, Target string
	Mapping        map[string]string
	Now            func() time.Time

	// Cloned, if set, is told the clone is ready (the tenant was read).
	Cloned   func(departments, users int)
	Progress func(importer.Progress)
}

// Result is what a rehearsal found.
type Result struct {
	Dir      string
	Record   *Record
	Import   *run.Result
	Refused  []importer.Outcome
	Estimate Estimate
	// Remaining are the changes a plan against the clone after the import
	// still makes, the refused rows apart (should be none); StillBlocked
	// the refused rows that plan still blocks or would still do.
	Remaining    []*plan.Change
	StillBlocked int
	// RealCalls are the calls the read of the real tenant made.
	RealCalls int
	// Dropped are the clone's links to people the tenant no longer has.
	Dropped []string
	// Departments and Users are the clone's at start.
	Departments, Users int
}

// Clean reports a rehearsal that refused nothing and left nothing different.
func (r *Result) Clean() bool { return len(r.Refused) == 0 && len(r.Remaining) == 0 }

// Run reads the tenant, rehearses the import on its clone in folder f and
// writes the rehearsal's record, read-back and report there.
func (rh *Rehearsal) Run(ctx context.Context, f *run.Folder) (*Result, error) {
	whole, err := ReadWhole(ctx, rh.Reader, rh.Org)
	if err != nil {
		return nil, &run.ReadError{Err: err}
	}
	clone := NewClone(whole)
	res := &Result{Dir: f.Dir, RealCalls: whole.CallTotal(), Dropped: clone.Dropped,
		Departments: len(clone.State.Departments), Users: len(clone.State.Users)}
	c, err := startClone(clone.State, rh.Logger)
	if err != nil {
		return nil, err
	}
	defer c.srv.Close()
	clone = nil // the sandbox holds it now
	if rh.Cloned != nil {
		rh.Cloned(res.Departments, res.Users)
	}
	if err := rh.importOnClone(ctx, c, f, whole, res); err != nil {
		return res, err
	}
	if err := rh.after(ctx, c, res); err != nil {
		return res, err
	}
	if err := writeReadBack(f.Dir, c.srv); err != nil {
		return res, err
	}
	if err := res.Record.Write(f.Dir); err != nil {
		return res, err
	}
	return res, WriteReport(f.Dir, rh, res)
}

// cloneTenant is the clone, served on loopback, and its client: the
// CLI's own, with no rate limits (the sandbox has none either).
type cloneTenant struct {
	srv   *sandbox.Server
	api   *feishu.Paced
	pacer *feishu.Pacer
}

func startClone(st sandbox.StateFile, logger *slog.Logger) (*cloneTenant, error) {
	srv, err := sandbox.New(sandbox.Options{State: &st, TenantName: st.TenantName})
	if err != nil {
		return nil, fmt.Errorf("the tenant cannot be cloned (a sandbox refuses it): %w", err)
	}
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		srv.Close()
		return nil, err
	}
	client := feishu.NewClient(feishu.WithBaseURL(url),
		feishu.WithCredentials(sandbox.DefaultAppID, sandbox.DefaultAppSecret),
		feishu.WithIDTypes(feishu.UserIDTypeUserID, feishu.DepartmentIDTypeDepartmentID),
		feishu.WithLogger(logger))
	pacer := feishu.NewPacer(feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{}), feishu.WithPacerLogger(logger),
		feishu.WithStartConcurrent(feishu.DefaultMaxConcurrent))
	return &cloneTenant{srv: srv, api: feishu.NewPaced(client, pacer), pacer: pacer}, nil
}

func (c *cloneTenant) ids(idType string) tenant.UserReader {
	if idType == "" || idType == feishu.UserIDTypeUserID {
		return nil
	}
	return c.api.WithUserIDType(idType)
}

// importOnClone runs the import on the clone exactly as `orgbatch import`
// runs it (run.Import), fingerprinting what its plan read with the real
// tenant's values.
func (rh *Rehearsal) importOnClone(ctx context.Context, c *cloneTenant, f *run.Folder, whole *tenant.Snapshot, res *Result) error {
	inputs, err := HashInputs(rh.Inputs)
	if err != nil {
		return err
	}
	res.Record = &Record{Created: rh.Now(), Tenant: rh.Tenant, Target: rh.Target, Inputs: inputs, Options: rh.Options}
	var readCalls map[feishu.Endpoint]int
	im := &run.Import{
		Org: rh.Org, Problems: rh.Problems, Inputs: rh.Inputs, Reader: &tenant.Reader{API: c.api}, API: c.api, Stats: c.pacer.Stats,
		Plan: rh.Plan, Workers: rh.Workers, Logger: rh.Logger, Target: "clone of " + rh.Target, Mapping: rh.Mapping, Now: rh.Now,
		UserIDType: rh.UserIDType, IDs: c.ids(rh.UserIDType), Progress: rh.Progress,
		Check: func(snap *tenant.Snapshot, p *plan.Plan) error {
			res.Record.Fingerprint = Fingerprint(snap, whole)
			res.Record.Plan, res.Record.Changes = PlanDigest(p), Counts(p)
			readCalls = c.pacer.Stats().Attempts
			whole = nil // read no more
			return nil
		},
	}
	out, err := im.Run(ctx, f)
	res.Import = out
	if err != nil {
		return err
	}
	if out.JournalErr != nil {
		return out.JournalErr
	}
	res.Refused = Refused(out.Executed)
	res.Estimate = NewEstimate(readCalls, Sub(c.pacer.Stats().Attempts, readCalls))
	return nil
}

// after plans the sheets against the clone once more: what that plan
// still changes is what the import did not land.
func (rh *Rehearsal) after(ctx context.Context, c *cloneTenant, res *Result) error {
	popts := rh.Plan
	popts.TokenSalt = "after"
	o, ps, err := run.UserIDs(ctx, c.ids(rh.UserIDType), rh.Org, rh.Problems, rh.UserIDType)
	if err != nil {
		return fmt.Errorf("reading the clone back: %w", err)
	}
	p, err := run.Plan(ctx, &tenant.Reader{API: c.api}, o, ps, popts)
	if err != nil {
		return fmt.Errorf("reading the clone back: %w", err)
	}
	res.Remaining, res.StillBlocked = Remaining(p, res.Refused)
	return nil
}

// writeReadBack writes the clone after the import as a sandbox state file
// (`orgbatch sandbox serve --state` serves it), without client_tokens.
func writeReadBack(dir string, srv *sandbox.Server) error {
	st := srv.State()
	st.ClientTokens = nil
	return atomicfile.Write(filepath.Join(dir, ReadBackFile), atomicfile.Private, func(w io.Writer) error {
		return json.NewEncoder(w).Encode(st)
	})
}
