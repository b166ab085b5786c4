package tenant_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
	"github.com/orgbatch/orgbatch/tenant"
)

func sheet(t *testing.T, users string) *org.Org {
	t.Helper()
	p := filepath.Join(t.TempDir(), "users.csv")
	if err := os.WriteFile(p, []byte(users), 0o600); err != nil {
		t.Fatal(err)
	}
	o, ps := org.Load([]org.Input{{Path: p}})
	if problem.HasErrors(ps) {
		t.Fatalf("load: %v", ps)
	}
	return o
}

// TestFillAfterAWalk: a walked snapshot already holds every active user,
// department and contact, so filling it for a sheet reads only what the
// walk cannot list — here one resigned user, by ID.
func TestFillAfterAWalk(t *testing.T) {
	tn := start(t, sandbox.Options{})
	b := sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
	o := sheet(t, "user_id,name,mobile,department_ids,employee_type\n"+
		b.Multi+",多部门,13900000199,"+b.MultiDepts[0]+",1\n"+
		b.Resigned[0]+",离职,13900000198,D040,1\n")
	snap := tn.walk(t, 0, tenant.WalkOptions{})
	if snap.Users[b.Resigned[0]] != nil || snap.Users[b.Multi] == nil || snap.Departments["D040"] == nil {
		t.Fatalf("walk: resigned %v, multi %v", snap.Users[b.Resigned[0]], snap.Users[b.Multi])
	}
	tn.srv.ResetStats()
	if err := tn.reader(0).Fill(context.Background(), snap, o); err != nil {
		t.Fatal(err)
	}
	st := tn.srv.Stats().Endpoints
	if st[feishu.EPBatchUsers].Calls != 1 || st[feishu.EPBatchDepartments].Calls != 0 || st[feishu.EPBatchGetID].Calls != 1 {
		t.Errorf("fill calls: users %d, departments %d, batch_get_id %d", st[feishu.EPBatchUsers].Calls, st[feishu.EPBatchDepartments].Calls, st[feishu.EPBatchGetID].Calls)
	}
	if u := snap.Users[b.Resigned[0]]; u == nil || !tenant.Resigned(u) {
		t.Errorf("resigned user after fill: %+v", u)
	}
}

// TestForOrgReadsOnlyWhatTheSheetNames: an empty tenant costs two calls; a
// populated one is read by ID and contact, never listed whole.
func TestForOrgReadsOnlyWhatTheSheetNames(t *testing.T) {
	tn := start(t, sandbox.Options{})
	o := sheet(t, "user_id,name,mobile,department_ids,employee_type\nu0001,甲,13900000001,D020,1\n")
	snap, err := tn.reader(0).ForOrg(context.Background(), o, "")
	if err != nil || !snap.Empty || snap.CallTotal() != 2 {
		t.Fatalf("empty tenant: %v, empty %v, %d calls", err, snap.Empty, snap.CallTotal())
	}
	sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
	tn.srv.ResetStats()
	snap, err = tn.reader(0).ForOrg(context.Background(), o, "")
	if err != nil || snap.Empty {
		t.Fatal(err)
	}
	if snap.Users["u0001"] == nil || snap.Departments["D020"] == nil || snap.ByMobile["+8613900000001"] != "" {
		t.Errorf("snapshot: %v %v %v", snap.Users["u0001"], snap.Departments["D020"], snap.ByMobile)
	}
	st, sent := tn.srv.Stats().Endpoints, 0
	for ep, e := range st {
		if ep != feishu.EPTenantToken {
			sent += int(e.Calls)
		}
	}
	if st[feishu.EPFindByDepartment].Calls != 1 || st[feishu.EPChildren].Calls != 1 || snap.CallTotal() != sent {
		t.Errorf("listing calls: find_by_department %d, children %d; snapshot counted %d", st[feishu.EPFindByDepartment].Calls, st[feishu.EPChildren].Calls, snap.CallTotal())
	}
}

// TestForOrgReadsTheSchemaListsTheSheetNeeds: each list of the tenant's
// schema is read (whole, once) only when a column needs it; a user a
// GENERIC_USER attribute names is read like a leader.
func TestForOrgReadsTheSchemaListsTheSheetNeeds(t *testing.T) {
	schema := []feishu.Endpoint{feishu.EPEmployeeTypeEnums, feishu.EPCustomAttrs, feishu.EPJobLevels,
		feishu.EPJobFamilies, feishu.EPJobTitles, feishu.EPWorkCities}
	tests := []struct {
		name  string
		sheet string
		want  []feishu.Endpoint
	}{
		{"built-in types only", "user_id,name,mobile,department_ids,employee_type\nn1,甲,13900000001,0,正式\n", nil},
		{"a custom type", "user_id,name,mobile,department_ids,employee_type\nn1,甲,13900000001,0,兼职\n", schema[:1]},
		{"劳务派遣 may be the tenant's", "user_id,name,mobile,department_ids,employee_type\nn1,甲,13900000001,0,劳务派遣\n", schema[:1]},
		{"levels, families, titles, cities", "user_id,name,mobile,department_ids,employee_type,job_level,job_family,job_title,city\nn1,甲,13900000001,0,1,P5,研发,工程师,北京\n", schema[2:]},
		{"an empty column reads nothing", "user_id,name,mobile,department_ids,employee_type,job_title\nn1,甲,13900000001,0,1,\n", nil},
		{"an unknown column", "user_id,name,mobile,department_ids,employee_type,学历\nn1,甲,13900000001,0,1,本科\n", schema[1:2]},
		{"an export's read-only column", "user_id,name,mobile,department_ids,employee_type,开放ID (open_id)\nn1,甲,13900000001,0,1,ou_1\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tn := start(t, sandbox.Options{})
			snap, err := tn.reader(0).ForOrg(context.Background(), sheet(t, tt.sheet), "")
			if err != nil {
				t.Fatal(err)
			}
			st := tn.srv.Stats().Endpoints
			for _, ep := range schema {
				want := int64(0)
				if slices.Contains(tt.want, ep) {
					want = 1
				}
				if st[ep].Calls != want || snap.Calls[ep] != int(want) {
					t.Errorf("%s: %d calls (snapshot %d), want %d", ep, st[ep].Calls, snap.Calls[ep], want)
				}
			}
		})
	}
	tn := start(t, sandbox.Options{})
	sandboxtest.SeedBigOrg(t, tn.srv, tn.api)
	o := sheet(t, "user_id,name,mobile,department_ids,employee_type,导师\nn1,甲,13900000001,0,1,u0002\n")
	snap, err := tn.reader(0).ForOrg(context.Background(), o, "")
	if err != nil || snap.Users["u0002"] == nil || len(snap.Dir.CustomAttrs) == 0 {
		t.Errorf("mentor not read: %v %v", err, snap.Users["u0002"])
	}
}
