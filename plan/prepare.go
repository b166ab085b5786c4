package plan

import (
	"context"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// Prepare reads the tenant for the org and builds the plan: the one entry
// point `import`, `import --dry-run` and `diff` share. When new departments
// are to go under existing parents, those parents' children are read too
// and the plan is rebuilt with them, so sibling-name clashes are blocked
// before any write instead of failing halfway.
//
// Department paths are resolved against the tenant's tree, read along the
// paths' branches only.
func Prepare(ctx context.Context, r *Reader, o *org.Org, problems []problem.Problem, opts Options) (*Plan, error) {
	t, err := r.Read(ctx, o)
	if err != nil {
		return nil, err
	}
	if err := r.ReadPaths(ctx, t, o, opts); err != nil {
		return nil, err
	}
	p := BuildWith(o, problems, t, opts)
	if t.Empty {
		return p, nil
	}
	if parents := p.NewParents(); len(parents) > 0 {
		if err := r.ReadChildren(ctx, t, parents); err != nil {
			return nil, err
		}
		p = BuildWith(o, problems, t, opts)
	}
	return p, nil
}
