package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

// TestImportByOpenID: a sheet whose user_id column holds open_ids (and a
// membership sheet naming a member by union_id) updates those users, as
// --user-id-type says; the report shows the rows as written, with each
// user's three IDs; an open_id that names no one is refused.
func TestImportByOpenID(t *testing.T) {
	srv, url := seededSandbox(t)
	byID := map[string][2]string{}
	for _, u := range srv.Users() {
		byID[u.UserID] = [2]string{u.OpenID, u.UnionID}
	}
	dir := t.TempDir()
	users := filepath.Join(dir, "users.csv")
	os.WriteFile(users, []byte("user_id,name,mobile,department_ids,employee_type,work_station,leader_user_id\n"+
		byID["u0002"][0]+","+nameOf(srv, "u0002")+","+mobileOf(srv, "u0002")+",CEO,正式,B-12-07,"+byID["u0001"][0]+"\n"+
		"ou_0000000000000000000000000000dead,无名,13999999999,CEO,正式,,\n"), 0o600)
	members := filepath.Join(dir, "group_members.csv")
	os.WriteFile(members, []byte("group_name,user_id\n管理层,"+byID["u0002"][1]+"\n"), 0o600)
	for _, typ := range []string{"open_id", "union_id"} {
		input := users
		if typ == "union_id" {
			input = members
		}
		reports := t.TempDir()
		code, out, errOut := runAgainst(t, context.Background(), "import", input, "--user-id-type", typ, "--base-url", url, "--report", reports, "--rate-scale", "1000", "--yes")
		if typ == "open_id" && (code != ExitRowsFailed || !strings.Contains(out, "PLAN_USER_ID_UNKNOWN")) {
			t.Fatalf("%s: exit %d\n%s\n%s", typ, code, out, errOut)
		}
		if typ == "union_id" && code != ExitOK {
			t.Fatalf("%s: exit %d\n%s\n%s", typ, code, out, errOut)
		}
		report, _ := os.ReadFile(filepath.Join(onlyRunDir(t, reports), "report-"+strings.TrimSuffix(filepath.Base(input), ".csv")+".csv"))
		if typ == "open_id" && !strings.Contains(string(report), byID["u0002"][0]+","+nameOf(srv, "u0002")) ||
			!strings.Contains(string(report), ",u0002,"+byID["u0002"][0]+","+byID["u0002"][1]+",") {
			t.Errorf("%s: report\n%s", typ, report)
		}
	}
	for _, u := range srv.Users() {
		if u.UserID == "u0002" && u.WorkStation != "B-12-07" {
			t.Errorf("u0002's work station %q", u.WorkStation)
		}
	}
	for _, g := range srv.Groups() {
		if g.Name == "管理层" && !strings.Contains(strings.Join(g.Users, " "), "u0002") {
			t.Errorf("管理层 %v", g.Users)
		}
	}
	if code, _, errOut := runAgainst(t, context.Background(), "import", users, "--user-id-type", "email", "--base-url", url); code != ExitUsage || !strings.Contains(errOut, "--user-id-type") {
		t.Errorf("a bad type: exit %d %s", code, errOut)
	}
}

func userOf(srv *sandbox.Server, id string) feishu.User {
	for _, u := range srv.Users() {
		if u.UserID == id {
			return u
		}
	}
	return feishu.User{}
}

func nameOf(srv *sandbox.Server, id string) string   { return userOf(srv, id).Name }
func mobileOf(srv *sandbox.Server, id string) string { return userOf(srv, id).Mobile }
