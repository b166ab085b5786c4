package plan

import (
	"context"

	"github.com/orgbatch/orgbatch/org"
)

// ReadPaths reads the tenant's departments along the sheet's department
// paths, level by level from the root: the children of the root, then the
// children of each existing department that a path continues below. Only
// the branches the paths walk are listed, never the whole tenant.
func (r *Reader) ReadPaths(ctx context.Context, t *Tenant, o *org.Org, opts Options) error {
	refs := o.PathRefs()
	if len(refs) == 0 || t.Empty {
		return nil
	}
	rd := &reading{r: r, t: t}
	if _, ok := t.Children["0"]; !ok {
		rd.total++
		if err := rd.run(ctx, []func(context.Context) error{rd.children("0")}); err != nil {
			return err
		}
	}
	tops := o.TopNames()
	for _, c := range t.Children["0"] {
		tops[org.SegmentKey(c.Name)] = true
	}
	root, _ := org.CompanyRoot(refs, opts.PathRoot, func(k string) bool { return tops[k] })
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
			id, ok := t.walk(segs[:level+1])
			if !ok || queued[id] {
				continue
			}
			if _, read := t.Children[id]; read {
				continue
			}
			queued[id] = true
			jobs = append(jobs, rd.children(id))
		}
		if len(jobs) == 0 {
			return nil
		}
		rd.total += len(jobs)
		if err := rd.run(ctx, jobs); err != nil {
			return err
		}
	}
	return nil
}

// walk follows names from the root through the children read so far.
func (t *Tenant) walk(segs []string) (string, bool) {
	id := "0"
	for _, s := range segs {
		key := org.SegmentKey(s)
		found := ""
		for _, c := range t.Children[id] {
			if org.SegmentKey(c.Name) == key {
				found = c.DepartmentID
				break
			}
		}
		if found == "" {
			return "", false
		}
		id = found
	}
	return id, true
}
