package tenant

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/orgbatch/orgbatch/feishu"
)

// WalkOptions control a Walk.
type WalkOptions struct {
	// Root is the department (custom department_id) whose sub-tree is
	// read; "" or "0" is the whole tenant. Another root is read with one
	// GET and becomes the first department of the tree.
	Root string
	// SkipUsers lists departments only (member counts come with them).
	SkipUsers bool
	// FetchRoot reads the root department even when it is "0", for its
	// name and member_count (one more call, GET /departments/0).
	FetchRoot bool
	// Units reads the tenant's units too (Reader.Units), for an export.
	Units bool
	// Progress, when set, is called after every page, one call at a time.
	Progress func(WalkProgress)
}

// WalkProgress is how far a Walk has got.
type WalkProgress struct {
	Departments int  // departments whose members must be listed, the root included
	Listed      bool // the department listing is complete: Departments is final
	Done        int  // departments whose members have all been listed
	Users       int  // distinct users so far
}

// Walk reads the sub-tree under opts.Root: one job pages through
// children?fetch_child=true while up to Parallel jobs page through
// find_by_department of every department as soon as it is listed (the root
// first). The API must speak custom IDs (user_id_type=user_id,
// department_id_type=department_id), as the CLI's client does. The first
// error stops the walk and is returned; when ctx is cancelled the error is
// ctx's. The snapshot holds the tree and, like any snapshot, every
// department, user and contact by ID.
func (r *Reader) Walk(ctx context.Context, opts WalkOptions) (*Snapshot, error) {
	if t, ok := r.API.(interface{ IDTypes() (string, string) }); ok {
		if u, d := t.IDTypes(); u != feishu.UserIDTypeUserID || d != feishu.DepartmentIDTypeDepartmentID {
			return nil, fmt.Errorf("tenant: the client must use user_id and department_id IDs, not %s and %s", u, d)
		}
	}
	w := &walker{r: r, opts: opts, seen: map[string]bool{}, direct: map[string]int{}, users: map[string]*feishu.User{}}
	w.tree.RootID, w.tree.UsersListed = opts.Root, !opts.SkipUsers
	if w.tree.RootID == "" {
		w.tree.RootID = RootID
	}
	tally := &feishu.Tally{}
	ctx = feishu.WithTally(ctx, tally)
	if w.tree.RootID != RootID || opts.FetchRoot {
		root, err := r.API.GetDepartment(ctx, w.tree.RootID)
		if err == nil && root == nil {
			err = fmt.Errorf("empty answer")
		}
		if err != nil {
			return nil, fmt.Errorf("reading department %s: %w", w.tree.RootID, err)
		}
		w.tree.Root = root
	}
	p := newPool(ctx, r.parallel()+1) // the listing, and the member listings beside it
	p.Go(func(ctx context.Context) error { return w.list(ctx, p) })
	if !opts.SkipUsers {
		p.Go(w.members(w.tree.RootID))
	}
	if err := p.Wait(); err != nil {
		return nil, err
	}
	s := w.snapshot()
	s.count(tally)
	if !opts.SkipUsers {
		// The names of the types, levels, families and attributes users hold.
		if err := r.ReadDirectory(ctx, s, ListsOf(s.Tree.Users)); err != nil {
			return nil, fmt.Errorf("reading the tenant's schema: %w", err)
		}
	}
	if opts.Units {
		if err := r.Units(ctx, s); err != nil {
			return nil, fmt.Errorf("listing the units: %w", err)
		}
	}
	return s, nil
}

// walker is the state of one Walk.
type walker struct {
	r    *Reader
	opts WalkOptions
	tree Tree

	mu     sync.Mutex
	depts  []feishu.Department // listing order
	seen   map[string]bool     // department IDs listed
	direct map[string]int      // department ID → direct members listed
	users  map[string]*feishu.User
	listed bool
	done   int

	progMu sync.Mutex // serialises Progress calls
}

// list pages through the sub-tree's departments and queues the member
// listing of each new one.
func (w *walker) list(ctx context.Context, p *pool) error {
	fetch := func(ctx context.Context, token string) (*feishu.Page[feishu.Department], error) {
		return w.r.API.Children(ctx, w.tree.RootID, true, feishu.ChildrenPageMax, token)
	}
	err := feishu.Pages(ctx, fetch, func(items []feishu.Department) error {
		for _, d := range items {
			if w.addDept(d) && !w.opts.SkipUsers {
				p.Go(w.members(d.DepartmentID))
			}
		}
		w.progress()
		return nil
	})
	if err != nil {
		return fmt.Errorf("listing the departments under %s: %w", w.tree.RootID, err)
	}
	w.mu.Lock()
	w.listed = true
	w.mu.Unlock()
	w.progress()
	return nil
}

// addDept keeps a listed department; false if it was seen already (a
// listing that changes between pages may repeat items).
func (w *walker) addDept(d feishu.Department) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if d.DepartmentID == "" || w.seen[d.DepartmentID] || d.DepartmentID == w.tree.RootID {
		return false
	}
	w.seen[d.DepartmentID] = true
	w.depts = append(w.depts, d)
	return true
}

// members lists the direct members of one department, every page.
func (w *walker) members(id string) func(context.Context) error {
	return func(ctx context.Context) error {
		fetch := func(ctx context.Context, token string) (*feishu.Page[feishu.User], error) {
			return w.r.API.FindByDepartment(ctx, id, feishu.FindByDepartmentPageMax, token)
		}
		n := 0
		err := feishu.Pages(ctx, fetch, func(items []feishu.User) error {
			w.addUsers(items)
			n += len(items)
			w.progress()
			return nil
		})
		if err != nil {
			return fmt.Errorf("listing the members of department %s: %w", id, err)
		}
		w.mu.Lock()
		w.direct[id] = n
		w.done++
		w.mu.Unlock()
		w.progress()
		return nil
	}
}

// addUsers keeps each user once; a user met again (in another department)
// adds any department the first answer did not name.
func (w *walker) addUsers(us []feishu.User) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, u := range us {
		key := u.UserID
		if key == "" {
			key = "open_id:" + u.OpenID
		}
		if have := w.users[key]; have != nil {
			for _, d := range u.DepartmentIDs {
				if !slices.Contains(have.DepartmentIDs, d) {
					have.DepartmentIDs = append(have.DepartmentIDs, d)
				}
			}
			continue
		}
		u := u
		w.users[key] = &u
	}
}

func (w *walker) progress() {
	if w.opts.Progress == nil {
		return
	}
	w.progMu.Lock()
	defer w.progMu.Unlock()
	w.mu.Lock()
	p := WalkProgress{Departments: len(w.depts) + 1, Listed: w.listed, Done: w.done, Users: len(w.users)}
	w.mu.Unlock()
	if w.opts.SkipUsers {
		p.Done = 0
	}
	w.opts.Progress(p)
}

// snapshot builds the tree and the by-ID maps out of what the walk read.
func (w *walker) snapshot() *Snapshot {
	s := New()
	t := &w.tree
	t.RootDirectUsers, t.Listed = w.direct[RootID], len(w.depts)
	buildTree(t, w.depts, w.direct, w.users)
	s.Tree = t
	s.Children[t.RootID] = []feishu.Department{}
	for _, d := range t.Departments {
		s.addDepartment(&d.Department)
		s.Children[d.DepartmentID] = []feishu.Department{}
	}
	for _, d := range t.Departments {
		if d.DepartmentID != t.RootID {
			s.Children[d.ParentDepartmentID] = append(s.Children[d.ParentDepartmentID], d.Department)
		}
	}
	for _, u := range t.Users {
		if u.UserID != "" {
			s.addUser(u)
		}
	}
	return s
}
