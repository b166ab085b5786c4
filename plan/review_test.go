package plan

import (
	"testing"

	"github.com/orgbatch/orgbatch/tenant"
)

// Cases found in review: each used to panic, create something it should
// not, or send a leader that would never exist.

func TestPathDepartmentUnderABlockedParent(t *testing.T) {
	// D1 is invalid (its order); a user's path goes through it by name.
	o, ps := sheetOrg(t, "department_id,name,parent_department_id,order\nD1,研发,0,abc\n",
		pathUsers+"a,甲,13800000001,研发/前端组,1\n")
	p := BuildWith(o, ps, tenant.New(), Options{}) // must not panic
	for _, c := range p.Changes {
		if c.FromPath && c.Action != ActionBlocked {
			t.Errorf("%s created under a blocked parent", c.Path)
		}
	}
	if a := change(p, "a"); a.Action != ActionBlocked || a.BlockedBy == "" {
		t.Errorf("a: %s blocked by %q", a.Action, a.BlockedBy)
	}
}

func TestBlockedManagerIsLeftOut(t *testing.T) {
	o, ps := sheetOrg(t, "department_id,name,parent_department_id,leader_user_id\nD,部门,0,m\n",
		"user_id,name,mobile,department_ids,employee_type,leader_user_id\n"+
			"m,经理,13800000001,D,1,\n"+
			"r,员工,13800000002,D,1,m\n")
	tn := tenant.New()
	tn.ByMobile["+8613800000001"] = "someone-else" // m is blocked online
	p := BuildWith(o, ps, tn, Options{})
	r := change(p, "r")
	if r.Action != ActionCreate || userBody(r.Steps[0]).LeaderUserID != "" || len(r.Steps[0].Soft) != 0 || rules(r) != "PLAN_LEADER_MISSING" {
		t.Errorf("r: %s leader %q dep %v rules %s", r.Action, userBody(r.Steps[0]).LeaderUserID, r.Steps[0].Soft, rules(r))
	}
	for _, s := range p.Steps {
		if s.ID.String() == "dept-leader:D" {
			t.Error("a leader step for a leader who will never exist")
		}
	}
	if d := change(p, "D"); d.Action != ActionCreate || rules(d) != "PLAN_LEADER_MISSING" {
		t.Errorf("D: %s %s", d.Action, rules(d))
	}
}

func TestTopLevelBySlashIsNotTheCompany(t *testing.T) {
	o, ps := sheetOrg(t, "name,parent_path\n星辰科技,/\n技术中心,星辰科技\n", pathUsers+"a,甲,13800000001,星辰科技/技术中心,1\n")
	for _, pr := range ps {
		if pr.Rule == "PATH_ROOT" {
			t.Errorf("星辰科技 is a top-level department of the sheet, not the company: %v", pr)
		}
	}
	p := BuildWith(o, ps, tenant.New(), Options{})
	if p.FromPath() != 0 {
		t.Errorf("%d departments created from paths", p.FromPath())
	}
	a := change(p, "a")
	tech := PathID([]string{"星辰科技", "技术中心"})
	if userBody(a.Steps[0]).DepartmentIDs[0] != tech {
		t.Errorf("a in %v, want %s", userBody(a.Steps[0]).DepartmentIDs, tech)
	}
}

func TestInvalidRowsCreateNothingFromTheirPaths(t *testing.T) {
	o, ps := sheetOrg(t, "name,parent_path\n前端组,错误//路径\n", "")
	p := BuildWith(o, ps, tenant.New(), Options{})
	if p.FromPath() != 0 || len(p.Steps) != 0 {
		t.Errorf("an invalid row's path created %d departments", p.FromPath())
	}
}

func TestDuplicatePathRowsAreReported(t *testing.T) {
	o, ps := sheetOrg(t, "name,parent_path\n技术中心,\n前端组,技术中心\n前端组,技术中心\n", "")
	found := false
	for _, pr := range ps {
		found = found || pr.Rule == "DEPT_NAME_SIBLING_DUPLICATE" && pr.Row == 4
	}
	if !found {
		t.Fatalf("duplicate not reported: %v", ps)
	}
	p := BuildWith(o, ps, tenant.New(), Options{})
	blocked := 0
	for _, c := range p.Changes {
		if c.Action == ActionBlocked {
			blocked++
			if len(c.Problems) == 0 {
				t.Error("blocked without a problem")
			}
		}
	}
	if blocked != 1 {
		t.Errorf("%d blocked", blocked)
	}
}

func TestTokensCarryTheRunSalt(t *testing.T) {
	o, ps := sheetOrg(t, "department_id,name,parent_department_id\nD,部门,0\n", "")
	a := BuildWith(o, ps, tenant.New(), Options{TokenSalt: "run-1"})
	b := BuildWith(o, ps, tenant.New(), Options{TokenSalt: "run-1"})
	c := BuildWith(o, ps, tenant.New(), Options{TokenSalt: "run-2"})
	if a.Steps[0].ClientToken != b.Steps[0].ClientToken || a.Steps[0].ClientToken == c.Steps[0].ClientToken {
		t.Error("the salt does not decide the token")
	}
}
