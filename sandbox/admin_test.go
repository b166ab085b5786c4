package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

func adminGet(t *testing.T, method, url string, out any) string {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	hr, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer hr.Body.Close()
	b, _ := io.ReadAll(hr.Body)
	if hr.StatusCode != 200 {
		t.Fatalf("%s %s: HTTP %d %s", method, url, hr.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatal(err)
		}
	}
	return string(b)
}

func TestAdminEndpoints(t *testing.T) {
	srv, base := startRaw(t, sandbox.Options{AppSecret: "very-secret"})
	c := &client{t: t, base: base, hc: http0()}
	c.token = c.tokenFor("very-secret")
	c.mkDept("a", "0", "A")
	c.wantCode(43022, "POST", depts+custom, feishu.Department{ParentDepartmentID: "0", Name: "A"})

	var st sandbox.Stats
	adminGet(t, "GET", c.base+"/_sandbox/stats", &st)
	e := st.Endpoints[feishu.EPCreateDepartment]
	if e.Calls != 2 || e.OK != 1 || e.Errors != 1 || st.WritesApplied != 1 || st.Endpoints[feishu.EPTenantToken].Calls != 1 {
		t.Fatalf("stats %+v", st)
	}
	adminGet(t, "POST", c.base+"/_sandbox/reset-stats", nil)
	var fresh sandbox.Stats
	adminGet(t, "GET", c.base+"/_sandbox/stats", &fresh)
	if len(fresh.Endpoints) != 0 || fresh.WritesApplied != 0 {
		t.Fatalf("after reset: %+v", fresh)
	}
	var f sandbox.StateFile
	raw := adminGet(t, "GET", c.base+"/_sandbox/state", &f)
	if len(f.Departments) != 1 || f.Departments[0].DepartmentID != "a" {
		t.Fatalf("state dump %+v", f)
	}
	if strings.Contains(raw, "very-secret") || strings.Contains(raw, c.token) {
		t.Fatal("state dump shows a secret or token")
	}
	// Admin calls are not counted.
	if st := srv.Stats(); len(st.Endpoints) != 0 {
		t.Fatalf("admin calls counted: %+v", st)
	}
}
