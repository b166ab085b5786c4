package problem

import (
	"slices"
	"strings"
)

// Rule is one entry of the rule table.
type Rule struct {
	Code     string   // stable identifier, used in reports, JSON and golden files
	Severity Severity // error blocks the row, warning does not
	Entity   string   // "file", "department", "user" or "unit"
	Field    string   // canonical column the rule is about ("" for file rules)
	API      int      // the Feishu error code this check prevents, if any
	ZH, EN   string   // what the rule requires (instructions sheet, README)
	MsgZH    string   // problem message (fmt template)
	MsgEN    string
	// Unreadable marks a rule that means the input could not be read at
	// all (exit 2), rather than read and found wrong (exit 1).
	Unreadable bool
	// CheckedOnline marks a warning that offline validation cannot decide
	// (a department, leader, unit or type the sheet does not define must
	// exist in the tenant): the plan checks it against the tenant, says
	// what is missing with its own PLAN_* rule, and drops the warning.
	CheckedOnline bool
}

// Entities of the rule table.
const (
	EntityFile       = "file"
	EntityDepartment = "department"
	EntityUser       = "user"
	EntityUnit       = "unit"
	EntityAny        = "any" // any cell of any sheet the import reads
	EntityLeaver     = "leaver"
	// User groups: the groups sheet and the membership sheet.
	EntityGroup       = "group"
	EntityGroupMember = "group_member"
)

// Rules is the single source of truth for what a sheet must satisfy. The
// offline validator reports these codes; the template's instructions sheet
// and the README's rule list are generated from this table.
var Rules = slices.Concat(inputRules, rowRules, groupRowRules, onlineRules, groupOnlineRules, offboardRules)

var (
	ruleByCode = map[string]Rule{}
	ruleIndex  = map[string]int{}
)

func init() {
	for i, r := range Rules {
		ruleByCode[r.Code] = r
		ruleIndex[r.Code] = i
	}
}

// Unreadable reports whether any problem means its input could not be
// read (a rule marked Unreadable): nothing can be validated or imported.
func Unreadable(ps []Problem) bool {
	for _, p := range ps {
		if ruleByCode[p.Rule].Unreadable {
			return true
		}
	}
	return false
}

// Online reports whether a rule is checked online, against the tenant, by
// the plan: the PLAN_* rules.
func Online(code string) bool { return strings.HasPrefix(code, "PLAN_") }

// WithoutCheckedOnline returns ps without the warnings the plan checks
// online (Rule.CheckedOnline): once the tenant is read they are either
// resolved or replaced by the plan's own problem, not repeated.
func WithoutCheckedOnline(ps []Problem) []Problem {
	return slices.DeleteFunc(slices.Clone(ps), func(p Problem) bool { return ruleByCode[p.Rule].CheckedOnline })
}

// FieldsOfAPI lists the fields of the rules that prevent a Feishu error
// code: the cells a row failed with that code most likely has wrong.
func FieldsOfAPI(code int) []string {
	var out []string
	for _, r := range Rules {
		if code != 0 && r.API == code && r.Field != "" && !slices.Contains(out, r.Field) {
			out = append(out, r.Field)
		}
	}
	return out
}

// Lookup returns the rule with the given code.
func Lookup(code string) (Rule, bool) {
	r, ok := ruleByCode[code]
	return r, ok
}
