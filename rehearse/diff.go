package rehearse

import (
	"cmp"
	"encoding/json"
	"slices"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/plan"
)

// canonChange is what a plan decides about a row, without what differs
// from run to run (client_tokens, the run folder's salt) or where the
// sheet lies on disk.
type canonChange struct {
	Kind        plan.Kind          `json:"k"`
	Key         string             `json:"key"`
	Action      plan.Action        `json:"a"`
	Fields      []plan.FieldChange `json:"f,omitempty"`
	Departments []string           `json:"d,omitempty"`
	Existing    plan.IDs           `json:"e"`
	BlockedBy   string             `json:"b,omitempty"`
	MatchedBy   string             `json:"m,omitempty"`
	FromPath    bool               `json:"p,omitempty"`
	Path        string             `json:"path,omitempty"`
	Member      *plan.MemberOf     `json:"g,omitempty"`
	Rules       []string           `json:"r,omitempty"`
	Steps       []plan.Op          `json:"s,omitempty"`
}

// PlanDigest is a hash of what the plan does, row by row: two plans of the
// same sheets against the same tenant state have the same digest.
func PlanDigest(p *plan.Plan) string {
	rows := make([]canonChange, len(p.Changes))
	for i, c := range p.Changes {
		rows[i] = canonChange{Kind: c.Kind, Key: c.Key, Action: c.Action, Fields: c.Fields, Departments: c.Departments,
			Existing: c.Existing, BlockedBy: c.BlockedBy, MatchedBy: c.MatchedBy, FromPath: c.FromPath, Path: c.Path, Member: c.Member}
		for _, pr := range c.Problems {
			rows[i].Rules = append(rows[i].Rules, pr.Rule)
		}
		for _, s := range c.Steps {
			rows[i].Steps = append(rows[i].Steps, s.Op())
		}
	}
	slices.SortStableFunc(rows, func(a, b canonChange) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Key, b.Key))
	})
	b, _ := json.Marshal(rows) // plain data
	return short(string(b))
}

// Counts are a plan's rows by action.
func Counts(p *plan.Plan) map[string]int {
	out := map[string]int{}
	for _, c := range p.Changes {
		out[string(c.Action)]++
	}
	return out
}

// Refused are the rows the rehearsal did not carry out: blocked by the
// plan, failed on the clone, or skipped because a row they need was.
func Refused(ex *importer.Result) []importer.Outcome {
	var out []importer.Outcome
	for _, o := range ex.Outcomes {
		if o.Status == importer.StatusFailed || o.Status == importer.StatusSkipped {
			out = append(out, o)
		}
	}
	return out
}

// Remaining are the rows a plan of the sheets against the clone after the
// import still changes: what the import should have done and the clone
// does not show. The rows the rehearsal refused (still blocked, or still
// to do because they failed) are counted apart: they are reported as
// refused.
func Remaining(after *plan.Plan, refused []importer.Outcome) (changes []*plan.Change, stillRefused int) {
	type row struct {
		kind plan.Kind
		key  string
	}
	was := map[row]bool{}
	for _, o := range refused {
		was[row{o.Change.Kind, o.Change.Key}] = true
	}
	for _, c := range after.Changes {
		switch {
		case c.Action == plan.ActionUnchanged:
		case c.Action == plan.ActionBlocked || was[row{c.Kind, c.Key}]:
			stillRefused++
		default:
			changes = append(changes, c)
		}
	}
	return changes, stillRefused
}
