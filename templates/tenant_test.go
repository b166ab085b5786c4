package templates

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/xuri/excelize/v2"
)

// TestTenantTemplate: a template made against a tenant offers its types,
// levels, families, titles and cities in dropdowns and has a column per
// custom attribute; it reads back with only its example row refused, its
// attribute columns known.
func TestTenantTemplate(t *testing.T) {
	d := &feishu.Directory{
		EmployeeTypes: []feishu.EmployeeTypeEnum{{EnumValue: "1", Content: "正式", EnumType: 1, EnumStatus: 1},
			{EnumValue: "6", Content: "兼职", EnumType: 2, EnumStatus: 1}, {EnumValue: "7", Content: "临时工", EnumType: 2, EnumStatus: 2}},
		JobLevels:   []feishu.JobLevel{{JobLevelID: "L1", Name: "P5", Status: true}},
		JobFamilies: []feishu.JobFamily{{JobFamilyID: "F1", Name: "研发", Status: true}, {JobFamilyID: "F2", Name: "后端", ParentJobFamilyID: "F1", Status: true}},
		WorkCities:  []feishu.WorkCity{{Name: "杭州", Status: true}},
		CustomAttrs: []feishu.CustomAttr{
			{ID: "C-1", Type: feishu.AttrEnumeration, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "学历"}},
				Options: &feishu.CustomAttrOptions{Options: []feishu.CustomAttrOption{{ID: "o1", Value: "硕士"}}}},
			{ID: "C-2", Type: feishu.AttrHref, I18nName: []feishu.I18nContent{{Locale: "zh_cn", Value: "主页"}}},
		},
	}
	dir := t.TempDir()
	paths, err := WriteFor(dir, "xlsx", d)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	col := func(key string) string {
		for i, fl := range org.UserSchema.Fields {
			if fl.Key == key {
				return sheet.ColumnName(i)
			}
		}
		return "?"
	}
	dvs, _ := f.GetDataValidations(UsersSheet)
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[strings.SplitN(dv.Sqref, "2:", 2)[0]] = dv.Formula1
	}
	if l := lists[col("employee_type")]; !strings.Contains(l, "兼职") || !strings.Contains(l, "正式") || strings.Contains(l, "临时工") {
		t.Errorf("employee_type dropdown %q (active types only)", l)
	}
	if l := lists[col("job_family")]; !strings.Contains(l, "研发/后端") {
		t.Errorf("job_family dropdown %q", l)
	}
	if l := lists[col("city")]; !strings.Contains(l, "杭州") {
		t.Errorf("city dropdown %q", l)
	}
	n := len(org.UserSchema.Fields)
	if l := lists[sheet.ColumnName(n)]; !strings.Contains(l, "硕士") { // 学历, the first attribute
		t.Errorf("学历 dropdown %q (all: %v)", l, lists)
	}
	rows, _ := f.GetRows(UsersSheet)
	if rows[0][n] != "学历 (custom:C-1)" || rows[0][n+len(d.CustomAttrs)] != org.MarkerHeader {
		t.Errorf("header %q", rows[0])
	}
	o, ps := org.Load([]org.Input{{Path: paths[0]}})
	ps = append(ps, validate.Validate(o)...)
	for _, p := range ps {
		if p.Rule != "ROW_EXAMPLE_MARKER" && p.Rule != "DEPT_LEADER_UNKNOWN" && p.Rule != "USER_LEADER_UNKNOWN" {
			t.Errorf("%s: %s", p.Rule, p.Text())
		}
	}
	for _, tb := range o.Tables {
		if tb.Kind == org.KindUsers && len(tb.Custom) != len(d.CustomAttrs) {
			t.Errorf("%d custom columns read back", len(tb.Custom))
		}
	}
}

func TestTenantDropdownsThatDoNotFit(t *testing.T) {
	d := &feishu.Directory{}
	for i := 0; i < 40; i++ {
		d.JobTitles = append(d.JobTitles, feishu.JobTitle{Name: "一个相当长的职务名称第" + string(rune('A'+i)), Status: true})
	}
	d.JobTitles = append(d.JobTitles, feishu.JobTitle{Name: "停用职务"})
	ch := TenantChoices(d)
	if len(ch["job_title"]) != 40 || fits(ch["job_title"]) != nil {
		t.Errorf("a list over 255 characters gets no dropdown: %d", len(ch["job_title"]))
	}
	if fits([]string{"P5", "P6"}) == nil {
		t.Error("a short list fits")
	}
	if _, err := WriteFor(filepath.Join(t.TempDir()), "csv", d); err != nil {
		t.Fatal(err)
	}
}
