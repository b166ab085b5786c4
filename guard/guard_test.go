package guard

import (
	"fmt"
	"testing"

	"github.com/orgbatch/orgbatch/plan"
)

func TestChangeWide(t *testing.T) {
	tests := []struct {
		n, of int
		wide  bool
	}{
		{0, 0, false},
		{3, 10, false}, // a small company: 3 people move
		{5, 10, false}, // a handful, even half of them
		{6, 10, true},  // more than a handful and more than 10%
		{6, 60, false}, // exactly 10%
		{7, 60, true},  // over 10%
		{80, 5000, false},
		{100, 5000, false},
		{101, 5000, true}, // wide in any org
		{4000, 5000, true},
		{6, 0, true}, // nothing matched: any share is over
	}
	for _, tt := range tests {
		if got := ChangeWide(tt.n, tt.of); got != tt.wide {
			t.Errorf("ChangeWide(%d of %d) = %v, want %v", tt.n, tt.of, got, tt.wide)
		}
	}
}

func TestDeleteNeedsCount(t *testing.T) {
	tests := []struct {
		n, total int
		count    bool
	}{
		{0, 10, false},
		{1, 10, true},    // 10% of a small company
		{1, 40, false},   // 2.5%
		{2, 40, true},    // 5%
		{5, 250, false},  // a handful, 2%
		{6, 250, true},   // more than a handful
		{50, 250, true},  // today's 50 of 250
		{8, 10, true},    // today's 8 of 10
		{1, 0, true},     // nothing to compare with
		{3, 1000, false}, // 0.3%
	}
	for _, tt := range tests {
		if got := DeleteNeedsCount(tt.n, tt.total); got != tt.count {
			t.Errorf("DeleteNeedsCount(%d of %d) = %v, want %v", tt.n, tt.total, got, tt.count)
		}
	}
}

func TestRestoreNeedsCount(t *testing.T) {
	for n, want := range map[int]bool{0: false, 1: false, 5: false, 6: true, 30: true} {
		if got := RestoreNeedsCount(n); got != want {
			t.Errorf("RestoreNeedsCount(%d) = %v, want %v", n, got, want)
		}
	}
}

// change builds a planned change of an existing entity.
func change(kind plan.Kind, key string, action plan.Action, fields ...string) *plan.Change {
	c := &plan.Change{Kind: kind, Key: key, Action: action}
	for i := 0; i+2 < len(fields); i += 3 {
		c.Fields = append(c.Fields, plan.FieldChange{Field: fields[i], Old: fields[i+1], New: fields[i+2]})
	}
	return c
}

// many returns n changes made by f(i).
func many(n int, f func(i int) *plan.Change) []*plan.Change {
	out := make([]*plan.Change, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func user(i int, action plan.Action, fields ...string) *plan.Change {
	return change(plan.KindUser, fmt.Sprintf("u%04d", i), action, fields...)
}

func TestAnalyze(t *testing.T) {
	unchanged := func(i int) *plan.Change { return user(i, plan.ActionUnchanged) }
	renamed := func(i int) *plan.Change { return user(i, plan.ActionUpdate, "name", "张三", "李四") }
	type want struct {
		kind   plan.Kind
		cat    Category
		n, of  int
		wide   bool
		sample int
	}
	tests := []struct {
		name    string
		changes []*plan.Change
		groups  []want
		count   int
	}{
		{"a first import creates, changes no one",
			many(300, func(i int) *plan.Change { return user(i, plan.ActionCreate) }), nil, 0},
		{"a wrong column mapping renames 4000 of 5000",
			append(many(4000, renamed), many(1000, func(i int) *plan.Change { return user(4000+i, plan.ActionUnchanged) })...),
			[]want{{plan.KindUser, Rename, 4000, 5000, true, SampleSize}}, 4000},
		{"3 of 10 move: an ordinary week",
			append(many(3, func(i int) *plan.Change {
				return user(i, plan.ActionMove, "department_ids", "D1", "D2")
			}), many(7, func(i int) *plan.Change { return unchanged(3 + i) })...),
			[]want{{plan.KindUser, Move, 3, 10, false, 3}}, 3},
		{"8 of 10 re-typed",
			append(many(8, func(i int) *plan.Change {
				return user(i, plan.ActionUpdate, "employee_type", "2", "1")
			}), many(2, func(i int) *plan.Change { return unchanged(8 + i) })...),
			[]want{{plan.KindUser, Retype, 8, 10, true, SampleSize}}, 8},
		{"filling empty values replaces nothing",
			many(50, func(i int) *plan.Change {
				return user(i, plan.ActionUpdate, "en_name", "", "Ann", "employee_type", "0", "1", "email", "", "a@x.cn")
			}), nil, 0},
		{"job titles and leaders are not wide changes",
			many(50, func(i int) *plan.Change { return user(i, plan.ActionUpdate, "job_title", "工程师", "专家") }), nil, 0},
		{"mobiles rewritten for everyone",
			many(20, func(i int) *plan.Change {
				return user(i, plan.ActionUpdate, "mobile", "+8613800000000", "+8613900000000", "email", "a@x.cn", "b@x.cn")
			}),
			[]want{{plan.KindUser, Contact, 20, 20, true, SampleSize}}, 20},
		{"blocked rows are not counted, not even as matched",
			append(many(6, renamed), many(100, func(i int) *plan.Change { return user(6+i, plan.ActionBlocked) })...),
			[]want{{plan.KindUser, Rename, 6, 6, true, SampleSize}}, 6},
		{"one person renamed and moved counts once; each kind against its own",
			append([]*plan.Change{
				user(0, plan.ActionMove, "name", "甲", "乙", "department_ids", "D1", "D2"),
				change(plan.KindDepartment, "D1", plan.ActionMove, "parent_department_id", "0", "D9"),
			}, many(9, func(i int) *plan.Change {
				return change(plan.KindDepartment, fmt.Sprint("R", i), plan.ActionUpdate, "name", "旧", "新")
			})...),
			[]want{
				{plan.KindUser, Rename, 1, 1, false, 1},
				{plan.KindUser, Move, 1, 1, false, 1},
				{plan.KindDepartment, Rename, 9, 10, true, SampleSize},
				{plan.KindDepartment, Move, 1, 10, false, 1}, // from the root "0" is a move
			}, 11},
		{"101 of 5000 moved is wide in any org",
			append(many(101, func(i int) *plan.Change { return user(i, plan.ActionMove, "department_ids", "A", "B") }),
				many(4899, func(i int) *plan.Change { return unchanged(101 + i) })...),
			[]want{{plan.KindUser, Move, 101, 5000, true, SampleSize}}, 101},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Analyze(&plan.Plan{Changes: tt.changes})
			if got.Count != tt.count {
				t.Errorf("Count = %d, want %d", got.Count, tt.count)
			}
			if len(got.Groups) != len(tt.groups) {
				t.Fatalf("groups = %+v, want %+v", got.Groups, tt.groups)
			}
			wide := false
			for i, w := range tt.groups {
				g := got.Groups[i]
				if g.Kind != w.kind || g.Category != w.cat || g.N != w.n || g.Of != w.of || g.Wide != w.wide || len(g.Sample) != w.sample {
					t.Errorf("group %d = %s %s %d of %d wide=%v sample %d, want %+v", i, g.Kind, g.Category, g.N, g.Of, g.Wide, len(g.Sample), w)
				}
				wide = wide || w.wide
			}
			if got.Wide() != wide {
				t.Errorf("Wide() = %v", got.Wide())
			}
		})
	}
}
