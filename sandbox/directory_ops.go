package sandbox

import (
	"net/url"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/orgbatch/orgbatch/feishu"
)

// Directory writes: every check runs before the first change.

// checkTypeBody applies the employee type body rules: content 1..100 and
// i18n values 1..100 (42303), enum_type 2 (1 is read-only: 40001),
// enum_status 1 or 2 (40001); content unique among all types (42301), an
// i18n value unique among the other types' values of its locale (42302).
func (d *directory) checkTypeBody(t feishu.EmployeeTypeEnum, self string) error {
	if n := utf8.RuneCountInString(t.Content); n < 1 || n > maxTypeContent {
		return fail(feishu.CodeTypeExceedMax, "content is %d characters, want 1-%d", n, maxTypeContent)
	}
	if t.EnumType != feishu.EnumTypeCustom {
		return fail(codeParam, "enum_type %d: only 2 (custom) can be created or updated", t.EnumType)
	}
	if t.EnumStatus != feishu.EnumStatusActive && t.EnumStatus != feishu.EnumStatusOff {
		return fail(codeParam, "enum_status %d, want 1 or 2", t.EnumStatus)
	}
	for _, v := range t.I18nContent {
		if n := utf8.RuneCountInString(v.Value); n < 1 || n > maxTypeContent {
			return fail(feishu.CodeTypeExceedMax, "i18n_content %s is %d characters, want 1-%d", v.Locale, n, maxTypeContent)
		}
	}
	for _, o := range d.types {
		if o.EnumID == self {
			continue
		}
		if o.Content == t.Content {
			return fail(feishu.CodeTypeContentDuplicate, "content %q is taken", t.Content)
		}
		for _, v := range t.I18nContent {
			if slices.Contains(o.I18nContent, v) {
				return fail(feishu.CodeTypeI18nDuplicate, "i18n_content %s %q is taken", v.Locale, v.Value)
			}
		}
	}
	return nil
}

// createType adds a custom type; value and id are kept when given (seeds),
// else the next number after every type ever made and a new enum_id.
func (d *directory) createType(t feishu.EmployeeTypeEnum, value, id string) (feishu.EmployeeTypeEnum, error) {
	if err := d.checkTypeBody(t, ""); err != nil {
		return t, err
	}
	if d.customN >= maxCustomTypes {
		return t, fail(feishu.CodeTypeExceedMax, "at most %d custom employee types (deleted ones count)", maxCustomTypes)
	}
	if value == "" {
		value = strconv.Itoa(len(builtinTypes) + d.customN + 1)
	}
	if id == "" {
		id = newEnumID()
	}
	if n, err := strconv.Atoi(value); err != nil || n <= len(builtinTypes) || d.employeeType(n) != nil {
		return t, fail(codeParam, "enum_value %q is malformed or taken", value)
	}
	t.EnumValue, t.EnumID = value, id
	d.customN++
	d.types = append(d.types, t)
	return t, nil
}

// updateType is PUT /employee_type_enums/:enum_id: the same body as a
// create; the enum_value stays. An unknown or built-in enum_id is 40001
// (UNCONFIRMED: the page lists no code).
func (d *directory) updateType(id string, t feishu.EmployeeTypeEnum) (feishu.EmployeeTypeEnum, error) {
	i := slices.IndexFunc(d.types, func(o feishu.EmployeeTypeEnum) bool { return o.EnumID == id })
	if i < 0 || d.types[i].EnumType != feishu.EnumTypeCustom {
		return t, fail(codeParam, "enum_id %q is not a custom employee type", id)
	}
	if err := d.checkTypeBody(t, id); err != nil {
		return t, err
	}
	t.EnumID, t.EnumValue = id, d.types[i].EnumValue
	d.types[i] = t
	return t, nil
}

// checkLevel applies the job level rules: name 1..255 (42303), unique
// (42305, compared as written: whether i18n names count is UNCONFIRMED),
// description ≤ 5,000 (42304), order 100..100000 (42308) and unique
// (42306). self is the level being updated ("" on create).
func (d *directory) checkLevel(l feishu.JobLevel, self string) error {
	if n := utf8.RuneCountInString(l.Name); n < 1 || n > maxLevelName {
		return fail(feishu.CodeLevelNameInvalid, "name is %d characters, want 1-%d", n, maxLevelName)
	}
	if utf8.RuneCountInString(l.Description) > maxDescription {
		return fail(feishu.CodeLevelDescInvalid, "description over %d characters", maxDescription)
	}
	if l.Order != 0 && (l.Order < levelOrderMin || l.Order > levelOrderMax) {
		return fail(feishu.CodeLevelOrderInvalid, "order %d, want %d-%d", l.Order, levelOrderMin, levelOrderMax)
	}
	for _, o := range d.levels {
		switch {
		case o.JobLevelID == self:
		case o.Name == l.Name:
			return fail(feishu.CodeLevelNameDuplicate, "name %q is taken", l.Name)
		case l.Order != 0 && o.Order == l.Order:
			return fail(feishu.CodeLevelOrderDuplicate, "order %d is taken", l.Order)
		}
	}
	return nil
}

// createLevel adds a job level; without an order it goes last (the
// largest order + 100, at most 100000; UNCONFIRMED step).
func (d *directory) createLevel(l feishu.JobLevel) (feishu.JobLevel, error) {
	if len(d.levels) >= maxLevels {
		return l, fail(feishu.CodeLevelLimit, "at most %d job levels", maxLevels)
	}
	if err := d.checkLevel(l, ""); err != nil {
		return l, err
	}
	if l.Order == 0 {
		l.Order = levelOrderMin
		for _, o := range d.levels {
			l.Order = max(l.Order, min(o.Order+100, levelOrderMax))
		}
		if slices.ContainsFunc(d.levels, func(o feishu.JobLevel) bool { return o.Order == l.Order }) {
			return l, fail(feishu.CodeLevelOrderDuplicate, "no free order after %d", l.Order)
		}
	}
	if l.JobLevelID == "" {
		l.JobLevelID = newDirID()
	} else if d.levelAt(l.JobLevelID) >= 0 {
		return l, fail(codeParam, "job_level_id %q is taken", l.JobLevelID)
	}
	d.levels = append(d.levels, l)
	return l, nil
}

// levelUpdate is the body of PUT /job_levels/:id: omitted fields stay.
type levelUpdate struct {
	Name            *string               `json:"name"`
	Description     *string               `json:"description"`
	Order           *int                  `json:"order"`
	Status          *bool                 `json:"status"`
	I18nName        *[]feishu.I18nContent `json:"i18n_name"`
	I18nDescription *[]feishu.I18nContent `json:"i18n_description"`
}

func (d *directory) updateLevel(id string, p levelUpdate) (feishu.JobLevel, error) {
	i := d.levelAt(id)
	if i < 0 {
		return feishu.JobLevel{}, fail(feishu.CodeLevelNotExist, "job level %q", id)
	}
	l := d.levels[i]
	setIf(&l.Name, p.Name)
	setIf(&l.Description, p.Description)
	setIf(&l.Order, p.Order)
	setIf(&l.Status, p.Status)
	setIf(&l.I18nName, p.I18nName)
	setIf(&l.I18nDescription, p.I18nDescription)
	if err := d.checkLevel(l, id); err != nil {
		return l, err
	}
	d.levels[i] = l
	return l, nil
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// familyDepth is the level of a family (top level 1), following parents.
func (d *directory) familyDepth(id string) int {
	n := 0
	for id != "" && n <= len(d.families) {
		i := d.familyAt(id)
		if i < 0 {
			break
		}
		n++
		id = d.families[i].ParentJobFamilyID
	}
	return n
}

// checkFamily applies the job family rules: name 1..100 (42404), unique in
// the tenant (42406), description ≤ 5,000 (42405), a parent that exists
// (42408), is enabled (42409), is not the family or below it (42407), and
// leaves the family at most maxFamilyDepth deep (42413).
func (d *directory) checkFamily(f feishu.JobFamily, self string) error {
	if n := utf8.RuneCountInString(f.Name); n < 1 || n > maxFamilyName {
		return fail(feishu.CodeFamilyNameInvalid, "name is %d characters, want 1-%d", n, maxFamilyName)
	}
	if utf8.RuneCountInString(f.Description) > maxDescription {
		return fail(feishu.CodeFamilyDescInvalid, "description over %d characters", maxDescription)
	}
	if slices.ContainsFunc(d.families, func(o feishu.JobFamily) bool { return o.Name == f.Name && o.JobFamilyID != self }) {
		return fail(feishu.CodeFamilyNameDuplicate, "name %q is taken", f.Name)
	}
	if f.ParentJobFamilyID == "" {
		return nil
	}
	p := d.familyAt(f.ParentJobFamilyID)
	switch {
	case p < 0:
		return fail(feishu.CodeFamilyParentMissing, "parent_job_family_id %q", f.ParentJobFamilyID)
	case !d.families[p].Status:
		return fail(feishu.CodeFamilyParentDisabled, "parent %q is disabled", f.ParentJobFamilyID)
	}
	for a := f.ParentJobFamilyID; self != "" && a != ""; {
		if a == self {
			return fail(feishu.CodeFamilyCycle, "%q cannot go under itself", self)
		}
		a = d.families[d.familyAt(a)].ParentJobFamilyID
	}
	if d.familyDepth(f.ParentJobFamilyID)+1+d.familyHeight(self) > maxFamilyDepth {
		return fail(feishu.CodeFamilyTooDeep, "at most %d levels of job families", maxFamilyDepth)
	}
	return nil
}

// familyHeight is the number of levels below a family (0 for none).
func (d *directory) familyHeight(id string) int {
	h := 0
	if id == "" {
		return 0
	}
	for _, f := range d.families {
		if f.ParentJobFamilyID == id {
			h = max(h, 1+d.familyHeight(f.JobFamilyID))
		}
	}
	return h
}

func (d *directory) createFamily(f feishu.JobFamily) (feishu.JobFamily, error) {
	if len(d.families) >= maxFamilies {
		return f, fail(feishu.CodeFamilyLimit, "at most %d job families", maxFamilies)
	}
	if err := d.checkFamily(f, ""); err != nil {
		return f, err
	}
	if f.JobFamilyID == "" {
		f.JobFamilyID = newDirID()
	} else if d.familyAt(f.JobFamilyID) >= 0 {
		return f, fail(codeParam, "job_family_id %q is taken", f.JobFamilyID)
	}
	d.families = append(d.families, f)
	return f, nil
}

// familyUpdate is the body of PUT /job_families/:id: omitted fields stay.
type familyUpdate struct {
	Name              *string               `json:"name"`
	Description       *string               `json:"description"`
	ParentJobFamilyID *string               `json:"parent_job_family_id"`
	Status            *bool                 `json:"status"`
	I18nName          *[]feishu.I18nContent `json:"i18n_name"`
	I18nDescription   *[]feishu.I18nContent `json:"i18n_description"`
}

func (d *directory) updateFamily(id string, p familyUpdate) (feishu.JobFamily, error) {
	i := d.familyAt(id)
	if i < 0 {
		return feishu.JobFamily{}, fail(feishu.CodeFamilyNotExist, "job family %q", id)
	}
	f := d.families[i]
	setIf(&f.Name, p.Name)
	setIf(&f.Description, p.Description)
	setIf(&f.ParentJobFamilyID, p.ParentJobFamilyID)
	setIf(&f.Status, p.Status)
	setIf(&f.I18nName, p.I18nName)
	setIf(&f.I18nDescription, p.I18nDescription)
	if err := d.checkFamily(f, id); err != nil {
		return f, err
	}
	d.families[i] = f
	return f, nil
}

// patchSchema applies a PATCH's job level and family and custom attributes:
// custom_attrs replaces the user's whole list (UNCONFIRMED: the docs do not
// say whether entries merge by id; a client sending the whole list is
// right either way).
func (s *state) patchSchema(dr *userDraft, p feishu.UserPatch) error {
	setStr := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setStr(&dr.jobLevelID, p.JobLevelID)
	setStr(&dr.jobFamilyID, p.JobFamilyID)
	if err := s.dir.checkLevelFamily(dr.jobLevelID, dr.jobFamilyID); err != nil {
		return err
	}
	if p.CustomAttrs != nil {
		attrs, err := s.checkUserAttrs(*p.CustomAttrs)
		if err != nil {
			return err
		}
		dr.customAttrs = attrs
	}
	return nil
}

// checkUserAttrs checks a user's custom_attrs and returns them as stored:
// the attribute's type, its id, the value in its type's shape plus the
// read-only fields reads show (option_value, name, picture_url). The rules:
// id required (41044) and an attribute of the tenant (41045); a value
// (41046) in the attribute's shape: TEXT text (41046) of at most 100
// characters; HREF text (41047) and url (41048), both URLs http(s); an
// option_id of the attribute's options; a GENERIC_USER a user_id of the
// tenant. A wrong type, an over-long text, a URL that is not http(s), an
// unknown option or user are 40001 (UNCONFIRMED: the pages list no code).
func (s *state) checkUserAttrs(in []feishu.UserCustomAttr) ([]feishu.UserCustomAttr, error) {
	var out []feishu.UserCustomAttr
	for _, a := range in {
		if a.ID == "" {
			return nil, fail(feishu.CodeAttrNotSet, "custom_attrs: an entry has no id")
		}
		def := s.dir.attr(a.ID)
		if def == nil {
			return nil, fail(feishu.CodeAttrNotExist, "custom attribute %q", a.ID)
		}
		if a.Type != "" && a.Type != def.Type {
			return nil, fail(codeParam, "custom attribute %q is %s, not %s", a.ID, def.Type, a.Type)
		}
		if a.Value == nil {
			return nil, fail(feishu.CodeAttrValueNotSet, "custom attribute %q has no value", a.ID)
		}
		v, err := s.attrValue(def, *a.Value)
		if err != nil {
			return nil, err
		}
		out = slices.DeleteFunc(out, func(o feishu.UserCustomAttr) bool { return o.ID == a.ID })
		out = append(out, feishu.UserCustomAttr{Type: def.Type, ID: def.ID, Value: &v})
	}
	return out, nil
}

func (s *state) attrValue(def *feishu.CustomAttr, in feishu.UserCustomAttrValue) (feishu.UserCustomAttrValue, error) {
	switch def.Type {
	case feishu.AttrText:
		if in.Text == "" {
			return in, fail(feishu.CodeAttrValueNotSet, "custom attribute %q: text is empty", def.ID)
		}
		return feishu.UserCustomAttrValue{Text: in.Text}, checkLen("text", in.Text, maxAttrText, codeParam)
	case feishu.AttrHref:
		switch {
		case in.Text == "":
			return in, fail(feishu.CodeAttrHrefText, "custom attribute %q: text is empty", def.ID)
		case in.URL == "":
			return in, fail(feishu.CodeAttrHrefURL, "custom attribute %q: url is empty", def.ID)
		case !httpURL(in.URL) || (in.PcURL != "" && !httpURL(in.PcURL)):
			return in, fail(codeParam, "custom attribute %q: url and pc_url start with http:// or https://", def.ID)
		}
		return feishu.UserCustomAttrValue{Text: in.Text, URL: in.URL, PcURL: in.PcURL}, checkLen("text", in.Text, maxAttrText, codeParam)
	case feishu.AttrGenericUser:
		if in.GenericUser == nil || in.GenericUser.ID == "" {
			return in, fail(feishu.CodeAttrValueNotSet, "custom attribute %q: generic_user.id is empty", def.ID)
		}
		if s.userByID[in.GenericUser.ID] == nil {
			return in, fail(codeParam, "custom attribute %q: no user with user_id %q", def.ID, in.GenericUser.ID)
		}
		return feishu.UserCustomAttrValue{GenericUser: &feishu.CustomAttrGenericUser{ID: in.GenericUser.ID, Type: 1}}, nil
	}
	if in.OptionID == "" {
		return in, fail(feishu.CodeAttrValueNotSet, "custom attribute %q: option_id is empty", def.ID)
	}
	for _, o := range def.Options.Options {
		if o.ID == in.OptionID {
			v := feishu.UserCustomAttrValue{OptionID: o.ID, OptionValue: o.Value}
			if def.Type == feishu.AttrPictureEnum {
				v.Name, v.PictureURL = o.Name, o.Value
			}
			return v, nil
		}
	}
	return in, fail(codeParam, "custom attribute %q has no option %q", def.ID, in.OptionID)
}

func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
