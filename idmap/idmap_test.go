package idmap

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

// tenantAPI is a sandbox behind the paced client, and the sandbox.
func tenantAPI(t *testing.T, users ...feishu.User) (*sandbox.Server, *feishu.Paced) {
	t.Helper()
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	for _, u := range users {
		u.DepartmentIDs, u.EmployeeType = []string{"0"}, 1
		if _, err := srv.SeedUser(u); err != nil {
			t.Fatal(err)
		}
	}
	client := sandbox.NewClient(url, feishu.WithTimeout(10*time.Second))
	pacer := feishu.NewPacer(feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{}), feishu.WithBackoff(time.Millisecond, 10*time.Millisecond))
	return srv, feishu.NewPaced(client, pacer)
}

func loadCSV(t *testing.T, content string) *Input {
	t.Helper()
	p := filepath.Join(t.TempDir(), "staff.csv")
	os.WriteFile(p, []byte(content), 0o600)
	in, ps, err := Load(p, nil)
	if err != nil || len(ps) > 0 {
		t.Fatalf("load: %v %v", err, ps)
	}
	return in
}

func runIDs(t *testing.T, api API, in *Input, dir string, includeResigned bool) *Outcome {
	t.Helper()
	out, err := Run(context.Background(), Options{API: api, Input: in, Dir: dir, Salt: "test", IncludeResigned: includeResigned, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStatuses: each kind of row gets its status, IDs and note — found by
// email, by mobile or both; a conflict; not found; resigned (only with
// include_resigned); invalid contacts; case in emails; a frozen user.
func TestStatuses(t *testing.T) {
	srv, api := tenantAPI(t,
		feishu.User{UserID: "u1", Name: "张三", Mobile: "13800000001", Email: "a@x.com"},
		feishu.User{UserID: "u2", Name: "李四", Mobile: "13800000002", Email: "b@x.com"},
		feishu.User{UserID: "u3", Name: "王五", Mobile: "13800000003", Email: "c@x.com"},
		feishu.User{UserID: "u4", Name: "赵六", Mobile: "13800000004"},
	)
	srv.SetUserStatus("u3", feishu.UserStatus{IsResigned: true})
	srv.SetUserStatus("u4", feishu.UserStatus{IsFrozen: true, IsActivated: true})
	in := loadCSV(t, "工号,邮箱,手机号\n"+
		"E1,a@x.com,13800000001\n"+ // both, one person
		"E2,b@x.com,\n"+ // email only
		"E3,,138 0000 0002\n"+ // mobile only, as typed
		"E4,a@x.com,13800000002\n"+ // two people
		"E5,c@x.com,13800000003\n"+ // resigned
		"E6,zz@x.com,13900000009\n"+ // nobody
		"E7,A@X.COM,\n"+ // case
		"E8,bad-email,123\n"+ // invalid both
		"E9,,\n"+ // nothing
		"=1+1,a@x.com,13900000009\n"+ // the mobile finds no one; a formula-like cell
		"E11,,13800000004\n"+ // frozen
		"E12,a@x.com,123\n") // a valid email beside an invalid mobile
	want := []struct{ status, user, note string }{
		{StatusActive, "u1", ""}, {StatusActive, "u2", ""}, {StatusActive, "u2", ""},
		{StatusConflict, "", "two people"}, {StatusNotFound, "", "--include-resigned"}, {StatusNotFound, "", ""},
		{StatusActive, "u1", ""}, {StatusInvalid, "", "invalid email; 手机号无效 invalid mobile"}, {StatusInvalid, "", "no email or mobile"},
		{StatusActive, "u1", "the mobile found no one"}, {StatusActive, "u4", "frozen"}, {StatusActive, "u1", "invalid mobile"},
	}
	users := map[string]feishu.User{}
	for _, u := range srv.Users() {
		users[u.UserID] = u
	}
	check := func(out *Outcome, resignedRow string) {
		t.Helper()
		for i, w := range want {
			if i == 4 && resignedRow != "" {
				w = struct{ status, user, note string }{resignedRow, "u3", ""}
			}
			r := out.Results[i]
			if r.Status != w.status || r.UserID != w.user || !strings.Contains(r.Note, w.note) {
				t.Errorf("row %d: %+v, want %+v", i+2, r, w)
			}
			if u, ok := users[r.UserID]; ok && (r.OpenID != u.OpenID || r.UnionID != u.UnionID || r.OpenID == "" || r.UnionID == "") {
				t.Errorf("row %d: IDs %+v, the user's %s %s", i+2, r, u.OpenID, u.UnionID)
			}
		}
	}
	dir := t.TempDir()
	check(runIDs(t, api, in, dir, false), "")
	check(runIDs(t, api, in, t.TempDir(), true), StatusResigned)
	// The mapping: the input's rows and columns, escaped, then the IDs.
	data, err := os.ReadFile(filepath.Join(dir, MappingCSV))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\r\n")
	if lines[0] != "工号,邮箱,手机号,用户ID (user_id),开放ID (open_id),联合ID (union_id),状态 (status),说明 (note)" {
		t.Errorf("header %q", lines[0])
	}
	if !strings.HasPrefix(lines[10], "'=1+1,a@x.com,13900000009,u1,"+users["u1"].OpenID+","+users["u1"].UnionID+",已激活 active,") {
		t.Errorf("row 11 %q", lines[10])
	}
	// The workbook reads well, and its cells are stored as they are: a
	// string cell is never a formula.
	laid, err := xlsxtest.Inspect(filepath.Join(dir, MappingXLSX))
	if err != nil {
		t.Fatal(err)
	}
	if bad, _ := xlsxtest.Unreadable(filepath.Join(dir, MappingXLSX)); bad != nil || laid[0].Rows[10][0] != "=1+1" {
		t.Errorf("mapping.xlsx: %q, row 11 %q", bad, laid[0].Rows[10])
	}
}

// TestFewestCalls: 130 people by email and 70 by mobile take
// max(⌈130/50⌉, ⌈70/50⌉) = 3 batch_get_id calls, whatever the order of
// the rows, and the 200 found ⌈200/50⌉ = 4 users/batch calls.
func TestFewestCalls(t *testing.T) {
	var users []feishu.User
	var rows []string
	for i := range 200 {
		u := feishu.User{UserID: fmt.Sprintf("u%03d", i), Name: "人", Mobile: fmt.Sprintf("1380000%04d", i)}
		if i%2 == 0 || i < 60 {
			u.Email = fmt.Sprintf("p%03d@x.com", i)
			rows = append(rows, u.Email+",")
		} else {
			rows = append(rows, ","+u.Mobile)
		}
		users = append(users, u)
	}
	srv, api := tenantAPI(t, users...)
	in := loadCSV(t, "email,mobile\n"+strings.Join(rows, "\n")+"\n")
	srv.ResetStats()
	out := runIDs(t, api, in, t.TempDir(), false)
	if out.Counts()[StatusActive] != 200 {
		t.Fatalf("counts %v", out.Counts())
	}
	st := srv.Stats().Endpoints
	if a, b := st[feishu.EPBatchGetID].Calls, st[feishu.EPBatchUsers].Calls; a != 3 || b != 4 {
		t.Errorf("%d batch_get_id and %d users/batch calls, want 3 and 4", a, b)
	}
}

// cancelAfter cancels a context after the n-th batch_get_id call answers.
type cancelAfter struct {
	API
	mu     sync.Mutex
	n      int
	calls  int
	cancel context.CancelFunc
}

func (c *cancelAfter) BatchGetID(ctx context.Context, req feishu.BatchGetIDRequest) ([]feishu.UserContactInfo, error) {
	got, err := c.API.BatchGetID(ctx, req)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.calls++; c.calls == c.n && c.cancel != nil {
		c.cancel()
	}
	return got, err
}

// TestResume: a run stopped after its third batch resumes in the same
// folder asking only about the rest, and the mapping is the same as an
// uninterrupted run's.
func TestResume(t *testing.T) {
	var users []feishu.User
	var rows []string
	for i := range 400 {
		u := feishu.User{UserID: fmt.Sprintf("u%03d", i), Name: "人", Mobile: fmt.Sprintf("1380000%04d", i)}
		users = append(users, u)
		rows = append(rows, u.Mobile)
	}
	_, api := tenantAPI(t, users...)
	in := loadCSV(t, "mobile\n"+strings.Join(rows, "\n")+"\n")
	ctx, cancel := context.WithCancel(context.Background())
	stop := &cancelAfter{API: api, n: 3, cancel: cancel}
	dir := t.TempDir()
	opts := Options{API: stop, Input: in, Dir: dir, Salt: "s", Workers: 1, Now: time.Now}
	out, err := Run(ctx, opts)
	if err == nil || len(out.Files) != 0 || !out.Summary.Interrupted {
		t.Fatalf("stopped run: %v, files %v, summary %+v", err, out.Files, out.Summary)
	}
	counter := &cancelAfter{API: api}
	opts.API, opts.Resumed = counter, true
	out, err = Run(context.Background(), opts)
	if err != nil || out.Counts()[StatusActive] != 400 {
		t.Fatalf("resumed: %v %v", err, out.Counts())
	}
	if out.Previous < 100 || counter.calls != 8-out.Previous/50 {
		t.Errorf("resumed with %d answered before, %d calls", out.Previous, counter.calls)
	}
	whole := runIDs(t, api, in, t.TempDir(), false)
	for i := range whole.Results {
		if whole.Results[i] != out.Results[i] {
			t.Fatalf("row %d: %+v resumed, %+v whole", i, out.Results[i], whole.Results[i])
		}
	}
}
