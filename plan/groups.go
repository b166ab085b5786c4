package plan

import (
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// The groups pass: each group row is created or patched (normal groups
// only; a dynamic group is never written), then every member the sheet
// lists — in a group row's members cell or a membership row — is resolved
// to one user and added unless already a member, in as few batch_add calls
// as the API allows (⌈added/100⌉ per group; the members who exist already
// go in the first batches, so those need not wait for anyone's creation).
// With RemoveMembers, the members of a group the sheet lists completely
// who are not listed are removed the same way. It runs after every user
// row is decided (linkSteps), so a member's own row is final.

// groupPlan is one group as the plan sees it.
type groupPlan struct {
	key      string        // its change key: the group_id, or "name:"+name
	change   *Change       // its group row's change; nil for a tenant group only membership rows name
	existing *tenant.Group // nil when it is created in this run
	ref      GroupRef
	create   StepID // the step creating it, zero if none
	request  Request
	// listed: the sheet lists its members completely (a members column,
	// or membership rows), so a member it lacks may be removed.
	listed bool
	origin problem.Loc // where its members are listed
	added  []MemberRef
	seen   map[string]*Change // members listed, by identity
	errors int                // member rows blocked by their own problems
	first  *Change            // its first member change: where a group without a row shows its problems
}

func (gp *groupPlan) blocked() bool { return gp.change != nil && gp.change.Action == ActionBlocked }
func (gp *groupPlan) dynamic() bool { return gp.existing != nil && gp.existing.Dynamic() }

func (gp *groupPlan) name() string {
	if gp.change != nil {
		return gp.change.Name
	}
	return gp.existing.Name
}

// isMember reports whether the tenant lists the user in the group.
func (gp *groupPlan) isMember(userID string) bool {
	return gp.existing != nil && slices.Contains(gp.existing.Users, userID)
}

// groupPass is the state of the groups pass.
type groupPass struct {
	b      *builder
	byID   map[string]*groupPlan
	byName map[string]*groupPlan
	order  []*groupPlan
	users  sheetUsers
}

func (b *builder) groups() {
	if len(b.org.Groups)+len(b.org.Memberships) == 0 {
		return
	}
	g := &groupPass{b: b, byID: map[string]*groupPlan{}, byName: map[string]*groupPlan{}, users: b.sheetUsers()}
	rows := make([]*groupPlan, len(b.org.Groups))
	for i, row := range b.org.Groups {
		rows[i] = g.row(row)
	}
	g.limit()
	for i, row := range b.org.Groups {
		if gp := rows[i]; gp != nil {
			for _, r := range row.Members {
				c := &Change{Kind: KindMember, Origin: row.Loc("members")}
				g.member(gp, c, r, nil, "")
			}
		}
	}
	for _, m := range b.org.Memberships {
		g.membership(m)
	}
	for _, gp := range g.order {
		g.steps(gp)
		g.removals(gp)
	}
}

func groupKeyOf(id, name string) string {
	if id != "" {
		return id
	}
	return "name:" + name
}

// row decides a group row; nil when the row repeats another's group.
func (g *groupPass) row(row *org.Group) *groupPlan {
	b := g.b
	id, name := row.ID(), row.Name()
	gp := &groupPlan{key: groupKeyOf(id, name), listed: row.HasMembers(), origin: row.Loc("members"), seen: map[string]*Change{}}
	c := &Change{Kind: KindGroup, Key: gp.key, Name: name, Record: row.Record}
	gp.change = c
	b.addChange(c)
	ps, bad := b.ownProblems(row.Record)
	c.Problems = ps
	if (id != "" && g.byID[id] != nil) || g.byName[name] != nil || bad {
		c.Action = ActionBlocked // a repeated group: validation reports it
		return nil
	}
	if id != "" {
		g.byID[id] = gp
	}
	g.byName[name] = gp
	g.order = append(g.order, gp)
	existing := b.t.Groups.Find(id, name)
	if existing == nil {
		g.toCreate(gp, row)
	} else {
		g.toUpdate(gp, row, existing)
	}
	return gp
}

func (g *groupPass) toCreate(gp *groupPlan, row *org.Group) {
	c, id, name := gp.change, row.ID(), row.Name()
	if row.Type == feishu.GroupTypeDynamic {
		g.b.addOnline(c, "PLAN_GROUP_DYNAMIC", row.Loc("group_type"), name, "创建 create")
		return
	}
	if other := g.b.t.Groups.ByName[name]; other != nil {
		g.b.addOnline(c, "PLAN_GROUP_NAME_TAKEN", row.Loc("name"), name, other.Key())
		return
	}
	c.Action = ActionCreate
	gp.create = GroupStep(gp.key)
	gp.ref = GroupRef{ID: id, Step: gp.create}
	gp.request = CreateGroup{feishu.GroupCreate{Name: name, Description: row.Description(), Type: feishu.GroupTypeNormal, GroupID: id}}
}

func (g *groupPass) toUpdate(gp *groupPlan, row *org.Group, e *tenant.Group) {
	c := gp.change
	gp.existing, gp.ref = e, GroupRef{ID: e.Key()}
	c.Existing.GroupID = e.Key()
	if row.Type == feishu.GroupTypeDynamic && !e.Dynamic() {
		g.b.addOnline(c, "PLAN_GROUP_TYPE_MISMATCH", row.Loc("group_type"), e.Name)
		return
	}
	name, desc := row.Name(), row.Description()
	var p feishu.GroupPatch
	c.diffField("name", e.Name, name, func() { p.Name = &name })
	c.diffField("description", e.Description, desc, func() { p.Description = &desc })
	if c.Action = actionOf(c, false); c.Action == ActionUnchanged {
		return
	}
	if other := g.b.t.Groups.ByName[name]; p.Name != nil && other != nil && other != e {
		g.b.addOnline(c, "PLAN_GROUP_NAME_TAKEN", row.Loc("name"), name, other.Key())
		return
	}
	if e.Dynamic() {
		g.b.addOnline(c, "PLAN_GROUP_DYNAMIC", row.Loc("name"), e.Name, "修改 change")
		return
	}
	gp.request = PatchGroup{ID: e.Key(), Patch: p}
}

// limit blocks the creates that would take the tenant past 500 groups.
func (g *groupPass) limit() {
	if !g.b.t.Groups.Read {
		return
	}
	have, creates := len(g.b.t.Groups.Order), 0
	for _, gp := range g.order {
		if gp.change.Action == ActionCreate {
			creates++
		}
	}
	room := feishu.GroupMax - have
	for _, gp := range g.order {
		if c := gp.change; c.Action == ActionCreate {
			if room--; room < 0 {
				g.b.addOnline(c, "PLAN_GROUP_LIMIT", c.Record.Loc(""), have, creates)
			}
		}
	}
}

// steps adds a group's create or patch and its member batches.
func (g *groupPass) steps(gp *groupPlan) {
	b := g.b
	if gp.blocked() {
		return
	}
	if gp.request != nil {
		b.addStep(gp.change, &Step{ID: GroupStep(gp.key), Request: gp.request})
	}
	// Members who exist go first: their batches need not wait.
	slices.SortStableFunc(gp.added, func(x, y MemberRef) int {
		return boolInt(!x.Step.IsZero()) - boolInt(!y.Step.IsZero())
	})
	for n, chunk := range chunksOf(gp.added, feishu.GroupMembersPerCall) {
		s := &Step{ID: GroupAddStep(gp.key, n+1), Request: AddGroupMembers{Group: gp.ref, Members: chunk}}
		g.link(s, gp, chunk)
	}
}

// link adds a member batch: after the group's creation (hard) and the
// creation of the users it adds (soft), and a step of each member's row.
func (g *groupPass) link(s *Step, gp *groupPlan, chunk []MemberRef) {
	if !gp.create.IsZero() {
		s.Deps = []StepID{gp.create}
	}
	for _, m := range chunk {
		if !m.Step.IsZero() && !slices.Contains(s.Soft, m.Step) {
			s.Soft = append(s.Soft, m.Step)
		}
	}
	s.Change = chunk[0].Change
	for _, m := range chunk {
		m.Change.Steps = append(m.Change.Steps, s)
	}
	g.b.steps[s.ID] = s
	g.b.plan.Steps = append(g.b.plan.Steps, s)
}

// removals takes out of a group the members the sheet does not list
// (RemoveMembers), in batches of 100: only for a normal group whose
// members the sheet lists completely and without errors. Without the
// option they are only counted (Plan.Unlisted).
func (g *groupPass) removals(gp *groupPlan) {
	b := g.b
	if !gp.listed || gp.existing == nil || !gp.existing.MembersRead || gp.dynamic() || gp.blocked() {
		return
	}
	var gone []string
	for _, id := range gp.existing.Users {
		if gp.seen["u:"+id] == nil {
			gone = append(gone, id)
		}
	}
	b.plan.Unlisted += len(gone)
	b.plan.ListedMembers += len(gp.existing.Users)
	if !b.opts.RemoveMembers || len(gone) == 0 {
		return
	}
	if gp.errors > 0 {
		p := problem.New("PLAN_GROUP_REMOVE_HELD", gp.origin, gp.name(), gp.errors)
		if c := cmpOrChange(gp.change, gp.first); c != nil {
			c.Problems = append(c.Problems, p)
		}
		b.online = append(b.online, p)
		return
	}
	var out []MemberRef
	for _, id := range gone {
		c := &Change{Kind: KindMember, Key: gp.key + "/" + id, Action: ActionRemove, Origin: gp.origin,
			Existing: IDs{UserID: id, GroupID: gp.ref.ID}, Member: &MemberOf{Group: gp.key, GroupName: gp.name()}}
		if u := b.t.Users[id]; u != nil {
			c.Name, c.Existing.OpenID, c.Existing.UnionID = u.Name, u.OpenID, u.UnionID
		}
		b.addChange(c)
		out = append(out, MemberRef{UserID: id, Change: c})
	}
	for n, chunk := range chunksOf(out, feishu.GroupMembersPerCall) {
		g.link(&Step{ID: GroupRemoveStep(gp.key, n+1), Request: RemoveGroupMembers{Group: gp.ref, Members: chunk}}, gp, chunk)
	}
}

func cmpOrChange(a, b *Change) *Change {
	if a != nil {
		return a
	}
	return b
}

func chunksOf[T any](xs []T, n int) [][]T {
	var out [][]T
	for i := 0; i < len(xs); i += n {
		out = append(out, xs[i:min(i+n, len(xs))])
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
