package validate

import (
	"slices"

	"github.com/orgbatch/orgbatch/org"
)

// paths checks every department path: its syntax (empty levels, stray
// separators, full-width slashes, bad names), its depth once the company
// root is taken off, and names of one department written two ways. What a
// path resolves to is only known online (the plan).
func (v *validator) paths() {
	refs := v.org.PathRefs()
	// A parent path that holds several paths is an error of its own
	// (CELL_SEVERAL_VALUES); read as one path it would mislead the rest.
	refs = slices.DeleteFunc(refs, func(r org.PathRef) bool { return several(r.Rec, r.Field) })
	if len(refs) == 0 {
		return
	}
	root, stripped := v.org.CompanyRoot(v.opts.PathRoot, nil)
	if stripped && v.opts.PathRoot == "" {
		v.add("PATH_ROOT", refs[0].Rec.Loc(refs[0].Field), root)
	}
	type spelling struct {
		name string
		row  int
	}
	seen := map[string]spelling{} // prefix key → first spelling of its last name
	for _, d := range v.org.Departments {
		if d.ParentID() == RootID && d.Name() != "" {
			seen[org.SegmentKey(d.Name())] = spelling{d.Name(), d.Num}
		}
	}
	for _, r := range refs {
		loc := r.Rec.Loc(r.Field)
		p := r.Path
		switch {
		case p.EmptySegment:
			v.add("PATH_EMPTY_SEGMENT", loc, r.Raw)
			continue
		case p.BadSegment != "":
			v.add("PATH_SEGMENT_INVALID", loc, p.BadSegment)
			continue
		}
		if p.EdgeSeparator {
			v.add("PATH_EDGE_SEPARATOR", loc, r.Raw)
		}
		if p.FullWidth {
			v.add("PATH_FULLWIDTH", loc, r.Raw)
		}
		segs := org.Below(p.Segments, root)
		depth := len(segs)
		if r.Field == "parent_path" {
			depth++ // the department itself is one level below its parent path
		}
		if depth > MaxDepth {
			v.add("PATH_TOO_DEEP", loc, r.Raw, depth)
		}
		for i := range segs {
			key := org.PathKey(segs[:i+1])
			if first, ok := seen[key]; !ok {
				seen[key] = spelling{segs[i], r.Rec.Num}
			} else if first.name != segs[i] {
				v.add("PATH_SPELLING", loc, segs[i], first.name, first.row)
			}
		}
	}
}
