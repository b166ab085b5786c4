package plan

import (
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

type placement struct{ id, parent string }

// idOf is a department row's ID: its own, or the one its path gives it.
func (b *builder) idOf(d *org.Department) string {
	if p, ok := b.placement[d]; ok {
		return p.id
	}
	return d.ID()
}

// parentOf is a department row's parent ID: its own, or its path's.
func (b *builder) parentOf(d *org.Department) string {
	if p, ok := b.placement[d]; ok {
		return p.parent
	}
	return d.ParentID()
}

// deptState tells how a department ID stands for the rows that refer to it.
type deptState int

const (
	deptUnknown deptState = iota
	deptExists            // in the tenant (and not being created)
	deptPlanned           // a sheet row that will exist (created or kept)
	deptBlocked           // a sheet row that is blocked
	deptIsRoot
)

func (b *builder) deptState(id string) deptState {
	if id == "0" {
		return deptIsRoot
	}
	if c := b.depts[id]; c != nil {
		if c.Action == ActionBlocked {
			return deptBlocked
		}
		return deptPlanned
	}
	if b.t.Departments[id] != nil {
		return deptExists
	}
	return deptUnknown
}

// createStepOf returns the step that creates a department in this run, or
// the zero StepID when it needs no creating.
func (b *builder) createStepOf(deptID string) StepID {
	if c := b.depts[deptID]; c != nil && c.Action == ActionCreate {
		return DepartmentStep(deptID)
	}
	return StepID{}
}

func (b *builder) department(row *org.Department) {
	d := desiredDept(row)
	d.id, d.parent = b.idOf(row), b.parentOf(row)
	c := &Change{Kind: KindDepartment, Key: d.id, Name: d.name, Record: row.Record}
	b.addChange(c)
	if ps := b.placeProblems[row]; len(ps) > 0 {
		c.Problems = append(c.Problems, ps...)
		b.online = append(b.online, ps...)
		c.Action = ActionBlocked
		return
	}
	if first := b.deptRows[d.id]; first != row {
		c.Action = ActionBlocked // a duplicate row: validation reports it too
		c.Problems, _ = b.ownProblems(row.Record)
		if !problem.HasErrors(c.Problems) {
			c.Problems = append(c.Problems, problem.New("DEPT_ID_DUPLICATE", row.Loc("department_id"), d.id, first.Num))
		}
		return
	}
	b.depts[d.id] = c
	ps, bad := b.ownProblems(row.Record)
	c.Problems = ps
	if bad {
		c.Action = ActionBlocked
		return
	}
	switch b.deptState(d.parent) {
	case deptBlocked:
		blockedBy(c, "上级部门 parent department", d.parent)
		return
	case deptUnknown:
		b.addOnline(c, "PLAN_PARENT_MISSING", row.Loc("parent_department_id"), d.parent)
		return
	}
	now, later := b.resolveDeptPeople(c, d)
	existing := b.t.Departments[d.id]
	if existing == nil {
		b.createDepartment(c, d, now)
	} else {
		b.updateDepartment(c, d, existing, now)
	}
	if c.Action == ActionBlocked {
		return
	}
	if later.leadersGiven || later.hrbpsGiven {
		b.pending = append(b.pending, pendingPeople{change: c, key: d.id, dept: later})
	}
	b.departmentUnit(c, d, existing)
}

func (b *builder) createDepartment(c *Change, d dept, people deptPeople) {
	if conflict, ok := b.siblingConflict(d); ok {
		b.addOnline(c, "PLAN_NAME_TAKEN", d.row.Loc("name"), conflict.Name, conflict.DepartmentID)
		return
	}
	c.Action = ActionCreate
	body := feishu.Department{
		Name:               d.name,
		ParentDepartmentID: d.parent,
		DepartmentID:       d.id,
		Order:              d.order,
		CreateGroupChat:    d.createGroupChat,
	}
	people.intoBody(&body)
	if d.nameEN != "" || d.nameJA != "" {
		body.I18nName = &feishu.I18nName{ZhCn: d.name, EnUs: d.nameEN, JaJp: d.nameJA}
	}
	b.addStep(c, &Step{ID: DepartmentStep(d.id), Request: CreateDepartment{body}, needs: []string{d.parent}})
}

// siblingConflict finds an existing department under the same parent whose
// name in any language equals one of the new department's names.
func (b *builder) siblingConflict(d dept) (feishu.Department, bool) {
	names := map[string]bool{}
	for _, n := range []string{d.name, d.nameEN, d.nameJA} {
		if n != "" {
			names[n] = true
		}
	}
	for _, sib := range b.t.Children[d.parent] {
		if sib.DepartmentID == d.id {
			continue
		}
		for _, n := range []string{sib.Name, i18n(sib.I18nName).EnUs, i18n(sib.I18nName).JaJp, i18n(sib.I18nName).ZhCn} {
			if n != "" && names[n] {
				return sib, true
			}
		}
	}
	return feishu.Department{}, false
}

func i18n(n *feishu.I18nName) feishu.I18nName {
	if n == nil {
		return feishu.I18nName{}
	}
	return *n
}

func (b *builder) updateDepartment(c *Change, d dept, e *feishu.Department, people deptPeople) {
	c.Existing = IDs{DepartmentID: e.DepartmentID, OpenDepartmentID: e.OpenDepartmentID}
	p := feishu.DepartmentPatch{}
	en := i18n(e.I18nName)
	change := c.diffField
	change("name", e.Name, d.name, func() { p.Name = &d.name })
	newI18n := en
	change("name_en", en.EnUs, d.nameEN, func() { newI18n.EnUs = d.nameEN })
	change("name_ja", en.JaJp, d.nameJA, func() { newI18n.JaJp = d.nameJA })
	if newI18n != en {
		if p.Name != nil {
			newI18n.ZhCn = d.name
		}
		p.I18nName = &newI18n
	}
	moved := false
	change("parent_department_id", e.ParentDepartmentID, d.parent, func() { p.ParentDepartmentID = &d.parent; moved = true })
	change("order", e.Order, d.order, func() { p.Order = &d.order })
	people.intoPatch(c, e, &p)
	if c.Action = actionOf(c, moved); c.Action == ActionUnchanged {
		return
	}
	s := &Step{ID: DepartmentStep(d.id), Request: PatchDepartment{ID: d.id, Patch: p}}
	if moved {
		s.needs = []string{d.parent}
	}
	b.addStep(c, s)
}
