package exporter_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// tenant is a sandbox with a client and pacer pointed at it, as the CLI's
// target builds them.
type tenant struct {
	srv   *sandbox.Server
	url   string
	api   *feishu.Client
	pacer *feishu.Pacer

	nUsers int // users seeded, for unique mobiles
}

// startTenant starts a sandbox. Without rate limits (RateScale 0) the
// pacer does not limit either, so tests run at full speed.
func startTenant(t *testing.T, opts sandbox.Options) *tenant {
	t.Helper()
	srv, url := sandboxtest.Start(t, opts)
	api := sandbox.NewClient(url)
	pacerOpt := feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{})
	if opts.RateScale > 0 {
		pacerOpt = feishu.WithRateScale(opts.RateScale)
	}
	return &tenant{srv: srv, url: url, api: api, pacer: feishu.NewPacer(pacerOpt)}
}

func (tn *tenant) walk(t *testing.T, opts exporter.Options) *exporter.Snapshot {
	t.Helper()
	snap, err := exporter.Walk(context.Background(), tn.api, tn.pacer, opts)
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return snap
}

func (tn *tenant) dept(t *testing.T, id, parent, name string, mod ...func(*feishu.Department)) {
	t.Helper()
	d := feishu.Department{DepartmentID: id, ParentDepartmentID: parent, Name: name}
	for _, m := range mod {
		m(&d)
	}
	if _, err := tn.srv.SeedDepartment(d); err != nil {
		t.Fatal(err)
	}
}

func (tn *tenant) user(t *testing.T, id, name string, depts []string, mod ...func(*feishu.User)) {
	t.Helper()
	tn.nUsers++
	u := feishu.User{UserID: id, Name: name, Mobile: fmt.Sprintf("138%08d", tn.nUsers), DepartmentIDs: depts, EmployeeType: 1}
	for _, m := range mod {
		m(&u)
	}
	if _, err := tn.srv.SeedUser(u); err != nil {
		t.Fatal(err)
	}
}

// bigOrg is what seedBigOrg made.
type bigOrg struct {
	depts      int    // departments besides the root
	deepest    string // a department at depth chainDepth
	chainDepth int
	bigDept    string // 120 direct members: three find_by_department pages
	multi      string // a user in three departments
	multiDepts []string
	resigned   []string
	frozen     []string
	unjoined   []string
	activated  []string
}

// seedBigOrg seeds 140 departments (three children pages) with a chain 8
// deep, a department of 120 direct members, one of exactly 50 and one of
// 51, members of the root itself, users in several departments, and users
// resigned (by DELETE over HTTP and by SetUserStatus), frozen, unjoined
// and activated.
func seedBigOrg(t *testing.T, tn *tenant) bigOrg {
	t.Helper()
	b := bigOrg{depts: 140, chainDepth: 8}
	depth := map[string]int{"0": 0}
	ids := []string{}
	add := func(id, parent string, mod ...func(*feishu.Department)) {
		tn.dept(t, id, parent, "部门"+id, mod...)
		depth[id] = depth[parent] + 1
		ids = append(ids, id)
	}
	parent := "0"
	for i := 1; i <= b.chainDepth; i++ {
		id := fmt.Sprintf("C%d", i)
		add(id, parent)
		parent = id
	}
	b.deepest = parent
	for i := len(ids) + 1; i <= b.depts; i++ {
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
	b.bigDept, b.multiDepts = "D020", []string{"D030", "D020", "C3"}
	n := 0
	next := func() string { n++; return fmt.Sprintf("u%04d", n) }
	for range 120 {
		tn.user(t, next(), "大部门成员", []string{b.bigDept})
	}
	for range 50 {
		tn.user(t, next(), "五十", []string{"D040"})
	}
	for range 51 {
		tn.user(t, next(), "五十一", []string{"D041"})
	}
	for range 3 {
		tn.user(t, next(), "根成员", []string{"0"})
	}
	b.multi = next()
	tn.user(t, b.multi, "多部门", b.multiDepts, func(u *feishu.User) { u.Email = "multi@example.com"; u.Gender = 2 })
	for i := range 15 {
		tn.user(t, next(), "兼任", []string{ids[(i*13)%len(ids)], b.bigDept})
	}
	lead := next()
	tn.user(t, lead, "负责人", []string{b.deepest}, func(u *feishu.User) { u.JobTitle = "总监"; u.City = "上海" })
	tn.user(t, next(), "下属", []string{b.deepest}, func(u *feishu.User) {
		u.LeaderUserID, u.EmployeeType, u.JoinTime, u.EmployeeNo = lead, 2, 1704124800, "000777"
	})
	tn.user(t, next(), "海外", []string{"D050"}, func(u *feishu.User) { u.Mobile, u.Email = "+447911123456", "uk@example.com" })
	for range 6 {
		b.resigned = append(b.resigned, next())
		tn.user(t, b.resigned[len(b.resigned)-1], "离职", []string{"D040", "D060"})
	}
	ctx := context.Background()
	if _, err := tn.api.PatchDepartment(ctx, b.deepest, feishu.DepartmentPatch{LeaderUserID: &lead}); err != nil {
		t.Fatal(err)
	}
	for i, id := range b.resigned {
		var err error
		if i%2 == 0 {
			err = tn.api.DeleteUser(ctx, id) // over HTTP, as an admin would
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
	setStatus(&b.frozen, feishu.UserStatus{IsFrozen: true, IsActivated: true}, 3)
	setStatus(&b.unjoined, feishu.UserStatus{IsUnjoin: true}, 2)
	setStatus(&b.activated, feishu.UserStatus{IsActivated: true}, 4)
	return b
}

// sandboxCalls are the answers the sandbox counted per endpoint.
func sandboxCalls(srv *sandbox.Server, eps ...feishu.Endpoint) map[feishu.Endpoint]sandbox.EndpointStats {
	st := srv.Stats()
	out := map[feishu.Endpoint]sandbox.EndpointStats{}
	for _, ep := range eps {
		out[ep] = st.Endpoints[ep]
	}
	return out
}
