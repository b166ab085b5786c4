package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"slices"
	"strconv"

	"github.com/orgbatch/orgbatch/feishu"
)

// The tenant's schema: employee types, custom user attributes, job levels
// and families (writable through the API), job titles and work cities
// (read-only through the API: seeded, or created by user writes that name
// an unknown one, as the docs say Feishu does). Lists are kept in creation
// order; names are looked up in maps. The caller holds Server.mu.

// Directory limits (the create pages' 使用限制 and error tables).
const (
	maxCustomTypes  = 255 // custom employee types ever created, deleted ones included
	maxTypeContent  = 100
	maxLevels       = 10000
	maxLevelName    = 255
	maxDescription  = 5000
	levelOrderMin   = 100
	levelOrderMax   = 100000
	maxFamilies     = 10000
	maxFamilyName   = 100
	maxFamilyDepth  = 10 // 42413: the number is UNCONFIRMED
	maxTitlesCities = 10000
	maxAttrText     = 100 // TEXT values and HREF titles
)

type directory struct {
	types    []feishu.EmployeeTypeEnum // built-in first, then custom ones
	customN  int                       // custom types ever created
	attrs    []feishu.CustomAttr
	levels   []feishu.JobLevel
	families []feishu.JobFamily
	titles   []feishu.JobTitle
	cities   []feishu.WorkCity
	titleAt  map[string]int // name → index
	cityAt   map[string]int
	noted    []logRecord // titles and cities user writes created, for the state log
}

// builtinTypes are the five types every tenant has (enum_value 1–5).
var builtinTypes = []feishu.EmployeeTypeEnum{
	builtinType("1", "正式", "Regular"),
	builtinType("2", "实习", "Intern"),
	builtinType("3", "外包", "Outsourcing"),
	builtinType("4", "劳务", "Labor"),
	builtinType("5", "顾问", "Consultant"),
}

func builtinType(value, zh, en string) feishu.EmployeeTypeEnum {
	return feishu.EmployeeTypeEnum{
		EnumID: "builtin-" + value, EnumValue: value, Content: zh, EnumType: feishu.EnumTypeBuiltin, EnumStatus: feishu.EnumStatusActive,
		I18nContent: []feishu.I18nContent{{Locale: "zh_cn", Value: zh}, {Locale: "en_us", Value: en}},
	}
}

func newDirectory() *directory {
	return &directory{types: slices.Clone(builtinTypes), titleAt: map[string]int{}, cityAt: map[string]int{}}
}

// export is the directory as a state file holds it.
func (d *directory) export() *feishu.Directory {
	return &feishu.Directory{
		EmployeeTypes: slices.Clone(d.types), CustomAttrs: slices.Clone(d.attrs),
		JobLevels: slices.Clone(d.levels), JobFamilies: slices.Clone(d.families),
		JobTitles: slices.Clone(d.titles), WorkCities: slices.Clone(d.cities),
	}
}

// load replaces the directory with f's lists, through the API's rules.
// Missing IDs are generated; a built-in type in f replaces the stock one
// (so a seed can deactivate it); families may name parents of f.
func loadDirectory(f feishu.Directory) (*directory, error) {
	d := newDirectory()
	for _, t := range f.EmployeeTypes {
		if t.EnumType == feishu.EnumTypeBuiltin {
			i := slices.IndexFunc(d.types, func(b feishu.EmployeeTypeEnum) bool { return b.EnumValue == t.EnumValue })
			if i < 0 {
				return nil, fail(codeParam, "built-in employee type %q: enum_value must be 1-5", t.Content)
			}
			d.types[i] = t
			continue
		}
		if _, err := d.createType(t, t.EnumValue, t.EnumID); err != nil {
			return nil, err
		}
	}
	for _, a := range f.CustomAttrs {
		if err := d.addAttr(a); err != nil {
			return nil, err
		}
	}
	for _, l := range f.JobLevels {
		if _, err := d.createLevel(l); err != nil {
			return nil, err
		}
	}
	for _, fam := range f.JobFamilies {
		if _, err := d.createFamily(fam); err != nil {
			return nil, err
		}
	}
	for _, t := range f.JobTitles {
		d.addTitle(t)
	}
	for _, c := range f.WorkCities {
		d.addCity(c)
	}
	return d, nil
}

// newDirID is a system-generated ID in the shape of the docs' examples:
// 15 lowercase letters and digits ("mga5oa8ayjlp9rb").
func newDirID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		panic("sandbox: crypto/rand: " + err.Error())
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// newEnumID is an enum_id like the docs' "exGeIjow7zIqWMy+ONkFxA==".
func newEnumID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("sandbox: crypto/rand: " + err.Error())
	}
	return base64.StdEncoding.EncodeToString(b)
}

// employeeType returns the type whose enum_value is the number a user's
// employee_type holds.
func (d *directory) employeeType(v int) *feishu.EmployeeTypeEnum {
	s := strconv.Itoa(v)
	for i := range d.types {
		if d.types[i].EnumValue == s {
			return &d.types[i]
		}
	}
	return nil
}

// checkEmployeeType: an enum_value of the tenant (41059), active (41060).
func (d *directory) checkEmployeeType(v int) error {
	t := d.employeeType(v)
	switch {
	case t == nil:
		return fail(feishu.CodeEmployeeType, "employee_type %d is not an enum_value of this tenant", v)
	case t.EnumStatus != feishu.EnumStatusActive:
		return fail(feishu.CodeInactiveEmployeeType, "employee type %q (%d) is not active", t.Content, v)
	}
	return nil
}

// checkLevelFamily: job_level_id and job_family_id name an enabled level
// and family ("" sets none): 44044, 44045. A disabled one answers the same
// code (UNCONFIRMED: the docs only say disabled ones cannot be set).
func (d *directory) checkLevelFamily(level, family string) error {
	if level != "" {
		if i := d.levelAt(level); i < 0 || !d.levels[i].Status {
			return fail(feishu.CodeJobLevelInvalid, "job_level_id %q is not an enabled job level", level)
		}
	}
	if family != "" {
		if i := d.familyAt(family); i < 0 || !d.families[i].Status {
			return fail(feishu.CodeJobFamilyInvalid, "job_family_id %q is not an enabled job family", family)
		}
	}
	return nil
}

func (d *directory) levelAt(id string) int {
	return slices.IndexFunc(d.levels, func(l feishu.JobLevel) bool { return l.JobLevelID == id })
}

func (d *directory) familyAt(id string) int {
	return slices.IndexFunc(d.families, func(f feishu.JobFamily) bool { return f.JobFamilyID == id })
}

func (d *directory) attr(id string) *feishu.CustomAttr {
	for i := range d.attrs {
		if d.attrs[i].ID == id {
			return &d.attrs[i]
		}
	}
	return nil
}

// addAttr adds a seeded custom attribute (the API cannot create them).
func (d *directory) addAttr(a feishu.CustomAttr) error {
	switch a.Type {
	case feishu.AttrText, feishu.AttrHref, feishu.AttrGenericUser:
	case feishu.AttrEnumeration, feishu.AttrPictureEnum:
		if a.Options == nil || len(a.Options.Options) == 0 {
			return fail(codeParam, "custom attribute %q (%s) needs options", a.ID, a.Type)
		}
		opts := *a.Options
		opts.Options = slices.Clone(opts.Options)
		for i := range opts.Options {
			if opts.Options[i].ID == "" {
				opts.Options[i].ID = newDirID()
			}
		}
		a.Options = &opts
	default:
		return fail(codeParam, "custom attribute %q: type %q is not TEXT, HREF, ENUMERATION, GENERIC_USER or PICTURE_ENUM", a.ID, a.Type)
	}
	if a.ID == "" {
		a.ID = "C-" + strconv.FormatUint(uint64(len(d.attrs))+6965457429001748507, 10)
	}
	if d.attr(a.ID) != nil {
		return fail(codeParam, "custom attribute id %q is taken", a.ID)
	}
	d.attrs = append(d.attrs, a)
	return nil
}

// addTitle and addCity add a seeded entry, or return the one of that name.
func (d *directory) addTitle(t feishu.JobTitle) int {
	if i, ok := d.titleAt[t.Name]; ok {
		return i
	}
	if t.JobTitleID == "" {
		t.JobTitleID = newDirID()
	}
	d.titles = append(d.titles, t)
	d.titleAt[t.Name] = len(d.titles) - 1
	return len(d.titles) - 1
}

func (d *directory) addCity(c feishu.WorkCity) int {
	if i, ok := d.cityAt[c.Name]; ok {
		return i
	}
	if c.WorkCityID == "" {
		c.WorkCityID = newDirID()
	}
	d.cities = append(d.cities, c)
	d.cityAt[c.Name] = len(d.cities) - 1
	return len(d.cities) - 1
}

// noteTitleCity is what a user write does with its job_title and city: a
// name the tenant does not have becomes a new, enabled entry ("如果传入的职务
// 名称不存在，则系统会自动创建"), up to 10,000 of each. Over the cap the
// name is still stored on the user (the partial-success codes 44054–44059
// are not modelled).
func (d *directory) noteTitleCity(title, city string) {
	if _, ok := d.titleAt[title]; title != "" && !ok && len(d.titles) < maxTitlesCities {
		t := d.titles[d.addTitle(feishu.JobTitle{Name: title, Status: true})]
		d.noted = append(d.noted, logRecord{Title: &t})
	}
	if _, ok := d.cityAt[city]; city != "" && !ok && len(d.cities) < maxTitlesCities {
		c := d.cities[d.addCity(feishu.WorkCity{Name: city, Status: true})]
		d.noted = append(d.noted, logRecord{City: &c})
	}
}

// takeNoted returns and forgets the titles and cities created since the
// last write was committed.
func (d *directory) takeNoted() []logRecord {
	n := d.noted
	d.noted = nil
	return n
}
