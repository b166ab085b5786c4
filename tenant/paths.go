package tenant

import (
	"context"

	"github.com/orgbatch/orgbatch/org"
)

// paths reads the tenant's departments along the sheet's department paths,
// level by level from the root: the children of the root, then the
// children of each existing department that a path continues below. Only
// the branches the paths walk are listed, never the whole tenant.
func (rd *reading) paths(ctx context.Context, o *org.Org, pathRoot string) error {
	refs := o.PathRefs()
	if len(refs) == 0 || rd.s.Empty {
		return nil
	}
	if _, ok := rd.s.Children[RootID]; !ok {
		if err := rd.run(ctx, []func(context.Context) error{rd.children(RootID)}); err != nil {
			return err
		}
	}
	root, _ := o.CompanyRoot(pathRoot, rd.s.TopNames())
	var all [][]string
	for _, ref := range refs {
		all = append(all, org.Below(ref.Path.Segments, root))
	}
	for level := 0; level < org.MaxPathDepth; level++ {
		var jobs []func(context.Context) error
		queued := map[string]bool{}
		for _, segs := range all {
			if len(segs) <= level+1 {
				continue
			}
			id, ok := rd.s.Walk(segs[:level+1])
			if !ok || queued[id] {
				continue
			}
			if _, read := rd.s.Children[id]; read {
				continue
			}
			queued[id] = true
			jobs = append(jobs, rd.children(id))
		}
		if len(jobs) == 0 {
			return nil
		}
		if err := rd.run(ctx, jobs); err != nil {
			return err
		}
	}
	return nil
}
