package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// Options adjust planning.
type Options struct {
	// NoCreateDepartments makes a department path that names a department
	// found nowhere an error, instead of creating it.
	NoCreateDepartments bool
	// PathRoot is the company name that starts every department path
	// (--path-root); empty means "decide from the paths and the tenant".
	PathRoot string
	// TokenSalt goes into every client_token (see Plan.TokenSalt).
	TokenSalt string
	// AcceptRenames lets a row without user_id that matches a Feishu user
	// by mobile or email rename them (--accept-renames); otherwise a
	// different name is a conflict (PLAN_NAME_MISMATCH).
	AcceptRenames bool
	// CreateMissing says which names of the tenant's lists that it lacks
	// are created (--create-missing-*) instead of being errors.
	CreateMissing CreateMissing
}

// PathID is the custom department_id of a department created from a path:
// the same path (compared as org.PathKey does) always yields the same ID,
// so re-runs and resumes find the department instead of creating another.
// "P" and 15 hex digits satisfy the department_id rules.
func PathID(segments []string) string {
	sum := sha256.Sum256([]byte("orgbatch/path\x00" + org.PathKey(segments)))
	return "P" + hex.EncodeToString(sum[:])[:15]
}

// paths resolves department paths, segment by segment from the root:
// against the sheet's departments first, then the tenant's, and creates
// what is found nowhere (parent first, through the same plan and steps as
// any department).
type paths struct {
	b     *builder
	root  string            // the company name taken off every path, if any
	byKey map[string]string // path key below the root → department_id
	// spelling is how each level was first written (later spellings of
	// the same name are the same department; see PATH_SPELLING).
	spelling map[string]string
	opts     Options
	tenant   map[string]string // path key → department_id, from the tenant tree read
}

func newPaths(b *builder, opts Options) *paths {
	r := &paths{b: b, opts: opts, byKey: map[string]string{}, tenant: map[string]string{}, spelling: map[string]string{}}
	refs := b.org.PathRefs()
	if len(refs) == 0 {
		return r
	}
	if root, ok := b.org.CompanyRoot(opts.PathRoot, b.t.TopNames()); ok {
		r.root = root
	}
	r.indexTenant("0", nil)
	return r
}

// indexTenant records the path of every tenant department read under id.
func (r *paths) indexTenant(id string, prefix []string) {
	for _, c := range r.b.t.Children[id] {
		p := append(append([]string(nil), prefix...), c.Name)
		k := org.PathKey(p)
		if _, dup := r.tenant[k]; !dup {
			r.tenant[k] = c.DepartmentID
			r.indexTenant(c.DepartmentID, p)
		}
	}
}

// indexSheet registers the paths of the sheet's ID-placed departments
// whose chain reaches the root inside the sheet or the tenant tree.
func (r *paths) indexSheet(order []*org.Department) {
	pathOf := map[string][]string{"0": nil}
	for k, id := range r.tenant {
		if _, ok := pathOf[id]; !ok {
			pathOf[id] = strings.Split(k, "/") // keys are enough to extend
		}
	}
	for _, d := range order {
		parent, ok := pathOf[d.ParentID()]
		if !ok || d.ID() == "" || d.Name() == "" {
			continue
		}
		p := append(append([]string(nil), parent...), org.SegmentKey(d.Name()))
		pathOf[d.ID()] = p
		k := strings.Join(p, "/")
		if _, dup := r.byKey[k]; !dup {
			r.byKey[k] = d.ID()
		}
	}
}

// placeByPath gives the departments placed by a parent path (and no
// parent ID) their parent and, when they have none, an ID from their path.
// Shallow paths first, so a department can be placed under another one
// placed by path.
func (r *paths) placeByPath() {
	var rows []*org.Department
	for _, d := range r.b.org.Departments {
		// A row with errors is blocked: its path must not create anything.
		if _, bad := r.b.ownProblems(d.Record); d.PlacedByPath() && !bad {
			rows = append(rows, d)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return len(org.ParsePath(rows[i].ParentPath()).Segments) < len(org.ParsePath(rows[j].ParentPath()).Segments)
	})
	for _, d := range rows {
		segs := org.Below(org.ParsePath(d.ParentPath()).Segments, r.root)
		parent, code, missing := r.resolve(segs, d.Record, "parent_path")
		if code != "" {
			r.b.placeProblems[d] = append(r.b.placeProblems[d], problem.New(code, d.Loc("parent_path"), d.ParentPath(), missing))
			continue
		}
		own := append(append([]string(nil), segs...), d.Name())
		id := d.ID()
		if id == "" {
			id = PathID(own)
		}
		r.b.placement[d] = placement{id: id, parent: parent}
		if k := org.PathKey(own); r.byKey[k] == "" {
			r.byKey[k] = id
		}
	}
}

// resolve walks a path (below the company root) and returns the ID of the
// department it names, creating the missing ones when allowed. code is a
// rule code when the path cannot be resolved.
func (r *paths) resolve(segs []string, origin org.Record, field string) (id, code, missing string) {
	id = "0"
	spelled := make([]string, 0, len(segs)) // each level as first written
	for i := range segs {
		key := org.PathKey(segs[:i+1])
		if r.spelling[key] == "" {
			r.spelling[key] = segs[i]
		}
		spelled = append(spelled, r.spelling[key])
		if x, ok := r.byKey[key]; ok {
			id = x
			continue
		}
		if x, ok := r.tenant[key]; ok {
			id = x
			r.byKey[key] = x
			continue
		}
		if r.opts.NoCreateDepartments {
			return "", "PATH_UNKNOWN", segs[i]
		}
		newID := PathID(segs[:i+1])
		r.b.createFromPath(newID, id, segs[i], strings.Join(spelled, "/"), origin.Loc(field))
		r.byKey[key] = newID
		id = newID
	}
	return id, "", ""
}

// userDepartments resolves a user's paths into department IDs.
func (r *paths) userDepartments(u *org.User) (ids []string, probs []problem.Problem) {
	for _, raw := range u.DepartmentPaths() {
		p := org.ParsePath(raw)
		segs := org.Below(p.Segments, r.root)
		id, code, missing := r.resolve(segs, u.Record, "department_path")
		if code != "" {
			probs = append(probs, problem.New(code, u.Loc("department_path"), raw, missing))
			continue
		}
		ids = append(ids, id)
	}
	return ids, probs
}

// createFromPath plans a department that a path names and nothing holds.
func (b *builder) createFromPath(id, parent, name, path string, loc problem.Loc) {
	if c := b.depts[id]; c != nil {
		return
	}
	c := &Change{Kind: KindDepartment, Key: id, Name: name, Action: ActionCreate, FromPath: true, Path: path, Origin: loc}
	b.addChange(c)
	b.depts[id] = c
	if b.deptState(parent) == deptBlocked {
		blockedBy(c, "上级部门 parent department", parent)
		return
	}
	if conflict, ok := b.siblingConflict(dept{id: id, name: name, parent: parent}); ok {
		p := problem.New("PLAN_NAME_TAKEN", loc, conflict.Name, conflict.DepartmentID)
		c.Problems = append(c.Problems, p)
		b.online = append(b.online, p)
		c.Action = ActionBlocked
		return
	}
	body := feishu.Department{Name: name, ParentDepartmentID: parent, DepartmentID: id}
	b.addStep(c, &Step{ID: DepartmentStep(id), Request: CreateDepartment{body}, needs: []string{parent}})
}
