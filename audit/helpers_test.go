package audit

import (
	"testing"

	"github.com/orgbatch/orgbatch/audit/audittest"
)

// d and u are a department and a user of an audittest.Org.
type (
	d       = string
	u       = string
	testOrg = audittest.Org
)

// subjects lists what each finding of a group is about: a department's
// path, a person's user_id, or a shared value.
func subjects(g Group) []string {
	var out []string
	for _, f := range g.Items {
		switch {
		case f.Person != nil:
			out = append(out, f.Person.UserID)
		case f.Dept != nil:
			out = append(out, f.Dept.Label())
		default:
			out = append(out, f.Subject)
		}
	}
	return out
}

func group(t *testing.T, r *Report, code string) Group {
	t.Helper()
	for _, g := range r.Findings {
		if g.Kind.Code == code {
			return g
		}
	}
	t.Fatalf("no group %s", code)
	return Group{}
}
