package importer

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

// loseFirstAnswer applies the first POST to each of paths and drops the
// connection instead of answering: the client cannot know it was applied.
type loseFirstAnswer struct {
	inner http.Handler
	mu    sync.Mutex
	left  map[string]bool
}

func (l *loseFirstAnswer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	lose := r.Method == http.MethodPost && l.left[r.URL.Path]
	if lose {
		delete(l.left, r.URL.Path)
	}
	l.mu.Unlock()
	if !lose {
		l.inner.ServeHTTP(w, r)
		return
	}
	l.inner.ServeHTTP(httptest.NewRecorder(), r) // applied
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
	}
}

// TestDirectoryCreatesWhoseAnswerWasLost: a type, a level and a nested
// family whose creates were applied but not answered are found by name
// on the retry ("name taken"), recorded as created once, and the users
// get their IDs (Refs filled from the creates' results).
func TestDirectoryCreatesWhoseAnswerWasLost(t *testing.T) {
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gate := &loseFirstAnswer{inner: srv.Handler(), left: map[string]bool{
		feishu.PathEmployeeTypeEnums: true, feishu.PathJobLevels: true, feishu.PathJobFamilies: true}}
	hs := httptest.NewServer(gate)
	defer hs.Close()
	tn := &sbx{srv: srv, api: sandbox.NewClient(hs.URL, feishu.WithTimeout(10*time.Second)),
		pacer: feishu.NewPacer(feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{}), feishu.WithBackoff(time.Millisecond, 20*time.Millisecond))}

	p := filepath.Join(t.TempDir(), "users.csv")
	os.WriteFile(p, []byte("user_id,name,mobile,department_ids,employee_type,job_level,job_family\n"+
		"d1,甲,13800000001,0,合同工,P9,新序列/子序列\nd2,乙,13800000002,0,合同工,P9,新序列\n"), 0o600)
	o, _ := org.Load([]org.Input{{Path: p}})
	ctx := context.Background()
	snap, err := (&tenant.Reader{API: tn.paced()}).ForOrg(ctx, o, "")
	if err != nil {
		t.Fatal(err)
	}
	pl := plan.BuildWith(o, validate.Validate(o), snap, plan.Options{CreateMissing: plan.CreateMissing{Types: true, Levels: true, Families: true}})
	res := tn.run(t, pl, Options{})
	for _, oc := range res.Outcomes {
		if oc.Status != StatusCreated {
			t.Errorf("%s %s: %s %s", oc.Change.Kind, oc.Change.Key, oc.Status, oc.Message)
		}
	}
	d := srv.Directory()
	if len(d.EmployeeTypes) != 6 || len(d.JobLevels) != 1 || len(d.JobFamilies) != 2 {
		t.Fatalf("created %d types, %d levels, %d families", len(d.EmployeeTypes), len(d.JobLevels), len(d.JobFamilies))
	}
	if d.JobFamilies[1].ParentJobFamilyID != d.JobFamilies[0].JobFamilyID {
		t.Errorf("子序列 not under 新序列: %+v", d.JobFamilies)
	}
	for _, u := range srv.Users() {
		if u.EmployeeType != 6 || u.JobLevelID != d.JobLevels[0].JobLevelID {
			t.Errorf("%s: type %d, level %q", u.UserID, u.EmployeeType, u.JobLevelID)
		}
		if want := map[string]string{"d1": d.JobFamilies[1].JobFamilyID, "d2": d.JobFamilies[0].JobFamilyID}[u.UserID]; u.JobFamilyID != want {
			t.Errorf("%s: family %q, want %q", u.UserID, u.JobFamilyID, want)
		}
	}
	for _, k := range []plan.StepKind{plan.StepEmployeeType, plan.StepJobLevel} {
		for id, r := range res.Steps {
			if id.Kind == k && r.Attempts < 2 {
				t.Errorf("%s was not retried", id)
			}
		}
	}
}
