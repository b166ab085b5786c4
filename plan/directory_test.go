package plan

import (
	"reflect"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/tenant"
)

func en(v string) []feishu.I18nContent { return []feishu.I18nContent{{Locale: "en_us", Value: v}} }

// schemaTenant is a tenant with a schema of every kind and one user, e1,
// who holds a disabled type, level, title and city.
func schemaTenant() *tenant.Snapshot {
	tn := tenant.New()
	types := []feishu.EmployeeTypeEnum{}
	for i, n := range []string{"正式", "实习", "外包", "劳务", "顾问"} {
		types = append(types, feishu.EmployeeTypeEnum{EnumValue: itoa(i + 1), Content: n, EnumType: 1, EnumStatus: 1})
	}
	types = append(types,
		feishu.EmployeeTypeEnum{EnumValue: "6", Content: "兼职", EnumType: 2, EnumStatus: 1, I18nContent: en("Part-time")},
		feishu.EmployeeTypeEnum{EnumValue: "7", Content: "劳务派遣", EnumType: 2, EnumStatus: 1},
		feishu.EmployeeTypeEnum{EnumValue: "8", Content: "临时工", EnumType: 2, EnumStatus: 2})
	tn.Dir = feishu.Directory{
		EmployeeTypes: types,
		JobLevels: []feishu.JobLevel{
			{JobLevelID: "L5", Name: "P5", Status: true, I18nName: en("P5 Engineer")}, {JobLevelID: "L6", Name: "P6", Status: true},
			{JobLevelID: "L7", Name: "P7", Status: false},
			{JobLevelID: "M1", Name: "M1", Status: true, I18nName: en("Manager")}, {JobLevelID: "M2", Name: "M2", Status: true, I18nName: en("manager")},
		},
		JobFamilies: []feishu.JobFamily{
			{JobFamilyID: "F1", Name: "研发", Status: true}, {JobFamilyID: "F2", Name: "后端", ParentJobFamilyID: "F1", Status: true},
			{JobFamilyID: "F3", Name: "产品", Status: true}, {JobFamilyID: "F4", Name: "停用", Status: false},
			{JobFamilyID: "F5", Name: "子序列", ParentJobFamilyID: "F4", Status: true},
		},
		JobTitles:  []feishu.JobTitle{{JobTitleID: "T1", Name: "工程师", Status: true, I18nName: en("Engineer")}, {JobTitleID: "T2", Name: "旧职务"}},
		WorkCities: []feishu.WorkCity{{WorkCityID: "W1", Name: "北京", Status: true, I18nName: en("Beijing")}, {WorkCityID: "W2", Name: "关闭城"}},
		CustomAttrs: []feishu.CustomAttr{
			{ID: "C-text", Type: feishu.AttrText, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "备注"}}},
			{ID: "C-href", Type: feishu.AttrHref, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "主页"}}},
			{ID: "C-enum", Type: feishu.AttrEnumeration, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "学历"}, {Locale: "en_us", Value: "Education"}},
				Options: &feishu.CustomAttrOptions{Options: []feishu.CustomAttrOption{{ID: "o1", Value: "本科"}, {ID: "o2", Value: "硕士"}}}},
			{ID: "C-pic", Type: feishu.AttrPictureEnum, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "工牌"}},
				Options: &feishu.CustomAttrOptions{Options: []feishu.CustomAttrOption{{ID: "p1", Value: "https://img.example.com/b.png", Name: "蓝色"}}}},
			{ID: "C-user", Type: feishu.AttrGenericUser, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "导师"}}},
		},
	}
	tn.DirRead = tenant.AllLists
	tn.Users["e1"] = &feishu.User{UserID: "e1", Name: "老员工", Mobile: "+8613900000001", DepartmentIDs: []string{"0"},
		EmployeeType: 8, JobLevelID: "L7", JobFamilyID: "F4", JobTitle: "旧职务", City: "关闭城",
		CustomAttrs: []feishu.UserCustomAttr{
			{Type: feishu.AttrEnumeration, ID: "C-enum", Value: &feishu.UserCustomAttrValue{OptionID: "o1", OptionValue: "本科"}},
			{Type: feishu.AttrText, ID: "C-text", Value: &feishu.UserCustomAttrValue{Text: "留着"}},
			{Type: feishu.AttrText, ID: "C-gone", Value: &feishu.UserCustomAttrValue{Text: "not listed: cannot be written"}},
		}}
	return tn
}

const schemaHeader = "user_id,name,mobile,department_ids,employee_type,job_level,job_family,job_title,city\n"

// schemaRow plans one new user whose named column is value (the others
// empty), and returns the plan and the row's change.
func schemaRow(t *testing.T, column, value string, opts Options) (*Plan, *Change) {
	t.Helper()
	cells := map[string]string{"employee_type": "正式"}
	cells[column] = value
	row := "n1,新人,13800000001,0"
	for _, c := range []string{"employee_type", "job_level", "job_family", "job_title", "city"} {
		row += "," + cells[c]
	}
	o, ps := sheetOrg(t, "", schemaHeader+row+"\n")
	p := BuildWith(o, ps, schemaTenant(), opts)
	return p, change(p, "n1")
}

func TestPlanEmployeeTypes(t *testing.T) {
	tests := []struct {
		cell string
		want int    // the type sent
		rule string // or the problem
	}{
		{"兼职", 6, ""},
		{"part-time", 6, ""}, // an i18n name, any case
		{"6", 6, ""},
		{"劳务派遣", 7, ""}, // the tenant's own type wins over orgbatch's alias of 劳务
		{"劳务", 4, ""},
		{"实习生", 2, ""},
		{"临时工", 0, "PLAN_EMPLOYEE_TYPE_INACTIVE"},
		{"合同工", 0, "PLAN_EMPLOYEE_TYPE_UNKNOWN"},
		{"9", 0, "PLAN_EMPLOYEE_TYPE_UNKNOWN"},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			_, c := schemaRow(t, "employee_type", tt.cell, Options{})
			if tt.rule != "" {
				if c.Action != ActionBlocked || !strings.Contains(rules(c), tt.rule) {
					t.Fatalf("%s: %s %s", tt.cell, c.Action, rules(c))
				}
				return
			}
			if c.Action != ActionCreate || userBody(c.Steps[0]).EmployeeType != tt.want || strings.Contains(rules(c), "USER_EMPLOYEE_TYPE_CUSTOM") {
				t.Fatalf("%s: %s %s %+v", tt.cell, c.Action, rules(c), c.Steps)
			}
		})
	}
	_, c := schemaRow(t, "employee_type", "合同工", Options{})
	if msg := c.Problems[len(c.Problems)-1].Message; !strings.Contains(msg, "兼职 (6)") || strings.Contains(msg, "临时工") {
		t.Errorf("the message lists the tenant's active types: %s", msg)
	}
	// --create-missing-types: the type is created first, once, and the
	// users' creates take its number from that step.
	o, ps := sheetOrg(t, "", schemaHeader+"n1,甲,13800000001,0,合同工,,,,\nn2,乙,13800000002,0,合同工 ,,,,\nn3,丙,13800000003,0,99,,,,\n")
	p := BuildWith(o, ps, schemaTenant(), Options{CreateMissing: CreateMissing{Types: true}})
	ct := change(p, org.SegmentKey("合同工"))
	if ct == nil || ct.Kind != KindEmployeeType || ct.Action != ActionCreate || len(ct.Steps) != 1 {
		t.Fatalf("type create %+v", ct)
	}
	if r := ct.Steps[0].Request.(CreateEmployeeType); r.Body.Content != "合同工" || r.Body.EnumType != 2 || r.Body.EnumStatus != 1 {
		t.Errorf("create body %+v", r.Body)
	}
	for _, key := range []string{"n1", "n2"} {
		s := change(p, key).Steps[0]
		if r := s.Request.(CreateUser); len(r.Refs) != 1 || r.Refs[0] != (Ref{RefEmployeeType, ct.Steps[0].ID}) || joinIDs(s.Deps) != ct.Steps[0].ID.String() {
			t.Errorf("%s: refs %+v deps %v", key, r.Refs, s.Deps)
		}
	}
	if c := change(p, "n3"); c.Action != ActionBlocked || !strings.Contains(rules(c), "PLAN_EMPLOYEE_TYPE_UNKNOWN") {
		t.Errorf("a number is never created as a type: %s %s", c.Action, rules(c))
	}
	// A user who already holds an inactive type keeps it: no change, no error.
	o, ps = sheetOrg(t, "", schemaHeader+"e1,老员工,13900000001,0,临时工,,,,\n")
	if c := change(Build(o, ps, schemaTenant()), "e1"); c.Action != ActionUnchanged {
		t.Errorf("held inactive type: %s %s %+v", c.Action, rules(c), c.Fields)
	}
}

func TestPlanJobLevels(t *testing.T) {
	for _, tt := range []struct {
		cell, want, rule string
	}{
		{"P5", "L5", ""},
		{"p5 engineer", "L5", ""},
		{"P7", "", "PLAN_JOB_LEVEL_INACTIVE"},
		{"Manager", "", "PLAN_NAME_AMBIGUOUS"},
		{"P9", "", "PLAN_JOB_LEVEL_UNKNOWN"},
	} {
		t.Run(tt.cell, func(t *testing.T) {
			_, c := schemaRow(t, "job_level", tt.cell, Options{})
			if tt.rule != "" {
				if c.Action != ActionBlocked || !strings.Contains(rules(c), tt.rule) {
					t.Fatalf("%s %s", c.Action, rules(c))
				}
				return
			}
			if got := userBody(c.Steps[0]).JobLevelID; got != tt.want {
				t.Fatalf("job_level_id %q, want %q", got, tt.want)
			}
		})
	}
	_, c := schemaRow(t, "job_level", "P9", Options{})
	if msg := c.Problems[0].Message; !strings.Contains(msg, "P5, P6, P7") {
		t.Errorf("close ones: %s", msg)
	}
	p, c := schemaRow(t, "job_level", "P9", Options{CreateMissing: CreateMissing{Levels: true}})
	cl := change(p, "p9")
	if cl == nil || cl.Kind != KindJobLevel || !reflect.DeepEqual(cl.Steps[0].Request.(CreateJobLevel).Body, feishu.JobLevel{Name: "P9", Status: true}) {
		t.Fatalf("level create %+v", cl)
	}
	if r := c.Steps[0].Request.(CreateUser); len(r.Refs) != 1 || r.Refs[0].Field != RefJobLevel {
		t.Errorf("refs %+v", r.Refs)
	}
	// An update shows the change by name.
	o, ps := sheetOrg(t, "", schemaHeader+"e1,老员工,13900000001,0,临时工,P6,,,\n")
	c = change(Build(o, ps, schemaTenant()), "e1")
	if len(c.Fields) != 1 || c.Fields[0] != (FieldChange{"job_level", "P7", "P6"}) || *userPatch(c.Steps[0]).JobLevelID != "L6" {
		t.Errorf("update %+v", c.Fields)
	}
}

func TestPlanJobFamilies(t *testing.T) {
	for _, tt := range []struct {
		cell, want, rule string
	}{
		{"研发/后端", "F2", ""},
		{"后端", "F2", ""}, // names are unique in the tenant
		{"停用/子序列", "F5", ""},
		{"产品/后端", "", "PLAN_JOB_FAMILY_ELSEWHERE"},
		{"后端/研发", "", "PLAN_JOB_FAMILY_ELSEWHERE"},
		{"研发/前端", "", "PLAN_JOB_FAMILY_UNKNOWN"},
		{"停用", "", "PLAN_JOB_FAMILY_INACTIVE"},
	} {
		t.Run(tt.cell, func(t *testing.T) {
			_, c := schemaRow(t, "job_family", tt.cell, Options{})
			if tt.rule != "" {
				if c.Action != ActionBlocked || !strings.Contains(rules(c), tt.rule) {
					t.Fatalf("%s %s", c.Action, rules(c))
				}
				return
			}
			if got := userBody(c.Steps[0]).JobFamilyID; got != tt.want {
				t.Fatalf("job_family_id %q, want %q", got, tt.want)
			}
		})
	}
	create := Options{CreateMissing: CreateMissing{Families: true}}
	p, c := schemaRow(t, "job_family", "研发/前端", create)
	if f := change(p, "研发/前端"); f == nil || f.Steps[0].Request.(CreateJobFamily).Body.ParentJobFamilyID != "F1" {
		t.Fatalf("前端 under 研发: %+v", f)
	}
	// A path of new families: the parent first, the child under it by Ref.
	p, c = schemaRow(t, "job_family", "新序列/子", create)
	parent, child := change(p, "新序列"), change(p, "新序列/子")
	if parent == nil || child == nil {
		t.Fatalf("changes %+v", p.Changes)
	}
	cr := child.Steps[0].Request.(CreateJobFamily)
	if len(cr.Refs) != 1 || cr.Refs[0] != (Ref{RefParent, parent.Steps[0].ID}) || joinIDs(child.Steps[0].Deps) != parent.Steps[0].ID.String() {
		t.Errorf("child %+v deps %v", cr, child.Steps[0].Deps)
	}
	if r := c.Steps[0].Request.(CreateUser); len(r.Refs) != 1 || r.Refs[0] != (Ref{RefJobFamily, child.Steps[0].ID}) {
		t.Errorf("user refs %+v", r.Refs)
	}
	if _, c = schemaRow(t, "job_family", "停用/新", create); c.Action != ActionBlocked || !strings.Contains(rules(c), "PLAN_JOB_FAMILY_INACTIVE") {
		t.Errorf("nothing is created under a disabled family: %s", rules(c))
	}
	// Two rows cannot create one name under two parents.
	o, ps := sheetOrg(t, "", schemaHeader+"n1,甲,13800000001,0,正式,,甲序列,,\nn2,乙,13800000002,0,正式,,研发/甲序列,,\n")
	p = BuildWith(o, ps, schemaTenant(), create)
	if c := change(p, "n2"); c.Action != ActionBlocked || !strings.Contains(rules(c), "PLAN_JOB_FAMILY_ELSEWHERE") {
		t.Errorf("same name twice: %s", rules(c))
	}
}

func TestPlanTitlesAndCities(t *testing.T) {
	for _, tt := range []struct {
		column, cell, want, rule string
	}{
		{"job_title", "engineer", "工程师", ""},
		{"job_title", "工程狮", "", "PLAN_JOB_TITLE_UNKNOWN"},
		{"job_title", "旧职务", "", "PLAN_JOB_TITLE_INACTIVE"},
		{"city", "BEIJING", "北京", ""},
		{"city", "北京市", "", "PLAN_CITY_UNKNOWN"},
		{"city", "关闭城", "", "PLAN_CITY_INACTIVE"},
	} {
		t.Run(tt.cell, func(t *testing.T) {
			_, c := schemaRow(t, tt.column, tt.cell, Options{})
			if tt.rule != "" {
				if c.Action != ActionBlocked || !strings.Contains(rules(c), tt.rule) {
					t.Fatalf("%s %s", c.Action, rules(c))
				}
				return
			}
			b := userBody(c.Steps[0])
			if got := map[string]string{"job_title": b.JobTitle, "city": b.City}[tt.column]; got != tt.want {
				t.Fatalf("sent %q, want %q (the tenant's spelling)", got, tt.want)
			}
		})
	}
	_, c := schemaRow(t, "job_title", "工程狮", Options{})
	if !strings.Contains(c.Problems[0].Message, "close ones: 工程师") {
		t.Errorf("close ones: %s", c.Problems[0].Message)
	}
	_, c = schemaRow(t, "job_title", "工程狮", Options{CreateMissing: CreateMissing{Titles: true}})
	if c.Action != ActionCreate || userBody(c.Steps[0]).JobTitle != "工程狮" {
		t.Errorf("--create-missing-titles sends it as written: %s %s", c.Action, rules(c))
	}
	// A disabled title and city the user already has are no change.
	o, ps := sheetOrg(t, "", schemaHeader+"e1,老员工,13900000001,0,临时工,,,旧职务,关闭城\n")
	if c := change(Build(o, ps, schemaTenant()), "e1"); c.Action != ActionUnchanged {
		t.Errorf("held: %s %s", c.Action, rules(c))
	}
}

const attrHeader = "user_id,name,mobile,department_ids,employee_type,备注,主页 (custom:C-href),学历,custom:C-pic,导师,custom:C-nope,绩效\n"

func TestPlanCustomAttrs(t *testing.T) {
	long := strings.Repeat("长", 101)
	o, ps := sheetOrg(t, "", attrHeader+
		"n1,甲,13800000001,0,正式,一段备注,个人 | https://x.example.com | https://pc.example.com,硕士,蓝色,e1,,A\n"+
		"n2,乙,13800000002,0,正式,"+long+",,,,,,\n"+
		"n3,丙,13800000003,0,正式,,个人 | ftp://x.example.com,,,,,\n"+
		"n4,丁,13800000004,0,正式,,,小学,,,,\n"+
		"n5,戊,13800000005,0,正式,,,,,nobody,,\n"+
		"n6,己,13800000006,0,正式,,,,,,x,\n"+
		"n7,庚,13800000007,0,正式,,https://only.example.com,education-o1,,n1,,\n"+
		"e1,老员工,13900000001,0,临时工,,,硕士,,,,\n"+
		"n8,辛,13800000008,0,正式,#REF!,,,,,,\n")
	p := BuildWith(o, ps, schemaTenant(), Options{})
	for key, rule := range map[string]string{"n8": "CELL_EXCEL_ERROR", // a named column, checked online"n2": "PLAN_CUSTOM_ATTR_TEXT_LENGTH", "n3": "PLAN_CUSTOM_ATTR_URL", "n4": "PLAN_CUSTOM_ATTR_OPTION",
		"n5": "PLAN_CUSTOM_ATTR_USER", "n6": "PLAN_CUSTOM_ATTR_UNKNOWN", "n7": "PLAN_CUSTOM_ATTR_OPTION"} {
		if c := change(p, key); c.Action != ActionBlocked || !strings.Contains(rules(c), rule) {
			t.Errorf("%s: %s %s, want %s", key, c.Action, rules(c), rule)
		}
	}
	n1 := userBody(change(p, "n1").Steps[0]).CustomAttrs
	want := map[string]feishu.UserCustomAttrValue{
		"C-text": {Text: "一段备注"}, "C-href": {Text: "个人", URL: "https://x.example.com", PcURL: "https://pc.example.com"},
		"C-enum": {OptionID: "o2"}, "C-pic": {OptionID: "p1"}, "C-user": {GenericUser: &feishu.CustomAttrGenericUser{ID: "e1", Type: 1}},
	}
	if len(n1) != len(want) {
		t.Fatalf("n1 attrs %+v", n1)
	}
	for _, a := range n1 {
		w := want[a.ID]
		if a.Type == "" || !sameValue(*a.Value, w) {
			t.Errorf("%s = %+v, want %+v", a.ID, a.Value, w)
		}
	}
	// The columns named after attributes are no longer unknown; 绩效 is.
	unknown := 0
	for _, pr := range p.Problems {
		if pr.Rule == "COLUMN_UNKNOWN" {
			unknown++
			if pr.Column != "绩效" {
				t.Errorf("COLUMN_UNKNOWN kept for %s", pr.Column)
			}
		}
	}
	if unknown != 1 {
		t.Errorf("%d COLUMN_UNKNOWN", unknown)
	}
	// An update sends the whole list, the sheet's value over the tenant's.
	c := change(p, "e1")
	if len(c.Fields) != 1 || c.Fields[0] != (FieldChange{"学历 (custom:C-enum)", "本科", "硕士"}) {
		t.Errorf("e1 fields %+v", c.Fields)
	}
	if l := *userPatch(c.Steps[0]).CustomAttrs; len(l) != 2 || l[0].Value.OptionID != "o2" || l[1].Value.Text != "留着" {
		t.Errorf("e1 list %+v", l)
	}
}

// TestPlanCustomAttrsLater: a GENERIC_USER naming a user created in the
// same run is set by a PATCH once both exist; if that user's row is
// blocked the row is skipped.
func TestPlanCustomAttrsLater(t *testing.T) {
	o, ps := sheetOrg(t, "", "user_id,name,mobile,department_ids,employee_type,导师,学历\n"+
		"m1,导师甲,13800000001,0,正式,,本科\n"+
		"s1,学生,13800000002,0,正式,m1,硕士\n"+
		"s2,学生二,13800000003,0,正式,bad,\n"+
		"bad,坏,12345,0,正式,,\n")
	p := BuildWith(o, ps, schemaTenant(), Options{})
	s1 := change(p, "s1")
	if len(s1.Steps) != 2 || len(userBody(s1.Steps[0]).CustomAttrs) != 1 {
		t.Fatalf("s1 steps %+v", s1.Steps)
	}
	later := s1.Steps[1]
	if later.ID != (StepID{StepUserAttrs, "s1"}) || joinIDs(later.Deps) != "user:m1,user:s1" {
		t.Errorf("later %+v deps %v", later.ID, later.Deps)
	}
	if l := *userPatch(later).CustomAttrs; len(l) != 2 || later.Request.(PatchUser).ID != "s1" {
		t.Errorf("later list %+v", l)
	}
	if c := change(p, "s2"); c.Action != ActionBlocked || c.BlockedBy != "bad" {
		t.Errorf("s2: %s blocked by %q", c.Action, c.BlockedBy)
	}
}

func TestPlanCustomAttrsNotOpened(t *testing.T) {
	tn := schemaTenant()
	tn.Dir.CustomAttrs = nil // the admin has not opened custom fields to the API
	o, ps := sheetOrg(t, "", "user_id,name,mobile,department_ids,employee_type,学历,custom:C-1\nn1,甲,13800000001,0,正式,本科,x\nn2,乙,13800000002,0,正式,硕士,\n")
	p := BuildWith(o, ps, tn, Options{})
	if c := change(p, "n1"); c.Action != ActionBlocked || !strings.Contains(rules(c), "PLAN_CUSTOM_ATTR_UNKNOWN") {
		t.Errorf("n1 %s %s", c.Action, rules(c))
	}
	if c := change(p, "n2"); c.Action != ActionCreate {
		t.Errorf("n2 %s %s", c.Action, rules(c))
	}
	found := false
	for _, pr := range p.Problems {
		if pr.Rule == "PLAN_CUSTOM_ATTRS_NONE" && strings.Contains(pr.Message, "学历") {
			found = true
		}
	}
	if !found {
		t.Errorf("no PLAN_CUSTOM_ATTRS_NONE: %+v", p.Problems)
	}
}
