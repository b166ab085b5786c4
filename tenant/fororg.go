package tenant

import (
	"context"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// ForOrg reads what exists for the org's rows: the departments and users
// the sheet names (by custom ID, in batches of 50, the API maximum), the
// users its mobiles and emails belong to (batch_get_id), and the
// departments along its department paths. It never lists the whole
// tenant. An empty tenant (the root has no children and no members) is
// found with two calls and nothing else is read.
func (r *Reader) ForOrg(ctx context.Context, o *org.Org, pathRoot string) (*Snapshot, error) {
	s := New()
	rd := r.begin(s)
	if err := rd.directory(ctx, ListsFor(o)); err != nil {
		return nil, err
	}
	empty, err := rd.probeEmpty(ctx)
	if err != nil {
		return nil, err
	}
	if o.UsesUnits() { // units exist apart from departments: even in an empty tenant
		if err := rd.run(ctx, []func(context.Context) error{rd.units}); err != nil {
			return nil, err
		}
	}
	if empty {
		s.Empty = true
		return s, nil
	}
	if err := rd.fill(ctx, o); err != nil {
		return nil, err
	}
	if err := rd.paths(ctx, o, pathRoot); err != nil {
		return nil, err
	}
	return s, nil
}

// Fill reads what the org refers to and the snapshot lacks: a walked
// snapshot has no resigned users (find_by_department does not list them),
// nothing outside its root, and only the schema lists its users hold.
func (r *Reader) Fill(ctx context.Context, s *Snapshot, o *org.Org) error {
	rd := r.begin(s)
	if err := rd.directory(ctx, ListsFor(o)); err != nil {
		return err
	}
	return rd.fill(ctx, o)
}

// Children adds the direct children of parents to the snapshot, for the
// sibling-name check of departments to be created there.
func (r *Reader) Children(ctx context.Context, s *Snapshot, parents []string) error {
	rd := r.begin(s)
	var jobs []func(context.Context) error
	for _, p := range parents {
		jobs = append(jobs, rd.children(p))
	}
	return rd.run(ctx, jobs)
}

func (rd *reading) probeEmpty(ctx context.Context) (bool, error) {
	var kids *feishu.Page[feishu.Department]
	var members *feishu.Page[feishu.User]
	err := rd.run(ctx, []func(context.Context) error{
		func(ctx context.Context) (err error) {
			kids, err = rd.r.API.Children(ctx, RootID, false, 1, "")
			return err
		},
		func(ctx context.Context) (err error) {
			members, err = rd.r.API.FindByDepartment(ctx, RootID, 1, "")
			return err
		},
	})
	if err != nil {
		return false, err
	}
	return len(kids.Items) == 0 && len(members.Items) == 0, nil
}

// fill reads the org's IDs and contacts that the snapshot does not hold,
// then the records of users found only by contact.
func (rd *reading) fill(ctx context.Context, o *org.Org) error {
	w := wanted(o, rd.s)
	var jobs []func(context.Context) error
	for _, chunk := range chunks(missing(w.depts, rd.s.Departments), feishu.BatchMax) {
		jobs = append(jobs, rd.departments(chunk))
	}
	for _, chunk := range chunks(missing(w.users, rd.s.Users), feishu.BatchMax) {
		jobs = append(jobs, rd.users(chunk))
	}
	mobiles, emails := missing(w.mobiles, rd.s.ByMobile), missing(w.emails, rd.s.ByEmail)
	for i := 0; i < max(len(mobiles), len(emails)); i += feishu.BatchMax {
		jobs = append(jobs, rd.contacts(window(mobiles, i), window(emails, i)))
	}
	if o.UsesUnits() && !rd.s.UnitsRead {
		jobs = append(jobs, rd.units)
	}
	if err := rd.run(ctx, jobs); err != nil {
		return err
	}
	var extra []string
	for _, byContact := range []map[string]string{rd.s.ByMobile, rd.s.ByEmail} {
		for _, id := range byContact {
			if rd.s.Users[id] == nil {
				extra = append(extra, id)
			}
		}
	}
	jobs = nil
	for _, chunk := range chunks(dedupe(extra), feishu.BatchMax) {
		jobs = append(jobs, rd.users(chunk))
	}
	return rd.run(ctx, jobs)
}

// The batch reads are asked for IDs that may not exist yet — that is what
// an import is for. The docs do not say whether a batch call leaves an
// unknown ID out or fails; when it fails, the IDs are read one by one and
// "not found" means absent.

func (rd *reading) departments(ids []string) func(context.Context) error {
	return func(ctx context.Context) error {
		got, err := rd.r.API.BatchDepartments(ctx, ids)
		if feishu.IsNotFound(err) {
			got, err = oneByOne(ctx, ids, rd.r.API.GetDepartment)
		}
		if err != nil {
			return err
		}
		rd.keep(func(s *Snapshot) {
			for i := range got {
				s.addDepartment(&got[i])
			}
		})
		return nil
	}
}

func (rd *reading) users(ids []string) func(context.Context) error {
	return func(ctx context.Context) error {
		got, err := rd.r.API.BatchUsers(ctx, ids)
		if feishu.IsNotFound(err) {
			got, err = oneByOne(ctx, ids, rd.r.API.GetUser)
		}
		if err != nil {
			return err
		}
		rd.keep(func(s *Snapshot) {
			for i := range got {
				s.addUser(&got[i])
			}
		})
		return nil
	}
}

// oneByOne reads IDs singly, leaving out those that do not exist.
func oneByOne[T any](ctx context.Context, ids []string, get func(context.Context, string) (*T, error)) ([]T, error) {
	var out []T
	for _, id := range ids {
		got, err := get(ctx, id)
		switch {
		case feishu.IsNotFound(err):
		case err != nil:
			return nil, err
		case got != nil:
			out = append(out, *got)
		}
	}
	return out, nil
}

func (rd *reading) contacts(mobiles, emails []string) func(context.Context) error {
	return func(ctx context.Context) error {
		got, err := rd.r.API.BatchGetID(ctx, feishu.BatchGetIDRequest{Mobiles: mobiles, Emails: emails})
		if err != nil {
			return err
		}
		rd.keep(func(s *Snapshot) {
			for _, c := range got {
				if c.UserID != "" {
					s.addContact(c.UserID, c.Mobile, c.Email)
				}
			}
		})
		return nil
	}
}

// children lists a parent's direct children, every page.
func (rd *reading) children(parent string) func(context.Context) error {
	return func(ctx context.Context) error {
		fetch := func(ctx context.Context, token string) (*feishu.Page[feishu.Department], error) {
			return rd.r.API.Children(ctx, parent, false, feishu.ChildrenPageMax, token)
		}
		var kids []feishu.Department
		err := feishu.Pages(ctx, fetch, func(items []feishu.Department) error {
			kids = append(kids, items...)
			return nil
		})
		if err != nil {
			return err
		}
		rd.keep(func(s *Snapshot) {
			if _, ok := s.Children[parent]; !ok {
				s.Children[parent] = []feishu.Department{}
			}
			s.addChildren(parent, kids)
		})
		return nil
	}
}

// refs is what a sheet refers to.
type refs struct{ depts, users, mobiles, emails []string }

// wanted lists what a sheet refers to: every department ID (rows, parents,
// user departments), every user ID (rows, leaders, deputies, HRBPs,
// dotted-line leaders, the users of GENERIC_USER custom attributes), and
// the users' mobiles and emails.
func wanted(o *org.Org, s *Snapshot) refs {
	var w refs
	ds, us, ms, es := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	add := func(list *[]string, seen map[string]bool, v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			*list = append(*list, v)
		}
	}
	addDept := func(id string) {
		if id != RootID {
			add(&w.depts, ds, id)
		}
	}
	for _, d := range o.Departments {
		addDept(d.ID())
		addDept(d.ParentID())
		for _, id := range append(append([]string{d.Values.MainLeader}, d.Values.Deputies...), d.Values.HRBPs...) {
			add(&w.users, us, id)
		}
	}
	for _, u := range o.Users {
		for _, id := range u.DepartmentIDs {
			addDept(id)
		}
		add(&w.users, us, u.UserID())
		add(&w.users, us, u.LeaderUserID())
		for _, id := range u.Values.DottedLeaders {
			add(&w.users, us, id)
		}
		add(&w.mobiles, ms, u.Values.Mobile.E164)
		add(&w.emails, es, u.Values.Email)
	}
	for _, t := range o.Tables {
		for _, c := range s.AttrColumns(t) {
			if c.Attr == nil || c.Attr.Type != feishu.AttrGenericUser {
				continue
			}
			for _, u := range o.Users {
				if u.T == t {
					add(&w.users, us, u.Cell(c.Index))
				}
			}
		}
	}
	return w
}

// missing is the keys not in have, in order.
func missing[V any](keys []string, have map[string]V) []string {
	var out []string
	for _, k := range keys {
		if _, ok := have[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

func chunks(ids []string, n int) [][]string {
	var out [][]string
	for i := 0; i < len(ids); i += n {
		out = append(out, ids[i:min(i+n, len(ids))])
	}
	return out
}

func window(ids []string, i int) []string {
	if i >= len(ids) {
		return nil
	}
	return ids[i:min(i+feishu.BatchMax, len(ids))]
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
