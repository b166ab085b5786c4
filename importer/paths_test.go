package importer

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sandbox"
)

var pathSample = filepath.Join("..", "samples", "hr", "users-by-path.xlsx")

// treeOf describes a tenant by names only: every department's path, and
// every user's department paths and manager. Two tenants with the same
// description have the same org, whatever IDs they gave the departments.
func treeOf(srv *sandbox.Server) (depts []string, users map[string]string) {
	name, parent := map[string]string{}, map[string]string{}
	for _, d := range srv.Departments() {
		name[d.DepartmentID], parent[d.DepartmentID] = d.Name, d.ParentDepartmentID
	}
	pathOf := func(id string) string {
		var segs []string
		for p := id; p != "0" && p != ""; p = parent[p] {
			segs = append([]string{name[p]}, segs...)
		}
		return strings.Join(segs, "/")
	}
	for id := range name {
		depts = append(depts, pathOf(id))
	}
	sort.Strings(depts)
	users = map[string]string{}
	for _, u := range srv.Users() {
		var ps []string
		for _, id := range u.DepartmentIDs {
			ps = append(ps, pathOf(id))
		}
		sort.Strings(ps)
		users[u.UserID] = strings.Join(ps, ";") + " leader=" + u.LeaderUserID
	}
	return depts, users
}

func importSheet(t *testing.T, tn *sbx, paths ...string) (*plan.Plan, *Result) {
	t.Helper()
	o := loadSheet(t, paths...)
	p := tn.planFor(t, o)
	return p, tn.run(t, p, Options{Workers: 8})
}

// TestUsersOnlyPathSheetBuildsTheSameTree: the sample company as HR has it
// — one users sheet, departments as paths that start with the company name
// — imported into an empty tenant gives the same tree as the ID-based
// sample; a re-run creates nothing.
func TestUsersOnlyPathSheetBuildsTheSameTree(t *testing.T) {
	byIDs := newTenant(t, sandbox.Options{})
	importSheet(t, byIDs, sample)
	wantDepts, wantUsers := treeOf(byIDs.srv)

	byPaths := newTenant(t, sandbox.Options{})
	p, res := importSheet(t, byPaths, pathSample)
	if n := p.FromPath(); n != len(wantDepts) {
		t.Errorf("%d departments created from paths, want %d", n, len(wantDepts))
	}
	if res.Count(StatusFailed)+res.Count(StatusSkipped) > 0 {
		t.Fatalf("failures: %v", res.Outcomes)
	}
	gotDepts, gotUsers := treeOf(byPaths.srv)
	if strings.Join(gotDepts, "\n") != strings.Join(wantDepts, "\n") {
		t.Errorf("departments differ:\n%v\nwant\n%v", gotDepts, wantDepts)
	}
	for id, want := range wantUsers {
		if gotUsers[id] != want {
			t.Errorf("user %s: %s, want %s", id, gotUsers[id], want)
		}
	}
	// No department is named after the company: it is the root.
	for _, d := range byPaths.srv.Departments() {
		if d.Name == "星辰科技" {
			t.Error("the company name was created as a department")
		}
	}

	again := byPaths.planFor(t, loadSheet(t, pathSample))
	if len(again.Steps) != 0 || again.FromPath() != 0 {
		t.Errorf("re-run plan: %s", plan.Summary(again))
	}
}

// TestPathSheetOnPartialTree: against a tenant that already has the top
// two levels (with IDs of its own), only the missing departments are
// created, under the existing ones.
func TestPathSheetOnPartialTree(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	o := loadSheet(t, sample)
	depth := map[string]int{"0": 0}
	seeded := 0
	for _, d := range o.Departments { // parents come first in the sample
		depth[d.ID()] = depth[d.ParentID()] + 1
		if depth[d.ID()] <= 2 {
			if _, err := tn.srv.SeedDepartment(feishu.Department{DepartmentID: "OLD-" + d.ID(), Name: d.Name(), ParentDepartmentID: oldID(d.ParentID())}); err != nil {
				t.Fatal(err)
			}
			seeded++
		}
	}
	p, res := importSheet(t, tn, pathSample)
	if got, want := p.FromPath(), len(o.Departments)-seeded; got != want {
		t.Errorf("created %d departments from paths, want %d (the missing ones)", got, want)
	}
	for _, oc := range res.Outcomes {
		if oc.Status == StatusFailed || oc.Status == StatusSkipped {
			t.Fatalf("%s %s: %s %d %s", oc.Change.Kind, oc.Change.Key, oc.Status, oc.Code, oc.Message)
		}
	}
	if n := len(tn.srv.Departments()); n != len(o.Departments) {
		t.Errorf("tenant has %d departments, want %d", n, len(o.Departments))
	}
	for _, u := range tn.srv.Users() {
		if u.UserID == "u0001" && !strings.HasPrefix(u.DepartmentIDs[0], "OLD-") {
			t.Errorf("u0001 (总裁办) not placed in the existing department: %v", u.DepartmentIDs)
		}
	}
}

func oldID(id string) string {
	if id == "0" {
		return "0"
	}
	return "OLD-" + id
}

// TestHRExportWithMapping: an HR system's export, read through a column
// mapping, imports the same org.
func TestHRExportWithMapping(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	m := map[string]string{}
	for h, f := range hrMapping() {
		m[h] = f
	}
	o, ps := org.LoadWith([]org.Input{{Path: filepath.Join("..", "samples", "hr", "hr-export.csv")}}, org.LoadOptions{Mapping: m})
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	p := tn.planFor(t, o)
	res := tn.run(t, p, Options{Workers: 8})
	if res.Count(StatusCreated) != 300+p.FromPath() || p.FromPath() != 46 {
		t.Fatalf("created %d, from paths %d", res.Count(StatusCreated), p.FromPath())
	}
}
