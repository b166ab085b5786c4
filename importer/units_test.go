package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
)

func unitsByID(srv *sandbox.Server) map[string]feishu.Unit {
	out := map[string]feishu.Unit{}
	for _, u := range srv.Units() {
		out[u.UnitID] = u
	}
	return out
}

// TestUnits: units are created (with their unit_id, or one derived from
// name and type), matched by name and type, renamed; departments are bound
// to a unit named by unit_id or by name, moved from another unit, and one
// naming a unit that exists nowhere is imported without it. A second run
// has nothing to do.
func TestUnits(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	c := tn.paced()
	ctx := t.Context()
	for _, u := range []feishu.Unit{{UnitID: "BU1", Name: "华东子公司", UnitType: "子公司"}, {UnitID: "OLD", Name: "老事业部", UnitType: "事业部"}, {UnitID: "KEEP", Name: "华北子公司", UnitType: "子公司"}} {
		if _, err := c.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tn.srv.SeedDepartment(feishu.Department{DepartmentID: "X", Name: "老部门", ParentDepartmentID: "0", UnitIDs: []string{"OLD"}}); err != nil {
		t.Fatal(err)
	}
	o := writeCSVs(t, map[string]string{
		"n.csv": "unit_id,name,unit_type\n" +
			"BU1,华东子公司（新）,子公司\n" + // renamed
			",华南子公司,子公司\n" + //         created, unit_id derived
			"BU3,研发事业部,事业部\n" + //      created
			",华北子公司,子公司\n", //         matched by name and type: KEEP
		"d.csv": "department_id,name,parent_department_id,unit\n" +
			"D1,研发,0,BU3\n" +
			"D2,销售,0,华南子公司\n" +
			"D3,北方,0,华北子公司\n" +
			"X,老部门,0,BU1\n" + //   moved from OLD to BU1
			"D4,别处,0,BU9\n", //     exists nowhere: imported without a unit
	})
	p := tn.planFor(t, o)
	derived := org.DerivedUnitID("子公司", "华南子公司")
	want := map[string]plan.Action{"BU1": plan.ActionUpdate, derived: plan.ActionCreate, "BU3": plan.ActionCreate, "KEEP": plan.ActionUnchanged,
		"D1": plan.ActionCreate, "X": plan.ActionUpdate, "D4": plan.ActionCreate}
	for _, ch := range p.Changes {
		if a, ok := want[ch.Key]; ok && ch.Action != a {
			t.Errorf("%s %s: %s, want %s", ch.Kind, ch.Key, ch.Action, a)
		}
		if ch.Key == "D4" {
			text := ""
			for _, pr := range ch.Problems {
				if pr.Rule == "PLAN_UNIT_MISSING" {
					text = pr.Text()
				}
			}
			if text != "单位「BU9」既不在单位表内也不在飞书中：部门导入但不绑定单位 / unit \"BU9\" is neither in the units sheet nor in Feishu; the department is imported without it" {
				t.Errorf("D4: %q", text)
			}
		}
	}
	res := tn.run(t, p, Options{Workers: 4})
	for _, oc := range res.Outcomes {
		if oc.Status == StatusFailed || oc.Status == StatusSkipped {
			t.Errorf("%s %s: %s %d %s", oc.Change.Kind, oc.Change.Key, oc.Status, oc.Code, oc.Message)
		}
		if oc.Change.Kind == plan.KindUnit && oc.IDs.UnitID != oc.Change.Key {
			t.Errorf("unit %s reported with unit_id %q", oc.Change.Key, oc.IDs.UnitID)
		}
	}
	units := unitsByID(tn.srv)
	if units["BU1"].Name != "华东子公司（新）" || units[derived].Name != "华南子公司" || units["BU3"].UnitType != "事业部" || len(units) != 5 {
		t.Errorf("units %+v", units)
	}
	bound := map[string]string{"D1": "BU3", "D2": derived, "D3": "KEEP", "X": "BU1", "D4": ""}
	for id, d := range deptsByID(tn.srv) {
		got := ""
		if len(d.UnitIDs) > 0 {
			got = d.UnitIDs[0]
		}
		if got != bound[id] {
			t.Errorf("%s bound to %q, want %q", id, got, bound[id])
		}
	}
	if again := tn.planFor(t, o); len(again.Steps) != 0 {
		t.Errorf("re-run: %s", plan.Summary(again))
	}
}

// TestUnitConflicts: a unit's type cannot change, and a name and type
// another unit has cannot be taken.
func TestUnitConflicts(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	for _, u := range []feishu.Unit{{UnitID: "BU1", Name: "一", UnitType: "子公司"}, {UnitID: "BU2", Name: "二", UnitType: "子公司"}} {
		if _, err := tn.paced().CreateUnit(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	o := writeCSVs(t, map[string]string{"n.csv": "unit_id,name,unit_type\nBU1,一,事业部\nBU2,一,子公司\nBU3,二,子公司\n"})
	p := tn.planFor(t, o)
	want := map[string]string{"BU1": "PLAN_UNIT_TYPE_FIXED", "BU2": "PLAN_UNIT_NAME_TAKEN", "BU3": "PLAN_UNIT_NAME_TAKEN"}
	for _, c := range p.Changes {
		if c.Action != plan.ActionBlocked || len(c.Problems) != 1 || c.Problems[0].Rule != want[c.Key] {
			t.Errorf("%s: %s %v", c.Key, c.Action, c.Problems)
		}
	}
}

// TestTenantWithoutUnits: a tenant without the enterprise edition gets one
// problem for the whole sheet; the unit rows are skipped for it, the
// departments and users are imported, and no unit endpoint is written to.
func TestTenantWithoutUnits(t *testing.T) {
	tn := newTenant(t, sandbox.Options{NoEnterprise: true})
	o := writeCSVs(t, map[string]string{
		"n.csv": "unit_id,name,unit_type\nBU1,一,子公司\nBU2,二,子公司\n",
		"d.csv": "department_id,name,parent_department_id,unit\nD1,研发,0,BU1\nD2,销售,0,BU2\nD3,行政,0,\n",
		"u.csv": "user_id,name,mobile,department_ids,employee_type\nu1,甲,13800000001,D1,1\n",
	})
	p := tn.planFor(t, o)
	var unitProblems []problem.Problem
	for _, pr := range p.Problems {
		if pr.Rule == "PLAN_UNITS_UNAVAILABLE" {
			unitProblems = append(unitProblems, pr)
		}
	}
	if len(unitProblems) != 1 || !strings.Contains(unitProblems[0].Message, "2 units and 2 departments") || unitProblems[0].Row != 0 {
		t.Fatalf("problems %v", p.Problems)
	}
	tn.srv.ResetStats()
	res := tn.run(t, p, Options{Workers: 2})
	for _, oc := range res.Outcomes {
		want := StatusCreated
		if oc.Change.Kind == plan.KindUnit {
			want = StatusSkipped
		}
		if oc.Status != want {
			t.Errorf("%s %s: %s, want %s", oc.Change.Kind, oc.Change.Key, oc.Status, want)
		}
	}
	st := tn.srv.Stats().Endpoints
	for _, ep := range []feishu.Endpoint{feishu.EPCreateUnit, feishu.EPBindUnit} {
		if st[ep].Calls != 0 {
			t.Errorf("%s called %d times", ep, st[ep].Calls)
		}
	}
}

// TestUnitsProhibitedAtImport: when the tenant says 43050 only at the
// first unit write (a plan that did not know), the other unit steps are
// not sent.
func TestUnitsProhibitedAtImport(t *testing.T) {
	tn := newTenant(t, sandbox.Options{NoEnterprise: true})
	o := writeCSVs(t, map[string]string{
		"n.csv": "unit_id,name,unit_type\nBU1,一,子公司\nBU2,二,子公司\nBU3,三,子公司\n",
		"d.csv": "department_id,name,parent_department_id,unit\nD1,研发,0,BU1\n",
	})
	p := plan.Build(o, nil, tenant.New()) // as if the listing had said nothing
	res := tn.run(t, p, Options{Workers: 1})
	if n := tn.srv.Stats().Endpoints[feishu.EPCreateUnit].Calls; n != 1 {
		t.Errorf("%d unit creates sent, want 1", n)
	}
	for _, oc := range res.Outcomes {
		switch {
		case oc.Change.Kind == plan.KindUnit && (oc.Status != StatusFailed || oc.Code != 43050 || oc.Hint == ""):
			t.Errorf("unit %s: %s %d %q", oc.Change.Key, oc.Status, oc.Code, oc.Hint)
		case oc.Change.Key == "D1" && (oc.Status != StatusCreated || len(oc.Warnings) != 1):
			t.Errorf("D1: %s %s %v", oc.Status, oc.Message, oc.Warnings)
		}
	}
	if d := deptsByID(tn.srv)["D1"]; !reflect.DeepEqual(d.UnitIDs, []string(nil)) {
		t.Errorf("D1 units %v", d.UnitIDs)
	}
}
