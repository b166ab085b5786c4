package feishu

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testAppID  = "cli_test"
	testSecret = "s3cr3t-DO-NOT-LEAK"
	// basePrefix puts the API under a path prefix, go-github style, so a
	// request built from an absolute path instead of the base URL fails.
	basePrefix = "/prefix"
)

// env is one stub server with a client pointed at it.
type env struct {
	t      *testing.T
	client *Client
	mux    *http.ServeMux // API paths without the prefix
	server *httptest.Server

	tokenCalls atomic.Int32
	// tokenHandler answers token calls; the default issues t-1, t-2, ...
	// valid for tokenExpire seconds.
	mu           sync.Mutex
	tokenExpire  int
	tokenHandler func(w http.ResponseWriter, r *http.Request, n int)
}

// setup starts a stub with the token endpoint registered and returns a
// client using user_id / department_id, like orgbatch.
func setup(t *testing.T, opts ...Option) *env {
	t.Helper()
	e := &env{t: t, mux: http.NewServeMux(), tokenExpire: 7200}
	root := http.NewServeMux()
	root.Handle(basePrefix+"/", http.StripPrefix(basePrefix, e.mux))
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request outside the base URL: %s %s", r.Method, r.URL.Path)
		http.Error(w, "outside base URL", http.StatusNotFound)
	})
	e.server = httptest.NewServer(root)
	t.Cleanup(e.server.Close)
	e.mux.HandleFunc("POST "+PathTenantToken, e.serveToken)
	all := append([]Option{
		WithBaseURL(e.server.URL + basePrefix),
		WithCredentials(testAppID, testSecret),
		WithIDTypes(UserIDTypeUserID, DepartmentIDTypeDepartmentID),
		WithTimeout(10 * time.Second),
	}, opts...)
	e.client = NewClient(all...)
	return e
}

func (e *env) serveToken(w http.ResponseWriter, r *http.Request) {
	n := int(e.tokenCalls.Add(1))
	if got := r.Header.Get("Authorization"); got != "" {
		e.t.Errorf("token call sent Authorization %q", got)
	}
	var req TokenRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		e.t.Errorf("token body: %v", err)
	}
	e.mu.Lock()
	h, expire := e.tokenHandler, e.tokenExpire
	e.mu.Unlock()
	if h != nil {
		h(w, r, n)
		return
	}
	if req.AppID != testAppID || req.AppSecret != testSecret {
		writeJSON(w, 400, `{"code":10015,"msg":"app secret invalid"}`)
		return
	}
	writeJSON(w, 200, fmt.Sprintf(`{"code":0,"msg":"ok","tenant_access_token":"t-%d","expire":%d}`, n, expire))
}

// setTokenHandler replaces the token endpoint's behaviour (nil = default).
func (e *env) setTokenHandler(h func(w http.ResponseWriter, r *http.Request, n int)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.tokenHandler = h
}

// setTokenExpire sets the lifetime the default token handler announces.
func (e *env) setTokenExpire(seconds int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.tokenExpire = seconds
}

func mustRead(r *http.Request) []byte {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		panic(err)
	}
	return b
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func ok(data string) string { return `{"code":0,"msg":"success","data":` + data + `}` }

// idQuery is the query every call carries with the test client.
func idQuery(extra url.Values) url.Values {
	q := url.Values{"user_id_type": {"user_id"}, "department_id_type": {"department_id"}}
	for k, v := range extra {
		q[k] = v
	}
	return q
}

// jsonEqual compares two JSON texts by value.
func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body %q: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want %q: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body = %s, want %s", got, want)
	}
}

// endpointMatches reports whether method and (unprefixed, escaped) path fit
// the Endpoint's "METHOD /contact/v3/x/:param" template.
func endpointMatches(ep Endpoint, method, path string) bool {
	tmpl, _, _ := strings.Cut(string(ep), " (")
	m, p, _ := strings.Cut(tmpl, " ")
	if m != method {
		return false
	}
	want := strings.Split("/open-apis"+p, "/")
	got := strings.Split(path, "/")
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if !strings.HasPrefix(want[i], ":") && want[i] != got[i] {
			return false
		}
	}
	return true
}

func TestEndpoints(t *testing.T) {
	name, dept := "New name", []string{"D2"}
	tests := []struct {
		name  string
		eps   []Endpoint
		route string // mux pattern
		path  string // escaped path the server must see
		query url.Values
		body  string // "" = no body
		data  string // response data
		call  func(ctx context.Context, c *Client) (any, error)
		want  any
	}{
		{
			name: "CreateDepartment", eps: On(EPCreateDepartment),
			route: "POST " + PathDepartments, path: PathDepartments,
			query: idQuery(url.Values{"client_token": {"ct-1"}}),
			body:  `{"name":"Eng","parent_department_id":"0","department_id":"D1"}`,
			data:  `{"department":{"name":"Eng","parent_department_id":"0","department_id":"D1","open_department_id":"od-1"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateDepartment(ctx, Department{Name: "Eng", ParentDepartmentID: "0", DepartmentID: "D1"}, "ct-1")
			},
			want: &Department{Name: "Eng", ParentDepartmentID: "0", DepartmentID: "D1", OpenDepartmentID: "od-1"},
		},
		{
			name: "CreateDepartment without client token", eps: On(EPCreateDepartment),
			route: "POST " + PathDepartments, path: PathDepartments, query: idQuery(nil),
			body: `{"name":"Eng","parent_department_id":"0"}`, data: `{"department":{"name":"Eng"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateDepartment(ctx, Department{Name: "Eng", ParentDepartmentID: "0"}, "")
			},
			want: &Department{Name: "Eng"},
		},
		{
			name: "PatchDepartment escapes the ID", eps: DepartmentPatch{}.Endpoints(),
			route: "PATCH " + PathDepartments + "/{id}", path: PathDepartments + "/D%201%2Fx", query: idQuery(nil),
			body: `{"name":"New name"}`, data: `{"department":{"name":"New name","department_id":"D 1/x"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.PatchDepartment(ctx, "D 1/x", DepartmentPatch{Name: &name})
			},
			want: &Department{Name: "New name", DepartmentID: "D 1/x"},
		},
		{
			name: "DeleteDepartment", eps: On(EPDeleteDepartment),
			route: "DELETE " + PathDepartments + "/{id}", path: PathDepartments + "/D1", query: idQuery(nil),
			data: `{}`,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteDepartment(ctx, "D1") },
		},
		{
			name: "GetDepartment", eps: On(EPGetDepartment),
			route: "GET " + PathDepartments + "/{id}", path: PathDepartments + "/0", query: idQuery(nil),
			data: `{"department":{"name":"Root","department_id":"0","member_count":3,"status":{"is_deleted":false}}}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.GetDepartment(ctx, "0") },
			want: &Department{Name: "Root", DepartmentID: "0", MemberCount: 3, Status: &DepartmentStatus{}},
		},
		{
			name: "BatchDepartments repeats department_ids", eps: On(EPBatchDepartments),
			route: "GET " + PathDepartmentsBatch, path: PathDepartmentsBatch,
			query: idQuery(url.Values{"department_ids": {"a", "b"}}),
			data:  `{"items":[{"department_id":"a"},{"department_id":"b"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.BatchDepartments(ctx, []string{"a", "b"})
			},
			want: []Department{{DepartmentID: "a"}, {DepartmentID: "b"}},
		},
		{
			name: "Children with all parameters", eps: On(EPChildren),
			route: "GET " + PathDepartments + "/{id}/children", path: PathDepartments + "/0/children",
			query: idQuery(url.Values{"fetch_child": {"true"}, "page_size": {"50"}, "page_token": {"pt"}}),
			data:  `{"has_more":true,"page_token":"next","items":[{"department_id":"D1"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Children(ctx, "0", true, 50, "pt")
			},
			want: &Page[Department]{HasMore: true, PageToken: "next", Items: []Department{{DepartmentID: "D1"}}},
		},
		{
			name: "Children with defaults omits page parameters", eps: On(EPChildren),
			route: "GET " + PathDepartments + "/{id}/children", path: PathDepartments + "/D1/children",
			query: idQuery(nil), data: `{"has_more":false,"items":[]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Children(ctx, "D1", false, 0, "") },
			want: &Page[Department]{Items: []Department{}},
		},
		{
			name: "CreateUser", eps: On(EPCreateUser),
			route: "POST " + PathUsers, path: PathUsers,
			query: idQuery(url.Values{"client_token": {"ct-u"}}),
			body:  `{"user_id":"u1","name":"Ann","mobile":"+8613000000000","department_ids":["D1"],"employee_type":1}`,
			data:  `{"user":{"user_id":"u1","open_id":"ou_1","name":"Ann"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateUser(ctx, User{UserID: "u1", Name: "Ann", Mobile: "+8613000000000", DepartmentIDs: []string{"D1"}, EmployeeType: 1}, "ct-u")
			},
			want: &User{UserID: "u1", OpenID: "ou_1", Name: "Ann"},
		},
		{
			name: "PatchUser name only", eps: UserPatch{Name: &name}.Endpoints(),
			route: "PATCH " + PathUsers + "/{id}", path: PathUsers + "/u1", query: idQuery(nil),
			body: `{"name":"New name"}`, data: `{"user":{"user_id":"u1","name":"New name"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.PatchUser(ctx, "u1", UserPatch{Name: &name})
			},
			want: &User{UserID: "u1", Name: "New name"},
		},
		{
			name: "PatchUser moving departments", eps: UserPatch{DepartmentIDs: &dept}.Endpoints(),
			route: "PATCH " + PathUsers + "/{id}", path: PathUsers + "/u1", query: idQuery(nil),
			body: `{"department_ids":["D2"]}`, data: `{"user":{"user_id":"u1","department_ids":["D2"]}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.PatchUser(ctx, "u1", UserPatch{DepartmentIDs: &dept})
			},
			want: &User{UserID: "u1", DepartmentIDs: []string{"D2"}},
		},
		{
			name: "DeleteUser", eps: On(EPDeleteUser),
			route: "DELETE " + PathUsers + "/{id}", path: PathUsers + "/u%2F1", query: idQuery(nil), data: `{}`,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteUser(ctx, "u/1", UserDelete{}) },
		},
		{
			name: "DeleteUser handing resources over", eps: On(EPDeleteUser),
			route: "DELETE " + PathUsers + "/{id}", path: PathUsers + "/u1", query: idQuery(nil), data: `{}`,
			body: `{"docs_acceptor_user_id":"u2","email_acceptor":{"processing_type":"3"}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.DeleteUser(ctx, "u1", UserDelete{DocsAcceptorUserID: "u2", EmailAcceptor: &ResourceAcceptor{ProcessingType: EmailDelete}})
			},
		},
		{
			name: "ResurrectUser", eps: On(EPResurrect),
			route: "POST " + PathUsers + "/{id}/resurrect", path: PathUsers + "/u1/resurrect", query: idQuery(nil), data: `{}`,
			body: `{"departments":[{"department_id":"D1","user_order":0,"department_order":2}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.ResurrectUser(ctx, "u1", UserResurrect{Departments: []UserDepartmentInfo{{DepartmentID: "D1", DepartmentOrder: 2}}})
			},
		},
		{
			name: "GetUser", eps: On(EPGetUser),
			route: "GET " + PathUsers + "/{id}", path: PathUsers + "/u1", query: idQuery(nil),
			data: `{"user":{"user_id":"u1","status":{"is_frozen":true,"is_resigned":false,"is_activated":true,"is_exited":false,"is_unjoin":false}}}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.GetUser(ctx, "u1") },
			want: &User{UserID: "u1", Status: &UserStatus{IsFrozen: true, IsActivated: true}},
		},
		{
			name: "BatchUsers repeats user_ids", eps: On(EPBatchUsers),
			route: "GET " + PathUsersBatch, path: PathUsersBatch,
			query: idQuery(url.Values{"user_ids": {"x", "y"}}),
			data:  `{"items":[{"user_id":"x"},{"user_id":"y"}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.BatchUsers(ctx, []string{"x", "y"}) },
			want:  []User{{UserID: "x"}, {UserID: "y"}},
		},
		{
			name: "FindByDepartment", eps: On(EPFindByDepartment),
			route: "GET " + PathFindByDepartment, path: PathFindByDepartment,
			query: idQuery(url.Values{"department_id": {"D1"}, "page_size": {"50"}, "page_token": {"p2"}}),
			data:  `{"has_more":false,"items":[{"user_id":"u1"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.FindByDepartment(ctx, "D1", 50, "p2")
			},
			want: &Page[User]{Items: []User{{UserID: "u1"}}},
		},
		{
			name: "BatchGetID", eps: On(EPBatchGetID),
			route: "POST " + PathBatchGetID, path: PathBatchGetID, query: idQuery(nil),
			body: `{"emails":["a@x.cn"],"mobiles":["+8613000000000"],"include_resigned":true}`,
			data: `{"user_list":[{"user_id":"u1","email":"a@x.cn"},{"mobile":"+8613000000000"}]}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.BatchGetID(ctx, BatchGetIDRequest{Emails: []string{"a@x.cn"}, Mobiles: []string{"+8613000000000"}, IncludeResigned: true})
			},
			want: []UserContactInfo{{UserID: "u1", Email: "a@x.cn"}, {Mobile: "+8613000000000"}},
		},
		{
			name: "EmployeeTypeEnums", eps: On(EPEmployeeTypeEnums),
			route: "GET " + PathEmployeeTypeEnums, path: PathEmployeeTypeEnums,
			query: idQuery(url.Values{"page_size": {"100"}}),
			data:  `{"has_more":false,"items":[{"enum_id":"e1","enum_value":"1","content":"正式","enum_type":1,"enum_status":1}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.EmployeeTypeEnums(ctx, 100, "") },
			want:  &Page[EmployeeTypeEnum]{Items: []EmployeeTypeEnum{{EnumID: "e1", EnumValue: "1", Content: "正式", EnumType: 1, EnumStatus: 1}}},
		},
		{
			name: "CreateEmployeeType", eps: On(EPCreateEmployeeType),
			route: "POST " + PathEmployeeTypeEnums, path: PathEmployeeTypeEnums, query: idQuery(nil),
			body: `{"content":"兼职","enum_type":2,"enum_status":1,"i18n_content":[{"locale":"en_us","value":"Part-time"}]}`,
			data: `{"employee_type_enum":{"enum_id":"e6","enum_value":"6","content":"兼职","enum_type":2,"enum_status":1}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateEmployeeType(ctx, EmployeeTypeEnum{Content: "兼职", EnumType: 2, EnumStatus: 1,
					I18nContent: []I18nContent{{Locale: "en_us", Value: "Part-time"}}})
			},
			want: &EmployeeTypeEnum{EnumID: "e6", EnumValue: "6", Content: "兼职", EnumType: 2, EnumStatus: 1},
		},
		{
			name: "CustomAttrs", eps: On(EPCustomAttrs),
			route: "GET " + PathCustomAttrs, path: PathCustomAttrs, query: idQuery(url.Values{"page_size": {"100"}}),
			data: `{"has_more":false,"items":[{"id":"C-1","type":"ENUMERATION","options":{"default_option_id":"o1","option_type":"TEXT","options":[{"id":"o1","value":"本科"}]},"i18n_name":[{"locale":"zh_cn","value":"学历"}]}]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.CustomAttrs(ctx, 100, "") },
			want: &Page[CustomAttr]{Items: []CustomAttr{{ID: "C-1", Type: AttrEnumeration,
				Options:  &CustomAttrOptions{DefaultOptionID: "o1", OptionType: "TEXT", Options: []CustomAttrOption{{ID: "o1", Value: "本科"}}},
				I18nName: []I18nContent{{Locale: "zh_cn", Value: "学历"}}}}},
		},
		{
			name: "JobLevels", eps: On(EPJobLevels),
			route: "GET " + PathJobLevels, path: PathJobLevels, query: idQuery(url.Values{"page_size": {"50"}, "page_token": {"t"}}),
			data: `{"has_more":true,"page_token":"t2","items":[{"job_level_id":"L1","name":"P5","order":200,"status":true}]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.JobLevels(ctx, 50, "t") },
			want: &Page[JobLevel]{HasMore: true, PageToken: "t2", Items: []JobLevel{{JobLevelID: "L1", Name: "P5", Order: 200, Status: true}}},
		},
		{
			name: "CreateJobLevel", eps: On(EPCreateJobLevel),
			route: "POST " + PathJobLevels, path: PathJobLevels, query: idQuery(nil),
			body: `{"name":"P6","status":true}`,
			data: `{"job_level":{"job_level_id":"L2","name":"P6","order":300,"status":true}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateJobLevel(ctx, JobLevel{Name: "P6", Status: true})
			},
			want: &JobLevel{JobLevelID: "L2", Name: "P6", Order: 300, Status: true},
		},
		{
			name: "JobFamilies", eps: On(EPJobFamilies),
			route: "GET " + PathJobFamilies, path: PathJobFamilies, query: idQuery(url.Values{"page_size": {"50"}}),
			data: `{"has_more":false,"items":[{"job_family_id":"F2","name":"后端","parent_job_family_id":"F1","status":true}]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.JobFamilies(ctx, 50, "") },
			want: &Page[JobFamily]{Items: []JobFamily{{JobFamilyID: "F2", Name: "后端", ParentJobFamilyID: "F1", Status: true}}},
		},
		{
			name: "CreateJobFamily", eps: On(EPCreateJobFamily),
			route: "POST " + PathJobFamilies, path: PathJobFamilies, query: idQuery(nil),
			body: `{"name":"后端","parent_job_family_id":"F1","status":true}`,
			data: `{"job_family":{"job_family_id":"F2","name":"后端","parent_job_family_id":"F1","status":true}}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateJobFamily(ctx, JobFamily{Name: "后端", ParentJobFamilyID: "F1", Status: true})
			},
			want: &JobFamily{JobFamilyID: "F2", Name: "后端", ParentJobFamilyID: "F1", Status: true},
		},
		{
			name: "JobTitles", eps: On(EPJobTitles),
			route: "GET " + PathJobTitles, path: PathJobTitles, query: idQuery(url.Values{"page_size": {"50"}}),
			data: `{"has_more":false,"items":[{"job_title_id":"T1","name":"工程师","i18n_name":[{"locale":"en_us","value":"Engineer"}],"status":true}]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.JobTitles(ctx, 50, "") },
			want: &Page[JobTitle]{Items: []JobTitle{{JobTitleID: "T1", Name: "工程师", I18nName: []I18nContent{{Locale: "en_us", Value: "Engineer"}}, Status: true}}},
		},
		{
			name: "WorkCities", eps: On(EPWorkCities),
			route: "GET " + PathWorkCities, path: PathWorkCities, query: idQuery(url.Values{"page_size": {"50"}}),
			data: `{"has_more":false,"items":[{"work_city_id":"W1","name":"北京","status":false}]}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.WorkCities(ctx, 50, "") },
			want: &Page[WorkCity]{Items: []WorkCity{{WorkCityID: "W1", Name: "北京"}}},
		},
		{
			name: "Tenant", eps: On(EPTenantQuery),
			route: "GET " + PathTenantQuery, path: PathTenantQuery, query: idQuery(nil),
			data: `{"tenant":{"name":"星辰科技","display_id":"F12345","tenant_tag":0,"tenant_key":"2ed263bf32cf1651","avatar":{}}}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.Tenant(ctx) },
			want: &TenantInfo{Name: "星辰科技", DisplayID: "F12345", TenantKey: "2ed263bf32cf1651"},
		},

		// Units: the listings' items are under unitlist and departmentlist.
		{
			name: "CreateUnit", eps: On(EPCreateUnit), route: "POST " + PathUnits, path: PathUnits, query: idQuery(nil),
			body: `{"unit_id":"BU1","name":"华东","unit_type":"子公司"}`, data: `{"unit_id":"BU1"}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateUnit(ctx, Unit{UnitID: "BU1", Name: "华东", UnitType: "子公司"})
			},
			want: "BU1",
		},
		{
			name: "PatchUnit", eps: On(EPPatchUnit), route: "PATCH " + PathUnits + "/{id}", path: PathUnits + "/BU1", query: idQuery(nil),
			body: `{"name":"华东新"}`, data: `{}`,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.PatchUnit(ctx, "BU1", "华东新") },
		},
		{
			name: "DeleteUnit", eps: On(EPDeleteUnit), route: "DELETE " + PathUnits + "/{id}", path: PathUnits + "/BU1", query: idQuery(nil),
			data: `{}`, call: func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteUnit(ctx, "BU1") },
		},
		{
			name: "GetUnit", eps: On(EPGetUnit), route: "GET " + PathUnits + "/{id}", path: PathUnits + "/BU1", query: idQuery(nil),
			data: `{"unit":{"unit_id":"BU1","name":"华东","unit_type":"子公司"}}`,
			call: func(ctx context.Context, c *Client) (any, error) { return c.GetUnit(ctx, "BU1") },
			want: &Unit{UnitID: "BU1", Name: "华东", UnitType: "子公司"},
		},
		{
			name: "ListUnits", eps: On(EPListUnits), route: "GET " + PathUnits, path: PathUnits,
			query: idQuery(url.Values{"page_size": {"100"}, "page_token": {"pt"}}),
			data:  `{"has_more":true,"page_token":"next","unitlist":[{"unit_id":"BU1","name":"华东","unit_type":"子公司"}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.ListUnits(ctx, 100, "pt") },
			want:  &Page[Unit]{HasMore: true, PageToken: "next", Items: []Unit{{UnitID: "BU1", Name: "华东", UnitType: "子公司"}}},
		},
		{
			name: "BindUnitDepartment names the department ID type in the body", eps: On(EPBindUnit),
			route: "POST " + PathUnitBind, path: PathUnitBind, query: idQuery(nil),
			body: `{"unit_id":"BU1","department_id":"D1","department_id_type":"department_id"}`, data: `{}`,
			call: func(ctx context.Context, c *Client) (any, error) { return nil, c.BindUnitDepartment(ctx, "BU1", "D1") },
		},
		{
			name: "UnbindUnitDepartment", eps: On(EPUnbindUnit), route: "POST " + PathUnitUnbind, path: PathUnitUnbind, query: idQuery(nil),
			body: `{"unit_id":"BU1","department_id":"D1","department_id_type":"department_id"}`, data: `{}`,
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.UnbindUnitDepartment(ctx, "BU1", "D1")
			},
		},
		{
			name: "UnitDepartments", eps: On(EPUnitDepartments), route: "GET " + PathUnitDepartments, path: PathUnitDepartments,
			query: idQuery(url.Values{"unit_id": {"BU1"}, "page_size": {"100"}}),
			data:  `{"has_more":false,"departmentlist":[{"unit_id":"BU1","department_id":"D1"}]}`,
			call:  func(ctx context.Context, c *Client) (any, error) { return c.UnitDepartments(ctx, "BU1", 100, "") },
			want:  &Page[UnitDepartment]{Items: []UnitDepartment{{UnitID: "BU1", DepartmentID: "D1"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := setup(t)
			var hits atomic.Int32
			e.mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if got := r.URL.EscapedPath(); got != tt.path {
					t.Errorf("path = %s, want %s", got, tt.path)
				}
				if !endpointMatches(tt.eps[0], r.Method, r.URL.EscapedPath()) {
					t.Errorf("%s %s does not fit endpoint %q", r.Method, r.URL.EscapedPath(), tt.eps[0])
				}
				if got := r.URL.Query(); !reflect.DeepEqual(got, tt.query) {
					t.Errorf("query = %v, want %v", got, tt.query)
				}
				if got := r.Header.Get("Authorization"); got != "Bearer t-1" {
					t.Errorf("Authorization = %q", got)
				}
				body, _ := io.ReadAll(r.Body)
				if tt.body == "" {
					if len(body) != 0 {
						t.Errorf("unexpected body %s", body)
					}
				} else {
					if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
						t.Errorf("Content-Type = %q", ct)
					}
					jsonEqual(t, body, tt.body)
				}
				writeJSON(w, 200, ok(tt.data))
			})
			got, err := tt.call(context.Background(), e.client)
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if hits.Load() != 1 {
				t.Fatalf("handler hit %d times", hits.Load())
			}
			if tt.want != nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestUserPatchEndpoints(t *testing.T) {
	name, frozen, depts := "x", true, []string{"D"}
	tests := []struct {
		p    UserPatch
		want []Endpoint
	}{
		{UserPatch{}, []Endpoint{EPPatchUser}},
		{UserPatch{Name: &name}, []Endpoint{EPPatchUser}},
		{UserPatch{DepartmentIDs: &depts}, []Endpoint{EPPatchUser, EPPatchUserDept}},
		{UserPatch{IsFrozen: &frozen}, []Endpoint{EPPatchUser, EPPatchUserDept}},
	}
	for _, tt := range tests {
		if got := tt.p.Endpoints(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v.Endpoints() = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestBatchLimitsAreCheckedLocally(t *testing.T) {
	e := setup(t) // no handlers: a request would fail the test
	many := make([]string, BatchMax+1)
	ctx := context.Background()
	if _, err := e.client.BatchDepartments(ctx, many); err == nil {
		t.Error("BatchDepartments accepted 51 IDs")
	}
	if _, err := e.client.BatchUsers(ctx, many); err == nil {
		t.Error("BatchUsers accepted 51 IDs")
	}
	if _, err := e.client.BatchGetID(ctx, BatchGetIDRequest{Emails: many}); err == nil {
		t.Error("BatchGetID accepted 51 emails")
	}
	if got, err := e.client.BatchUsers(ctx, nil); err != nil || got != nil {
		t.Errorf("BatchUsers(nil) = %v, %v", got, err)
	}
	if n := e.tokenCalls.Load(); n != 0 {
		t.Errorf("token fetched %d times for local errors", n)
	}
}

func TestDefaultIDTypesAndHeaders(t *testing.T) {
	e := setup(t)
	// A client with no ID types set, and a base URL with a trailing slash.
	e.client = NewClient(WithBaseURL(e.server.URL+basePrefix+"/"), WithCredentials(testAppID, testSecret), WithUserAgent("orgbatch-test/1"))
	e.mux.HandleFunc("GET "+PathUsers+"/{id}", func(w http.ResponseWriter, r *http.Request) {
		want := url.Values{"user_id_type": {"open_id"}, "department_id_type": {"open_department_id"}}
		if got := r.URL.Query(); !reflect.DeepEqual(got, want) {
			t.Errorf("query = %v, want %v", got, want)
		}
		if ua := r.Header.Get("User-Agent"); ua != "orgbatch-test/1" {
			t.Errorf("User-Agent = %q", ua)
		}
		writeJSON(w, 200, ok(`{"user":{"open_id":"ou_1"}}`))
	})
	u, err := e.client.GetUser(context.Background(), "ou_1")
	if err != nil || u.OpenID != "ou_1" {
		t.Fatalf("GetUser = %+v, %v", u, err)
	}
	if got := e.client.BaseURL(); got != e.server.URL+basePrefix {
		t.Errorf("BaseURL() = %q (trailing slash not trimmed)", got)
	}
	if u, d := e.client.IDTypes(); u != "open_id" || d != "open_department_id" {
		t.Errorf("IDTypes() = %s, %s", u, d)
	}
}

func TestBaseURLFor(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
	}{
		{"feishu", FeishuBaseURL, false},
		{"Lark", LarkBaseURL, false},
		{"", FeishuBaseURL, false},
		{"dingtalk", "", true},
	}
	for _, tt := range tests {
		got, err := BaseURLFor(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("BaseURLFor(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestBadBaseURL(t *testing.T) {
	for _, u := range []string{"open.feishu.cn", "ftp://x", "http://user:pw@host", "http://h/?q=1", "://"} {
		c := NewClient(WithBaseURL(u), WithCredentials(testAppID, testSecret))
		_, err := c.GetUser(context.Background(), "u")
		if err == nil || !strings.Contains(err.Error(), "invalid base URL") {
			t.Errorf("base %q: err = %v", u, err)
		}
		if err != nil && strings.Contains(err.Error(), "pw") {
			t.Errorf("base URL password in error: %v", err)
		}
	}
}
