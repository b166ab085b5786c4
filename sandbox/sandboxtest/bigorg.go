package sandboxtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

// seeder seeds departments and users with unique mobiles.
type seeder struct {
	srv    *sandbox.Server
	nUsers int
}

func (s *seeder) dept(t testing.TB, id, parent, name string, mod ...func(*feishu.Department)) {
	t.Helper()
	d := feishu.Department{DepartmentID: id, ParentDepartmentID: parent, Name: name}
	for _, m := range mod {
		m(&d)
	}
	if _, err := s.srv.SeedDepartment(d); err != nil {
		t.Fatal(err)
	}
}

func (s *seeder) user(t testing.TB, id, name string, depts []string, mod ...func(*feishu.User)) {
	t.Helper()
	s.nUsers++
	u := feishu.User{UserID: id, Name: name, Mobile: fmt.Sprintf("138%08d", s.nUsers), DepartmentIDs: depts, EmployeeType: 1}
	for _, m := range mod {
		m(&u)
	}
	if _, err := s.srv.SeedUser(u); err != nil {
		t.Fatal(err)
	}
}

// BigOrg is what SeedBigOrg made.
type BigOrg struct {
	Depts      int    // departments besides the root
	Deepest    string // a department at depth chainDepth
	ChainDepth int
	BigDept    string // 120 direct members: three find_by_department pages
	Multi      string // a user in three departments
	MultiDepts []string
	Resigned   []string
	Frozen     []string
	Unjoined   []string
	Activated  []string
}

// SeedBigOrg seeds 140 departments (three children pages) with a chain 8
// deep, a department of 120 direct members, one of exactly 50 and one of
// 51, members of the root itself, users in several departments, and users
// resigned (by DELETE over HTTP and by SetUserStatus), frozen, unjoined
// and activated.
func SeedBigOrg(t testing.TB, srv *sandbox.Server, api *feishu.Client) BigOrg {
	t.Helper()
	b := BigOrg{Depts: 140, ChainDepth: 8}
	tn := &seeder{srv: srv}
	ids := seedBigDepts(t, tn, &b)
	b.BigDept, b.MultiDepts = "D020", []string{"D030", "D020", "C3"}
	n := 0
	next := func() string { n++; return fmt.Sprintf("u%04d", n) }
	for _, g := range []struct {
		n    int
		name string
		dept string
	}{{120, "大部门成员", b.BigDept}, {50, "五十", "D040"}, {51, "五十一", "D041"}, {3, "根成员", "0"}} {
		for range g.n {
			tn.user(t, next(), g.name, []string{g.dept})
		}
	}
	b.Multi = next()
	tn.user(t, b.Multi, "多部门", b.MultiDepts, func(u *feishu.User) { u.Email = "multi@example.com"; u.Gender = 2 })
	for i := range 15 {
		tn.user(t, next(), "兼任", []string{ids[(i*13)%len(ids)], b.BigDept})
	}
	lead := next()
	tn.user(t, lead, "负责人", []string{b.Deepest}, func(u *feishu.User) { u.JobTitle = "总监"; u.City = "上海" })
	tn.user(t, next(), "下属", []string{b.Deepest}, func(u *feishu.User) {
		u.LeaderUserID, u.EmployeeType, u.JoinTime, u.EmployeeNo = lead, 2, 1704124800, "000777"
	})
	tn.user(t, next(), "海外", []string{"D050"}, func(u *feishu.User) { u.Mobile, u.Email = "+447911123456", "uk@example.com" })
	for range 6 {
		b.Resigned = append(b.Resigned, next())
		tn.user(t, b.Resigned[len(b.Resigned)-1], "离职", []string{"D040", "D060"})
	}
	if _, err := api.PatchDepartment(context.Background(), b.Deepest, feishu.DepartmentPatch{LeaderUserID: &lead}); err != nil {
		t.Fatal(err)
	}
	seedStatuses(t, tn, api, &b, next)
	return b
}

// seedBigDepts seeds the departments and returns their IDs in order.
func seedBigDepts(t testing.TB, tn *seeder, b *BigOrg) []string {
	depth := map[string]int{"0": 0}
	ids := []string{}
	add := func(id, parent string, mod ...func(*feishu.Department)) {
		tn.dept(t, id, parent, "部门"+id, mod...)
		depth[id] = depth[parent] + 1
		ids = append(ids, id)
	}
	parent := "0"
	for i := 1; i <= b.ChainDepth; i++ {
		id := fmt.Sprintf("C%d", i)
		add(id, parent)
		parent = id
	}
	b.Deepest = parent
	for i := len(ids) + 1; i <= b.Depts; i++ {
		p := ids[(i*37)%len(ids)]
		if depth[p] >= 10 || i%10 == 0 {
			p = "0"
		}
		id := fmt.Sprintf("D%03d", i)
		var mods []func(*feishu.Department)
		if i%9 == 0 {
			mods = append(mods, func(d *feishu.Department) { d.I18nName = &feishu.I18nName{EnUs: "Dept " + id, JaJp: "部署" + id} })
		}
		if i%11 == 0 {
			mods = append(mods, func(d *feishu.Department) { d.CreateGroupChat = true })
		}
		if p == "0" {
			// Top-level orders given out of creation order: the export
			// sorts siblings by order, not by creation.
			o := fmt.Sprint(1000 - i)
			mods = append(mods, func(d *feishu.Department) { d.Order = o })
		}
		add(id, p, mods...)
	}
	return ids
}

// seedStatuses resigns b.Resigned (half by DELETE over HTTP, as an admin
// would, half by SetUserStatus) and adds frozen, unjoined and activated
// users.
func seedStatuses(t testing.TB, tn *seeder, api *feishu.Client, b *BigOrg, next func() string) {
	for i, id := range b.Resigned {
		var err error
		if i%2 == 0 {
			err = api.DeleteUser(context.Background(), id, feishu.UserDelete{})
		} else {
			err = tn.srv.SetUserStatus(id, feishu.UserStatus{IsResigned: true})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	setStatus := func(list *[]string, st feishu.UserStatus, k int) {
		for range k {
			id := next()
			tn.user(t, id, "状态", []string{"D070"})
			if err := tn.srv.SetUserStatus(id, st); err != nil {
				t.Fatal(err)
			}
			*list = append(*list, id)
		}
	}
	setStatus(&b.Frozen, feishu.UserStatus{IsFrozen: true, IsActivated: true}, 3)
	setStatus(&b.Unjoined, feishu.UserStatus{IsUnjoin: true}, 2)
	setStatus(&b.Activated, feishu.UserStatus{IsActivated: true}, 4)
}
