package org

import (
	"crypto/sha256"
	"encoding/hex"
)

// Units index the units sheet for the departments' unit column, which
// names a unit by its unit_id or, when no other unit of the sheet has that
// name, by its name. Validation and the plan resolve through it.
type Units struct {
	byID   map[string]*Unit
	byName map[string][]*Unit
}

// IndexUnits indexes the first row of each unit_id and every name.
func IndexUnits(rows []*Unit) Units {
	ix := Units{byID: map[string]*Unit{}, byName: map[string][]*Unit{}}
	for _, u := range rows {
		if id := u.UnitID(); id != "" && ix.byID[id] == nil {
			ix.byID[id] = u
		}
		if n := u.Name(); n != "" {
			ix.byName[n] = append(ix.byName[n], u)
		}
	}
	return ix
}

// Find resolves a department's unit cell: the row with that unit_id, else
// the one row with that name. Several rows of that name are returned as
// ambiguous (nil row); no row at all is (nil, nil).
func (ix Units) Find(ref string) (row *Unit, ambiguous []*Unit) {
	if u := ix.byID[ref]; u != nil {
		return u, nil
	}
	switch rows := ix.byName[ref]; len(rows) {
	case 0:
		return nil, nil
	case 1:
		return rows[0], nil
	default:
		return nil, rows
	}
}

// DerivedUnitID is the unit_id orgbatch gives a unit the sheet lists
// without one (and Feishu does not have): "U" and 15 hex digits of the
// SHA-256 of its type and name, so that the same unit always gets the same
// ID and a re-run or a resume finds it instead of creating a second one.
func DerivedUnitID(unitType, name string) string {
	sum := sha256.Sum256([]byte(unitType + "\x00" + name))
	return "U" + hex.EncodeToString(sum[:])[:15]
}
