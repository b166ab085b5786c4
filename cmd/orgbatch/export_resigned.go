package main

import (
	"context"
	"path/filepath"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/run"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/view"
)

// resignedLists reads the --resigned-list sheets (before the tenant is
// read: an unreadable one is exit 2).
func resignedLists(opts *ExportOptions) (*org.Org, error) {
	o := &org.Org{}
	if len(opts.ResignedLists) == 0 {
		return o, nil
	}
	var in []org.Input
	for _, f := range opts.ResignedLists {
		in = append(in, org.Input{Path: f})
	}
	o, ps := org.LoadWith(in, org.LeaverLoad)
	if problem.Unreadable(ps) {
		view.Problems(opts.IO.ErrOut, ps)
		return nil, &ExitError{Code: ExitUsage}
	}
	return o, nil
}

// readResigned adds to a walked snapshot the resigned users the API can
// name (export --include-resigned): no endpoint lists them, so they are
// read by ID (GET answers resigned users) or found by contact
// (batch_get_id with include_resigned) — those the tenant still names as
// a leader of a user or a department, those offboarding runs in
// reportDir deleted (their offboarding.json), and those of the lists.
func readResigned(ctx context.Context, r *tenant.Reader, snap *tenant.Snapshot, reportDir string, lists *org.Org) error {
	var refs tenant.PeopleRefs
	for _, u := range snap.Users {
		refs.IDs = append(refs.IDs, u.LeaderUserID)
	}
	for _, d := range snap.Departments {
		refs.IDs = append(refs.IDs, d.LeaderUserID)
	}
	records, _ := filepath.Glob(filepath.Join(reportDir, "offboard-*", run.RecordFile))
	for _, f := range records {
		if rec, err := run.ReadRecord(filepath.Dir(f)); err == nil {
			for _, u := range rec.Users {
				refs.IDs = append(refs.IDs, u.UserID)
			}
		}
	}
	for _, l := range lists.Leavers {
		refs.IDs = append(refs.IDs, l.UserID())
		refs.Mobiles = append(refs.Mobiles, l.Values.Mobile.E164)
		refs.Emails = append(refs.Emails, l.Values.Email)
	}
	return r.People(ctx, snap, refs)
}
