package exporter

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/orgbatch/orgbatch/feishu"
)

// RootID is the tenant's root department in every ID type.
const RootID = "0"

// DefaultParallel is how many departments' members are listed at once. The
// Pacer sets the pace; this only needs to cover the latency (50 calls/s ×
// ~100 ms is 5 in flight).
const DefaultParallel = 8

// Options control a Walk.
type Options struct {
	// Root is the department (custom department_id) whose sub-tree is
	// exported; "" or "0" is the whole tenant. Another root is read with
	// one GET and becomes the first exported department.
	Root string
	// Parallel bounds the find_by_department listings in flight (default
	// DefaultParallel).
	Parallel int
	// SkipUsers lists departments only (orgbatch tree: member counts come
	// with the departments).
	SkipUsers bool
	// FetchRoot reads the root department even when it is "0", for its
	// name and member_count (one more call, GET /departments/0).
	FetchRoot bool
	// Progress, when set, is called after every page, one call at a time.
	Progress func(Progress)
}

// Progress is how far a Walk has got.
type Progress struct {
	Departments int  // departments whose members must be listed, the root included
	Listed      bool // the department listing is complete: Departments is final
	Done        int  // departments whose members have all been listed
	Users       int  // distinct users so far
}

// idTyper is implemented by *feishu.Client.
type idTyper interface {
	IDTypes() (userIDType, departmentIDType string)
}

// Walk reads the sub-tree under opts.Root: one goroutine pages through
// children?fetch_child=true while opts.Parallel workers page through
// find_by_department of every department as soon as it is listed (the root
// first). Every attempt goes through pacer. api must speak custom IDs
// (user_id_type=user_id, department_id_type=department_id), as the CLI's
// client does. The first error stops the walk and is returned; when ctx is
// cancelled the error is ctx's.
func Walk(ctx context.Context, api feishu.API, pacer *feishu.Pacer, opts Options) (*Snapshot, error) {
	if t, ok := api.(idTyper); ok {
		if u, d := t.IDTypes(); u != feishu.UserIDTypeUserID || d != feishu.DepartmentIDTypeDepartmentID {
			return nil, fmt.Errorf("exporter: the client must use user_id and department_id IDs, not %s and %s", u, d)
		}
	}
	w := newWalker(api, pacer, opts)
	var root *feishu.Department
	if w.root != RootID || opts.FetchRoot {
		err := w.call(ctx, feishu.EPGetDepartment, func(ctx context.Context) error {
			d, err := api.GetDepartment(ctx, w.root)
			root = d
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("reading department %s: %w", w.root, err)
		}
		if root == nil {
			return nil, fmt.Errorf("reading department %s: empty answer", w.root)
		}
	}

	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w.cancel = cancel
	q := newQueue()
	var wg sync.WaitGroup
	if !opts.SkipUsers {
		q.push(w.root)
		for range w.parallel {
			wg.Go(func() { w.members(wctx, q) })
		}
	}
	wg.Go(func() {
		defer q.close()
		w.list(wctx, q)
	})
	wg.Wait()
	if w.err != nil {
		return nil, w.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err // cancelled between pages: what was read is incomplete
	}
	return w.snapshot(root), nil
}

// walker is the state of one Walk.
type walker struct {
	api      feishu.API
	pacer    *feishu.Pacer
	opts     Options
	root     string
	parallel int
	cancel   context.CancelFunc

	mu     sync.Mutex
	depts  []feishu.Department // listing order
	seen   map[string]bool     // department IDs listed
	direct map[string]int      // department ID → direct members listed
	users  map[string]*feishu.User
	calls  map[feishu.Endpoint]int // attempts
	pages  map[feishu.Endpoint]int // successful calls
	listed bool
	done   int

	progMu  sync.Mutex // serialises Progress calls
	errOnce sync.Once
	err     error
}

func newWalker(api feishu.API, pacer *feishu.Pacer, opts Options) *walker {
	w := &walker{
		api: api, pacer: pacer, opts: opts, root: opts.Root, parallel: opts.Parallel,
		seen: map[string]bool{}, direct: map[string]int{}, users: map[string]*feishu.User{},
		calls: map[feishu.Endpoint]int{}, pages: map[feishu.Endpoint]int{},
	}
	if w.root == "" {
		w.root = RootID
	}
	if w.parallel <= 0 {
		w.parallel = DefaultParallel
	}
	return w
}

// call runs one paced call and counts its attempts.
func (w *walker) call(ctx context.Context, ep feishu.Endpoint, fn func(context.Context) error) error {
	attempts, err := w.pacer.Call(ctx, feishu.On(ep), fn)
	w.mu.Lock()
	w.calls[ep] += attempts
	if err == nil {
		w.pages[ep]++
	}
	w.mu.Unlock()
	return err
}

// fail records the first error and stops the other goroutines.
func (w *walker) fail(err error) {
	w.errOnce.Do(func() {
		w.err = err
		w.cancel()
	})
}

var errNoToken = errors.New("has_more without a page_token")

// list pages through the sub-tree's departments and queues each new one.
func (w *walker) list(ctx context.Context, q *queue) {
	token := ""
	for {
		var page *feishu.Page[feishu.Department]
		err := w.call(ctx, feishu.EPChildren, func(ctx context.Context) error {
			p, err := w.api.Children(ctx, w.root, true, feishu.ChildrenPageMax, token)
			page = p
			return err
		})
		if err == nil && page.HasMore && page.PageToken == "" {
			err = errNoToken
		}
		if err != nil {
			w.fail(fmt.Errorf("listing the departments under %s: %w", w.root, err))
			return
		}
		for _, d := range page.Items {
			if w.addDept(d) && !w.opts.SkipUsers {
				q.push(d.DepartmentID)
			}
		}
		w.progress()
		if !page.HasMore {
			break
		}
		token = page.PageToken
	}
	w.mu.Lock()
	w.listed = true
	w.mu.Unlock()
	w.progress()
}

// addDept keeps a listed department; false if it was seen already (a
// listing that changes between pages may repeat items).
func (w *walker) addDept(d feishu.Department) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if d.DepartmentID == "" || w.seen[d.DepartmentID] || d.DepartmentID == w.root {
		return false
	}
	w.seen[d.DepartmentID] = true
	w.depts = append(w.depts, d)
	return true
}

// members lists the direct members of queued departments until the queue
// is drained.
func (w *walker) members(ctx context.Context, q *queue) {
	for {
		id, ok := q.pop(ctx)
		if !ok {
			return
		}
		n, err := w.listMembers(ctx, id)
		if err != nil {
			w.fail(fmt.Errorf("listing the members of department %s: %w", id, err))
			return
		}
		w.mu.Lock()
		w.direct[id] = n
		w.done++
		w.mu.Unlock()
		w.progress()
	}
}

func (w *walker) listMembers(ctx context.Context, id string) (int, error) {
	token, n := "", 0
	for {
		var page *feishu.Page[feishu.User]
		err := w.call(ctx, feishu.EPFindByDepartment, func(ctx context.Context) error {
			p, err := w.api.FindByDepartment(ctx, id, feishu.FindByDepartmentPageMax, token)
			page = p
			return err
		})
		if err == nil && page.HasMore && page.PageToken == "" {
			err = errNoToken
		}
		if err != nil {
			return n, err
		}
		w.addUsers(page.Items)
		n += len(page.Items)
		if !page.HasMore {
			return n, nil
		}
		w.progress()
		token = page.PageToken
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
	p := Progress{Departments: len(w.depts) + 1, Listed: w.listed, Done: w.done, Users: len(w.users)}
	w.mu.Unlock()
	if w.opts.SkipUsers {
		p.Done = 0
	}
	w.opts.Progress(p)
}
