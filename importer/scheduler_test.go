package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sandbox"
)

func writeSheets(t *testing.T, depts, users string) *org.Org {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "d.csv"), []byte(depts), 0o600)
	os.WriteFile(filepath.Join(dir, "u.csv"), []byte(users), 0o600)
	return loadSheet(t, filepath.Join(dir, "d.csv"), filepath.Join(dir, "u.csv"))
}

// TestFailuresPropagate: rows whose department failed are skipped, not
// attempted; a user whose manager failed is created without the manager,
// with a warning; everything independent goes ahead.
func TestFailuresPropagate(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	o := writeSheets(t,
		"department_id,name,parent_department_id,leader_user_id\nA,甲,0,\nB,乙,A,\nC,丙,0,m\n",
		"user_id,name,mobile,department_ids,employee_type,leader_user_id\n"+
			"m,经理,13800000001,C,1,\n"+
			"r,员工,13800000002,C,1,m\n"+
			"s,下属,13800000003,B,1,\n")
	p := tn.planFor(t, o)
	// Between the plan and the import someone else creates a department
	// named 甲 at the top and takes the manager's mobile.
	if _, err := tn.srv.SeedDepartment(feishu.Department{DepartmentID: "OTHER", Name: "甲", ParentDepartmentID: "0"}); err != nil {
		t.Fatal(err)
	}
	if _, err := tn.srv.SeedUser(feishu.User{UserID: "x", Name: "别人", Mobile: "+8613800000001", DepartmentIDs: []string{"0"}, EmployeeType: 1}); err != nil {
		t.Fatal(err)
	}
	tn.srv.ResetStats()
	res := tn.run(t, p, Options{Workers: 4})
	got := map[string]Outcome{}
	for _, oc := range res.Outcomes {
		got[oc.Change.Key] = oc
	}
	checks := []struct {
		key    string
		status Status
		code   int
	}{
		{"A", StatusFailed, feishu.CodeDeptNameDuplicate.Num},
		{"B", StatusSkipped, 0},
		{"C", StatusCreated, 0},
		{"m", StatusFailed, feishu.CodeMobileExists.Num},
		{"r", StatusCreated, 0},
		{"s", StatusSkipped, 0},
	}
	for _, c := range checks {
		oc := got[c.key]
		if oc.Status != c.status || oc.Code != c.code {
			t.Errorf("%s: %s %d %q, want %s %d", c.key, oc.Status, oc.Code, oc.Message, c.status, c.code)
		}
	}
	if oc := got["m"]; oc.Hint == "" {
		t.Error("no hint for 41001")
	}
	if oc := got["r"]; len(oc.Warnings) == 0 || !strings.Contains(oc.Warnings[0], "leader") {
		t.Errorf("r warnings %v", oc.Warnings)
	}
	// C was created; only its leader (m, who failed) could not be set.
	if oc := got["C"]; oc.Status != StatusCreated || len(oc.Warnings) == 0 || oc.IDs.OpenDepartmentID == "" {
		t.Errorf("C: %s %v %+v", oc.Status, oc.Warnings, oc.IDs)
	}
	// Skipped rows were never sent.
	st := tn.srv.Stats()
	if n := st.Endpoints[feishu.EPCreateDepartment].Calls; n != 2 {
		t.Errorf("%d department creates sent, want 2 (A and C)", n)
	}
	if n := st.Endpoints[feishu.EPCreateUser].Calls; n != 2 {
		t.Errorf("%d user creates sent, want 2 (m and r)", n)
	}
	for _, u := range tn.srv.Users() {
		if u.UserID == "r" && u.LeaderUserID != "" {
			t.Errorf("r has leader %q", u.LeaderUserID)
		}
	}
}

// TestJournalSurvivesATornWrite: a journal cut in the middle of a line is
// read up to its last whole line, and appending continues cleanly.
func TestJournalSurvivesATornWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, _, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []plan.StepID{plan.DepartmentStep("A"), plan.UserStep("u1")} {
		if err := j.Append(JournalEntry{Step: id, Op: plan.OpCreateUser, Status: StatusDone, Attempts: 1}); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	data, _ := os.ReadFile(path)
	torn := append(data, []byte(`{"step":"user:u2","op":"create_us`)...)
	os.WriteFile(path, torn, 0o600)
	// A line whose checksum does not match is rejected too.
	j, entries, err := OpenJournal(path)
	if err != nil || len(entries) != 2 || entries[1].Step != plan.UserStep("u1") {
		t.Fatalf("entries %+v, err %v", entries, err)
	}
	if err := j.Append(JournalEntry{Step: plan.UserStep("u3"), Status: StatusDone}); err != nil {
		t.Fatal(err)
	}
	j.Close()
	_, entries, _ = OpenJournal(path)
	if len(entries) != 3 || entries[2].Step != plan.UserStep("u3") {
		t.Fatalf("after repair: %+v", entries)
	}
}

// TestJournalSkipsDamagedLines: a damaged line in the middle of a journal
// (its checksum does not match) is skipped and reported by its number, and
// the lines after it still count; a damaged last line is cut off (and
// reported) before anything is appended.
func TestJournalSkipsDamagedLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, _, _ := OpenJournal(path)
	for _, id := range []plan.StepID{plan.DepartmentStep("A"), plan.UserStep("u1"), plan.UserStep("u2"), plan.UserStep("u3")} {
		j.Append(JournalEntry{Step: id, Op: plan.OpCreateUser, Status: StatusDone})
	}
	j.Close()
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lines[1] = strings.Replace(lines[1], "user:u1", "user:u9", 1) // corrupt line 2
	lines[3] = strings.Replace(lines[3], "user:u3", "user:u8", 1) // and the last, line 4
	os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600)

	j, entries, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, e := range entries {
		steps = append(steps, e.Step.String())
	}
	if strings.Join(steps, ",") != "dept:A,user:u2" {
		t.Errorf("entries %v: want the lines around the damaged one", steps)
	}
	if d := j.Damaged(); len(d) != 2 || d[0] != 2 || d[1] != 4 {
		t.Errorf("damaged lines %v, want [2 4]", d)
	}
	j.Append(JournalEntry{Step: plan.UserStep("u5"), Status: StatusDone})
	j.Close()
	j, entries, _ = OpenJournal(path)
	if len(entries) != 3 || entries[2].Step != plan.UserStep("u5") || len(j.Damaged()) != 1 {
		t.Errorf("after appending: %+v, damaged %v", entries, j.Damaged())
	}
	j.Close()
}

// TestJournalAppends: the journal is opened for append, so a second handle
// on the same file (there should be none: the run folder is locked) adds
// to it instead of overwriting what the first wrote.
func TestJournalAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	a, _, _ := OpenJournal(path)
	b, _, _ := OpenJournal(path)
	a.Append(JournalEntry{Step: plan.DepartmentStep("A"), Status: StatusDone})
	b.Append(JournalEntry{Step: plan.DepartmentStep("B"), Status: StatusDone})
	a.Close()
	b.Close()
	if _, entries, _ := OpenJournal(path); len(entries) != 2 {
		t.Fatalf("entries %+v: one append overwrote the other", entries)
	}
}
