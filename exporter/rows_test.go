package exporter_test

import (
	"slices"
	"testing"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/templates"
	"github.com/orgbatch/orgbatch/tenant"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		st   *feishu.UserStatus
		want string
	}{
		{nil, exporter.StatusActive},
		{&feishu.UserStatus{}, exporter.StatusInactive},
		{&feishu.UserStatus{IsActivated: true}, exporter.StatusActive},
		{&feishu.UserStatus{IsActivated: true, IsFrozen: true}, exporter.StatusFrozen},
		{&feishu.UserStatus{IsUnjoin: true}, exporter.StatusUnjoined},
		{&feishu.UserStatus{IsFrozen: true, IsResigned: true}, exporter.StatusResigned},
		{&feishu.UserStatus{IsExited: true, IsFrozen: true}, exporter.StatusExited},
	}
	for _, tt := range tests {
		if got := exporter.Status(tt.st); got != tt.want {
			t.Errorf("Status(%+v) = %s, want %s", tt.st, got, tt.want)
		}
	}
}

func TestDepartmentRow(t *testing.T) {
	d := &tenant.Department{Department: feishu.Department{
		DepartmentID: "D1", Name: "技术部", ParentDepartmentID: "0", I18nName: &feishu.I18nName{EnUs: "Tech", JaJp: "技術部"},
		LeaderUserID: "u1", Order: "3", ChatID: "oc_1", OpenDepartmentID: "od-1", MemberCount: 12,
		Leaders:         []feishu.DepartmentLeader{{LeaderType: 1, LeaderID: "u1"}, {LeaderType: 2, LeaderID: "u7"}, {LeaderType: 2, LeaderID: "u8"}},
		DepartmentHrbps: []string{"h1", "h2"}, UnitIDs: []string{"BU1"},
	}, Path: "总部/技术部", Depth: 2}
	want := []string{"D1", "技术部", "0", "Tech", "技術部", "u1", "u7;u8", "h1;h2", "3", "是", "BU1", "/", "od-1", "总部/技术部", "2", "12"}
	if got := exporter.DepartmentRow(d); !slices.Equal(got, want) {
		t.Errorf("row %q\nwant %q", got, want)
	}
	if n := len(org.DepartmentSchema.Fields) + len(exporter.DepartmentExtra); len(want) != n {
		t.Fatalf("row has %d cells, sheet %d columns", len(want), n)
	}
	d.ChatID = ""
	if got := exporter.DepartmentRow(d)[9]; got != "否" {
		t.Errorf("no chat: %q", got)
	}
}

func TestUserRow(t *testing.T) {
	u := &feishu.User{
		UserID: "u1", Name: "张三", EnName: "San", Mobile: "+8613800138000", Email: "a@example.com",
		DepartmentIDs: []string{"D1", "0", "X9"}, EmployeeType: 2, Gender: 0, EmployeeNo: "007", JobTitle: "工程师",
		LeaderUserID: "u0", JoinTime: 1704124800, City: "北京", WorkStation: "A-1", OpenID: "ou_1",
		Status: &feishu.UserStatus{IsFrozen: true}, DottedLineLeaderUserIDs: []string{"u5", "u6"},
	}
	paths := map[string]string{"D1": "总部/技术部", "0": exporter.RootPath}
	d := &feishu.Directory{}
	want := []string{"u1", "张三", "San", "13800138000", "a@example.com", "D1;0;X9", "实习", "保密", "007", "工程师", "", "",
		"u0", "u5;u6", "2024-01-02", "北京", "A-1", "总部/技术部;/;X9", "ou_1", "frozen"}
	if got := exporter.UserRow(u, paths, d); !slices.Equal(got, want) {
		t.Errorf("row %q\nwant %q", got, want)
	}
	if n := len(org.UserSchema.Fields) + len(exporter.UserExtra); len(want) != n {
		t.Fatalf("row has %d cells, sheet %d columns", len(want), n)
	}
	u.Mobile, u.EmployeeType, u.Gender, u.JoinTime = "+447911123456", 7, 2, 0
	got := exporter.UserRow(u, paths, d)
	if got[3] != "+447911123456" || got[6] != "7" || got[7] != "女" || got[14] != "" {
		t.Errorf("international/custom row %q", got)
	}
}

// TestUserRowNamesTheSchema: a user's custom type, job level and family
// and custom attributes are written by name, attributes in columns of
// their own after the template's.
func TestUserRowNamesTheSchema(t *testing.T) {
	d := &feishu.Directory{
		EmployeeTypes: []feishu.EmployeeTypeEnum{{EnumValue: "7", Content: "返聘", EnumType: 2, EnumStatus: 1}},
		JobLevels:     []feishu.JobLevel{{JobLevelID: "L1", Name: "P6"}},
		JobFamilies:   []feishu.JobFamily{{JobFamilyID: "F1", Name: "研发"}, {JobFamilyID: "F2", Name: "后端", ParentJobFamilyID: "F1"}},
		CustomAttrs: []feishu.CustomAttr{
			{ID: "C-1", Type: feishu.AttrHref, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "主页"}}},
			{ID: "C-2", Type: feishu.AttrEnumeration, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "学历"}},
				Options: &feishu.CustomAttrOptions{Options: []feishu.CustomAttrOption{{ID: "o1", Value: "硕士"}}}},
		},
	}
	u := &feishu.User{UserID: "u1", EmployeeType: 7, JobLevelID: "L1", JobFamilyID: "F2", CustomAttrs: []feishu.UserCustomAttr{
		{Type: feishu.AttrEnumeration, ID: "C-2", Value: &feishu.UserCustomAttrValue{OptionID: "o1", OptionValue: "硕士"}},
		{Type: feishu.AttrHref, ID: "C-1", Value: &feishu.UserCustomAttrValue{Text: "博客", URL: "https://b.example.com"}},
	}}
	row := exporter.UserRow(u, nil, d)
	at := func(key string) string {
		for i, f := range org.UserSchema.Fields {
			if f.Key == key {
				return row[i]
			}
		}
		return "?"
	}
	if at("employee_type") != "返聘" || at("job_level") != "P6" || at("job_family") != "研发/后端" {
		t.Errorf("schema fields %q", row)
	}
	n := len(org.UserSchema.Fields)
	if row[n] != "博客 | https://b.example.com" || row[n+1] != "硕士" || len(row) != n+2+len(exporter.UserExtra) {
		t.Errorf("attribute cells %q", row[n:])
	}
	cols := exporter.AttrColumns(d)
	if cols[0].Header != "主页 (custom:C-1)" || cols[1].Header != "学历 (custom:C-2)" {
		t.Errorf("headers %+v", cols)
	}
}

// TestExtraHeadersMatchNoField: import must ignore the read-only columns,
// so none of their headers may name a template field.
func TestExtraHeadersMatchNoField(t *testing.T) {
	for _, c := range exporter.DepartmentExtra {
		if f, ok := org.DepartmentSchema.MatchHeader(c.Header); ok {
			t.Errorf("%q matches department field %s", c.Header, f.Key)
		}
	}
	for _, c := range exporter.UserExtra {
		if f, ok := org.UserSchema.MatchHeader(c.Header); ok {
			t.Errorf("%q matches user field %s", c.Header, f.Key)
		}
	}
	for _, name := range []string{exporter.TreeSheet, exporter.MetadataSheet} {
		if !org.IsInstructionSheet(name) {
			t.Errorf("sheet %q would be read as data", name)
		}
	}
	if templates.DepartmentsSheet == exporter.TreeSheet {
		t.Fatal("sheet names collide")
	}
}
