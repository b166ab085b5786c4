package importer

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sandbox"
)

// TestResumeCountsCreatesWhoseAnswerWasLost: a run killed after Feishu
// created rows but before their ends were journaled leaves only the
// creates' intents. The resumed run finds those rows in the tenant
// (unchanged, or an update such as a department's leader) and reports
// them as created — unless what the tenant has is not what the intent
// sent (someone else's entity), which stays as planned, with a warning.
func TestResumeCountsCreatesWhoseAnswerWasLost(t *testing.T) {
	tn := newTenant(t, sandbox.Options{})
	o := loadSheet(t, sample)
	first := tn.planFor(t, o)
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j, _, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	// The "killed run": every department and the first users are sent
	// (intent journaled, entity created), no answer journaled. One user
	// is created by someone else meanwhile, under another name.
	ex := &executor{intend: j.Append}
	var sentUsers []plan.StepID
	var impostor plan.StepID
	for _, st := range first.Steps {
		switch req := st.Request.(type) {
		case plan.CreateDepartment:
			ex.journalIntent(st, req, st.ClientToken)
			d := req.Body
			d.LeaderUserID = "" // its leader does not exist yet
			if _, err := tn.srv.SeedDepartment(d); err != nil {
				t.Fatal(err)
			}
		case plan.CreateUser:
			if req.Body.LeaderUserID != "" || !impostor.IsZero() {
				continue
			}
			ex.journalIntent(st, req, st.ClientToken)
			u := req.Body
			if len(sentUsers) == 4 {
				u.Name, impostor = "别人", st.ID
			} else {
				sentUsers = append(sentUsers, st.ID)
			}
			if _, err := tn.srv.SeedUser(u); err != nil {
				t.Fatal(err)
			}
		}
	}
	j.Close()

	j, entries, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	res := tn.run(t, tn.planFor(t, o), Options{Workers: 8, Journal: j, Previous: entries})
	status := map[plan.StepID]Outcome{}
	for _, oc := range res.Outcomes {
		status[oc.Change.StepIDs()[0]] = oc
	}
	for _, d := range o.Departments {
		if oc := status[plan.DepartmentStep(d.ID())]; oc.Status != StatusCreated {
			t.Errorf("department %s: %s (planned %s), want created", d.ID(), oc.Status, oc.Change.Action)
		}
	}
	for _, id := range sentUsers {
		if oc := status[id]; oc.Status != StatusCreated {
			t.Errorf("%s: %s (planned %s), want created", id, oc.Status, oc.Change.Action)
		}
	}
	if oc := status[impostor]; oc.Status == StatusCreated || !strings.Contains(strings.Join(oc.Warnings, ";"), "not what it sent") {
		t.Errorf("%s, not the entity the intent sent: %s %v", impostor, oc.Status, oc.Warnings)
	}
	if n := res.Count(StatusCreated); n != len(o.Departments)+len(o.Users)+len(o.Units)-1 {
		t.Errorf("created %d, want %d", n, len(o.Departments)+len(o.Users)+len(o.Units)-1)
	}
	var users []feishu.User = tn.srv.Users()
	if len(users) != len(o.Users) {
		t.Errorf("tenant has %d users", len(users))
	}
}
