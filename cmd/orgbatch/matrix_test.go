package main

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// tenantState is what a tenant holds that a sheet decides, by ID: every
// field but the IDs and statuses a tenant makes itself (open IDs, union
// IDs, chats, activation).
func tenantState(srv *sandbox.Server) (map[string]feishu.Department, map[string]feishu.User, map[string]feishu.Unit) {
	depts, users, units := map[string]feishu.Department{}, map[string]feishu.User{}, map[string]feishu.Unit{}
	for _, d := range srv.Departments() {
		d.OpenDepartmentID, d.ChatID, d.Status = "", "", nil
		depts[d.DepartmentID] = d
	}
	for _, u := range srv.Users() {
		u.OpenID, u.UnionID, u.Status = "", "", nil
		users[u.UserID] = u
	}
	for _, u := range srv.Units() {
		units[u.UnitID] = u
	}
	return depts, users, units
}

// TestMatrixRoundTrip: the sample company — units (one named by its name,
// without a unit_id), departments bound to them, deputy leaders, HRBPs and
// dotted-line leaders, many of them created in the same run — imports into
// an empty tenant, exports, and the export imports into another empty
// tenant with every field equal.
func TestMatrixRoundTrip(t *testing.T) {
	dir := t.TempDir()
	srvA, a := sandboxtest.Start(t, sandbox.Options{})
	srvB, b := sandboxtest.Start(t, sandbox.Options{})
	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := runAgainst(t, context.Background(), append(args, "--rate-scale", "1000")...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d\n%s\n%s", args, code, out, errOut)
		}
		return out + errOut
	}
	out := run("import", samplesXLSX, "--base-url", a, "--yes", "--report", filepath.Join(dir, "ra"))
	if !strings.Contains(out, "5 个单位 units") {
		t.Errorf("import output:\n%s", out)
	}
	export := filepath.Join(dir, "a.xlsx")
	run("export", "--base-url", a, "--out", export)
	run("import", export, "--base-url", b, "--yes", "--report", filepath.Join(dir, "rb"))

	da, ua, na := tenantState(srvA)
	db, ub, nb := tenantState(srvB)
	if len(na) != 5 || !reflect.DeepEqual(na, nb) {
		t.Errorf("units differ:\n%+v\n%+v", na, nb)
	}
	deputies, hrbps, bound, dotted := 0, 0, 0, 0
	for id, d := range da {
		if !reflect.DeepEqual(d, db[id]) {
			t.Errorf("department %s differs:\n%+v\n%+v", id, d, db[id])
		}
		deputies += max(0, len(d.Leaders)-1)
		hrbps += len(d.DepartmentHrbps)
		bound += len(d.UnitIDs)
	}
	for id, u := range ua {
		if !reflect.DeepEqual(u, ub[id]) {
			t.Errorf("user %s differs:\n%+v\n%+v", id, u, ub[id])
		}
		dotted += len(u.DottedLineLeaderUserIDs)
	}
	if len(da) != 46 || len(db) != 46 || len(ua) != 300 || len(ub) != 300 || deputies < 5 || hrbps < 5 || bound < 8 || dotted < 5 {
		t.Errorf("%d/%d departments, %d/%d users, %d deputies, %d HRBPs, %d bound, %d dotted-line leaders",
			len(da), len(db), len(ua), len(ub), deputies, hrbps, bound, dotted)
	}
	// Importing the export again into the first tenant changes nothing.
	if out := run("import", export, "--base-url", a, "--yes", "--report", filepath.Join(dir, "rc")); !strings.Contains(out, "unchanged 351") {
		t.Errorf("re-import:\n%s", out)
	}
}
