package plan

import (
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// Group members: each reference — a user_id, an email or a mobile — is
// resolved to one user: a row of the users sheet (as the plan decided it:
// existing, created in this run, or blocked), else a Feishu user.

// MemberOf names the group a member change is about.
type MemberOf struct {
	Group     string `json:"group"` // the group's change key
	GroupName string `json:"group_name"`
	Ref       string `json:"ref,omitempty"` // the member as the sheet names them
}

// sheetUsers indexes the users sheet's rows (their changes) by user_id,
// mobile and email.
type sheetUsers struct {
	byID, byMobile, byEmail map[string]*Change
}

func (b *builder) sheetUsers() sheetUsers {
	byRow := map[rowKey]*Change{}
	for _, c := range b.plan.Changes {
		if c.Kind == KindUser && c.Record.T != nil {
			byRow[rowKey{c.Record.T.File, c.Record.T.Sheet, c.Record.Num}] = c
		}
	}
	su := sheetUsers{byID: map[string]*Change{}, byMobile: map[string]*Change{}, byEmail: map[string]*Change{}}
	first := func(m map[string]*Change, k string, c *Change) {
		if _, ok := m[k]; k != "" && !ok {
			m[k] = c
		}
	}
	for _, u := range b.org.Users {
		c := byRow[rowKey{u.T.File, u.T.Sheet, u.Num}]
		first(su.byID, u.UserID(), c)
		first(su.byMobile, u.Values.Mobile.E164, c)
		first(su.byEmail, u.Values.Email, c)
	}
	return su
}

// who is a resolved member.
type who struct {
	userID string // "" for a user created in this run without one
	step   StepID // the step creating the user in this run
	name   string
	// problem: why the reference resolves to no one usable
	code string
	args []any
	// blockedBy is the users row, blocked, that the member is
	blockedBy string
}

func (w who) ok() bool { return w.code == "" && w.blockedBy == "" }

// identity is who a member is, for telling two references of one person.
func (w who) identity() string {
	if w.userID != "" {
		return "u:" + w.userID
	}
	return "s:" + w.step.String()
}

func (w who) label() string {
	if w.userID != "" {
		return w.userID
	}
	return w.step.Key
}

func (g *groupPass) resolve(r org.MemberRef) (w who) {
	b := g.b
	var c *Change
	var tenantID string
	switch r.Kind {
	case org.RefUserID:
		c, tenantID = g.users.byID[r.Value], r.Value
	case org.RefMobile:
		c, tenantID = g.users.byMobile[r.Value], b.t.ByMobile[r.Value]
	case org.RefEmail:
		c, tenantID = g.users.byEmail[r.Value], b.t.ByEmail[r.Value]
	}
	switch {
	case c != nil && c.Action == ActionBlocked:
		return who{blockedBy: c.Key, name: c.Name}
	case c != nil && c.Action == ActionCreate:
		return who{userID: userIDOf(c), step: UserStep(c.Key), name: c.Name}
	case c != nil:
		return who{userID: c.Existing.UserID, name: c.Name}
	}
	u := b.t.Users[tenantID]
	switch {
	case u == nil:
		return who{code: "PLAN_MEMBER_MISSING", args: []any{r.Raw}}
	case resigned(u):
		return who{code: "PLAN_MEMBER_RESIGNED", args: []any{r.Raw, u.UserID}, userID: u.UserID, name: u.Name}
	}
	return who{userID: u.UserID, name: u.Name}
}

// userIDOf is the user_id a users row creates its user with ("" when
// Feishu generates it).
func userIDOf(c *Change) string {
	for _, s := range c.Steps {
		if r, ok := s.Request.(CreateUser); ok {
			return r.Body.UserID
		}
	}
	return ""
}

// membership plans a row of the membership sheet.
func (g *groupPass) membership(m *org.Membership) {
	b := g.b
	c := &Change{Kind: KindMember, Key: "row:" + itoa(m.Num), Name: m.Name(), Record: m.Record}
	ps, bad := b.ownProblems(m.Record)
	c.Problems = ps
	id, name := m.GroupID(), m.GroupName()
	gp := g.byID[id]
	if id == "" {
		gp = g.byName[name]
	}
	if gp == nil && !bad {
		if e := b.t.Groups.Find(id, name); e != nil {
			gp = &groupPlan{key: groupKeyOf(e.Key(), e.Name), existing: e, ref: GroupRef{ID: e.Key()}, listed: true,
				origin: m.Loc("group_id"), seen: map[string]*Change{}}
			g.byID[e.Key()], g.byName[e.Name] = gp, gp
			g.order = append(g.order, gp)
		}
	}
	switch {
	case bad:
		b.addChange(c)
		c.Action = ActionBlocked
		if gp != nil {
			gp.errors++
		}
		return
	case gp == nil:
		b.addChange(c)
		b.addOnline(c, "PLAN_GROUP_MISSING", m.Loc("group_id"), cmpOr(id, name))
		return
	case id != "" && name != "" && gp.name() != name:
		b.addChange(c)
		b.addOnline(c, "PLAN_MEMBER_GROUP_CONFLICT", m.Loc("group_name"), id, gp.name(), name)
		gp.errors++
		return
	}
	gp.listed = true
	var also []org.MemberRef
	for _, r := range []org.MemberRef{emailRef(m.Email()), mobileRef(m.Mobile())} {
		if r.Value != "" && r.Kind != m.Member.Kind {
			also = append(also, r)
		}
	}
	g.member(gp, c, m.Member, also, m.Name())
}

func emailRef(s string) org.MemberRef {
	if !org.ValidEmail(s) {
		return org.MemberRef{}
	}
	return org.MemberRef{Kind: org.RefEmail, Value: org.NormalizeEmail(s), Raw: s}
}

func mobileRef(s string) org.MemberRef {
	m, _, ok := org.ParseMobile(s)
	if !ok {
		return org.MemberRef{}
	}
	return org.MemberRef{Kind: org.RefMobile, Value: m.E164, Raw: s}
}

// member plans one member of a group: resolved, checked against the
// row's other IDs and name, then added unless already a member.
func (g *groupPass) member(gp *groupPlan, c *Change, r org.MemberRef, also []org.MemberRef, name string) {
	b := g.b
	b.addChange(c)
	if gp.first == nil {
		gp.first = c
	}
	c.Member = &MemberOf{Group: gp.key, GroupName: gp.name(), Ref: r.Raw}
	w := g.resolve(r)
	c.Key = gp.key + "/" + w.label()
	if w.label() == "" {
		c.Key = gp.key + "/" + r.Raw
	}
	if w.name != "" {
		c.Name = w.name
	}
	c.Existing = IDs{UserID: w.userID, GroupID: gp.ref.ID}
	if u := b.t.Users[w.userID]; u != nil {
		c.Existing.OpenID, c.Existing.UnionID = u.OpenID, u.UnionID
	}
	loc := g.refLoc(c, r)
	switch {
	case gp.blocked():
		blockedBy(c, "用户组 group", gp.key)
		return
	case w.blockedBy != "":
		blockedBy(c, "成员 user", w.blockedBy)
		return
	case !w.ok():
		b.addOnline(c, w.code, loc, w.args...)
		gp.errors++
		return
	}
	if g.conflicts(c, r, w, also, name) {
		gp.errors++
		return
	}
	if first := gp.seen[w.identity()]; first != nil {
		c.Action = ActionUnchanged
		c.Problems = append(c.Problems, problem.New("GROUP_MEMBER_REPEATED", loc, r.Raw, gp.name(), "→ "+first.Key))
		return
	}
	gp.seen[w.identity()] = c
	switch {
	case w.userID != "" && gp.isMember(w.userID):
		c.Action = ActionUnchanged
	case gp.dynamic():
		b.addOnline(c, "PLAN_GROUP_DYNAMIC", loc, gp.name(), "添加成员 add members to")
		gp.errors++
	default:
		c.Action = ActionCreate
		gp.added = append(gp.added, MemberRef{UserID: w.userID, Step: w.step, Change: c})
	}
}

// refLoc is where a member's reference is written.
func (g *groupPass) refLoc(c *Change, r org.MemberRef) problem.Loc {
	if c.Record.T != nil {
		return c.Record.Loc(r.Field())
	}
	return c.Origin
}

// conflicts checks a membership row's other IDs and name against the
// member found; true when the row is blocked.
func (g *groupPass) conflicts(c *Change, r org.MemberRef, w who, also []org.MemberRef, name string) bool {
	for _, o := range also {
		if ow := g.resolve(o); ow.ok() && ow.identity() != w.identity() {
			g.b.addOnline(c, "PLAN_MEMBER_AMBIGUOUS", c.Record.Loc(o.Field()), r.Field(), r.Raw, w.label(), o.Field(), o.Raw, ow.label())
			return true
		}
	}
	if name != "" && w.name != "" && !sameName(name, w.name) {
		c.Name = name
		g.b.addOnline(c, "PLAN_MEMBER_NAME_MISMATCH", c.Record.Loc("name"), r.Field(), r.Raw, w.label(), w.name, name)
		return true
	}
	return false
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
