package samplegen

import (
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
)

// The sample company's tenant schema: the lists its people's fields name.
// Employee types, job levels and families can be created through the API
// (import --create-missing-types/-levels/-families); custom attributes,
// job titles and work cities cannot, so a sandbox meant for the sample
// must start with them (orgbatch's sandboxes do: see Directory).

// Custom attribute IDs of the sample company.
const (
	AttrEducation = "C-6965457429001748501" // 学历, ENUMERATION
	AttrHomepage  = "C-6965457429001748502" // 个人主页, HREF
	AttrMentor    = "C-6965457429001748503" // 导师, GENERIC_USER
	AttrBadgeNote = "C-6965457429001748504" // 工牌备注, TEXT
	AttrBadge     = "C-6965457429001748505" // 工牌样式, PICTURE_ENUM
)

// customTypes are the company's own employee types (enum_value 6–9); 临时工
// is inactive.
var customTypes = [][3]string{{"兼职", "Part-time", "1"}, {"返聘", "Rehired", "1"}, {"劳务派遣", "Dispatched", "1"}, {"临时工", "Temporary", "2"}}

// levels are the job levels, in order; engineers' P levels, managers' M.
var levels = [][2]string{
	{"P3", "P3 Junior"}, {"P4", "P4 Associate"}, {"P5", "P5 Engineer"}, {"P6", "P6 Senior"}, {"P7", "P7 Staff"}, {"P8", "P8 Principal"},
	{"M1", "M1 Manager"}, {"M2", "M2 Senior Manager"}, {"M3", "M3 Director"},
}

// families are the job families: name, parent, English name.
var families = [][3]string{
	{"研发", "", "R&D"}, {"前端", "研发", "Frontend"}, {"后端", "研发", "Backend"}, {"测试", "研发", "QA"},
	{"运维", "研发", "Operations"}, {"数据", "研发", "Data"}, {"产品", "", "Product"}, {"设计", "产品", "Design"},
	{"市场", "", "Marketing"}, {"销售", "", "Sales"}, {"职能", "", "Corporate"}, {"人力", "职能", "HR"},
	{"财务", "职能", "Finance"}, {"法务", "职能", "Legal"}, {"行政", "职能", "Administration"},
}

var educationOptions = []string{"大专", "本科", "硕士", "博士"}

// badgeOptions are the picture options of 工牌样式: name, image URL.
var badgeOptions = [][2]string{{"蓝色", "https://img.xingchen.example.com/badge-blue.png"}, {"橙色", "https://img.xingchen.example.com/badge-orange.png"}}

var cityNamesEN = map[string]string{"北京": "Beijing", "上海": "Shanghai", "深圳": "Shenzhen", "杭州": "Hangzhou", "成都": "Chengdu", "广州": "Guangzhou"}

// Directory is the sample company's tenant schema, with fixed IDs.
func Directory() *feishu.Directory {
	d := &feishu.Directory{}
	for i, t := range customTypes {
		status := feishu.EnumStatusActive
		if t[2] == "2" {
			status = feishu.EnumStatusOff
		}
		d.EmployeeTypes = append(d.EmployeeTypes, feishu.EmployeeTypeEnum{
			EnumID: "sample-type-" + string(rune('a'+i)), EnumValue: string(rune('6' + i)), Content: t[0],
			EnumType: feishu.EnumTypeCustom, EnumStatus: status, I18nContent: []feishu.I18nContent{{Locale: "en_us", Value: t[1]}},
		})
	}
	for i, l := range levels {
		d.JobLevels = append(d.JobLevels, feishu.JobLevel{JobLevelID: "samplelevel" + string(rune('a'+i)), Name: l[0], Order: 100 * (i + 1), Status: true,
			I18nName: []feishu.I18nContent{{Locale: "en_us", Value: l[1]}}})
	}
	ids := map[string]string{}
	for i, f := range families {
		ids[f[0]] = "samplefamily" + string(rune('a'+i))
		d.JobFamilies = append(d.JobFamilies, feishu.JobFamily{JobFamilyID: ids[f[0]], Name: f[0], ParentJobFamilyID: ids[f[1]], Status: true,
			I18nName: []feishu.I18nContent{{Locale: "en_us", Value: f[2]}}})
	}
	for i, t := range allTitles() {
		d.JobTitles = append(d.JobTitles, feishu.JobTitle{JobTitleID: "sampletitle" + itoa2(i), Name: t, Status: true})
	}
	for i, c := range cities {
		d.WorkCities = append(d.WorkCities, feishu.WorkCity{WorkCityID: "samplecity" + itoa2(i), Name: c, Status: true,
			I18nName: []feishu.I18nContent{{Locale: "en_us", Value: cityNamesEN[c]}}})
	}
	d.CustomAttrs = customAttrs()
	return d
}

func itoa2(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

// allTitles are every job title the generators use, sorted.
func allTitles() []string {
	set := map[string]bool{"负责人": true, "工程师": true}
	for _, ts := range jobTitles {
		for _, t := range ts {
			set[t] = true
		}
	}
	var out []string
	for t := range set {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

func customAttrs() []feishu.CustomAttr {
	name := func(zh, en string) []feishu.I18nContent {
		return []feishu.I18nContent{{Locale: "zh_cn", Value: zh}, {Locale: "en_us", Value: en}}
	}
	var edu []feishu.CustomAttrOption
	for i, o := range educationOptions {
		edu = append(edu, feishu.CustomAttrOption{ID: "edu" + itoa2(i), Value: o})
	}
	var badge []feishu.CustomAttrOption
	for i, o := range badgeOptions {
		badge = append(badge, feishu.CustomAttrOption{ID: "badge" + itoa2(i), Value: o[1], Name: o[0]})
	}
	return []feishu.CustomAttr{
		{ID: AttrEducation, Type: feishu.AttrEnumeration, I18nName: name("学历", "Education"),
			Options: &feishu.CustomAttrOptions{DefaultOptionID: "edu01", OptionType: "TEXT", Options: edu}},
		{ID: AttrHomepage, Type: feishu.AttrHref, I18nName: name("个人主页", "Homepage")},
		{ID: AttrMentor, Type: feishu.AttrGenericUser, I18nName: name("导师", "Mentor")},
		{ID: AttrBadgeNote, Type: feishu.AttrText, I18nName: name("工牌备注", "Badge note")},
		{ID: AttrBadge, Type: feishu.AttrPictureEnum, I18nName: name("工牌样式", "Badge style"),
			Options: &feishu.CustomAttrOptions{OptionType: "PICTURE", Options: badge}},
	}
}

// SchemaColumns are the sample's custom attribute columns, headed as
// orgbatch writes them ("学历 (custom:C-…)").
func SchemaColumns() []string {
	var out []string
	for _, a := range customAttrs() {
		out = append(out, a.I18nName[0].Value+" ("+"custom:"+a.ID+")")
	}
	return out
}

// familyOf is the job family of a department, by its ID's prefix.
var familyOf = []struct{ prefix, family string }{
	{"TECH-RD1-FE", "研发/前端"}, {"TECH-RD1-BE", "研发/后端"}, {"TECH-RD2", "研发/后端"}, {"TECH-QA", "研发/测试"},
	{"TECH-OPS", "研发/运维"}, {"TECH-DATA", "研发/数据"}, {"TECH", "研发"}, {"PROD-DESIGN", "产品/设计"}, {"PROD", "产品"},
	{"MKT", "市场"}, {"SALES", "销售"}, {"HR", "职能/人力"}, {"FIN", "职能/财务"}, {"LEGAL", "职能/法务"}, {"ADMIN", "职能/行政"},
}

// schemaValues sets a person's tenant-schema fields in v (a few custom
// employee types, a job level, a job family) and returns their custom
// attribute cells in SchemaColumns' order.
func (g *gen) schemaValues(v map[string]string, p person, leader, topLevel bool) []string {
	switch n := g.rnd.IntN(100); {
	case n < 3:
		v["employee_type"] = "兼职"
	case n < 5:
		v["employee_type"] = "返聘"
	case n < 6:
		v["employee_type"] = "劳务派遣"
	}
	switch {
	case leader && p.leader == "":
		v["job_level"] = "M3"
	case leader && topLevel:
		v["job_level"] = "M2"
	case leader:
		v["job_level"] = "M1"
	default:
		v["job_level"] = levels[g.rnd.IntN(5)][0] // P3–P7
	}
	for _, f := range familyOf {
		if strings.HasPrefix(p.depts[0], f.prefix) {
			v["job_family"] = f.family
			break
		}
	}
	attrs := make([]string, 5)
	if g.rnd.IntN(100) < 85 {
		attrs[0] = educationOptions[g.rnd.IntN(len(educationOptions))]
	}
	if g.rnd.IntN(100) < 10 {
		attrs[1] = "个人主页 | https://blog.xingchen.example.com/" + p.id
	}
	if v["employee_type"] == "实习" && p.leader != "" {
		attrs[2] = p.leader // an intern's mentor is their manager
	}
	if g.rnd.IntN(100) < 5 {
		attrs[3] = []string{"夜班", "外派", "可远程"}[g.rnd.IntN(3)]
	}
	if g.rnd.IntN(100) < 30 {
		attrs[4] = badgeOptions[g.rnd.IntN(len(badgeOptions))][0]
	}
	return attrs
}
