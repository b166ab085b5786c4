package plan

import (
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// Build compares the sheet with the tenant snapshot and returns the plan.
// problems are the sheet's validation problems: a row with an error is
// blocked, and so is every row that depends on it. Build is pure.
func Build(o *org.Org, problems []problem.Problem, t *tenant.Snapshot) *Plan {
	return BuildWith(o, problems, t, Options{})
}

// BuildWith is Build with options. The plan is decided in passes, one
// file each: unit rows (units.go), department rows (departments.go,
// paths.go) with their units, user rows (users.go, identity.go), the
// people that wait for users created in the run (people.go), and the step
// graph (graph.go).
func BuildWith(o *org.Org, problems []problem.Problem, t *tenant.Snapshot, opts Options) *Plan {
	b := &builder{
		org: o, t: t, opts: opts, plan: &Plan{Tenant: t, TokenSalt: opts.TokenSalt},
		depts:         map[string]*Change{},
		users:         map[string]*Change{},
		steps:         map[StepID]*Step{},
		placement:     map[*org.Department]placement{},
		placeProblems: map[*org.Department][]problem.Problem{},
	}
	b.dir = newDirIndex(&t.Dir)
	// What the sheet does not define but must exist in the tenant is
	// checked here, against it: the offline warnings about it are
	// resolved, or replaced by the plan's own (PLAN_DEPT_MISSING, …).
	problems = b.bindAttrColumns(problem.WithoutCheckedOnline(problems))
	b.rowProblems = byRow(problems)
	b.paths = newPaths(b, opts)
	b.indexRows()
	b.paths.indexSheet(b.deptOrder())
	b.paths.placeByPath()
	b.indexRows() // again: rows placed by path have their IDs now
	b.unitRows()
	for _, d := range b.deptOrder() {
		b.department(d)
	}
	b.unitsUnavailable()
	for _, u := range b.userOrder() {
		b.user(u)
	}
	b.attrSteps()
	b.peopleSteps()
	b.linkSteps()
	b.groups() // after linkSteps: every users row is final
	b.plan.Problems = append(append([]problem.Problem(nil), problems...), b.online...)
	problem.Sort(b.plan.Problems)
	prioritize(b.plan.Steps)
	return b.plan
}

type rowKey struct {
	file, sheet string
	row         int
}

// byRow files the problems that point at a row under it.
func byRow(problems []problem.Problem) map[rowKey][]problem.Problem {
	m := map[rowKey][]problem.Problem{}
	for _, p := range problems {
		if p.Row > 0 {
			k := rowKey{p.File, p.Sheet, p.Row}
			m[k] = append(m[k], p)
		}
	}
	return m
}

type builder struct {
	org         *org.Org
	t           *tenant.Snapshot
	opts        Options
	plan        *Plan
	rowProblems map[rowKey][]problem.Problem
	online      []problem.Problem
	deptRows    map[string]*org.Department // first row of each department_id
	userRows    map[string]*org.User       // first row of each user_id
	depts       map[string]*Change         // by department_id
	users       map[string]*Change         // by user_id (rows with one)
	steps       map[StepID]*Step
	// rows whose people wait for users created in this run (people.go)
	pending []pendingPeople
	units   unitPlan // units.go
	paths   *paths
	// departments placed by a parent path: their effective ID and parent
	placement     map[*org.Department]placement
	placeProblems map[*org.Department][]problem.Problem
	// claimed maps a Feishu user_id to the row matched to it (identity.go)
	claimed map[string]*Change
	// the tenant's schema (directory.go, directory_steps.go, custom_attrs.go)
	dir          *dirIndex
	dirCreates   map[dirCreate]StepID
	familyNames  map[string]string // created families: name key → path key
	attrCols     map[*org.Table][]tenant.AttrColumn
	pendingAttrs []pendingAttrs
}

func (b *builder) indexRows() {
	b.deptRows = map[string]*org.Department{}
	for _, d := range b.org.Departments {
		if id := b.idOf(d); id != "" && b.deptRows[id] == nil {
			b.deptRows[id] = d
		}
	}
	b.userRows = map[string]*org.User{}
	for _, u := range b.org.Users {
		if id := u.UserID(); id != "" && b.userRows[id] == nil {
			b.userRows[id] = u
		}
	}
}

// deptOrder lists department rows parents first, so a row's parent has
// been planned when the row is.
func (b *builder) deptOrder() []*org.Department {
	return parentsFirst(b.org.Departments, func(d *org.Department) *org.Department { return b.deptRows[b.parentOf(d)] })
}

// userOrder lists user rows managers first (a manager's plan decides
// whether the report can carry the leader in its create request).
func (b *builder) userOrder() []*org.User {
	return parentsFirst(b.org.Users, func(u *org.User) *org.User { return b.userRows[u.LeaderUserID()] })
}

// parentsFirst orders rows so that each comes after its parent (parentOf,
// nil for none), keeping the input order otherwise. A cycle — reported by
// validation — is cut where it closes.
func parentsFirst[T comparable](rows []T, parentOf func(T) T) []T {
	var zero T
	out := make([]T, 0, len(rows))
	seen := make(map[T]bool, len(rows))
	var visit func(r T, depth int)
	visit = func(r T, depth int) {
		if seen[r] || depth > len(rows) {
			return
		}
		if p := parentOf(r); p != zero && p != r {
			visit(p, depth+1)
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, r := range rows {
		visit(r, 0)
	}
	return out
}

func (b *builder) ownProblems(r org.Record) ([]problem.Problem, bool) {
	ps := b.rowProblems[rowKey{r.T.File, r.T.Sheet, r.Num}]
	return ps, problem.HasErrors(ps)
}

func (b *builder) addOnline(c *Change, code string, loc problem.Loc, args ...any) {
	b.online = addProblem(b.online, c, code, loc, args...)
}

// addProblem gives the change an online problem (an error blocks it) and
// returns online with it.
func addProblem(online []problem.Problem, c *Change, code string, loc problem.Loc, args ...any) []problem.Problem {
	p := problem.New(code, loc, args...)
	c.Problems = append(c.Problems, p)
	if p.Severity == problem.Error {
		c.Action = ActionBlocked
	}
	return append(online, p)
}

func (b *builder) addChange(c *Change) {
	b.plan.Changes = append(b.plan.Changes, c)
}

func (b *builder) addStep(c *Change, s *Step) {
	s.Change = c
	c.Steps = append(c.Steps, s)
	b.steps[s.ID] = s
	b.plan.Steps = append(b.plan.Steps, s)
}

// blockedBy marks a change skipped because of a row it depends on.
func blockedBy(c *Change, what, key string) {
	c.Action = ActionBlocked
	c.BlockedBy = key
	c.Problems = append(c.Problems, problem.New("PLAN_BLOCKED_BY", c.loc(), what, key))
}

// diffField records a field change — and applies it to the request with
// set — when the sheet gives a value that differs from the tenant's. An
// empty sheet value never clears anything.
func (c *Change) diffField(field, old, new string, set func()) {
	if new != "" && new != old {
		c.Fields = append(c.Fields, FieldChange{field, old, new})
		set()
	}
}

// actionOf is the action of an update with fields changed: a move when
// the parent or the departments change.
func actionOf(c *Change, moved bool) Action {
	switch {
	case len(c.Fields) == 0:
		return ActionUnchanged
	case moved:
		return ActionMove
	}
	return ActionUpdate
}
