package sandbox_test

import (
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

// testDirectory is a small tenant schema with one attribute of each type.
func testDirectory() *feishu.Directory {
	return &feishu.Directory{
		CustomAttrs: []feishu.CustomAttr{
			{ID: "C-text", Type: feishu.AttrText, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "备注"}}},
			{ID: "C-href", Type: feishu.AttrHref, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "主页"}}},
			{ID: "C-enum", Type: feishu.AttrEnumeration, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "学历"}},
				Options: &feishu.CustomAttrOptions{OptionType: "TEXT", Options: []feishu.CustomAttrOption{{ID: "o1", Value: "本科"}, {ID: "o2", Value: "硕士"}}}},
			{ID: "C-pic", Type: feishu.AttrPictureEnum, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "工牌"}},
				Options: &feishu.CustomAttrOptions{OptionType: "PICTURE", Options: []feishu.CustomAttrOption{{ID: "p1", Value: "https://img.example.com/blue.png", Name: "蓝色"}}}},
			{ID: "C-user", Type: feishu.AttrGenericUser, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "导师"}}},
		},
		JobTitles:  []feishu.JobTitle{{JobTitleID: "T1", Name: "工程师", Status: true}, {JobTitleID: "T2", Name: "旧职务", Status: false}},
		WorkCities: []feishu.WorkCity{{WorkCityID: "W1", Name: "北京", Status: true}},
	}
}

func TestEmployeeTypeCreateAndUpdate(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	var d feishu.EmployeeTypeData
	body := feishu.EmployeeTypeEnum{Content: "兼职", EnumType: 2, EnumStatus: 1, I18nContent: []feishu.I18nContent{{Locale: "en_us", Value: "Part-time"}}}
	c.ok("POST", feishu.PathEmployeeTypeEnums, body, &d)
	if e := d.EmployeeTypeEnum; e.EnumValue != "6" || e.EnumID == "" || e.EnumType != 2 {
		t.Fatalf("created %+v", e)
	}
	first := *d.EmployeeTypeEnum
	c.ok("POST", feishu.PathEmployeeTypeEnums, feishu.EmployeeTypeEnum{Content: "返聘", EnumType: 2, EnumStatus: 1}, &d)
	if d.EmployeeTypeEnum.EnumValue != "7" {
		t.Fatalf("second custom type: %+v", d.EmployeeTypeEnum)
	}
	for _, tt := range []struct {
		name string
		code int
		body feishu.EmployeeTypeEnum
	}{
		{"content taken", 42301, feishu.EmployeeTypeEnum{Content: "兼职", EnumType: 2, EnumStatus: 1}},
		{"built-in content taken", 42301, feishu.EmployeeTypeEnum{Content: "正式", EnumType: 2, EnumStatus: 1}},
		{"i18n taken", 42302, feishu.EmployeeTypeEnum{Content: "x", EnumType: 2, EnumStatus: 1, I18nContent: []feishu.I18nContent{{Locale: "en_us", Value: "Part-time"}}}},
		{"content too long", 42303, feishu.EmployeeTypeEnum{Content: string(make([]rune, 101)), EnumType: 2, EnumStatus: 1}},
		{"empty content", 42303, feishu.EmployeeTypeEnum{EnumType: 2, EnumStatus: 1}},
		{"built-in type", 40001, feishu.EmployeeTypeEnum{Content: "y", EnumType: 1, EnumStatus: 1}},
		{"bad status", 40001, feishu.EmployeeTypeEnum{Content: "y", EnumType: 2, EnumStatus: 3}},
	} {
		t.Run(tt.name, func(t *testing.T) { c.wantCode(tt.code, "POST", feishu.PathEmployeeTypeEnums, tt.body) })
	}
	c.mkDept("D1", "0", "一部")
	var u feishu.UserData
	c.ok("POST", feishu.PathUsers+custom, feishu.User{UserID: "u1", Name: "甲", Mobile: "13800000001", DepartmentIDs: []string{"D1"}, EmployeeType: 6}, &u)
	c.wantCode(41059, "POST", feishu.PathUsers+custom, feishu.User{UserID: "u2", Name: "乙", Mobile: "13800000002", DepartmentIDs: []string{"D1"}, EmployeeType: 9})

	// A rename keeps the number; deactivating makes it unusable (41060).
	c.ok("PUT", feishu.EmployeeTypePath(first.EnumID), feishu.EmployeeTypeEnum{Content: "兼职员工", EnumType: 2, EnumStatus: 2}, &d)
	if d.EmployeeTypeEnum.EnumValue != "6" || d.EmployeeTypeEnum.Content != "兼职员工" {
		t.Fatalf("renamed %+v", d.EmployeeTypeEnum)
	}
	c.wantCode(41060, "POST", feishu.PathUsers+custom, feishu.User{UserID: "u3", Name: "丙", Mobile: "13800000003", DepartmentIDs: []string{"D1"}, EmployeeType: 6})
	c.wantCode(41060, "PATCH", feishu.PathUsers+"/u1"+custom, feishu.UserPatch{EmployeeType: ptr(6)})
	c.wantCode(40001, "PUT", feishu.EmployeeTypePath("builtin-1"), feishu.EmployeeTypeEnum{Content: "正式2", EnumType: 2, EnumStatus: 1})
	var p feishu.Page[feishu.EmployeeTypeEnum]
	c.ok("GET", feishu.PathEmployeeTypeEnums, nil, &p)
	if len(p.Items) != 7 || p.Items[5].Content != "兼职员工" || p.Items[5].EnumStatus != 2 {
		t.Fatalf("listing %+v", p.Items)
	}
}

func TestJobLevels(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	var d feishu.JobLevelData
	c.ok("POST", feishu.PathJobLevels, map[string]any{"name": "P5", "status": true}, &d)
	p5 := *d.JobLevel
	if p5.Order != 100 || p5.JobLevelID == "" {
		t.Fatalf("P5 %+v", p5)
	}
	c.ok("POST", feishu.PathJobLevels, map[string]any{"name": "P6", "status": true}, &d)
	if d.JobLevel.Order != 200 {
		t.Fatalf("P6 goes last: %+v", d.JobLevel)
	}
	c.ok("POST", feishu.PathJobLevels, map[string]any{"name": "P7", "status": false}, &d)
	p7 := *d.JobLevel
	for _, tt := range []struct {
		name string
		code int
		body map[string]any
	}{
		{"name taken", 42305, map[string]any{"name": "P5", "status": true}},
		{"empty name", 42303, map[string]any{"name": "", "status": true}},
		{"order below 100", 42308, map[string]any{"name": "P8", "order": 99, "status": true}},
		{"order taken", 42306, map[string]any{"name": "P8", "order": 200, "status": true}},
		{"no status", 40001, map[string]any{"name": "P8"}},
	} {
		t.Run(tt.name, func(t *testing.T) { c.wantCode(tt.code, "POST", feishu.PathJobLevels, tt.body) })
	}
	var page feishu.Page[feishu.JobLevel]
	c.ok("GET", feishu.PathJobLevels+"?page_size=2", nil, &page)
	if len(page.Items) != 2 || !page.HasMore {
		t.Fatalf("page %+v", page)
	}
	c.ok("GET", feishu.PathJobLevels+q("name", "P6"), nil, &page)
	if len(page.Items) != 1 || page.Items[0].Name != "P6" {
		t.Fatalf("name filter %+v", page)
	}
	c.wantCode(40001, "GET", feishu.PathJobLevels+"?page_size=51", nil)

	c.ok("PUT", feishu.JobLevelPath(p5.JobLevelID), map[string]any{"name": "P5 高级"}, &d)
	if d.JobLevel.Name != "P5 高级" || d.JobLevel.Order != 100 || !d.JobLevel.Status {
		t.Fatalf("rename keeps the rest: %+v", d.JobLevel)
	}
	if r := c.wantCode(42301, "PUT", feishu.JobLevelPath("nope"), map[string]any{"name": "x"}); r.status != http.StatusNotFound {
		t.Fatalf("unknown level: HTTP %d", r.status)
	}

	c.mkDept("D1", "0", "一部")
	user := func(id, level string) feishu.User {
		return feishu.User{UserID: id, Name: id, Mobile: "1380000000" + id[1:], DepartmentIDs: []string{"D1"}, EmployeeType: 1, JobLevelID: level}
	}
	var u feishu.UserData
	c.ok("POST", feishu.PathUsers+custom, user("u1", p5.JobLevelID), &u)
	if c.getUser("u1").JobLevelID != p5.JobLevelID {
		t.Fatal("job_level_id not kept")
	}
	c.wantCode(44044, "POST", feishu.PathUsers+custom, user("u2", "nope"))
	c.wantCode(44044, "POST", feishu.PathUsers+custom, user("u3", p7.JobLevelID)) // disabled
}

func TestJobFamilies(t *testing.T) {
	_, c := start(t, sandbox.Options{})
	var d feishu.JobFamilyData
	c.ok("POST", feishu.PathJobFamilies, map[string]any{"name": "研发", "status": true}, &d)
	rd := *d.JobFamily
	c.ok("POST", feishu.PathJobFamilies, map[string]any{"name": "后端", "parent_job_family_id": rd.JobFamilyID, "status": true}, &d)
	be := *d.JobFamily
	c.ok("POST", feishu.PathJobFamilies, map[string]any{"name": "停用", "status": false}, &d)
	off := *d.JobFamily
	for _, tt := range []struct {
		name string
		code int
		body map[string]any
	}{
		{"name taken (anywhere in the tenant)", 42406, map[string]any{"name": "后端", "status": true}},
		{"empty name", 42404, map[string]any{"name": "", "status": true}},
		{"unknown parent", 42408, map[string]any{"name": "x", "parent_job_family_id": "nope", "status": true}},
		{"disabled parent", 42409, map[string]any{"name": "x", "parent_job_family_id": off.JobFamilyID, "status": true}},
		{"no status", 42400, map[string]any{"name": "x"}},
	} {
		t.Run(tt.name, func(t *testing.T) { c.wantCode(tt.code, "POST", feishu.PathJobFamilies, tt.body) })
	}
	c.wantCode(42407, "PUT", feishu.JobFamilyPath(rd.JobFamilyID), map[string]any{"parent_job_family_id": be.JobFamilyID})
	if r := c.wantCode(42402, "PUT", feishu.JobFamilyPath("nope"), map[string]any{"name": "x"}); r.status != http.StatusNotFound {
		t.Fatalf("unknown family: HTTP %d", r.status)
	}
	c.ok("PUT", feishu.JobFamilyPath(be.JobFamilyID), map[string]any{"name": "服务端"}, &d)
	if d.JobFamily.Name != "服务端" || d.JobFamily.ParentJobFamilyID != rd.JobFamilyID {
		t.Fatalf("rename keeps the parent: %+v", d.JobFamily)
	}
	c.mkDept("D1", "0", "一部")
	c.ok("POST", feishu.PathUsers+custom, feishu.User{UserID: "u1", Name: "甲", Mobile: "13800000001", DepartmentIDs: []string{"D1"}, EmployeeType: 1, JobFamilyID: be.JobFamilyID}, nil)
	c.wantCode(44045, "POST", feishu.PathUsers+custom, feishu.User{UserID: "u2", Name: "乙", Mobile: "13800000002", DepartmentIDs: []string{"D1"}, EmployeeType: 1, JobFamilyID: off.JobFamilyID})
	c.wantCode(44045, "PATCH", feishu.PathUsers+"/u1"+custom, feishu.UserPatch{JobFamilyID: ptr("nope")})
}

func TestCustomAttrs(t *testing.T) {
	_, c := start(t, sandbox.Options{Directory: testDirectory()})
	var p feishu.Page[feishu.CustomAttr]
	c.ok("GET", feishu.PathCustomAttrs+"?page_size=2", nil, &p)
	if len(p.Items) != 2 || !p.HasMore || p.Items[0].ID != "C-text" {
		t.Fatalf("page %+v", p)
	}
	c.wantCode(40011, "GET", feishu.PathCustomAttrs+"?page_size=101", nil)
	c.mkDept("D1", "0", "一部")
	c.mkUser("mentor", "13800000009", "D1")
	attrs := []feishu.UserCustomAttr{
		{Type: "TEXT", ID: "C-text", Value: &feishu.UserCustomAttrValue{Text: "备注一"}},
		{Type: "HREF", ID: "C-href", Value: &feishu.UserCustomAttrValue{Text: "主页", URL: "https://a.example.com", PcURL: "https://pc.example.com"}},
		{Type: "ENUMERATION", ID: "C-enum", Value: &feishu.UserCustomAttrValue{OptionID: "o2"}},
		{Type: "PICTURE_ENUM", ID: "C-pic", Value: &feishu.UserCustomAttrValue{OptionID: "p1"}},
		{Type: "GENERIC_USER", ID: "C-user", Value: &feishu.UserCustomAttrValue{GenericUser: &feishu.CustomAttrGenericUser{ID: "mentor", Type: 1}}},
	}
	c.ok("POST", feishu.PathUsers+custom, feishu.User{UserID: "u1", Name: "甲", Mobile: "13800000001", DepartmentIDs: []string{"D1"}, EmployeeType: 1, CustomAttrs: attrs}, nil)
	got := c.getUser("u1").CustomAttrs
	if len(got) != 5 || got[2].Value.OptionValue != "硕士" || got[3].Value.Name != "蓝色" || got[3].Value.PictureURL == "" || got[4].Value.GenericUser.ID != "mentor" {
		t.Fatalf("read back %+v", got)
	}
	bad := func(a feishu.UserCustomAttr) feishu.UserPatch {
		return feishu.UserPatch{CustomAttrs: &[]feishu.UserCustomAttr{a}}
	}
	long := string(make([]rune, 101))
	for _, tt := range []struct {
		name string
		code int
		attr feishu.UserCustomAttr
	}{
		{"no id", 41044, feishu.UserCustomAttr{Type: "TEXT", Value: &feishu.UserCustomAttrValue{Text: "x"}}},
		{"unknown id (or not opened to the API)", 41045, feishu.UserCustomAttr{ID: "C-nope", Value: &feishu.UserCustomAttrValue{Text: "x"}}},
		{"no value", 41046, feishu.UserCustomAttr{ID: "C-text"}},
		{"empty text", 41046, feishu.UserCustomAttr{ID: "C-text", Value: &feishu.UserCustomAttrValue{}}},
		{"text over 100", 40001, feishu.UserCustomAttr{ID: "C-text", Value: &feishu.UserCustomAttrValue{Text: long}}},
		{"href without text", 41047, feishu.UserCustomAttr{ID: "C-href", Value: &feishu.UserCustomAttrValue{URL: "https://x.example.com"}}},
		{"href without url", 41048, feishu.UserCustomAttr{ID: "C-href", Value: &feishu.UserCustomAttrValue{Text: "x"}}},
		{"href not http", 40001, feishu.UserCustomAttr{ID: "C-href", Value: &feishu.UserCustomAttrValue{Text: "x", URL: "ftp://x.example.com"}}},
		{"unknown option", 40001, feishu.UserCustomAttr{ID: "C-enum", Value: &feishu.UserCustomAttrValue{OptionID: "o9"}}},
		{"unknown user", 40001, feishu.UserCustomAttr{ID: "C-user", Value: &feishu.UserCustomAttrValue{GenericUser: &feishu.CustomAttrGenericUser{ID: "nobody", Type: 1}}}},
		{"wrong type", 40001, feishu.UserCustomAttr{Type: "HREF", ID: "C-text", Value: &feishu.UserCustomAttrValue{Text: "x"}}},
	} {
		t.Run(tt.name, func(t *testing.T) { c.wantCode(tt.code, "PATCH", feishu.PathUsers+"/u1"+custom, bad(tt.attr)) })
	}
	// PATCH replaces the whole list (UNCONFIRMED, sandbox/doc.go).
	c.ok("PATCH", feishu.PathUsers+"/u1"+custom, bad(attrs[0]), nil)
	if got := c.getUser("u1").CustomAttrs; len(got) != 1 || got[0].ID != "C-text" {
		t.Fatalf("after PATCH %+v", got)
	}
}

func TestJobTitlesAndWorkCities(t *testing.T) {
	srv, c := start(t, sandbox.Options{Directory: testDirectory()})
	var titles feishu.Page[feishu.JobTitle]
	c.ok("GET", feishu.PathJobTitles, nil, &titles)
	if len(titles.Items) != 2 || titles.Items[1].Status {
		t.Fatalf("titles %+v", titles)
	}
	c.wantCode(40001, "GET", feishu.PathJobTitles+"?page_size=51", nil)
	c.wantCode(40001, "GET", feishu.PathWorkCities+"?page_size=0", nil)
	// A user write naming a title or city the tenant lacks creates it.
	c.mkDept("D1", "0", "一部")
	c.ok("POST", feishu.PathUsers+custom, feishu.User{UserID: "u1", Name: "甲", Mobile: "13800000001", DepartmentIDs: []string{"D1"}, EmployeeType: 1, JobTitle: "架构师", City: "上海"}, nil)
	d := srv.Directory()
	if len(d.JobTitles) != 3 || d.JobTitles[2].Name != "架构师" || !d.JobTitles[2].Status || len(d.WorkCities) != 2 {
		t.Fatalf("directory %+v", d)
	}
}

func TestDirectoryRateLimits(t *testing.T) {
	clock := newFakeClock()
	_, c := start(t, sandbox.Options{RateScale: 1, Now: clock.Now, Directory: testDirectory()})
	for i := 0; i < 10; i++ {
		c.ok("GET", feishu.PathJobTitles, nil, nil)
	}
	r := c.do("GET", feishu.PathJobTitles, nil)
	if r.status != http.StatusTooManyRequests || r.header.Get("x-ogw-ratelimit-limit") != "10" {
		t.Fatalf("11th job_titles call in a minute: HTTP %d %s", r.status, r.raw)
	}
	c.ok("GET", feishu.PathWorkCities, nil, nil) // its own budget
	clock.Advance(61e9)
	c.ok("GET", feishu.PathJobTitles, nil, nil)
	for i := 0; i < 10; i++ {
		c.ok("GET", feishu.PathJobLevels, nil, nil)
	}
	if r := c.do("GET", feishu.PathJobLevels, nil); r.status != http.StatusTooManyRequests {
		t.Fatalf("11th job_levels call in a second: HTTP %d", r.status)
	}
}

func TestDirectoryPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	srv, c := start(t, sandbox.Options{StatePath: path, Directory: testDirectory()})
	c.ok("POST", feishu.PathEmployeeTypeEnums, feishu.EmployeeTypeEnum{Content: "兼职", EnumType: 2, EnumStatus: 1}, nil)
	c.ok("POST", feishu.PathJobLevels, map[string]any{"name": "P5", "status": true}, nil)
	c.ok("POST", depts+custom, feishu.Department{DepartmentID: "D1", ParentDepartmentID: "0", Name: "一"}, nil)
	// A user write that creates a title and a city logs them with the user
	// (the state file itself is not rewritten).
	before, _ := os.ReadFile(path)
	c.ok("POST", feishu.PathUsers+custom, feishu.User{UserID: "u1", Name: "甲", Mobile: "13800000001", DepartmentIDs: []string{"D1"},
		EmployeeType: 6, JobTitle: "架构师", City: "杭州"}, nil)
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a user write rewrote the whole state file")
	}
	want := srv.Directory()
	again, err := sandbox.New(sandbox.Options{StatePath: path}) // no Directory: the file's, and its log's
	if err != nil {
		t.Fatal(err)
	}
	got := again.Directory()
	if len(got.EmployeeTypes) != 6 || got.EmployeeTypes[5].EnumValue != "6" || len(got.JobLevels) != 1 ||
		got.JobLevels[0].JobLevelID != want.JobLevels[0].JobLevelID || len(got.CustomAttrs) != 5 {
		t.Fatalf("reloaded %+v", got)
	}
	if !reflect.DeepEqual(got.JobTitles, want.JobTitles) || !reflect.DeepEqual(got.WorkCities, want.WorkCities) || len(got.JobTitles) != 3 || len(got.WorkCities) != 2 {
		t.Fatalf("titles %+v, cities %+v; want %+v, %+v", got.JobTitles, got.WorkCities, want.JobTitles, want.WorkCities)
	}
}

// TestSeedDirectoryReplacesTheDefault: a JSON seed's directory replaces
// Options.Directory; `"directory": {}` is a tenant with the built-in types
// only; a seed without one keeps Options.Directory.
func TestSeedDirectoryReplacesTheDefault(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		seed          string
		types, titles int
	}{
		{`{"version":1,"departments":[],"users":[],"directory":{"job_titles":[{"name":"厨师","status":true}]}}`, 5, 1},
		{`{"version":1,"departments":[],"users":[],"directory":{}}`, 5, 0},
		{`{"version":1,"departments":[],"users":[]}`, 5, 2},
	} {
		p := filepath.Join(dir, "seed.json")
		if err := os.WriteFile(p, []byte(tt.seed), 0o600); err != nil {
			t.Fatal(err)
		}
		srv, err := sandbox.New(sandbox.Options{SeedPath: p, Directory: testDirectory()})
		if err != nil {
			t.Fatal(err)
		}
		if d := srv.Directory(); len(d.EmployeeTypes) != tt.types || len(d.JobTitles) != tt.titles || (tt.titles == 1 && d.JobTitles[0].JobTitleID == "") {
			t.Errorf("%s: %d types, titles %+v", tt.seed, len(d.EmployeeTypes), d.JobTitles)
		}
	}
}
