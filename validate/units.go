package validate

import (
	"regexp"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// reUnitID is the documented custom unit_id: letters and digits, 1-64.
var reUnitID = regexp.MustCompile(`^[A-Za-z0-9]{1,64}$`)

// units checks the units sheet: name and type required and at most 100
// characters, unit_id letters and digits, no unit_id and no name of one
// type twice, at most 1,000 units.
func (v *validator) units() {
	ids := map[string]*org.Unit{}
	keys := map[string]*org.Unit{}
	for i, u := range v.org.Units {
		v.exampleRow(u.Record)
		v.oneValues(u.Record)
		v.unitRow(u)
		if id := u.UnitID(); id != "" && reUnitID.MatchString(id) {
			if first, dup := ids[id]; dup {
				v.add("UNIT_ID_DUPLICATE", u.Loc("unit_id"), id, first.Num)
			} else {
				ids[id] = u
			}
		}
		if u.Name() != "" && u.UnitType() != "" {
			k := u.UnitType() + "\x00" + u.Name()
			if first, dup := keys[k]; dup {
				v.add("UNIT_NAME_DUPLICATE", u.Loc("name"), u.UnitType(), u.Name(), first.Num)
			} else {
				keys[k] = u
			}
		}
		if i == feishu.MaxUnits {
			v.add("UNIT_TOO_MANY", u.Loc(""), len(v.org.Units))
		}
	}
	v.unitIndex = org.IndexUnits(v.org.Units)
}

func (v *validator) unitRow(u *org.Unit) {
	if u.Name() == "" {
		v.add("UNIT_NAME_REQUIRED", u.Loc("name"))
	}
	if u.UnitType() == "" {
		v.add("UNIT_TYPE_REQUIRED", u.Loc("unit_type"))
	}
	for _, key := range []string{"name", "unit_type"} {
		if n := org.CharCount(u.Get(key)); n > feishu.UnitTextMax {
			v.add("UNIT_FIELD_LENGTH", u.Loc(key), u.T.Column(key), n)
		}
	}
	if id := u.UnitID(); id != "" && !several(u.Record, "unit_id") && !reUnitID.MatchString(id) {
		v.add("UNIT_ID_FORMAT", u.Loc("unit_id"), id)
	}
}

// departmentUnits checks each department's unit: a unit of the sheet (by
// unit_id, or by a name no other unit of the sheet has) or, with a
// warning, one that must exist in Feishu; a unit binds at most 1,000
// departments.
func (v *validator) departmentUnits() {
	bound := map[string]int{}
	for _, d := range v.org.Departments {
		ref := d.Unit()
		if ref == "" || several(d.Record, "unit") {
			continue
		}
		row, ambiguous := v.unitIndex.Find(ref)
		switch {
		case len(ambiguous) > 0:
			var types []string
			for _, u := range ambiguous {
				types = append(types, u.UnitType())
			}
			v.add("DEPT_UNIT_AMBIGUOUS", d.Loc("unit"), ref, strings.Join(types, ", "))
			continue
		case row == nil:
			v.add("DEPT_UNIT_UNKNOWN", d.Loc("unit"), ref)
		}
		if bound[ref]++; bound[ref] == feishu.MaxUnitDepartments+1 {
			v.add("DEPT_UNIT_FULL", d.Loc("unit"), ref, countUnit(v.org.Departments, ref))
		}
	}
}

func countUnit(depts []*org.Department, ref string) int {
	n := 0
	for _, d := range depts {
		if d.Unit() == ref {
			n++
		}
	}
	return n
}
