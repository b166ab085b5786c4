package plan

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
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

// BuildWith is Build with options.
func BuildWith(o *org.Org, problems []problem.Problem, t *tenant.Snapshot, opts Options) *Plan {
	b := &builder{
		org: o, t: t, opts: opts, plan: &Plan{Tenant: t, TokenSalt: opts.TokenSalt},
		rowProblems:   map[rowKey][]problem.Problem{},
		depts:         map[string]*Change{},
		users:         map[string]*Change{},
		steps:         map[string]*Step{},
		placement:     map[*org.Department]placement{},
		placeProblems: map[*org.Department][]problem.Problem{},
	}
	for _, p := range problems {
		if p.Row > 0 {
			k := rowKey{p.File, p.Sheet, p.Row}
			b.rowProblems[k] = append(b.rowProblems[k], p)
		}
	}
	b.paths = newPaths(b, opts)
	b.paths.indexSheet(b.deptOrder(o.Departments))
	b.paths.placeByPath()
	b.indexRows()
	for _, d := range b.deptOrder(o.Departments) {
		b.department(d)
	}
	for _, u := range b.userOrder() {
		b.user(u)
	}
	b.leaderSteps()
	b.linkSteps()
	b.plan.Problems = append(append([]problem.Problem(nil), problems...), b.online...)
	problem.Sort(b.plan.Problems)
	prioritize(b.plan.Steps)
	return b.plan
}

type rowKey struct {
	file, sheet string
	row         int
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
	claimed     map[string]*Change         // existing user_id → the row matched to them
	steps       map[string]*Step
	// deferred department leaders that wait for a user created in this run
	pendingLeaders []pendingLeader
	paths          *paths
	// departments placed by a parent path: their effective ID and parent
	placement     map[*org.Department]placement
	placeProblems map[*org.Department][]problem.Problem
}

type placement struct{ id, parent string }

// idOf is a department row's ID: its own, or the one its path gives it.
func (b *builder) idOf(d *org.Department) string {
	if p, ok := b.placement[d]; ok {
		return p.id
	}
	return d.ID()
}

// parentOf is a department row's parent ID: its own, or its path's.
func (b *builder) parentOf(d *org.Department) string {
	if p, ok := b.placement[d]; ok {
		return p.parent
	}
	return d.ParentID()
}

type pendingLeader struct {
	change *Change
	dept   string
	leader string
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
func (b *builder) deptOrder(rows []*org.Department) []*org.Department {
	if b.deptRows == nil {
		b.indexRows()
		defer func() { b.deptRows = nil }()
	}
	var out []*org.Department
	seen := map[*org.Department]bool{}
	var visit func(d *org.Department, depth int)
	visit = func(d *org.Department, depth int) {
		if seen[d] || depth > len(b.org.Departments) {
			return // a cycle: validation already reported it
		}
		if p := b.deptRows[b.parentOf(d)]; p != nil && p != d {
			visit(p, depth+1)
		}
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, d := range rows {
		visit(d, 0)
	}
	return out
}

// userOrder lists user rows managers first (a manager's plan decides
// whether the report can carry the leader in its create request).
func (b *builder) userOrder() []*org.User {
	var out []*org.User
	seen := map[*org.User]bool{}
	var visit func(u *org.User, depth int)
	visit = func(u *org.User, depth int) {
		if seen[u] || depth > len(b.org.Users) {
			return
		}
		if m := b.userRows[u.LeaderUserID()]; m != nil && m != u {
			visit(m, depth+1)
		}
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, u := range b.org.Users {
		visit(u, 0)
	}
	return out
}

func (b *builder) ownProblems(r org.Record) ([]problem.Problem, bool) {
	ps := b.rowProblems[rowKey{r.T.File, r.T.Sheet, r.Num}]
	return ps, problem.HasErrors(ps)
}

func (b *builder) addOnline(c *Change, code string, loc problem.Loc, args ...any) {
	p := problem.New(code, loc, args...)
	c.Problems = append(c.Problems, p)
	b.online = append(b.online, p)
	if p.Severity == problem.Error {
		c.Action = ActionBlocked
	}
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

// deptState tells how a department ID stands for the rows that refer to it.
type deptState int

const (
	deptUnknown deptState = iota
	deptExists            // in the tenant (and not being created)
	deptPlanned           // a sheet row that will exist (created or kept)
	deptBlocked           // a sheet row that is blocked
	deptIsRoot
)

func (b *builder) deptState(id string) deptState {
	if id == "0" {
		return deptIsRoot
	}
	if c := b.depts[id]; c != nil {
		if c.Action == ActionBlocked {
			return deptBlocked
		}
		return deptPlanned
	}
	if b.t.Departments[id] != nil {
		return deptExists
	}
	return deptUnknown
}

// createStepOf returns the step ID that creates a department in this run,
// or "" when it needs no creating.
func (b *builder) createStepOf(deptID string) string {
	if c := b.depts[deptID]; c != nil && c.Action == ActionCreate {
		return "dept:" + deptID
	}
	return ""
}

func (b *builder) department(row *org.Department) {
	d := desiredDept(row)
	d.id, d.parent = b.idOf(row), b.parentOf(row)
	c := &Change{Kind: KindDepartment, Key: d.id, Name: d.name, Record: row.Record}
	b.addChange(c)
	if ps := b.placeProblems[row]; len(ps) > 0 {
		c.Problems = append(c.Problems, ps...)
		b.online = append(b.online, ps...)
		c.Action = ActionBlocked
		return
	}
	if first := b.deptRows[d.id]; first != row {
		c.Action = ActionBlocked // a duplicate row: validation reports it too
		c.Problems, _ = b.ownProblems(row.Record)
		if !problem.HasErrors(c.Problems) {
			c.Problems = append(c.Problems, problem.New("DEPT_ID_DUPLICATE", row.Loc("department_id"), d.id, first.Num))
		}
		return
	}
	b.depts[d.id] = c
	ps, bad := b.ownProblems(row.Record)
	c.Problems = ps
	if bad {
		c.Action = ActionBlocked
		return
	}
	switch b.deptState(d.parent) {
	case deptBlocked:
		blockedBy(c, "上级部门 parent department", d.parent)
		return
	case deptUnknown:
		b.addOnline(c, "PLAN_PARENT_MISSING", row.Loc("parent_department_id"), d.parent)
		return
	}
	leader, leaderLater := b.resolveLeader(c, d.leader, row.Loc("leader_user_id"))
	existing := b.t.Departments[d.id]
	if existing == nil {
		b.createDepartment(c, d, leader)
	} else {
		b.updateDepartment(c, d, existing, leader)
	}
	if c.Action != ActionBlocked && leaderLater != "" {
		b.pendingLeaders = append(b.pendingLeaders, pendingLeader{c, d.id, leaderLater})
	}
}

// resolveLeader decides how a leader is set: now (the user exists in the
// tenant and is not being created), later (created in this run: a leader
// step after both exist), or not at all (unknown: a warning).
func (b *builder) resolveLeader(c *Change, id string, loc problem.Loc) (now, later string) {
	if id == "" {
		return "", ""
	}
	if row := b.userRows[id]; row != nil {
		if b.t.Users[id] != nil && !resigned(b.t.Users[id]) {
			return id, ""
		}
		return "", id
	}
	if u := b.t.Users[id]; u != nil && !resigned(u) {
		return id, ""
	}
	b.addOnline(c, "PLAN_LEADER_MISSING", loc, id)
	return "", ""
}

func resigned(u *feishu.User) bool { return tenant.Resigned(u) }

func (b *builder) createDepartment(c *Change, d dept, leader string) {
	if conflict, ok := b.siblingConflict(d); ok {
		b.addOnline(c, "PLAN_NAME_TAKEN", d.row.Loc("name"), conflict.Name, conflict.DepartmentID)
		return
	}
	c.Action = ActionCreate
	body := &feishu.Department{
		Name:               d.name,
		ParentDepartmentID: d.parent,
		DepartmentID:       d.id,
		LeaderUserID:       leader,
		Order:              d.order,
		CreateGroupChat:    d.createGroupChat,
	}
	if d.nameEN != "" || d.nameJA != "" {
		body.I18nName = &feishu.I18nName{ZhCn: d.name, EnUs: d.nameEN, JaJp: d.nameJA}
	}
	s := &Step{ID: "dept:" + d.id, Op: OpCreateDepartment, Department: body, needs: []string{d.parent}}
	s.ClientToken = ClientToken(s.ID, body)
	b.addStep(c, s)
}

// siblingConflict finds an existing department under the same parent whose
// name in any language equals one of the new department's names.
func (b *builder) siblingConflict(d dept) (feishu.Department, bool) {
	names := map[string]bool{}
	for _, n := range []string{d.name, d.nameEN, d.nameJA} {
		if n != "" {
			names[n] = true
		}
	}
	for _, sib := range b.t.Children[d.parent] {
		if sib.DepartmentID == d.id {
			continue
		}
		for _, n := range []string{sib.Name, i18n(sib.I18nName).EnUs, i18n(sib.I18nName).JaJp, i18n(sib.I18nName).ZhCn} {
			if n != "" && names[n] {
				return sib, true
			}
		}
	}
	return feishu.Department{}, false
}

func i18n(n *feishu.I18nName) feishu.I18nName {
	if n == nil {
		return feishu.I18nName{}
	}
	return *n
}

func (b *builder) updateDepartment(c *Change, d dept, e *feishu.Department, leader string) {
	c.Existing = IDs{DepartmentID: e.DepartmentID, OpenDepartmentID: e.OpenDepartmentID}
	p := &feishu.DepartmentPatch{}
	en := i18n(e.I18nName)
	change := c.diffField
	change("name", e.Name, d.name, func() { p.Name = &d.name })
	newI18n := en
	change("name_en", en.EnUs, d.nameEN, func() { newI18n.EnUs = d.nameEN })
	change("name_ja", en.JaJp, d.nameJA, func() { newI18n.JaJp = d.nameJA })
	if newI18n != en {
		if p.Name != nil {
			newI18n.ZhCn = d.name
		}
		p.I18nName = &newI18n
	}
	moved := false
	change("parent_department_id", e.ParentDepartmentID, d.parent, func() { p.ParentDepartmentID = &d.parent; moved = true })
	change("order", e.Order, d.order, func() { p.Order = &d.order })
	change("leader_user_id", e.LeaderUserID, leader, func() { p.LeaderUserID = &leader })
	switch {
	case len(c.Fields) == 0:
		c.Action = ActionUnchanged
		return
	case moved:
		c.Action = ActionMove
	default:
		c.Action = ActionUpdate
	}
	s := &Step{ID: "dept:" + d.id, Op: OpPatchDepartment, Target: d.id, DeptPatch: p}
	if moved {
		s.needs = []string{d.parent}
	}
	b.addStep(c, s)
}

// leaderSteps adds, for each department whose leader is created in this
// run, a PATCH once both the department and the leader exist.
func (b *builder) leaderSteps() {
	for _, pl := range b.pendingLeaders {
		uc := b.users[pl.leader]
		if uc == nil || uc.Action == ActionBlocked {
			pl.change.Problems = append(pl.change.Problems, problem.New("PLAN_LEADER_MISSING", pl.change.Record.Loc("leader_user_id"), pl.leader))
			continue
		}
		if e := b.t.Departments[pl.dept]; e != nil && e.LeaderUserID == pl.leader {
			continue
		}
		leader := pl.leader
		// The leader's creation is a soft dependency: if it fails, the
		// department (created already) simply gets no leader.
		s := &Step{ID: "dept-leader:" + pl.dept, Op: OpPatchDepartment, Target: pl.dept,
			DeptPatch: &feishu.DepartmentPatch{LeaderUserID: &leader}, needs: []string{pl.dept}}
		if st := b.steps["user:"+pl.leader]; st != nil && st.Op == OpCreateUser {
			s.LeaderDep = st.ID
		}
		c := pl.change
		c.Fields = append(c.Fields, FieldChange{"leader_user_id", existingLeader(b.t.Departments[pl.dept]), leader})
		if c.Action == ActionUnchanged {
			c.Action = ActionUpdate
		}
		b.addStep(c, s)
	}
}

func existingLeader(d *feishu.Department) string {
	if d == nil {
		return ""
	}
	return d.LeaderUserID
}

func (b *builder) user(row *org.User) {
	u := desiredUser(row)
	c := &Change{Kind: KindUser, Key: u.key(), Name: u.name, Record: row.Record}
	b.addChange(c)
	ps, bad := b.ownProblems(row.Record)
	c.Problems = ps
	if u.userID != "" {
		if b.userRows[u.userID] != row {
			c.Action = ActionBlocked
			return
		}
		b.users[u.userID] = c
	}
	if bad {
		c.Action = ActionBlocked
		return
	}
	existing := b.matchUser(c, u)
	if c.Action == ActionBlocked {
		return
	}
	if ids, probs := b.paths.userDepartments(row); len(ids)+len(probs) > 0 {
		for _, p := range probs {
			c.Problems = append(c.Problems, p)
			b.online = append(b.online, p)
			c.Action = ActionBlocked
		}
		if c.Action == ActionBlocked {
			return
		}
		u.departments = dedupe(append(u.departments, ids...))
	}
	c.Departments = u.departments
	for _, id := range u.departments {
		switch b.deptState(id) {
		case deptBlocked:
			blockedBy(c, "部门 department", id)
			return
		case deptUnknown:
			b.addOnline(c, "PLAN_DEPT_MISSING", row.Loc("department_ids"), id)
		}
	}
	if c.Action == ActionBlocked {
		return
	}
	leader, leaderDep := b.userLeader(c, u)
	if existing == nil {
		b.createUser(c, u, leader, leaderDep)
	} else {
		b.updateUser(c, u, existing, leader, leaderDep)
	}
}

// userLeader decides a user's manager: set directly when they exist in the
// tenant, after their creation (a soft dependency) when created in this
// run, or not at all.
func (b *builder) userLeader(c *Change, u user) (leader, dep string) {
	if u.leader == "" {
		return "", ""
	}
	if mc := b.users[u.leader]; mc != nil {
		switch {
		case mc.Action == ActionBlocked:
			c.Problems = append(c.Problems, problem.New("PLAN_LEADER_MISSING", u.row.Loc("leader_user_id"), u.leader))
			return "", ""
		case mc.Action == ActionCreate:
			return u.leader, "user:" + u.leader
		}
		return u.leader, ""
	}
	if e := b.t.Users[u.leader]; e != nil && !resigned(e) {
		return u.leader, ""
	}
	b.addOnline(c, "PLAN_LEADER_MISSING", u.row.Loc("leader_user_id"), u.leader)
	return "", ""
}

func (b *builder) createUser(c *Change, u user, leader, leaderDep string) {
	c.Action = ActionCreate
	body := &feishu.User{
		UserID:        u.userID,
		Name:          u.name,
		EnName:        u.enName,
		Mobile:        u.mobile,
		Email:         u.email,
		DepartmentIDs: u.departments,
		EmployeeType:  u.employeeType,
		EmployeeNo:    u.employeeNo,
		JobTitle:      u.jobTitle,
		LeaderUserID:  leader,
		JoinTime:      u.joinTime,
		City:          u.city,
		WorkStation:   u.workStation,
	}
	if u.gender > 0 {
		body.Gender = u.gender
	}
	s := &Step{ID: "user:" + u.key(), Op: OpCreateUser, User: body, LeaderDep: leaderDep, needs: u.departments}
	s.ClientToken = ClientToken(s.ID, body)
	b.addStep(c, s)
}

func (b *builder) updateUser(c *Change, u user, e *feishu.User, leader, leaderDep string) {
	p := &feishu.UserPatch{}
	change := c.diffField
	change("name", e.Name, u.name, func() { p.Name = &u.name })
	change("en_name", e.EnName, u.enName, func() { p.EnName = &u.enName })
	change("mobile", tenant.NormMobile(e.Mobile), u.mobile, func() { p.Mobile = &u.mobile })
	if !strings.EqualFold(e.Email, u.email) {
		change("email", e.Email, u.email, func() { p.Email = &u.email })
	}
	moved := false
	if len(u.departments) > 0 && !sameSet(u.departments, e.DepartmentIDs) {
		c.Fields = append(c.Fields, FieldChange{"department_ids", strings.Join(e.DepartmentIDs, ";"), strings.Join(u.departments, ";")})
		ids := u.departments
		p.DepartmentIDs = &ids
		moved = true
	}
	if u.employeeType != 0 {
		change("employee_type", itoa(e.EmployeeType), itoa(u.employeeType), func() { p.EmployeeType = &u.employeeType })
	}
	if u.gender >= 0 {
		change("gender", itoa(e.Gender), itoa(u.gender), func() { p.Gender = &u.gender })
	}
	change("employee_no", e.EmployeeNo, u.employeeNo, func() { p.EmployeeNo = &u.employeeNo })
	change("job_title", e.JobTitle, u.jobTitle, func() { p.JobTitle = &u.jobTitle })
	change("leader_user_id", e.LeaderUserID, leader, func() { p.LeaderUserID = &leader })
	if u.joinTime != 0 && u.joinTime != e.JoinTime {
		c.Fields = append(c.Fields, FieldChange{"join_time", dateOf(e.JoinTime), dateOf(u.joinTime)})
		p.JoinTime = &u.joinTime
	}
	change("city", e.City, u.city, func() { p.City = &u.city })
	change("work_station", e.WorkStation, u.workStation, func() { p.WorkStation = &u.workStation })
	switch {
	case len(c.Fields) == 0:
		c.Action = ActionUnchanged
		return
	case moved:
		c.Action = ActionMove
	default:
		c.Action = ActionUpdate
	}
	if p.LeaderUserID == nil {
		leaderDep = ""
	}
	s := &Step{ID: "user:" + u.key(), Op: OpPatchUser, Target: e.UserID, UserPatch: p, LeaderDep: leaderDep}
	if p.DepartmentIDs != nil {
		s.needs = u.departments
	}
	b.addStep(c, s)
}

func itoa(n int) string { return strconv.Itoa(n) }

func dateOf(unix int64) string {
	if unix == 0 {
		return ""
	}
	return org.FormatDate(timeUnix(unix))
}

// linkSteps turns what each step needs into dependencies on the steps that
// create those departments, now that every row is planned. A row that
// needs a blocked department is blocked too (skipped), and so on down.
func (b *builder) linkSteps() {
	for changed := true; changed; {
		changed = false
		for _, c := range b.plan.Changes {
			if c.Action == ActionBlocked {
				continue
			}
			for _, s := range c.Steps {
				for _, need := range s.needs {
					if b.deptState(need) == deptBlocked && c.Action != ActionBlocked {
						what := "部门 department"
						if c.Kind == KindDepartment {
							what = "上级部门 parent department"
						}
						blockedBy(c, what, need)
						changed = true
					}
				}
			}
		}
	}
	kept := b.plan.Steps[:0]
	for _, s := range b.plan.Steps {
		if s.Change.Action == ActionBlocked {
			delete(b.steps, s.ID)
			continue
		}
		for _, need := range s.needs {
			if dep := b.createStepOf(need); dep != "" && dep != s.ID && !slices.Contains(s.Deps, dep) {
				s.Deps = append(s.Deps, dep)
			}
		}
		sort.Strings(s.Deps)
		kept = append(kept, s)
	}
	b.plan.Steps = kept
	for _, c := range b.plan.Changes {
		if c.Action == ActionBlocked {
			c.Steps = nil
		}
	}
	b.dropBlockedLeaders()
	for _, s := range b.plan.Steps {
		s.salt = b.plan.TokenSalt
		if s.ClientToken != "" {
			s.ClientToken = s.Retoken(bodyOf(s))
		}
	}
}

// dropBlockedLeaders takes out a leader whose row turned out blocked: a
// user is then created (or updated) without the leader, a department gets
// no leader step, with a warning either way.
func (b *builder) dropBlockedLeaders() {
	kept := b.plan.Steps[:0]
	for _, s := range b.plan.Steps {
		if s.LeaderDep == "" || b.steps[s.LeaderDep] != nil {
			kept = append(kept, s)
			continue
		}
		c := s.Change
		leader := s.LeaderDep[len("user:"):]
		s.LeaderDep = ""
		c.Problems = append(c.Problems, problem.New("PLAN_LEADER_MISSING", c.loc(), leader))
		c.Fields = slices.DeleteFunc(c.Fields, func(f FieldChange) bool { return f.Field == "leader_user_id" && f.New == leader })
		switch {
		case s.User != nil:
			s.User.LeaderUserID = ""
		case s.UserPatch != nil:
			s.UserPatch.LeaderUserID = nil
		case s.DeptPatch != nil:
			s.DeptPatch.LeaderUserID = nil
		}
		if (s.UserPatch != nil && *s.UserPatch == (feishu.UserPatch{})) || (s.DeptPatch != nil && *s.DeptPatch == (feishu.DepartmentPatch{})) {
			delete(b.steps, s.ID)
			c.Steps = slices.DeleteFunc(c.Steps, func(x *Step) bool { return x == s })
			if len(c.Steps) == 0 && len(c.Fields) == 0 {
				c.Action = ActionUnchanged
			}
			continue
		}
		kept = append(kept, s)
	}
	b.plan.Steps = kept
}

// bodyOf is what a create step sends.
func bodyOf(s *Step) any {
	if s.Department != nil {
		return s.Department
	}
	return s.User
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
