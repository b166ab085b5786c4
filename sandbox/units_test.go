package sandbox_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

const units = feishu.PathUnits

func (c *client) mkUnit(id, name, typ string) string {
	c.t.Helper()
	var out feishu.UnitCreated
	c.ok("POST", units, feishu.Unit{UnitID: id, Name: name, UnitType: typ}, &out)
	return out.UnitID
}

func TestCreateUnitRules(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkUnit("BU1", "消费者事业部", "事业部")
	tests := []struct {
		name string
		body feishu.Unit
		code int
	}{
		{"ok", feishu.Unit{UnitID: "BU2", Name: "企业事业部", UnitType: "事业部"}, 0},
		{"generated id", feishu.Unit{Name: "华东子公司", UnitType: "子公司"}, 0},
		{"same name, other type", feishu.Unit{Name: "消费者事业部", UnitType: "BU"}, 0},
		{"empty name", feishu.Unit{UnitType: "事业部"}, 43052},
		{"name 101 characters", feishu.Unit{Name: strings.Repeat("名", 101), UnitType: "事业部"}, 43052},
		{"name 100 characters", feishu.Unit{Name: strings.Repeat("名", 100), UnitType: "事业部"}, 0},
		{"empty type", feishu.Unit{Name: "X"}, 43053},
		{"type 101 characters", feishu.Unit{Name: "X", UnitType: strings.Repeat("t", 101)}, 43053},
		{"id with a dash", feishu.Unit{UnitID: "BU-3", Name: "X", UnitType: "T"}, 43051},
		{"id 65 characters", feishu.Unit{UnitID: strings.Repeat("a", 65), Name: "X", UnitType: "T"}, 43051},
		{"duplicate id", feishu.Unit{UnitID: "BU1", Name: "Y", UnitType: "T"}, 43056},
		{"name and type taken", feishu.Unit{Name: "消费者事业部", UnitType: "事业部"}, 43055},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do("POST", units, tt.body)
			if r.code != tt.code || (tt.code == 0) != (r.status == 200) {
				t.Fatalf("got HTTP %d %s, want code %d", r.status, r.raw, tt.code)
			}
			if tt.code == 0 && tt.body.UnitID == "" {
				var out feishu.UnitCreated
				if json.Unmarshal(r.data, &out) != nil || out.UnitID == "" {
					t.Fatalf("no generated unit_id: %s", r.raw)
				}
			}
		})
	}
}

func TestUnitLimit(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	for i := 0; i < feishu.MaxUnits; i++ {
		c.mkUnit(fmt.Sprintf("U%d", i), fmt.Sprintf("单位%d", i), "T")
	}
	c.wantCode(43059, "POST", units, feishu.Unit{Name: "one too many", UnitType: "T"})
}

func TestUnitListingAndGet(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	for i := 0; i < 5; i++ {
		c.mkUnit(fmt.Sprintf("U%d", i), fmt.Sprintf("单位%d", i), "T")
	}
	// The items are under "unitlist", not "items".
	r := c.do("GET", units+q("page_size", "2"), nil)
	if !strings.Contains(string(r.data), `"unitlist":[`) || strings.Contains(string(r.data), `"items"`) {
		t.Fatalf("listing shape: %s", r.data)
	}
	var got []string
	token := ""
	for page := 0; ; page++ {
		qs := q("page_size", "2")
		if token != "" {
			qs = q("page_size", "2", "page_token", token)
		}
		var p struct {
			HasMore   bool          `json:"has_more"`
			PageToken string        `json:"page_token"`
			UnitList  []feishu.Unit `json:"unitlist"`
		}
		c.ok("GET", units+qs, nil, &p)
		for _, u := range p.UnitList {
			got = append(got, u.UnitID)
		}
		if !p.HasMore {
			if p.PageToken != "" {
				t.Fatal("a last page with a page_token")
			}
			break
		}
		token = p.PageToken
	}
	if !reflect.DeepEqual(got, []string{"U0", "U1", "U2", "U3", "U4"}) {
		t.Fatalf("listed %v", got)
	}
	c.wantCode(40011, "GET", units+q("page_size", "101"), nil)
	c.wantCode(40012, "GET", units+q("page_token", "bogus"), nil)
	var one feishu.UnitData
	c.ok("GET", units+"/U3", nil, &one)
	if *one.Unit != (feishu.Unit{UnitID: "U3", Name: "单位3", UnitType: "T"}) {
		t.Fatalf("get: %+v", one.Unit)
	}
	c.wantCode(43051, "GET", units+"/nope", nil)
}

func TestPatchAndDeleteUnit(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkUnit("U1", "一", "T")
	c.mkUnit("U2", "二", "T")
	c.mkUnit("U3", "二", "Other")
	c.ok("PATCH", units+"/U1", feishu.UnitPatch{Name: "壹"}, nil)
	c.wantCode(43055, "PATCH", units+"/U1", feishu.UnitPatch{Name: "二"})
	c.wantCode(43052, "PATCH", units+"/U1", feishu.UnitPatch{})
	c.wantCode(43051, "PATCH", units+"/nope", feishu.UnitPatch{Name: "x"})
	c.ok("PATCH", units+"/U3", feishu.UnitPatch{Name: "三"}, nil)
	var one feishu.UnitData
	c.ok("GET", units+"/U1", nil, &one)
	if one.Unit.Name != "壹" || one.Unit.UnitType != "T" {
		t.Fatalf("renamed: %+v", one.Unit)
	}
	c.mkDept("d", "0", "D")
	c.ok("POST", feishu.PathUnitBind, feishu.UnitBinding{UnitID: "U1", DepartmentID: "d", DepartmentIDType: "department_id"}, nil)
	c.ok("DELETE", units+"/U1", nil, nil)
	c.wantCode(43051, "GET", units+"/U1", nil)
	if got := c.getDept("d").UnitIDs; got != nil {
		t.Fatalf("a deleted unit stays bound: %v", got)
	}
	c.wantCode(43051, "DELETE", units+"/U1", nil)
	// Its name and ID are free again.
	c.mkUnit("U1", "壹", "T")
}

func TestBindDepartments(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	c.mkUnit("U1", "一", "T")
	c.mkUnit("U2", "二", "T")
	d := c.mkDept("d", "0", "D")
	c.mkDept("e", "0", "E")
	bind := func(unit, dept, typ string) feishu.UnitBinding {
		return feishu.UnitBinding{UnitID: unit, DepartmentID: dept, DepartmentIDType: typ}
	}
	c.ok("POST", feishu.PathUnitBind, bind("U1", "d", "department_id"), nil)
	c.ok("POST", feishu.PathUnitBind, bind("U1", "d", "department_id"), nil) // again: no change
	c.wantCode(43054, "POST", feishu.PathUnitBind, bind("U2", "d", "department_id"))
	c.wantCode(43051, "POST", feishu.PathUnitBind, bind("U9", "e", "department_id"))
	c.wantCode(43058, "POST", feishu.PathUnitBind, bind("U1", "nope", "department_id"))
	c.wantCode(43058, "POST", feishu.PathUnitBind, bind("U1", "0", "department_id"))
	// The body's department_id_type decides, default open_department_id.
	c.wantCode(43058, "POST", feishu.PathUnitBind, bind("U1", "e", ""))
	c.ok("POST", feishu.PathUnitBind, bind("U1", c.getDept("e").OpenDepartmentID, ""), nil)
	if got := c.getDept("d").UnitIDs; !reflect.DeepEqual(got, []string{"U1"}) {
		t.Fatalf("unit_ids %v", got)
	}
	var p struct {
		HasMore        bool                    `json:"has_more"`
		DepartmentList []feishu.UnitDepartment `json:"departmentlist"`
	}
	c.ok("GET", feishu.PathUnitDepartments+q("unit_id", "U1", "department_id_type", "department_id"), nil, &p)
	if want := []feishu.UnitDepartment{{UnitID: "U1", DepartmentID: "d"}, {UnitID: "U1", DepartmentID: "e"}}; !reflect.DeepEqual(p.DepartmentList, want) || p.HasMore {
		t.Fatalf("list_department %+v", p)
	}
	c.ok("GET", feishu.PathUnitDepartments+q("unit_id", "U1"), nil, &p)
	if p.DepartmentList[0].DepartmentID != d.OpenDepartmentID {
		t.Fatalf("list_department in open IDs: %+v", p)
	}
	c.wantCode(43051, "GET", feishu.PathUnitDepartments, nil)
	// Unbind, then the other unit may have it.
	c.ok("POST", feishu.PathUnitUnbind, bind("U1", "d", "department_id"), nil)
	c.ok("POST", feishu.PathUnitUnbind, bind("U2", "e", "department_id"), nil) // not bound to U2: no change
	c.ok("POST", feishu.PathUnitBind, bind("U2", "d", "department_id"), nil)
	if got := c.getDept("e").UnitIDs; !reflect.DeepEqual(got, []string{"U1"}) {
		t.Fatalf("unbinding another unit changed e: %v", got)
	}
	// A department created with unit_ids is bound; deleting it unbinds.
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "f", ParentDepartmentID: "0", Name: "F", UnitIDs: []string{"U2"}}, nil)
	c.wantCode(43004, "POST", depts+custom, feishu.Department{ParentDepartmentID: "0", Name: "G", UnitIDs: []string{"U9"}})
	c.wantCode(43004, "POST", depts+custom, feishu.Department{ParentDepartmentID: "0", Name: "G", UnitIDs: []string{"U1", "U2"}})
	c.ok("DELETE", depts+"/f"+custom, nil, nil)
	c.ok("GET", feishu.PathUnitDepartments+q("unit_id", "U2", "department_id_type", "department_id"), nil, &p)
	if want := []feishu.UnitDepartment{{UnitID: "U2", DepartmentID: "d"}}; !reflect.DeepEqual(p.DepartmentList, want) {
		t.Fatalf("after delete: %+v", p)
	}
}

func TestUnitDepartmentLimit(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	c.mkUnit("U1", "一", "T")
	for i := 0; i <= feishu.MaxUnitDepartments; i++ {
		parent := fmt.Sprintf("p%d", i/900)
		if i%900 == 0 {
			if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: parent, ParentDepartmentID: "0", Name: parent}); err != nil {
				t.Fatal(err)
			}
		}
		id := fmt.Sprintf("d%d", i)
		if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: id, ParentDepartmentID: parent, Name: id}); err != nil {
			t.Fatal(err)
		}
		b := feishu.UnitBinding{UnitID: "U1", DepartmentID: id, DepartmentIDType: "department_id"}
		if i < feishu.MaxUnitDepartments {
			c.ok("POST", feishu.PathUnitBind, b, nil)
		} else {
			c.wantCode(43017, "POST", feishu.PathUnitBind, b)
		}
	}
}

// A tenant without the enterprise edition answers 43050 on every unit
// endpoint, and its departments cannot name units.
func TestNoEnterpriseEdition(t *testing.T) {
	_, c := start(t, sandbox.Options{NoEnterprise: true})
	c.mkDept("d", "0", "D")
	calls := []struct{ method, path string }{
		{"POST", units}, {"GET", units}, {"GET", units + "/U1"}, {"PATCH", units + "/U1"}, {"DELETE", units + "/U1"},
		{"POST", feishu.PathUnitBind}, {"POST", feishu.PathUnitUnbind}, {"GET", feishu.PathUnitDepartments + q("unit_id", "U1")},
	}
	for _, call := range calls {
		r := c.wantCode(43050, call.method, call.path, feishu.Unit{UnitID: "U1", Name: "一", UnitType: "T"})
		if r.status != 400 {
			t.Fatalf("%s %s: HTTP %d", call.method, call.path, r.status)
		}
	}
	c.wantCode(43004, "POST", depts+custom, feishu.Department{ParentDepartmentID: "0", Name: "G", UnitIDs: []string{"U1"}})
	// A seed with units cannot be loaded into such a tenant.
	_, err := sandbox.New(sandbox.Options{NoEnterprise: true, SeedPath: writeSeed(t, sandbox.StateFile{Units: []feishu.Unit{{UnitID: "U1", Name: "一", UnitType: "T"}}})})
	if err == nil || !strings.Contains(err.Error(), "43050") {
		t.Fatalf("seed with units: %v", err)
	}
}

func writeSeed(t *testing.T, f sandbox.StateFile) string {
	t.Helper()
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	p := t.TempDir() + "/seed.json"
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
