package plan

import (
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// Units: the units sheet's rows are created or renamed first (a unit's
// type never changes), then each department with a unit cell is bound to
// its unit by a step of its own, after both exist — so a unit that fails
// never keeps a department or its people from being imported. A unit row
// without unit_id is matched by name and type, else created with a
// derived unit_id (org.DerivedUnitID). A tenant without units (43050)
// gets one problem for the whole sheet, not one per row.

// CreateUnit creates a unit.
type CreateUnit struct{ Body feishu.Unit }

// PatchUnit renames unit ID.
type PatchUnit struct{ ID, Name string }

// BindUnit binds a department to a unit, unbinding it first from the unit
// it had (Unbind, "" for none): one unit per department (43054).
type BindUnit struct {
	UnitID       string `json:"unit_id"`
	DepartmentID string `json:"department_id"`
	Unbind       string `json:"unbind_unit_id,omitempty"`
}

func (CreateUnit) Op() Op { return OpCreateUnit }
func (PatchUnit) Op() Op  { return OpPatchUnit }
func (BindUnit) Op() Op   { return OpBindUnit }

func (CreateUnit) Endpoints() []feishu.Endpoint { return feishu.On(feishu.EPCreateUnit) }
func (PatchUnit) Endpoints() []feishu.Endpoint  { return feishu.On(feishu.EPPatchUnit) }
func (r BindUnit) Endpoints() []feishu.Endpoint {
	if r.Unbind != "" {
		return feishu.On(feishu.EPBindUnit, feishu.EPUnbindUnit)
	}
	return feishu.On(feishu.EPBindUnit)
}

func (r CreateUnit) Without(map[string]bool) (Request, bool) { return r, true }
func (r PatchUnit) Without(map[string]bool) (Request, bool)  { return r, true }
func (r BindUnit) Without(map[string]bool) (Request, bool)   { return r, true }

// unitPlan is what the units pass leaves for the departments'.
type unitPlan struct {
	idOf    map[*org.Unit]string // each row's unit_id (given, found or derived)
	changes map[string]*Change   // by unit_id
	index   org.Units
	// offDepts counts the unit cells a tenant without units leaves out.
	offDepts int
}

// UnitsUnavailable is the BlockedBy of the unit rows of a tenant without
// units: they are skipped for the one plan problem PLAN_UNITS_UNAVAILABLE.
const UnitsUnavailable = "PLAN_UNITS_UNAVAILABLE"

func (b *builder) unitRows() {
	b.units = unitPlan{idOf: map[*org.Unit]string{}, changes: map[string]*Change{}, index: org.IndexUnits(b.org.Units)}
	for _, row := range b.org.Units {
		b.unit(row)
	}
}

func (b *builder) unit(row *org.Unit) {
	c := &Change{Kind: KindUnit, Name: row.Name(), Record: row.Record}
	b.addChange(c)
	ps, bad := b.ownProblems(row.Record)
	c.Problems = ps
	existing := b.tenantUnit(row)
	c.Key = row.UnitID()
	switch {
	case existing != nil:
		c.Key = existing.UnitID
	case c.Key == "" && row.Name() != "" && row.UnitType() != "":
		c.Key = org.DerivedUnitID(row.UnitType(), row.Name())
	}
	b.units.idOf[row] = c.Key
	if bad || c.Key == "" || b.units.changes[c.Key] != nil {
		c.Action = ActionBlocked // validation reports it (a duplicate row too)
		return
	}
	b.units.changes[c.Key] = c
	if b.t.UnitsUnavailable {
		c.Action = ActionBlocked
		return // one problem for them all: unitsUnavailable
	}
	if existing == nil {
		if other := b.unitNamed(row.Name(), row.UnitType(), ""); other != nil {
			b.addOnline(c, "PLAN_UNIT_NAME_TAKEN", row.Loc("name"), other.UnitID)
			return
		}
		c.Action = ActionCreate
		b.addStep(c, &Step{ID: UnitStep(c.Key), Request: CreateUnit{feishu.Unit{UnitID: c.Key, Name: row.Name(), UnitType: row.UnitType()}}})
		return
	}
	c.Existing = IDs{UnitID: existing.UnitID}
	if existing.UnitType != row.UnitType() {
		b.addOnline(c, "PLAN_UNIT_TYPE_FIXED", row.Loc("unit_type"), existing.UnitID, existing.UnitType, row.UnitType())
		return
	}
	if existing.Name == row.Name() {
		c.Action = ActionUnchanged
		return
	}
	if other := b.unitNamed(row.Name(), row.UnitType(), existing.UnitID); other != nil {
		b.addOnline(c, "PLAN_UNIT_NAME_TAKEN", row.Loc("name"), other.UnitID)
		return
	}
	c.Action = ActionUpdate
	c.Fields = append(c.Fields, FieldChange{"name", existing.Name, row.Name()})
	b.addStep(c, &Step{ID: UnitStep(c.Key), Request: PatchUnit{ID: existing.UnitID, Name: row.Name()}})
}

// tenantUnit is the unit a row is about: the one with its unit_id, or for
// a row without one the unit of its name and type, else the one its
// derived unit_id names (a re-run).
func (b *builder) tenantUnit(row *org.Unit) *feishu.Unit {
	if id := row.UnitID(); id != "" {
		return b.t.Units[id]
	}
	if u := b.unitNamed(row.Name(), row.UnitType(), ""); u != nil {
		return u
	}
	return b.t.Units[org.DerivedUnitID(row.UnitType(), row.Name())]
}

// unitNamed is the tenant's unit of a name and type other than except.
func (b *builder) unitNamed(name, typ, except string) *feishu.Unit {
	for _, u := range b.t.UnitsByName(name) {
		if u.UnitType == typ && u.UnitID != except {
			return u
		}
	}
	return nil
}

// departmentUnit binds a department to the unit its row names, when that
// is not its unit already: after the department and the unit exist, and
// never unbinding for an empty cell.
func (b *builder) departmentUnit(c *Change, d dept, e *feishu.Department) {
	if d.unit == "" {
		return
	}
	if b.t.UnitsUnavailable {
		b.units.offDepts++
		return
	}
	unitID, dep, ok := b.resolveUnit(c, d)
	if !ok {
		return
	}
	old := ""
	if e != nil && len(e.UnitIDs) > 0 {
		old = e.UnitIDs[0]
	}
	if old == unitID {
		return
	}
	c.Fields = append(c.Fields, FieldChange{"unit", old, unitID})
	if c.Action == ActionUnchanged {
		c.Action = ActionUpdate
	}
	s := &Step{ID: DepartmentUnitStep(d.id), Request: BindUnit{UnitID: unitID, DepartmentID: d.id, Unbind: old}, needs: []string{d.id}}
	if !dep.IsZero() {
		s.Deps = []StepID{dep}
	}
	b.addStep(c, s)
}

// resolveUnit finds the unit a department's cell names: a row of the
// units sheet (by unit_id, or its one name), else a tenant unit by
// unit_id, else the one tenant unit of that name. It returns the unit's
// create step when it is created in this run; false (with a warning) when
// the department cannot be bound.
func (b *builder) resolveUnit(c *Change, d dept) (string, StepID, bool) {
	loc := d.row.Loc("unit")
	if row, _ := b.units.index.Find(d.unit); row != nil {
		id := b.units.idOf[row]
		uc := b.units.changes[id]
		if uc == nil || uc.Action == ActionBlocked {
			b.addOnline(c, "PLAN_UNIT_MISSING", loc, d.unit, "无法导入", "cannot be imported")
			return "", StepID{}, false
		}
		if uc.Action == ActionCreate {
			return id, UnitStep(id), true
		}
		return id, StepID{}, true
	}
	if u := b.t.Units[d.unit]; u != nil {
		return u.UnitID, StepID{}, true
	}
	switch named := b.t.UnitsByName(d.unit); len(named) {
	case 1:
		return named[0].UnitID, StepID{}, true
	case 0:
		b.addOnline(c, "PLAN_UNIT_MISSING", loc, d.unit, "既不在单位表内也不在飞书中", "is neither in the units sheet nor in Feishu")
	default:
		b.addOnline(c, "PLAN_UNIT_MISSING", loc, d.unit, "在飞书中有多个同名单位，请填单位ID", "names several Feishu units: give the unit_id")
	}
	return "", StepID{}, false
}

// unitsUnavailable reports a tenant without units once, for every unit
// row and unit cell the sheet has, and skips the unit rows for it.
func (b *builder) unitsUnavailable() {
	if !b.t.UnitsUnavailable || len(b.org.Units)+b.units.offDepts == 0 {
		return
	}
	var loc problem.Loc
	switch {
	case len(b.org.Units) > 0:
		loc = problem.Loc{File: b.org.Units[0].T.File, Sheet: b.org.Units[0].T.Sheet}
	default:
		for _, d := range b.org.Departments {
			if d.Unit() != "" {
				loc = problem.Loc{File: d.T.File, Sheet: d.T.Sheet, Column: d.T.Column("unit")}
				break
			}
		}
	}
	p := problem.New("PLAN_UNITS_UNAVAILABLE", loc, len(b.org.Units), b.units.offDepts)
	b.online = append(b.online, p)
	for _, c := range b.units.changes {
		c.BlockedBy = UnitsUnavailable
		c.Problems = append(c.Problems, p)
	}
}
