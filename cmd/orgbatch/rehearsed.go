package main

import (
	"path/filepath"

	"github.com/orgbatch/orgbatch/internal/msg"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/rehearse"
	"github.com/orgbatch/orgbatch/tenant"
)

// rehearsedCheck is `import --rehearsed DIR`: the import applies exactly
// the plan the rehearsal in DIR made, or nothing. Before connecting, the
// sheets (their content), the header mapping and the flags that shape the
// plan must be the rehearsal's; once connected, the tenant must be the
// one rehearsed; and once the import has read the tenant, what its plan
// read must print as the rehearsal's did (rehearse.Fingerprint) and the
// plan must be the rehearsed one — as Terraform refuses a stale plan.
type rehearsedCheck struct {
	dir    string
	record *rehearse.Record
}

// loadRehearsed reads the rehearsal and checks what it can offline; nil
// without --rehearsed.
func loadRehearsed(opts *ImportOptions, files []string) (*rehearsedCheck, error) {
	if opts.Rehearsed == "" {
		return nil, nil
	}
	if opts.Resume != "" {
		return nil, usageError(msg.RehearsedResume)
	}
	rec, err := rehearse.ReadRecord(opts.Rehearsed)
	if err != nil {
		return nil, usageWrap(err, msg.RehearsedUnreadable)
	}
	inputs, err := rehearse.HashInputs(hashedInputs(files, opts.Inputs))
	if err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	c := &rehearsedCheck{dir: opts.Rehearsed, record: rec}
	if st := rec.CheckInputs(c.dir, inputs, opts.shaping, rec.Tenant); st != nil {
		return nil, staleError(st)
	}
	// Only the print's total is kept through the read and the import (a
	// print of 100,000 users is tens of MB); the entries are read again
	// if the tenant's print differs, to name what changed.
	rec.Fingerprint = &rehearse.Print{Total: rec.Fingerprint.Total}
	return c, nil
}

// target checks the import writes to the tenant rehearsed.
func (c *rehearsedCheck) target(tgt *target, f targetFlags) error {
	if c == nil {
		return nil
	}
	if key := tenantOf(tgt, f); key != c.record.Tenant {
		return staleError(&rehearse.Stale{Dir: c.dir, Reasons: []string{
			"it rehearsed " + c.record.Tenant + ", this import writes to " + key + " / 演练的不是这个租户"}})
	}
	return nil
}

// check is run.Import's Check: the tenant as the plan read it, and the plan.
func (c *rehearsedCheck) check(snap *tenant.Snapshot, p *plan.Plan) error {
	now, rec := rehearse.Fingerprint(snap, nil), c.record
	if now.Total != rec.Fingerprint.Total {
		full, err := rehearse.ReadRecord(c.dir)
		if err != nil {
			return err
		}
		if full.Fingerprint.Total != rec.Fingerprint.Total {
			return msg.RehearsedChanged.Err(filepath.Join(c.dir, rehearse.RecordFile))
		}
		rec = full
	}
	if st := rec.CheckTenant(c.dir, now, rehearse.PlanDigest(p)); st != nil {
		return staleError(st)
	}
	return nil
}

// hook is the Check to give run.Import; nil without --rehearsed.
func (c *rehearsedCheck) hook() func(*tenant.Snapshot, *plan.Plan) error {
	if c == nil {
		return nil
	}
	return c.check
}

func staleError(st *rehearse.Stale) error { return &ExitError{Code: ExitStale, Err: st} }
