// Package rehearse rehearses an import on a clone of the tenant: it reads
// the tenant whole (read-only), loads it into an in-process sandbox that
// keeps every ID, runs the import there as the real one would (the same
// plan code, run.Import, without rate limits), reads the clone back and
// reports what the import did, refused and left different — and what the
// real import will take. It fingerprints what the plan read, so that
// `orgbatch import --rehearsed` can refuse a stale rehearsal.
//
// One file per concern: clone.go (read the tenant, build the clone),
// fingerprint.go (what the plan read, hashed), record.go (the rehearsal
// folder's rehearsal.json, the inputs' hashes), diff.go (the plan's digest,
// what still differs), estimate.go (the real import's duration), report.go
// (rehearsal.md), run.go (the rehearsal itself).
package rehearse

import (
	"context"
	"fmt"
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
)

// ReadWhole reads the whole tenant for a clone: the export's walk (every
// department and active user, the root, the units), what the sheet refers
// to that a walk cannot list (resigned users, groups and their members),
// the people the tenant's links name that neither read met (a resigned
// leader), and every list of the schema.
func ReadWhole(ctx context.Context, r *tenant.Reader, o *org.Org) (*tenant.Snapshot, error) {
	s, err := r.Walk(ctx, tenant.WalkOptions{FetchRoot: true, Units: true})
	if err != nil {
		return nil, err
	}
	if err := r.Fill(ctx, s, o); err != nil {
		return nil, err
	}
	if err := r.ReadDirectory(ctx, s, tenant.AllLists); err != nil {
		return nil, fmt.Errorf("reading the tenant's schema: %w", err)
	}
	if ids := dangling(s); len(ids) > 0 {
		if err := r.People(ctx, s, tenant.PeopleRefs{IDs: ids}); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// dangling are the user_ids the snapshot's departments, users and groups
// name that it does not hold, sorted.
func dangling(s *tenant.Snapshot) []string {
	seen := map[string]bool{}
	var out []string
	add := func(ids ...string) {
		for _, id := range ids {
			if id != "" && s.Users[id] == nil && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	for _, d := range s.Departments {
		main, deputies := d.MainAndDeputies()
		add(main)
		add(deputies...)
		add(d.DepartmentHrbps...)
	}
	for _, u := range s.Users {
		add(u.LeaderUserID)
		add(u.DottedLineLeaderUserIDs...)
	}
	for _, g := range s.Groups.Order {
		add(g.Users...)
	}
	slices.Sort(out)
	return out
}

// Clone is a tenant as a sandbox state, every ID kept. Dropped are the
// links to people the tenant no longer has at all (not even resigned):
// the sandbox would refuse them, the real tenant shows them as nobody.
type Clone struct {
	State   sandbox.StateFile
	Dropped []string
}

// NewClone turns a snapshot read whole into a sandbox state.
func NewClone(s *tenant.Snapshot) *Clone {
	c := &Clone{State: sandbox.StateFile{Version: 1}}
	if s.DirRead == tenant.AllLists {
		c.State.Directory = &s.Dir // else the sandbox's own: the five built-in employee types
	}
	if s.Tree != nil && s.Tree.Root != nil {
		c.State.TenantName = s.Tree.Root.Name
	}
	for _, u := range sortedUnits(s) {
		c.State.Units = append(c.State.Units, *u)
	}
	for _, d := range cloneOrder(s) {
		c.State.Departments = append(c.State.Departments, c.department(s, *d))
	}
	for _, id := range sortedKeys(s.Users) {
		c.State.Users = append(c.State.Users, c.user(s, *s.Users[id]))
	}
	for _, g := range s.Groups.Order {
		gs := sandbox.GroupState{GroupID: g.Key(), Name: g.Name, Description: g.Description, Type: g.Type}
		gs.Users = c.keep(s, "group "+g.Name, g.Users)
		gs.Departments = g.Departments
		c.State.Groups = append(c.State.Groups, gs)
	}
	return c
}

// cloneOrder is the departments parents first: the walk's order, then
// any the walk did not list (read by ID), by ID.
func cloneOrder(s *tenant.Snapshot) []*feishu.Department {
	var out []*feishu.Department
	seen := map[string]bool{}
	if s.Tree != nil {
		for _, d := range s.Tree.Departments {
			if s.Departments[d.DepartmentID] != nil && !seen[d.DepartmentID] {
				seen[d.DepartmentID] = true
				out = append(out, s.Departments[d.DepartmentID])
			}
		}
	}
	for _, id := range sortedKeys(s.Departments) {
		if !seen[id] && id != tenant.RootID {
			out = append(out, s.Departments[id])
		}
	}
	return out
}

func (c *Clone) department(s *tenant.Snapshot, d feishu.Department) feishu.Department {
	what := "department " + d.DepartmentID
	if l := c.keep(s, what, []string{d.LeaderUserID}); len(l) == 0 {
		d.LeaderUserID = ""
	}
	var leaders []feishu.DepartmentLeader
	for _, l := range d.Leaders {
		if len(c.keep(s, what, []string{l.LeaderID})) > 0 {
			leaders = append(leaders, l)
		}
	}
	d.Leaders = leaders
	d.DepartmentHrbps = c.keep(s, what, d.DepartmentHrbps)
	d.MemberCount, d.PrimaryMemberCount = 0, 0 // derived by the sandbox
	return d
}

func (c *Clone) user(s *tenant.Snapshot, u feishu.User) feishu.User {
	what := "user " + u.UserID
	if l := c.keep(s, what, []string{u.LeaderUserID}); len(l) == 0 {
		u.LeaderUserID = ""
	}
	u.DottedLineLeaderUserIDs = c.keep(s, what, u.DottedLineLeaderUserIDs)
	return u
}

// keep is the user_ids the snapshot holds; the others are noted dropped.
func (c *Clone) keep(s *tenant.Snapshot, what string, ids []string) []string {
	var out []string
	for _, id := range ids {
		switch {
		case id == "":
		case s.Users[id] != nil:
			out = append(out, id)
		default:
			c.Dropped = append(c.Dropped, fmt.Sprintf("%s: %s (no such user)", what, id))
		}
	}
	return out
}

func sortedUnits(s *tenant.Snapshot) []*feishu.Unit {
	var out []*feishu.Unit
	for _, id := range sortedKeys(s.Units) {
		out = append(out, s.Units[id])
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
