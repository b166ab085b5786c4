package plan

import (
	"github.com/orgbatch/orgbatch/tenant"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
)

const pathUsers = "user_id,name,mobile,department_path,employee_type\n"

func TestPathsCreateMissingDepartmentsParentFirst(t *testing.T) {
	o, ps := sheetOrg(t, "", pathUsers+
		"a,甲,13800000001,总部/技术中心/前端组,1\n"+
		"b,乙,13800000002,总部/产品中心/前端组,1\n"+ // same name, other parent: another department
		"c,丙,13800000003,总部/技术 中心/后端组;总部/产品中心,1\n") // spelled with a space: the same 技术中心
	p := BuildWith(o, ps, tenant.New(), Options{})
	if n := p.FromPath(); n != 5 { // 技术中心, 前端组, 产品中心, 前端组, 后端组
		t.Fatalf("%d created from paths: %s", n, Summary(p))
	}
	ids := map[string]string{}
	for _, c := range p.Changes {
		if c.FromPath {
			ids[c.Path] = c.Key
		}
	}
	if ids["技术中心/前端组"] == ids["产品中心/前端组"] || ids["技术中心/前端组"] != PathID([]string{"技术中心", "前端组"}) {
		t.Errorf("IDs: %v", ids)
	}
	steps := map[string]*Step{}
	for _, s := range p.Steps {
		steps[s.ID.String()] = s
	}
	fe := steps["dept:"+ids["技术中心/前端组"]]
	if fe == nil || deptBody(fe).ParentDepartmentID != ids["技术中心"] || len(fe.Deps) != 1 || fe.Deps[0].String() != "dept:"+ids["技术中心"] {
		t.Errorf("前端组 step %+v", fe)
	}
	if top := steps["dept:"+ids["技术中心"]]; deptBody(top).ParentDepartmentID != "0" {
		t.Errorf("技术中心 parent %q: the company name 总部 must be the root", deptBody(top).ParentDepartmentID)
	}
	c := change(p, "c")
	if userBody(c.Steps[0]).DepartmentIDs[0] != ids["技术中心/后端组"] || len(userBody(c.Steps[0]).DepartmentIDs) != 2 {
		t.Errorf("c departments %v", userBody(c.Steps[0]).DepartmentIDs)
	}
}

func TestPathsAgainstTheTenant(t *testing.T) {
	o, ps := sheetOrg(t, "", pathUsers+"a,甲,13800000001,总部/技术中心/前端组,1\n")
	tn := tenant.New()
	// The tenant really has a top-level department named 总部: then 总部 is
	// not the company name but a department, and it is used.
	tn.Children["0"] = []feishu.Department{{DepartmentID: "HQ", Name: "总部", ParentDepartmentID: "0"}}
	tn.Children["HQ"] = []feishu.Department{{DepartmentID: "T", Name: "技术中心", ParentDepartmentID: "HQ"}}
	for _, c := range append(tn.Children["0"], tn.Children["HQ"]...) {
		d := c
		tn.Departments[d.DepartmentID] = &d
	}
	p := BuildWith(o, ps, tn, Options{})
	if p.FromPath() != 1 {
		t.Fatalf("created %d from paths: %s", p.FromPath(), Summary(p))
	}
	for _, c := range p.Changes {
		if c.FromPath && (c.Name != "前端组" || deptBody(c.Steps[0]).ParentDepartmentID != "T") {
			t.Errorf("created %+v under %s", c, deptBody(c.Steps[0]).ParentDepartmentID)
		}
	}
	// --path-root 总部 says otherwise: 技术中心 is then a top-level department.
	p = BuildWith(o, ps, tn, Options{PathRoot: "总部"})
	if p.FromPath() != 2 {
		t.Errorf("with --path-root: created %d from paths", p.FromPath())
	}
}

func TestPathsWithoutCreating(t *testing.T) {
	o, ps := sheetOrg(t, "", pathUsers+"a,甲,13800000001,总部/技术中心,1\nb,乙,13800000002,总部/不存在,1\n")
	tn := tenant.New()
	tn.Children["0"] = []feishu.Department{{DepartmentID: "T", Name: "技术中心", ParentDepartmentID: "0"}}
	tn.Departments["T"] = &tn.Children["0"][0]
	p := BuildWith(o, ps, tn, Options{NoCreateDepartments: true})
	if a := change(p, "a"); a.Action != ActionCreate || userBody(a.Steps[0]).DepartmentIDs[0] != "T" {
		t.Errorf("a: %+v", a)
	}
	if b := change(p, "b"); b.Action != ActionBlocked || rules(b) != "PATH_UNKNOWN" {
		t.Errorf("b: %s %s", b.Action, rules(b))
	}
	if p.FromPath() != 0 {
		t.Error("created a department with --no-create-departments")
	}
}

func TestDepartmentsPlacedByParentPath(t *testing.T) {
	o, ps := sheetOrg(t, "name,parent_path,leader_user_id\n技术中心,,\n前端组,技术中心,\n组件小组,技术中心/前端组,\n移动组,技术中心/移动端,\n", "")
	p := BuildWith(o, ps, tenant.New(), Options{})
	if len(ps) != 0 {
		t.Fatalf("problems: %v", ps)
	}
	byName := map[string]*Change{}
	for _, c := range p.Changes {
		byName[c.Name] = c
	}
	tech, fe, comp := byName["技术中心"], byName["前端组"], byName["组件小组"]
	if tech == nil || tech.FromPath || tech.Key != PathID([]string{"技术中心"}) || deptBody(tech.Steps[0]).ParentDepartmentID != "0" {
		t.Fatalf("技术中心 %+v", tech)
	}
	if deptBody(fe.Steps[0]).ParentDepartmentID != tech.Key || deptBody(comp.Steps[0]).ParentDepartmentID != fe.Key {
		t.Error("parent paths not followed")
	}
	// 移动端 is named by a path only: created from the path.
	if m := byName["移动端"]; m == nil || !m.FromPath || deptBody(byName["移动组"].Steps[0]).ParentDepartmentID != m.Key {
		t.Errorf("移动端 %+v", m)
	}
}

// TestBodiesSeedPathSheets: a path-shaped sheet yields create bodies in an
// order a tenant can be seeded in: every parent before its child, every
// manager before the report.
func TestBodiesSeedPathSheets(t *testing.T) {
	o, ps := sheetOrg(t, "", pathUsers+"m,经理,13800000001,总部/技术中心,1\n"+
		"r,员工,13800000002,总部/技术中心/前端组,1\n")
	if len(ps) != 1 { // PATH_ROOT
		t.Fatalf("problems %v", ps)
	}
	seed, _ := Bodies(o, feishu.Directory{}, Options{})
	depts, users := seed.Departments, seed.Users
	seen := map[string]bool{"0": true}
	for _, d := range depts {
		if !seen[d.ParentDepartmentID] {
			t.Errorf("%s before its parent %s", d.Name, d.ParentDepartmentID)
		}
		seen[d.DepartmentID] = true
	}
	if len(depts) != 2 || len(users) != 2 || users[1].DepartmentIDs[0] != depts[1].DepartmentID {
		t.Errorf("bodies %+v %+v", depts, users)
	}
}
