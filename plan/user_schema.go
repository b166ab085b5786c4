package plan

import (
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

// How a user's schema fields go into their writes: the field changes of an
// update (shown by name), the Refs of entries created this run, and the
// custom attributes that wait for the users they name.

// createdName is how a field change shows an entry the run creates.
func createdName(name string) string { return name + " (新建 created)" }

// schemaChanges adds an existing user's employee type, job level and
// family, and custom attribute changes to p.
func (b *builder) schemaChanges(c *Change, p *feishu.UserPatch, u user, e *feishu.User) {
	s := &u.schema
	d := &b.t.Dir
	switch {
	case !s.typeRef.IsZero():
		c.Fields = append(c.Fields, FieldChange{"employee_type", tenant.TypeName(d, e.EmployeeType), createdName(u.row.EmployeeType())})
		p.EmployeeType = new(int) // filled in from the create (Ref)
	case s.employeeType != 0 && s.employeeType != e.EmployeeType:
		c.Fields = append(c.Fields, FieldChange{"employee_type", tenant.TypeName(d, e.EmployeeType), tenant.TypeName(d, s.employeeType)})
		p.EmployeeType = &s.employeeType
	}
	switch {
	case !s.levelRef.IsZero():
		c.Fields = append(c.Fields, FieldChange{"job_level", tenant.LevelName(d, e.JobLevelID), createdName(u.row.JobLevel())})
		p.JobLevelID = new(string)
	case s.jobLevelID != "" && s.jobLevelID != e.JobLevelID:
		c.Fields = append(c.Fields, FieldChange{"job_level", tenant.LevelName(d, e.JobLevelID), tenant.LevelName(d, s.jobLevelID)})
		p.JobLevelID = &s.jobLevelID
	}
	switch {
	case !s.familyRef.IsZero():
		c.Fields = append(c.Fields, FieldChange{"job_family", tenant.FamilyPath(d, e.JobFamilyID), createdName(u.row.JobFamily())})
		p.JobFamilyID = new(string)
	case s.jobFamilyID != "" && s.jobFamilyID != e.JobFamilyID:
		c.Fields = append(c.Fields, FieldChange{"job_family", tenant.FamilyPath(d, e.JobFamilyID), tenant.FamilyPath(d, s.jobFamilyID)})
		p.JobFamilyID = &s.jobFamilyID
	}
	now := false
	for _, v := range s.attrs {
		if ch, ok := attrChange(e, v); ok {
			c.Fields = append(c.Fields, ch)
			now = now || v.later == ""
		}
	}
	if now {
		list := b.attrList(e.CustomAttrs, s.attrs, false)
		p.CustomAttrs = &list
	}
}

// pendingAttrs is a user whose custom attributes name users created this
// run: they are set by a PATCH once those users (and the user) exist.
type pendingAttrs struct {
	change *Change
	key    string
	userID string // "" when Feishu generates it: taken from the create
	list   []feishu.UserCustomAttr
	names  []string // the users named
}

// laterAttrs notes the attributes of u that wait for users created this
// run (e is nil for a create).
func (b *builder) laterAttrs(c *Change, u user, e *feishu.User) {
	if !hasLater(u.schema.attrs) {
		return
	}
	var existing []feishu.UserCustomAttr
	id := u.userID
	if e != nil {
		existing, id = e.CustomAttrs, e.UserID
	}
	if e != nil && !slices.ContainsFunc(u.schema.attrs, func(v attrValue) bool {
		_, changed := attrChange(e, v)
		return v.later != "" && changed
	}) {
		return
	}
	pa := pendingAttrs{change: c, key: u.key(), userID: id, list: b.attrList(existing, u.schema.attrs, true)}
	for _, v := range u.schema.attrs {
		if v.later != "" {
			pa.names = append(pa.names, v.later)
		}
	}
	b.pendingAttrs = append(b.pendingAttrs, pa)
}

// attrSteps adds the PATCH of each pending user once every user it names
// and the user itself exist. A row naming a user whose row is blocked is
// skipped, as a row whose department cannot be created is.
func (b *builder) attrSteps() {
	for _, pa := range b.pendingAttrs {
		c := pa.change
		if c.Action == ActionBlocked {
			continue
		}
		var deps []StepID
		var refs []Ref
		blocked := false
		for _, name := range pa.names {
			uc := b.users[name]
			switch {
			case uc == nil || uc.Action == ActionBlocked:
				blockedBy(c, "成员 user", name)
				blocked = true
			case uc.Action == ActionCreate:
				deps = append(deps, UserStep(name))
			}
		}
		if blocked {
			continue
		}
		if c.Action == ActionCreate {
			deps = append(deps, UserStep(pa.key))
			if pa.userID == "" {
				refs = append(refs, Ref{RefTarget, UserStep(pa.key)})
			}
		} else if s := b.steps[UserStep(pa.key)]; s != nil {
			deps = append(deps, s.ID) // after the user's own PATCH, which sends the list without these
		}
		list := pa.list
		b.addStep(c, &Step{ID: StepID{StepUserAttrs, pa.key}, Request: PatchUser{ID: pa.userID, Patch: feishu.UserPatch{CustomAttrs: &list}, Refs: refs}, Deps: dedupeSteps(deps)})
	}
}

func dedupeSteps(ids []StepID) []StepID {
	var out []StepID
	seen := map[StepID]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
