package run

import (
	"context"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// Plan reads the tenant for the org and builds the plan: the one entry
// point `import` and `import --dry-run` share. Only what the sheet refers
// to is read (tenant.Reader.ForOrg), never the whole tenant.
func Plan(ctx context.Context, r *tenant.Reader, o *org.Org, problems []problem.Problem, opts plan.Options) (*plan.Plan, error) {
	p, _, err := PlanRead(ctx, r, o, problems, opts)
	return p, err
}

// PlanRead is Plan, also returning the tenant as the plan read it.
func PlanRead(ctx context.Context, r *tenant.Reader, o *org.Org, problems []problem.Problem, opts plan.Options) (*plan.Plan, *tenant.Snapshot, error) {
	snap, err := r.ForOrg(ctx, o, opts.PathRoot)
	if err != nil {
		return nil, nil, err
	}
	p, err := From(ctx, r, snap, o, problems, opts)
	return p, snap, err
}

// PlanWhole walks the whole tenant once, adds what the sheet refers to and
// the walk cannot list (resigned users), and builds the plan from it:
// `diff` compares with everything the tenant has, from one read.
func PlanWhole(ctx context.Context, r *tenant.Reader, o *org.Org, problems []problem.Problem, opts plan.Options, walk tenant.WalkOptions) (*plan.Plan, *tenant.Snapshot, error) {
	snap, err := r.Walk(ctx, walk)
	if err != nil {
		return nil, nil, err
	}
	if err := r.Fill(ctx, snap, o); err != nil {
		return nil, nil, err
	}
	p, err := From(ctx, r, snap, o, problems, opts)
	return p, snap, err
}

// From builds the plan from a snapshot. When new departments are to go
// under existing parents whose children the snapshot lacks, those children
// are read and the plan is rebuilt with them, so sibling-name clashes are
// blocked before any write instead of failing halfway.
func From(ctx context.Context, r *tenant.Reader, snap *tenant.Snapshot, o *org.Org, problems []problem.Problem, opts plan.Options) (*plan.Plan, error) {
	p := plan.BuildWith(o, problems, snap, opts)
	if snap.Empty {
		return p, nil
	}
	if parents := p.NewParents(); len(parents) > 0 {
		if err := r.Children(ctx, snap, parents); err != nil {
			return nil, err
		}
		p = plan.BuildWith(o, problems, snap, opts)
	}
	return p, nil
}

// UserIDs maps a sheet that names users by open_id or union_id (idType,
// --user-id-type) onto user_ids, reading them with api; the problems are
// the sheet's plus a users row whose ID names no one. For user_id (or "")
// it returns the sheet as it is.
func UserIDs(ctx context.Context, api tenant.UserReader, o *org.Org, problems []problem.Problem, idType string) (*org.Org, []problem.Problem, error) {
	if idType == "" || idType == feishu.UserIDTypeUserID {
		return o, problems, nil
	}
	mapped, extra, err := tenant.TranslateUserIDs(ctx, api, o, idType)
	if err != nil {
		return nil, nil, err
	}
	ps := append(append([]problem.Problem(nil), problems...), extra...)
	problem.Sort(ps)
	return mapped, ps, nil
}
