package tenant

import (
	"context"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// The tenant's schema: the lists users' fields name (employee types,
// custom attributes, job levels and families, job titles, work cities).
// Each list is read whole, once per run, and only when something needs
// it: job titles and work cities allow 10 calls a minute.

// Lists names directory lists.
type Lists struct {
	EmployeeTypes, CustomAttrs, JobLevels, JobFamilies, JobTitles, WorkCities bool
}

// Or is the lists either names.
func (l Lists) Or(o Lists) Lists {
	return Lists{l.EmployeeTypes || o.EmployeeTypes, l.CustomAttrs || o.CustomAttrs, l.JobLevels || o.JobLevels,
		l.JobFamilies || o.JobFamilies, l.JobTitles || o.JobTitles, l.WorkCities || o.WorkCities}
}

// Any reports whether any list is named.
func (l Lists) Any() bool { return l != Lists{} }

// minus is the lists of l that have not been read.
func (l Lists) minus(read Lists) Lists {
	return Lists{l.EmployeeTypes && !read.EmployeeTypes, l.CustomAttrs && !read.CustomAttrs, l.JobLevels && !read.JobLevels,
		l.JobFamilies && !read.JobFamilies, l.JobTitles && !read.JobTitles, l.WorkCities && !read.WorkCities}
}

// AllLists names every list.
var AllLists = Lists{EmployeeTypes: true, CustomAttrs: true, JobLevels: true, JobFamilies: true, JobTitles: true, WorkCities: true}

// WithDirectory is an empty snapshot whose schema is d, every list read:
// an empty tenant with that schema (sandbox seeds, golden tests).
func WithDirectory(d feishu.Directory) *Snapshot {
	s := New()
	s.Dir, s.DirRead = d, AllLists
	return s
}

// ListsFor is what a sheet's users need: the employee types when a value
// is not one of the five built-in names or numbers (a tenant's own type
// may use any other word, 劳务派遣 included), the custom attributes when a
// users sheet has a column orgbatch does not know (it may name one), and
// each list whose column has a value.
func ListsFor(o *org.Org) Lists {
	var l Lists
	for _, t := range o.Tables {
		if t.Kind != org.KindUsers {
			continue
		}
		l.CustomAttrs = l.CustomAttrs || len(t.Custom) > 0
		for _, i := range t.Unknown {
			l.CustomAttrs = l.CustomAttrs || !org.IsReadOnlyColumn(t.Header[i])
		}
	}
	for _, u := range o.Users {
		l.EmployeeTypes = l.EmployeeTypes || (u.EmployeeType() != "" && !org.IsBuiltinEmployeeType(u.EmployeeType()))
		l.JobLevels = l.JobLevels || u.JobLevel() != ""
		l.JobFamilies = l.JobFamilies || u.JobFamily() != ""
		l.JobTitles = l.JobTitles || u.JobTitle() != ""
		l.WorkCities = l.WorkCities || u.City() != ""
	}
	return l
}

// ListsOf is what writing users back by name needs (export): the types of
// users with a custom type, the levels, families and attributes users hold.
func ListsOf(users []*feishu.User) Lists {
	var l Lists
	for _, u := range users {
		l.EmployeeTypes = l.EmployeeTypes || u.EmployeeType > len(org.EmployeeTypeNames)-1
		l.JobLevels = l.JobLevels || u.JobLevelID != ""
		l.JobFamilies = l.JobFamilies || u.JobFamilyID != ""
		l.CustomAttrs = l.CustomAttrs || len(u.CustomAttrs) > 0
	}
	return l
}

// ReadDirectory reads the lists of want that s lacks into s.Dir.
func (r *Reader) ReadDirectory(ctx context.Context, s *Snapshot, want Lists) error {
	return r.begin(s).directory(ctx, want)
}

func (rd *reading) directory(ctx context.Context, want Lists) error {
	rd.mu.Lock()
	want = want.minus(rd.s.DirRead)
	rd.mu.Unlock()
	api := rd.r.API
	var jobs []func(context.Context) error
	add := func(on bool, job func(context.Context) error) {
		if on {
			jobs = append(jobs, job)
		}
	}
	add(want.EmployeeTypes, readList(rd, api.EmployeeTypeEnums, feishu.EmployeeTypePageMax, func(s *Snapshot, v []feishu.EmployeeTypeEnum) {
		s.Dir.EmployeeTypes, s.DirRead.EmployeeTypes = v, true
	}))
	add(want.CustomAttrs, readList(rd, api.CustomAttrs, feishu.CustomAttrPageMax, func(s *Snapshot, v []feishu.CustomAttr) {
		s.Dir.CustomAttrs, s.DirRead.CustomAttrs = v, true
	}))
	add(want.JobLevels, readList(rd, api.JobLevels, feishu.JobLevelPageMax, func(s *Snapshot, v []feishu.JobLevel) {
		s.Dir.JobLevels, s.DirRead.JobLevels = v, true
	}))
	add(want.JobFamilies, readList(rd, api.JobFamilies, feishu.JobFamilyPageMax, func(s *Snapshot, v []feishu.JobFamily) {
		s.Dir.JobFamilies, s.DirRead.JobFamilies = v, true
	}))
	add(want.JobTitles, readList(rd, api.JobTitles, feishu.JobTitlePageMax, func(s *Snapshot, v []feishu.JobTitle) {
		s.Dir.JobTitles, s.DirRead.JobTitles = v, true
	}))
	add(want.WorkCities, readList(rd, api.WorkCities, feishu.WorkCityPageMax, func(s *Snapshot, v []feishu.WorkCity) {
		s.Dir.WorkCities, s.DirRead.WorkCities = v, true
	}))
	return rd.run(ctx, jobs)
}

// readList reads a whole listing at its largest page size and keeps it.
func readList[T any](rd *reading, list func(context.Context, int, string) (*feishu.Page[T], error), size int, keep func(*Snapshot, []T)) func(context.Context) error {
	return func(ctx context.Context) error {
		all := []T{}
		fetch := func(ctx context.Context, token string) (*feishu.Page[T], error) { return list(ctx, size, token) }
		if err := feishu.Pages(ctx, fetch, func(items []T) error {
			all = append(all, items...)
			return nil
		}); err != nil {
			return err
		}
		rd.keep(func(s *Snapshot) { keep(s, all) })
		return nil
	}
}

// directoryMinCalls adds one call per page of each list read (one for an
// empty list) to m.
func (s *Snapshot) directoryMinCalls(m map[feishu.Endpoint]int) {
	for _, l := range []struct {
		read bool
		ep   feishu.Endpoint
		n    int
		max  int
	}{
		{s.DirRead.EmployeeTypes, feishu.EPEmployeeTypeEnums, len(s.Dir.EmployeeTypes), feishu.EmployeeTypePageMax},
		{s.DirRead.CustomAttrs, feishu.EPCustomAttrs, len(s.Dir.CustomAttrs), feishu.CustomAttrPageMax},
		{s.DirRead.JobLevels, feishu.EPJobLevels, len(s.Dir.JobLevels), feishu.JobLevelPageMax},
		{s.DirRead.JobFamilies, feishu.EPJobFamilies, len(s.Dir.JobFamilies), feishu.JobFamilyPageMax},
		{s.DirRead.JobTitles, feishu.EPJobTitles, len(s.Dir.JobTitles), feishu.JobTitlePageMax},
		{s.DirRead.WorkCities, feishu.EPWorkCities, len(s.Dir.WorkCities), feishu.WorkCityPageMax},
	} {
		if l.read {
			m[l.ep] = max(1, pagesFor(l.n, l.max))
		}
	}
}
