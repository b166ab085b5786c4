package sandbox

import (
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/orgbatch/orgbatch/feishu"
)

// Unit state operations. The caller holds Server.mu for writing; every
// check runs before the first change.

// unit is one unit and the departments bound to it, in binding order.
type unit struct {
	seq   uint64
	id    string
	name  string
	typ   string
	depts []*dept
}

// units are the tenant's units. off models a tenant without the
// enterprise edition (Options.NoEnterprise): every unit endpoint answers
// 43050 and no department can name a unit.
type units struct {
	off   bool
	byID  map[string]*unit
	byKey map[string]*unit // unitKey(name, type): unique together (43055)
	inSeq []*unit          // creation order, the listing's order
}

func newUnits() units { return units{byID: map[string]*unit{}, byKey: map[string]*unit{}} }

func unitKey(name, typ string) string { return typ + "\x00" + name }

// unitIDRe is the documented custom unit_id: 1-64 letters and digits.
var unitIDRe = regexp.MustCompile(`^[A-Za-z0-9]{1,64}$`)

func checkUnitText(v string, c feishu.Code, what string) error {
	if n := utf8.RuneCountInString(v); n < 1 || n > feishu.UnitTextMax {
		return fail(c, "%s must be 1-%d characters, got %d", what, feishu.UnitTextMax, n)
	}
	return nil
}

// createUnit adds a unit: unit_id optional (generated when empty), name
// and unit_type 1-100 characters, name and type not both taken, at most
// 1,000 units.
func (s *state) createUnit(in feishu.Unit, seq uint64) (*unit, error) {
	us := &s.units
	if us.off {
		return nil, fail(feishu.CodeUnitsProhibited, "units need the enterprise edition")
	}
	if err := checkUnitText(in.Name, feishu.CodeUnitNameInvalid, "name"); err != nil {
		return nil, err
	}
	if err := checkUnitText(in.UnitType, feishu.CodeUnitTypeInvalid, "unit_type"); err != nil {
		return nil, err
	}
	id := in.UnitID
	if id != "" && !unitIDRe.MatchString(id) {
		return nil, fail(feishu.CodeUnitIDInvalid, "unit_id %q: 1-%d letters and digits", id, feishu.UnitIDMax)
	}
	if us.byID[id] != nil {
		return nil, fail(feishu.CodeUnitIDDuplicate, "unit_id %q is taken", id)
	}
	if us.byKey[unitKey(in.Name, in.UnitType)] != nil {
		return nil, fail(feishu.CodeUnitNameTypeRepeat, "a unit named %q of type %q exists", in.Name, in.UnitType)
	}
	if len(us.inSeq) >= feishu.MaxUnits {
		return nil, fail(feishu.CodeUnitsOverLimit, "the tenant has %d units", feishu.MaxUnits)
	}
	for id == "" || us.byID[id] != nil {
		id = "U" + randomHex(15)
	}
	u := &unit{seq: seq, id: id, name: in.Name, typ: in.UnitType}
	us.byID[id] = u
	us.byKey[unitKey(u.name, u.typ)] = u
	us.inSeq = append(us.inSeq, u)
	return u, nil
}

func (s *state) unit(id string) (*unit, error) {
	u := s.units.byID[id]
	if u == nil {
		return nil, fail(feishu.CodeUnitIDInvalid, "no unit %q", id)
	}
	return u, nil
}

// renameUnit is PATCH /unit/:id: the name, unique within the unit's type.
func (s *state) renameUnit(u *unit, name string) error {
	if err := checkUnitText(name, feishu.CodeUnitNameInvalid, "name"); err != nil {
		return err
	}
	if o := s.units.byKey[unitKey(name, u.typ)]; o != nil && o != u {
		return fail(feishu.CodeUnitNameTypeRepeat, "a unit named %q of type %q exists", name, u.typ)
	}
	delete(s.units.byKey, unitKey(u.name, u.typ))
	u.name = name
	s.units.byKey[unitKey(u.name, u.typ)] = u
	return nil
}

// deleteUnit removes a unit; its departments are unbound (UNCONFIRMED).
func (s *state) deleteUnit(u *unit) {
	for _, d := range u.depts {
		d.unit = nil
	}
	delete(s.units.byID, u.id)
	delete(s.units.byKey, unitKey(u.name, u.typ))
	s.units.inSeq = slices.DeleteFunc(s.units.inSeq, func(x *unit) bool { return x == u })
}

// bindUnit binds d to u: a department bound to another unit is 43054, a
// unit with 1,000 departments 43017; binding again to the same unit
// changes nothing (UNCONFIRMED).
func (s *state) bindUnit(u *unit, d *dept) error {
	switch {
	case d.unit == u:
		return nil
	case d.unit != nil:
		return fail(feishu.CodeUnitBoundElsewhere, "department is bound to unit %q", d.unit.id)
	case len(u.depts) >= feishu.MaxUnitDepartments:
		return fail(feishu.CodeUnitDeptOverLimit, "unit %q has %d departments", u.id, feishu.MaxUnitDepartments)
	}
	d.unit = u
	u.depts = append(u.depts, d)
	return nil
}

// unbindUnit unbinds d from u; a department not bound to u is left as it
// is (UNCONFIRMED: success, no change).
func (s *state) unbindUnit(u *unit, d *dept) {
	if d.unit != u {
		return
	}
	d.unit = nil
	u.depts = slices.DeleteFunc(u.depts, func(x *dept) bool { return x == d })
}

// createUnits resolves a department create's unit_ids: at most one
// (43004), naming an existing unit (43004) with room (43017). In a tenant
// without units any unit is illegal (43004).
func (s *state) createUnits(ids []string) (*unit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if len(ids) > 1 {
		return nil, fail(feishu.CodeIllegalUnit, "unit_ids: %d given, one is supported", len(ids))
	}
	u := s.units.byID[ids[0]]
	switch {
	case u == nil || s.units.off:
		return nil, fail(feishu.CodeIllegalUnit, "no unit %q", ids[0])
	case len(u.depts) >= feishu.MaxUnitDepartments:
		return nil, fail(feishu.CodeUnitDeptOverLimit, "unit %q has %d departments", u.id, feishu.MaxUnitDepartments)
	}
	return u, nil
}

func renderUnit(u *unit) feishu.Unit { return feishu.Unit{UnitID: u.id, Name: u.name, UnitType: u.typ} }
