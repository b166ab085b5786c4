// Package guard decides which parts of a run are too wide to go ahead on a
// plain "yes": an import plan that renames, moves, re-types or re-contacts
// more than a small share of the people and departments it matched (the
// signature of a wrong column mapping or a shifted sheet), and a prune that
// deletes more than a handful or more than a few percent of them. Such a
// run needs the operator to state the exact number (cmd/orgbatch asks for
// it, or reads it from a flag). The package only decides: pure functions
// over the plan and counts.
//
// The thresholds, per kind (users, departments) and category:
//
//   - a change category is wide when more than Handful (5) entities change
//     that way and they are more than ChangeShare (10%) of the existing
//     entities of that kind the plan matched, or more than ChangeCeiling
//     (100) in any org. In a 10-person company 3 people moving is an
//     ordinary Monday; 6 is a reorganisation worth a number. In a
//     5,000-person tenant 80 moves go through, 4,000 renames never do.
//   - a deletion needs its count when it deletes more than Handful (5)
//     entities or more than DeleteShare (3%) of those the tenant has: one
//     of 10 users needs it, 5 of 250 do not, 50 of 250 and 8 of 10 do.
//   - a restore (orgbatch restore) needs its count past Handful users.
package guard

import (
	"slices"

	"github.com/orgbatch/orgbatch/plan"
)

// Thresholds (see the package comment).
const (
	Handful       = 5
	ChangeShare   = 0.10
	ChangeCeiling = 100
	DeleteShare   = 0.03
	// SampleSize is how many changes of a wide group are shown.
	SampleSize = 5
)

// Category is a kind of wide change.
type Category string

// Categories, in display order.
const (
	Rename  Category = "rename"  // name, en_name / name_en, name_ja: a set value changes
	Move    Category = "move"    // a user's department_ids, a department's parent
	Retype  Category = "re-type" // a user's employee_type
	Contact Category = "contact" // a user's mobile or email: a set value changes
)

// categoryOf maps a changed field to its category ("" for others).
var categoryOf = map[plan.Kind]map[string]Category{
	plan.KindUser: {
		"name": Rename, "en_name": Rename,
		"department_ids": Move,
		"employee_type":  Retype,
		"mobile":         Contact, "email": Contact,
	},
	plan.KindDepartment: {
		"name": Rename, "name_en": Rename, "name_ja": Rename,
		"parent_department_id": Move,
	},
}

// CategoryOf is the category of a change to a field of a kind, or "" when
// the field's changes are never wide (job titles, leaders, order, ...).
func CategoryOf(k plan.Kind, field string) Category { return categoryOf[k][field] }

// Group is one kind and category of change in a plan.
type Group struct {
	Kind     plan.Kind
	Category Category
	N        int // entities changed this way
	Of       int // existing entities of the kind the plan matched (and does not block)
	Wide     bool
	Sample   []*plan.Change // the first SampleSize of them, in plan order
}

// Changes is the mass-change analysis of an import plan.
type Changes struct {
	Groups []Group // every kind and category that occurs, in a fixed order
	// Count is the number of distinct existing users and departments the
	// plan renames, moves, re-types or re-contacts: the number an operator
	// states to confirm a wide plan (whether or not it is wide).
	Count int
}

// Wide reports whether any group is over the thresholds.
func (c Changes) Wide() bool {
	return slices.ContainsFunc(c.Groups, func(g Group) bool { return g.Wide })
}

// Analyze finds the wide changes of a plan. Only updates of existing
// entities count: creations and blocked rows change no one.
func Analyze(p *plan.Plan) Changes {
	type key struct {
		k plan.Kind
		c Category
	}
	matched := map[plan.Kind]int{}
	groups := map[key]*Group{}
	var out Changes
	for _, c := range p.Changes {
		switch c.Action {
		case plan.ActionUnchanged, plan.ActionUpdate, plan.ActionMove:
			matched[c.Kind]++
		default:
			continue
		}
		counted := false
		seen := map[Category]bool{}
		for _, f := range c.Fields {
			cat := CategoryOf(c.Kind, f.Field)
			if cat == "" || seen[cat] || !replaces(f) {
				continue
			}
			seen[cat] = true
			g := groups[key{c.Kind, cat}]
			if g == nil {
				g = &Group{Kind: c.Kind, Category: cat}
				groups[key{c.Kind, cat}] = g
			}
			g.N++
			if len(g.Sample) < SampleSize {
				g.Sample = append(g.Sample, c)
			}
			if !counted {
				counted = true
				out.Count++
			}
		}
	}
	for _, k := range []plan.Kind{plan.KindUser, plan.KindDepartment} {
		for _, cat := range []Category{Rename, Move, Retype, Contact} {
			if g := groups[key{k, cat}]; g != nil {
				g.Of = matched[k]
				g.Wide = ChangeWide(g.N, g.Of)
				out.Groups = append(out.Groups, *g)
			}
		}
	}
	return out
}

// replaces reports a change of a value that was set: filling an empty
// field (a first English name, a first employee type: 0) replaces nothing.
func replaces(f plan.FieldChange) bool {
	return f.Old != "" && !(f.Field == "employee_type" && f.Old == "0")
}

// ChangeWide reports whether n entities of of changing one way is wide.
func ChangeWide(n, of int) bool {
	return n > Handful && (float64(n) > ChangeShare*float64(of) || n > ChangeCeiling)
}

// DeleteNeedsCount reports whether deleting n of the total entities of a
// kind the tenant has needs the operator to state n.
func DeleteNeedsCount(n, total int) bool {
	if n == 0 {
		return false
	}
	return n > Handful || total == 0 || float64(n) > DeleteShare*float64(total)
}

// RestoreNeedsCount reports whether bringing n deleted users back needs
// the operator to state n: past Handful, as for deletes — restored people
// get their access again. (A restore does not read the tenant's head
// count, so there is no share.)
func RestoreNeedsCount(n int) bool { return n > Handful }
