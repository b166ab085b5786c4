package problem

import (
	"slices"
	"testing"
)

func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.Code] {
			t.Errorf("%s twice in the table", r.Code)
		}
		seen[r.Code] = true
		if r.ZH == "" || r.EN == "" || r.MsgZH == "" || r.MsgEN == "" {
			t.Errorf("%s: a text is missing", r.Code)
		}
		if r.Severity != Error && r.Severity != Warning {
			t.Errorf("%s: severity %q", r.Code, r.Severity)
		}
		if !slices.Contains([]string{EntityFile, EntityDepartment, EntityUser, EntityUnit, EntityAny, EntityLeaver}, r.Entity) {
			t.Errorf("%s: entity %q", r.Code, r.Entity)
		}
		if r.Unreadable && (r.Entity != EntityFile || r.Severity != Error) {
			t.Errorf("%s: only file errors can mean unreadable input", r.Code)
		}
	}
}

func TestNewFillsTheRule(t *testing.T) {
	loc := Loc{File: "a.csv", Sheet: "成员", Row: 3, Column: "手机号"}
	p := New("USER_MOBILE_FORMAT", loc, "123")
	if p.Rule != "USER_MOBILE_FORMAT" || p.Severity != Error || p.Message == "" || p.MessageZH == "" || p.Row != 3 || p.Column != "手机号" {
		t.Errorf("%+v", p)
	}
	if got := p.Where(); got != "a.csv [成员] row 3, column 手机号" {
		t.Errorf("Where: %q", got)
	}
	if got := (Problem{File: "b.xlsx"}).Where(); got != "b.xlsx" {
		t.Errorf("Where of a file problem: %q", got)
	}
	// An unknown code is a programming error, but still an error, never a panic.
	if u := New("NO_SUCH_RULE", loc); u.Severity != Error || u.Message != "NO_SUCH_RULE" {
		t.Errorf("unknown code: %+v", u)
	}
}

func TestSortCountAndUnreadable(t *testing.T) {
	ps := []Problem{
		New("USER_MOBILE_FORMAT", Loc{File: "b", Row: 2}, "x"),
		New("USER_NAME_REQUIRED", Loc{File: "b", Row: 2}),
		New("DEPT_LEADER_UNKNOWN", Loc{File: "a", Row: 9}, "u"),
		New("USER_NAME_REQUIRED", Loc{File: "b", Row: 1}),
	}
	Sort(ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.File+":"+p.Rule)
	}
	// By file, row, then rule-table order (the name rule precedes mobile).
	want := []string{"a:DEPT_LEADER_UNKNOWN", "b:USER_NAME_REQUIRED", "b:USER_NAME_REQUIRED", "b:USER_MOBILE_FORMAT"}
	if !slices.Equal(got, want) || ps[1].Row != 1 {
		t.Errorf("sorted %v", got)
	}
	if e, w := Count(ps); e != 3 || w != 1 || !HasErrors(ps) || HasErrors(ps[:1]) {
		t.Errorf("count %d errors %d warnings", e, w)
	}
	if Unreadable(ps) || !Unreadable(append(ps, New("FILE_UNREADABLE", Loc{File: "c"}, "binary"))) {
		t.Error("Unreadable")
	}
}
