package org

// PathRef is one department path written in a sheet.
type PathRef struct {
	Rec   Record
	Field string // "department_path" (users) or "parent_path" (departments)
	Raw   string
	Path  Path
}

// PathRefs lists every path in the org, in sheet order: departments'
// parent paths (used when parent_department_id is empty), then users'
// department paths.
func (o *Org) PathRefs() []PathRef {
	var refs []PathRef
	for _, d := range o.Departments {
		if raw := d.ParentPath(); raw != "" && d.ParentID() == "" {
			refs = append(refs, PathRef{Rec: d.Record, Field: "parent_path", Raw: raw, Path: ParsePath(raw)})
		}
	}
	for _, u := range o.Users {
		for _, raw := range u.DepartmentPaths() {
			refs = append(refs, PathRef{Rec: u.Record, Field: "department_path", Raw: raw, Path: ParsePath(raw)})
		}
	}
	return refs
}

// CompanyRoot decides which name at the start of every path stands for the
// company itself — the root, ID 0 — rather than a department: the one
// decision validation, the tenant reads and the plan share. An explicit
// name (--path-root) wins. Otherwise, when every path starts with the same
// name and no top-level department has that name (in the sheet, or among
// tenantTops, the names of the tenant's top-level departments when they
// are known), that name is the company. The second result is false when no
// path starts with a company name.
func (o *Org) CompanyRoot(explicit string, tenantTops []string) (string, bool) {
	tops := o.TopNames()
	for _, n := range tenantTops {
		tops[SegmentKey(n)] = true
	}
	return companyRoot(o.PathRefs(), explicit, func(k string) bool { return tops[k] })
}

func companyRoot(refs []PathRef, explicit string, isTop func(key string) bool) (string, bool) {
	if explicit != "" {
		return explicit, true
	}
	first := ""
	for _, r := range refs {
		if len(r.Path.Segments) == 0 {
			continue
		}
		k := SegmentKey(r.Path.Segments[0])
		if first == "" {
			first = k
		} else if k != first {
			return "", false
		}
	}
	if first == "" || isTop(first) {
		return "", false
	}
	for _, r := range refs {
		if len(r.Path.Segments) > 0 {
			return r.Path.Segments[0], true
		}
	}
	return "", false
}

// Below strips the company root from a path's segments.
func Below(segments []string, root string) []string {
	if root != "" && len(segments) > 0 && SegmentKey(segments[0]) == SegmentKey(root) {
		return segments[1:]
	}
	return segments
}

// TopNames are the (folded) names of the sheet's top-level departments:
// parent 0, or a parent path that is the root itself ("/").
func (o *Org) TopNames() map[string]bool {
	tops := map[string]bool{}
	for _, d := range o.Departments {
		top := d.ParentID() == "0" || d.PlacedByPath() && len(ParsePath(d.ParentPath()).Segments) == 0
		if top && d.Name() != "" {
			tops[SegmentKey(d.Name())] = true
		}
	}
	return tops
}
