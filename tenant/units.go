package tenant

import (
	"context"

	"github.com/orgbatch/orgbatch/feishu"
)

// Units reads the tenant's units into the snapshot (every page of GET
// /unit, 100 a page). A tenant without the enterprise edition answers
// 43050: that is not a failed read but a fact, kept as UnitsUnavailable,
// which the plan reports once.
func (r *Reader) Units(ctx context.Context, s *Snapshot) error {
	rd := r.begin(s)
	return rd.run(ctx, []func(context.Context) error{rd.units})
}

func (rd *reading) units(ctx context.Context) error {
	fetch := func(ctx context.Context, token string) (*feishu.Page[feishu.Unit], error) {
		return rd.r.API.ListUnits(ctx, feishu.UnitPageMax, token)
	}
	var got []feishu.Unit
	err := feishu.Pages(ctx, fetch, func(items []feishu.Unit) error {
		got = append(got, items...)
		return nil
	})
	if err != nil && !feishu.IsUnitsProhibited(err) {
		return err
	}
	rd.keep(func(s *Snapshot) {
		s.UnitsRead, s.UnitsUnavailable = true, err != nil
		for i := range got {
			u := got[i]
			s.Units[u.UnitID] = &u
		}
	})
	return nil
}

// UnitsByName lists the tenant's units of a name (several when their
// types differ).
func (s *Snapshot) UnitsByName(name string) []*feishu.Unit {
	var out []*feishu.Unit
	for _, u := range s.Units {
		if u.Name == name {
			out = append(out, u)
		}
	}
	return out
}

// MinCalls is the fewest calls that read what the snapshot holds: the
// walked tree's (Tree.MinCalls), when the units were read ceil(units/100)
// pages of them (at least 1), and the pages of the schema lists read
// (directory.go).
func (s *Snapshot) MinCalls() map[feishu.Endpoint]int {
	m := map[feishu.Endpoint]int{}
	if s.Tree != nil {
		m = s.Tree.MinCalls()
	}
	if s.UnitsRead {
		m[feishu.EPListUnits] = pagesFor(len(s.Units), feishu.UnitPageMax)
	}
	s.directoryMinCalls(m)
	return m
}
