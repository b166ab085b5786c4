package plan

import (
	"strconv"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// The user fields that name the tenant's lists — employee type, job level,
// job family, job title, work city — resolved against what the tenant
// has: by any of an entry's names (any language), or, for employee types,
// by number. A name the tenant lacks is an error, or, for the lists the
// API can write and with the operator's flag, a create step the user's
// write waits for (directory_steps.go). Job titles and cities are sent by
// name: the user API takes no ID for them (user/create: job_title and city
// are strings; a name Feishu does not know it creates), so the tenant's own
// spelling of the matched entry is sent.

// CreateMissing says which missing names are created instead of refused.
type CreateMissing struct {
	Types, Levels, Families bool // created first, as steps of the plan
	Titles, Cities          bool // sent as written: Feishu creates them
}

// schema is a user's resolved schema fields; a Ref names the step that
// creates an entry this run (its ID is known once it ran).
type schema struct {
	employeeType int
	typeRef      StepID
	jobLevelID   string
	levelRef     StepID
	jobFamilyID  string
	familyRef    StepID
	jobTitle     string
	city         string
	attrs        []attrValue
}

// dirIndex indexes the snapshot's lists by name.
type dirIndex struct {
	types, levels, families, titles, cities nameIndex
}

func newDirIndex(d *feishu.Directory) *dirIndex {
	x := &dirIndex{}
	ts := d.EmployeeTypes
	x.types = newNameIndex(len(ts), func(i int) []string { return append([]string{ts[i].Content}, i18nValues(ts[i].I18nContent)...) },
		func(i int) string { return ts[i].Content + " (" + ts[i].EnumValue + ")" })
	ls := d.JobLevels
	x.levels = newNameIndex(len(ls), func(i int) []string { return append([]string{ls[i].Name}, i18nValues(ls[i].I18nName)...) },
		func(i int) string { return ls[i].Name })
	fs := d.JobFamilies
	x.families = newNameIndex(len(fs), func(i int) []string { return append([]string{fs[i].Name}, i18nValues(fs[i].I18nName)...) },
		func(i int) string { return tenant.FamilyPath(d, fs[i].JobFamilyID) })
	jt := d.JobTitles
	x.titles = newNameIndex(len(jt), func(i int) []string { return append([]string{jt[i].Name}, i18nValues(jt[i].I18nName)...) },
		func(i int) string { return jt[i].Name })
	wc := d.WorkCities
	x.cities = newNameIndex(len(wc), func(i int) []string { return append([]string{wc[i].Name}, i18nValues(wc[i].I18nName)...) },
		func(i int) string { return wc[i].Name })
	return x
}

func i18nValues(vs []feishu.I18nContent) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.Value)
	}
	return out
}

// userSchema resolves a row's schema fields; false when the row is
// blocked by what it names. e is the user the row updates (nil for a
// create): a disabled entry the user already has is no change, and no
// error.
func (b *builder) userSchema(c *Change, row *org.User, e *feishu.User) (schema, bool) {
	var s schema
	if e == nil {
		e = &feishu.User{}
	}
	s.employeeType, s.typeRef = b.employeeType(c, row, e)
	s.jobLevelID, s.levelRef = b.jobLevel(c, row, e)
	s.jobFamilyID, s.familyRef = b.jobFamily(c, row, e)
	s.jobTitle = b.titleOrCity(c, row, e.JobTitle, "job_title", row.JobTitle(), b.t.DirRead.JobTitles, b.dir.titles,
		func(i int) bool { return b.t.Dir.JobTitles[i].Status }, func(i int) string { return b.t.Dir.JobTitles[i].Name },
		b.opts.CreateMissing.Titles, "PLAN_JOB_TITLE_UNKNOWN", "PLAN_JOB_TITLE_INACTIVE", "职务 job titles")
	s.city = b.titleOrCity(c, row, e.City, "city", row.City(), b.t.DirRead.WorkCities, b.dir.cities,
		func(i int) bool { return b.t.Dir.WorkCities[i].Status }, func(i int) string { return b.t.Dir.WorkCities[i].Name },
		b.opts.CreateMissing.Cities, "PLAN_CITY_UNKNOWN", "PLAN_CITY_INACTIVE", "工作城市 work cities")
	s.attrs = b.userAttrs(c, row)
	return s, c.Action != ActionBlocked
}

// ambiguous reports a name that matches several entries.
func (b *builder) ambiguous(c *Change, loc problem.Loc, name, what string, names []string) {
	b.addOnline(c, "PLAN_NAME_AMBIGUOUS", loc, name, what, strings.Join(names, ", "))
}

// employeeType resolves employee_type: a tenant type's number or name
// (any language) first, so that a tenant's own 劳务派遣 wins over
// orgbatch's alias of 劳务; then the built-in names and numbers.
func (b *builder) employeeType(c *Change, row *org.User, e *feishu.User) (int, StepID) {
	cell := row.EmployeeType()
	if cell == "" || !b.t.DirRead.EmployeeTypes {
		return row.Values.EmployeeType, StepID{} // built-in, as validated
	}
	loc := row.Loc("employee_type")
	types := b.t.Dir.EmployeeTypes
	pick := func(t *feishu.EmployeeTypeEnum) (int, StepID) {
		n, _ := strconv.Atoi(t.EnumValue)
		if t.EnumStatus != feishu.EnumStatusActive && n != e.EmployeeType {
			b.addOnline(c, "PLAN_EMPLOYEE_TYPE_INACTIVE", loc, t.Content, t.EnumValue)
		}
		return n, StepID{}
	}
	if n, err := strconv.Atoi(cell); err == nil {
		for i := range types {
			if types[i].EnumValue == strconv.Itoa(n) {
				return pick(&types[i])
			}
		}
		if org.IsBuiltinEmployeeType(cell) {
			return n, StepID{}
		}
		b.addOnline(c, "PLAN_EMPLOYEE_TYPE_UNKNOWN", loc, cell, b.typeList())
		return 0, StepID{} // a number is never created as a type's name
	}
	switch hits := b.dir.types.find(cell); {
	case len(hits) == 1:
		return pick(&types[hits[0]])
	case len(hits) > 1:
		b.ambiguous(c, loc, cell, "人员类型 employee types", b.dir.types.names(hits))
		return 0, StepID{}
	}
	if n, ok := org.ParseEmployeeType(cell); ok {
		for i := range types {
			if types[i].EnumValue == strconv.Itoa(n) {
				return pick(&types[i])
			}
		}
		return n, StepID{}
	}
	if b.opts.CreateMissing.Types {
		return 0, b.createEmployeeType(cell, loc)
	}
	b.addOnline(c, "PLAN_EMPLOYEE_TYPE_UNKNOWN", loc, cell, b.typeList())
	return 0, StepID{}
}

// typeList names the tenant's active types for a message.
func (b *builder) typeList() string {
	var out []string
	for _, t := range b.t.Dir.EmployeeTypes {
		if t.EnumStatus == feishu.EnumStatusActive {
			out = append(out, t.Content+" ("+t.EnumValue+")")
		}
	}
	return strings.Join(out, ", ")
}

// closeOnes is the message part naming the closest names, if any.
func closeOnes(x nameIndex, name string) string {
	c := x.close(name, 5)
	if len(c) == 0 {
		return ""
	}
	return "; 相近的 close ones: " + strings.Join(c, ", ")
}

// jobLevel resolves job_level by name (any language).
func (b *builder) jobLevel(c *Change, row *org.User, e *feishu.User) (string, StepID) {
	cell := row.JobLevel()
	if cell == "" {
		return "", StepID{}
	}
	loc := row.Loc("job_level")
	switch hits := b.dir.levels.find(cell); {
	case len(hits) == 1:
		l := b.t.Dir.JobLevels[hits[0]]
		if !l.Status && l.JobLevelID != e.JobLevelID {
			b.addOnline(c, "PLAN_JOB_LEVEL_INACTIVE", loc, l.Name)
		}
		return l.JobLevelID, StepID{}
	case len(hits) > 1:
		b.ambiguous(c, loc, cell, "职级 job levels", b.dir.levels.names(hits))
		return "", StepID{}
	}
	if b.opts.CreateMissing.Levels {
		return "", b.createJobLevel(cell, loc)
	}
	b.addOnline(c, "PLAN_JOB_LEVEL_UNKNOWN", loc, cell, closeOnes(b.dir.levels, cell))
	return "", StepID{}
}

// jobFamily resolves job_family: one name (family names are unique in the
// tenant) or a path from the top, whose levels must nest as in the tenant.
// Missing levels are created parent first with --create-missing-families.
func (b *builder) jobFamily(c *Change, row *org.User, e *feishu.User) (string, StepID) {
	cell := row.JobFamily()
	if cell == "" {
		return "", StepID{}
	}
	loc := row.Loc("job_family")
	segs := org.ParsePath(cell).Segments
	parent, parentRef, disabled := "", StepID{}, ""
	for i, seg := range segs {
		hits := b.dir.families.find(seg)
		if len(hits) > 1 {
			b.ambiguous(c, loc, seg, "序列 job families", b.dir.families.names(hits))
			return "", StepID{}
		}
		if len(hits) == 0 {
			if !b.opts.CreateMissing.Families {
				b.addOnline(c, "PLAN_JOB_FAMILY_UNKNOWN", loc, strings.Join(segs[:i+1], "/"), closeOnes(b.dir.families, seg))
				return "", StepID{}
			}
			if disabled != "" { // nothing can be created under a disabled family (42409)
				b.addOnline(c, "PLAN_JOB_FAMILY_INACTIVE", loc, disabled)
				return "", StepID{}
			}
			ref, ok := b.createJobFamily(c, segs[:i+1], parent, parentRef, loc)
			if !ok {
				return "", StepID{}
			}
			parent, parentRef = "", ref
			continue
		}
		f := b.t.Dir.JobFamilies[hits[0]]
		if i > 0 && (f.ParentJobFamilyID != parent || !parentRef.IsZero()) {
			b.addOnline(c, "PLAN_JOB_FAMILY_ELSEWHERE", loc, f.Name, orTop(tenant.FamilyPath(&b.t.Dir, f.ParentJobFamilyID)), strings.Join(segs[:i], "/"))
			return "", StepID{}
		}
		if i == 0 && len(segs) > 1 && f.ParentJobFamilyID != "" {
			b.addOnline(c, "PLAN_JOB_FAMILY_ELSEWHERE", loc, f.Name, tenant.FamilyPath(&b.t.Dir, f.ParentJobFamilyID), "(顶层 top level)")
			return "", StepID{}
		}
		if !f.Status && i == len(segs)-1 && f.JobFamilyID != e.JobFamilyID {
			b.addOnline(c, "PLAN_JOB_FAMILY_INACTIVE", loc, f.Name)
			return "", StepID{}
		}
		disabled = ""
		if !f.Status {
			disabled = f.Name
		}
		parent, parentRef = f.JobFamilyID, StepID{}
	}
	return parent, parentRef
}

func orTop(path string) string {
	if path == "" {
		return "(顶层 top level)"
	}
	return path
}

// titleOrCity resolves a job title or a city to the tenant's spelling of
// the matched entry; with the create flag a name the tenant lacks is sent
// as written (Feishu creates it).
func (b *builder) titleOrCity(c *Change, row *org.User, has, key, cell string, read bool, x nameIndex,
	enabled func(int) bool, name func(int) string, create bool, unknown, inactive, what string) string {
	if cell == "" || !read {
		return cell
	}
	loc := row.Loc(key)
	switch hits := x.find(cell); {
	case len(hits) == 1:
		if !enabled(hits[0]) && name(hits[0]) != has {
			b.addOnline(c, inactive, loc, name(hits[0]))
		}
		return name(hits[0])
	case len(hits) > 1:
		b.ambiguous(c, loc, cell, what, x.names(hits))
		return ""
	}
	if !create {
		b.addOnline(c, unknown, loc, cell, closeOnes(x, cell))
	}
	return cell
}
