package plan

import (
	"context"
	"strings"
	"sync"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// Tenant is what exists in Feishu for the rows of a sheet: the departments
// and users the sheet names (by custom ID, mobile and email), and the
// children of existing parents that are about to get new children (to
// predict sibling-name conflicts). IDs are custom department_id / user_id.
type Tenant struct {
	Departments map[string]*feishu.Department
	Users       map[string]*feishu.User
	ByMobile    map[string]string // E.164 → user_id
	ByEmail     map[string]string // lower-case email → user_id
	Children    map[string][]feishu.Department
	// Empty is true when the root has neither children nor members: every
	// per-ID lookup is then skipped.
	Empty bool
	Calls int // API calls the read made
}

// NewTenant returns an empty snapshot.
func NewTenant() *Tenant {
	return &Tenant{
		Departments: map[string]*feishu.Department{},
		Users:       map[string]*feishu.User{},
		ByMobile:    map[string]string{},
		ByEmail:     map[string]string{},
		Children:    map[string][]feishu.Department{},
	}
}

// Reader reads a tenant snapshot through the API and the shared pacer.
type Reader struct {
	API   feishu.API
	Pacer *feishu.Pacer
	// Progress, if set, is told about each finished call (done, total).
	Progress func(done, total int)
	// Parallel is how many reads run at once (the pacer still spaces them).
	Parallel int
}

// Read fetches what exists for the org's rows. It reads in batches of 50
// (the API maximum) and never lists the whole tenant.
func (r *Reader) Read(ctx context.Context, o *org.Org) (*Tenant, error) {
	t := NewTenant()
	rd := &reading{r: r, t: t}
	empty, err := rd.probeEmpty(ctx)
	if err != nil {
		return nil, err
	}
	if empty {
		t.Empty = true
		return t, nil
	}
	deptIDs, userIDs, mobiles, emails := wanted(o)
	var jobs []func(context.Context) error
	for _, chunk := range chunks(deptIDs, feishu.BatchMax) {
		jobs = append(jobs, rd.departments(chunk))
	}
	for _, chunk := range chunks(userIDs, feishu.BatchMax) {
		jobs = append(jobs, rd.users(chunk))
	}
	for i := 0; i < max(len(mobiles), len(emails)); i += feishu.BatchMax {
		jobs = append(jobs, rd.contacts(window(mobiles, i), window(emails, i)))
	}
	rd.total = len(jobs)
	if err := rd.run(ctx, jobs); err != nil {
		return nil, err
	}
	// Users found only by mobile or email: fetch their records too.
	var extra []string
	for _, id := range t.ByMobile {
		if t.Users[id] == nil {
			extra = append(extra, id)
		}
	}
	for _, id := range t.ByEmail {
		if t.Users[id] == nil {
			extra = append(extra, id)
		}
	}
	jobs = nil
	for _, chunk := range chunks(dedupe(extra), feishu.BatchMax) {
		jobs = append(jobs, rd.users(chunk))
	}
	rd.total += len(jobs)
	if err := rd.run(ctx, jobs); err != nil {
		return nil, err
	}
	return t, nil
}

// ReadChildren adds the direct children of existing parents to the
// snapshot, for the sibling-name check of departments to be created there.
func (r *Reader) ReadChildren(ctx context.Context, t *Tenant, parents []string) error {
	rd := &reading{r: r, t: t, total: len(parents)}
	var jobs []func(context.Context) error
	for _, p := range parents {
		jobs = append(jobs, rd.children(p))
	}
	return rd.run(ctx, jobs)
}

// reading is one Read in progress.
type reading struct {
	r     *Reader
	t     *Tenant
	mu    sync.Mutex
	done  int
	total int
}

func (rd *reading) call(ctx context.Context, ep feishu.Endpoint, fn func(context.Context) error) error {
	_, err := rd.r.Pacer.Call(ctx, feishu.On(ep), fn)
	rd.mu.Lock()
	rd.t.Calls++
	rd.done++
	done, total := rd.done, rd.total
	rd.mu.Unlock()
	if rd.r.Progress != nil {
		rd.r.Progress(done, max(total, done))
	}
	return err
}

func (rd *reading) probeEmpty(ctx context.Context) (bool, error) {
	var kids *feishu.Page[feishu.Department]
	var members *feishu.Page[feishu.User]
	err := rd.call(ctx, feishu.EPChildren, func(ctx context.Context) (err error) {
		kids, err = rd.r.API.Children(ctx, "0", false, 1, "")
		return err
	})
	if err != nil {
		return false, err
	}
	err = rd.call(ctx, feishu.EPFindByDepartment, func(ctx context.Context) (err error) {
		members, err = rd.r.API.FindByDepartment(ctx, "0", 1, "")
		return err
	})
	if err != nil {
		return false, err
	}
	return len(kids.Items) == 0 && len(members.Items) == 0, nil
}

// fetch makes one read through the pacer and hands its result to keep
// under the snapshot's lock.
func fetch[T any](rd *reading, ep feishu.Endpoint, read func(context.Context) (T, error), keep func(T)) func(context.Context) error {
	return func(ctx context.Context) error {
		var got T
		err := rd.call(ctx, ep, func(ctx context.Context) (err error) {
			got, err = read(ctx)
			return err
		})
		if err != nil {
			return err
		}
		rd.mu.Lock()
		defer rd.mu.Unlock()
		keep(got)
		return nil
	}
}

// The batch reads are asked for IDs that may not exist yet — that is what
// an import is for. The docs do not say whether a batch call leaves an
// unknown ID out or fails; when it fails, the IDs are read one by one and
// "not found" means absent.

func (rd *reading) departments(ids []string) func(context.Context) error {
	return fetch(rd, feishu.EPBatchDepartments,
		func(ctx context.Context) ([]feishu.Department, error) {
			got, err := rd.r.API.BatchDepartments(ctx, ids)
			if feishu.IsNotFound(err) {
				return oneByOne(ctx, rd, feishu.EPGetDepartment, ids, rd.r.API.GetDepartment)
			}
			return got, err
		},
		func(got []feishu.Department) {
			for i := range got {
				if d := &got[i]; d.Status == nil || !d.Status.IsDeleted {
					rd.t.Departments[d.DepartmentID] = d
				}
			}
		})
}

func (rd *reading) users(ids []string) func(context.Context) error {
	return fetch(rd, feishu.EPBatchUsers,
		func(ctx context.Context) ([]feishu.User, error) {
			got, err := rd.r.API.BatchUsers(ctx, ids)
			if feishu.IsNotFound(err) {
				return oneByOne(ctx, rd, feishu.EPGetUser, ids, rd.r.API.GetUser)
			}
			return got, err
		},
		func(got []feishu.User) {
			for i := range got {
				u := &got[i]
				rd.t.Users[u.UserID] = u
				if u.Status != nil && u.Status.IsResigned {
					continue // a resigned user's mobile and email are free again
				}
				if u.Mobile != "" {
					rd.t.ByMobile[normMobile(u.Mobile)] = u.UserID
				}
				if u.Email != "" {
					rd.t.ByEmail[strings.ToLower(u.Email)] = u.UserID
				}
			}
		})
}

// oneByOne reads IDs singly, through the pacer, leaving out those that do
// not exist.
func oneByOne[T any](ctx context.Context, rd *reading, ep feishu.Endpoint, ids []string, get func(context.Context, string) (*T, error)) ([]T, error) {
	var out []T
	for _, id := range ids {
		var got *T
		_, err := rd.r.Pacer.Call(ctx, feishu.On(ep), func(ctx context.Context) (err error) {
			got, err = get(ctx, id)
			return err
		})
		switch {
		case feishu.IsNotFound(err):
		case err != nil:
			return nil, err
		case got != nil:
			out = append(out, *got)
		}
		rd.mu.Lock()
		rd.t.Calls++
		rd.mu.Unlock()
	}
	return out, nil
}

func (rd *reading) contacts(mobiles, emails []string) func(context.Context) error {
	return fetch(rd, feishu.EPBatchGetID,
		func(ctx context.Context) ([]feishu.UserContactInfo, error) {
			return rd.r.API.BatchGetID(ctx, feishu.BatchGetIDRequest{Mobiles: mobiles, Emails: emails})
		},
		func(got []feishu.UserContactInfo) {
			for _, c := range got {
				if c.UserID == "" {
					continue
				}
				if c.Mobile != "" {
					rd.t.ByMobile[normMobile(c.Mobile)] = c.UserID
				}
				if c.Email != "" {
					rd.t.ByEmail[strings.ToLower(c.Email)] = c.UserID
				}
			}
		})
}

func (rd *reading) children(parent string) func(context.Context) error {
	return func(ctx context.Context) error {
		token := ""
		for {
			var page *feishu.Page[feishu.Department]
			err := rd.call(ctx, feishu.EPChildren, func(ctx context.Context) (err error) {
				page, err = rd.r.API.Children(ctx, parent, false, feishu.ChildrenPageMax, token)
				return err
			})
			if err != nil {
				return err
			}
			rd.mu.Lock()
			rd.t.Children[parent] = append(rd.t.Children[parent], page.Items...)
			for i := range page.Items {
				d := page.Items[i]
				if rd.t.Departments[d.DepartmentID] == nil {
					rd.t.Departments[d.DepartmentID] = &d
				}
			}
			rd.mu.Unlock()
			if !page.HasMore || page.PageToken == "" {
				return nil
			}
			token = page.PageToken
		}
	}
}

// run executes jobs with bounded parallelism and returns the first error.
func (rd *reading) run(ctx context.Context, jobs []func(context.Context) error) error {
	n := rd.r.Parallel
	if n <= 0 {
		n = 8
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for _, job := range jobs {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := job(ctx); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

// wanted lists what a sheet refers to: every department ID (rows, parents,
// user departments), every user ID (rows, leaders), and the users' mobiles
// and emails.
func wanted(o *org.Org) (depts, users, mobiles, emails []string) {
	ds, us := map[string]bool{}, map[string]bool{}
	addD := func(id string) {
		if id != "" && id != "0" && !ds[id] {
			ds[id] = true
			depts = append(depts, id)
		}
	}
	addU := func(id string) {
		if id != "" && !us[id] {
			us[id] = true
			users = append(users, id)
		}
	}
	for _, d := range o.Departments {
		addD(d.ID())
		addD(d.ParentID())
		addU(d.LeaderUserID())
	}
	seenM, seenE := map[string]bool{}, map[string]bool{}
	for _, u := range o.Users {
		for _, id := range u.DepartmentIDs {
			addD(id)
		}
		addU(u.UserID())
		addU(u.LeaderUserID())
		if m, _, ok := org.ParseMobile(u.Mobile()); ok && !seenM[m.E164] {
			seenM[m.E164] = true
			mobiles = append(mobiles, m.E164)
		}
		if e := strings.ToLower(u.Email()); e != "" && org.ValidEmail(u.Email()) && !seenE[e] {
			seenE[e] = true
			emails = append(emails, e)
		}
	}
	return
}

func normMobile(s string) string {
	if m, _, ok := org.ParseMobile(s); ok {
		return m.E164
	}
	return s
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
