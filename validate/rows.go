package validate

import (
	"strings"

	"github.com/orgbatch/orgbatch/org"
)

// Checks that refuse a row of either sheet as a whole: the template's
// example row left in or copied, and cells of one-value columns that hold
// several values.

// example is the template's example row of a users sheet in the form rows
// are compared in.
var example = struct{ mobile, email string }{
	mobile: mustMobile(exampleOf(org.UserSchema, "mobile")),
	email:  org.NormalizeEmail(exampleOf(org.UserSchema, "email")),
}

func exampleOf(s *org.Schema, key string) string {
	f, _ := s.Field(key)
	return f.Example
}

func mustMobile(s string) string {
	m, _, ok := org.ParseMobile(s)
	if !ok {
		panic("the template's example mobile is invalid: " + s)
	}
	return m.E164
}

// exampleRow reports a row that is the template's example row: one that
// carries the example marker in any cell (a copied and edited example row
// still does), or equals the example in every column the sheet has for
// the example's fields — and the sheet has all of the example's required
// fields, so that a sheet of names and paths alone never matches on a
// name. It reports whether it did.
func (v *validator) exampleRow(r org.Record) bool {
	if i := r.CellContaining(org.ExampleMarker); i >= 0 {
		loc := r.Loc("")
		loc.Column = r.ColumnAt(i)
		v.add("ROW_EXAMPLE_MARKER", loc, org.ExampleMarker)
		return true
	}
	var shown []string
	for _, f := range r.T.Schema.Fields {
		switch {
		case f.Example == "":
			continue
		case !r.T.Has(f.Key) && f.Required:
			return false
		case !r.T.Has(f.Key):
			continue
		}
		if !sameValue(f.Key, r.Get(f.Key), f.Example) {
			return false
		}
		if len(shown) < 3 {
			shown = append(shown, r.Get(f.Key))
		}
	}
	if len(shown) == 0 {
		return false
	}
	v.add("ROW_EXAMPLE", r.Loc(""), strings.Join(shown, ", "))
	return true
}

// sameValue compares a cell with an example value as import reads both:
// a pasted row keeps its meaning even when Excel turned 000123 into 123
// or a date into a serial number.
func sameValue(key, cell, want string) bool {
	if cell == want {
		return true
	}
	switch key {
	case "mobile":
		a, _, ok := org.ParseMobile(cell)
		return ok && a.E164 == mustMobile(want)
	case "email":
		return org.NormalizeEmail(cell) == org.NormalizeEmail(want)
	case "employee_no", "order":
		return cell != "" && strings.TrimLeft(cell, "0") == strings.TrimLeft(want, "0")
	case "join_time":
		a, ok1 := org.ParseDate(cell)
		b, ok2 := org.ParseDate(want)
		return ok1 && ok2 && a.Equal(b)
	case "employee_type":
		a, ok1 := org.ParseEmployeeType(cell)
		b, ok2 := org.ParseEmployeeType(want)
		return ok1 && ok2 && a == b
	case "gender":
		a, ok1 := org.ParseGender(cell)
		b, ok2 := org.ParseGender(want)
		return ok1 && ok2 && a == b
	case "create_group_chat":
		a, ok1 := org.ParseBool(cell)
		b, ok2 := org.ParseBool(want)
		return ok1 && ok2 && a == b
	}
	return false
}

// exampleContact reports a user whose mobile or email is the example
// row's: a copied example row that kept them would create, or match, a
// person who does not exist. m is the row's mobile as parsed.
func (v *validator) exampleContact(u *org.User, m org.Mobile) {
	switch {
	case m.E164 == example.mobile:
		v.add("USER_EXAMPLE_CONTACT", u.Loc("mobile"), u.T.Column("mobile"), u.Mobile())
	case u.Email() != "" && org.NormalizeEmail(u.Email()) == example.email:
		v.add("USER_EXAMPLE_CONTACT", u.Loc("email"), u.T.Column("email"), u.Email())
	}
}

// oneValues reports every cell of a one-value column that holds several
// values (u005;u009 in leader_user_id): an error naming the column, so
// the row is never imported with a guess — nor shown as unchanged with a
// warning. The checks of those cells' own format and references skip
// them (see several).
func (v *validator) oneValues(r org.Record) {
	for _, f := range r.T.Schema.Fields {
		if f.Single == org.FreeText || !r.T.Has(f.Key) {
			continue
		}
		if sep := f.Separator(r.Get(f.Key)); sep != "" {
			v.add("CELL_SEVERAL_VALUES", r.Loc(f.Key), r.T.Column(f.Key), r.Get(f.Key), sep)
		}
	}
}

// several reports whether a cell was reported by oneValues.
func several(r org.Record, key string) bool {
	f, ok := r.T.Schema.Field(key)
	return ok && f.Separator(r.Get(key)) != ""
}
