package sandbox

import (
	"net/url"
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
)

// Directory endpoints: employee types, custom attributes, job levels and
// families, job titles and work cities.

// pageOf cuts a page out of a directory list. code is the listing's
// page_size error: 40011 where the page lists it (employee_type_enums,
// custom_attrs), else the generic 40001 (job_titles and work_cities list
// it; job_levels and job_families list no code: UNCONFIRMED).
func pageOf[T any](s *Server, c *call, scope string, def, max int, code feishu.Code, items []T) (any, error) {
	pr, err := s.pager.parsePage(c.query, scope, def, max)
	if err != nil {
		if ae, ok := err.(*Error); ok && ae.Code == feishu.CodePageSize {
			ae.Code = code
		}
		return nil, err
	}
	return page(s.pager, pr, len(items), func(i int) T { return items[i] }), nil
}

// named keeps the items whose name is the query's name (exact; the list
// endpoints of job levels and families take one).
func named[T any](q url.Values, items []T, name func(T) string) []T {
	n := q.Get("name")
	if n == "" {
		return items
	}
	return slices.DeleteFunc(slices.Clone(items), func(t T) bool { return name(t) != n })
}

// employeeTypeEnums is GET /employee_type_enums (page_size default 20, max 100).
func (s *Server) employeeTypeEnums(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return pageOf(s, c, "employee_type_enums", feishu.EmployeeTypePageDefault, feishu.EmployeeTypePageMax, feishu.CodePageSize, slices.Clone(s.st.dir.types))
}

// dirWrite is a directory write: decode the body, apply it under the
// write lock, commit, answer with the entry.
func dirWrite[B, R any](s *Server, c *call, apply func(*directory, B) (R, error), wrap func(*R) any) (any, error) {
	var in B
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out, err := apply(s.st.dir, in)
	if err != nil {
		return nil, err
	}
	s.commit(c)
	return wrap(&out), nil
}

func typeData(t *feishu.EmployeeTypeEnum) any { return feishu.EmployeeTypeData{EmployeeTypeEnum: t} }
func levelData(l *feishu.JobLevel) any        { return feishu.JobLevelData{JobLevel: l} }
func familyData(f *feishu.JobFamily) any      { return feishu.JobFamilyData{JobFamily: f} }

// typeBody is what a type's create or update may set.
func typeBody(in feishu.EmployeeTypeEnum) feishu.EmployeeTypeEnum {
	return feishu.EmployeeTypeEnum{Content: in.Content, EnumType: in.EnumType, EnumStatus: in.EnumStatus, I18nContent: in.I18nContent}
}

// createEmployeeType is POST /employee_type_enums.
func (s *Server) createEmployeeType(c *call) (any, error) {
	return dirWrite(s, c, func(d *directory, in feishu.EmployeeTypeEnum) (feishu.EmployeeTypeEnum, error) {
		return d.createType(typeBody(in), "", "")
	}, typeData)
}

// updateEmployeeType is PUT /employee_type_enums/:enum_id.
func (s *Server) updateEmployeeType(c *call) (any, error) {
	return dirWrite(s, c, func(d *directory, in feishu.EmployeeTypeEnum) (feishu.EmployeeTypeEnum, error) {
		return d.updateType(c.r.PathValue("enum_id"), typeBody(in))
	}, typeData)
}

// customAttrs is GET /custom_attrs (page_size default 20, 1..100).
func (s *Server) customAttrs(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return pageOf(s, c, "custom_attrs", feishu.CustomAttrPageDefault, feishu.CustomAttrPageMax, feishu.CodePageSize, slices.Clone(s.st.dir.attrs))
}

// jobLevels is GET /job_levels (page_size default 10, 1..50; name filters).
func (s *Server) jobLevels(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	items := named(c.query, slices.Clone(s.st.dir.levels), func(l feishu.JobLevel) string { return l.Name })
	return pageOf(s, c, "job_levels|"+c.query.Get("name"), feishu.JobLevelPageDefault, feishu.JobLevelPageMax, codeParam, items)
}

// newLevel is the body of POST /job_levels: status is required.
type newLevel struct {
	feishu.JobLevel
	Status *bool `json:"status"`
}

// createJobLevel is POST /job_levels: name and status are required.
func (s *Server) createJobLevel(c *call) (any, error) {
	return dirWrite(s, c, func(d *directory, in newLevel) (feishu.JobLevel, error) {
		if in.Status == nil {
			return feishu.JobLevel{}, fail(codeParam, "status is required")
		}
		l := in.JobLevel
		l.JobLevelID, l.Status = "", *in.Status
		return d.createLevel(l)
	}, levelData)
}

// updateJobLevel is PUT /job_levels/:job_level_id: omitted fields stay.
func (s *Server) updateJobLevel(c *call) (any, error) {
	return dirWrite(s, c, func(d *directory, p levelUpdate) (feishu.JobLevel, error) {
		return d.updateLevel(c.r.PathValue("job_level_id"), p)
	}, levelData)
}

// jobFamilies is GET /job_families (page_size default 10, 1..50; name filters).
func (s *Server) jobFamilies(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	items := named(c.query, slices.Clone(s.st.dir.families), func(f feishu.JobFamily) string { return f.Name })
	return pageOf(s, c, "job_families|"+c.query.Get("name"), feishu.JobFamilyPageDefault, feishu.JobFamilyPageMax, codeParam, items)
}

// newFamily is the body of POST /job_families: status is required.
type newFamily struct {
	feishu.JobFamily
	Status *bool `json:"status"`
}

// createJobFamily is POST /job_families: name and status are required.
func (s *Server) createJobFamily(c *call) (any, error) {
	return dirWrite(s, c, func(d *directory, in newFamily) (feishu.JobFamily, error) {
		if in.Status == nil {
			return feishu.JobFamily{}, fail(feishu.CodeFamilyParam, "status is required")
		}
		f := in.JobFamily
		f.JobFamilyID, f.Status = "", *in.Status
		return d.createFamily(f)
	}, familyData)
}

// updateJobFamily is PUT /job_families/:job_family_id: omitted fields stay.
func (s *Server) updateJobFamily(c *call) (any, error) {
	return dirWrite(s, c, func(d *directory, p familyUpdate) (feishu.JobFamily, error) {
		return d.updateFamily(c.r.PathValue("job_family_id"), p)
	}, familyData)
}

// jobTitles is GET /job_titles (page_size default 10, 1..50; 40001).
func (s *Server) jobTitles(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return pageOf(s, c, "job_titles", feishu.JobTitlePageDefault, feishu.JobTitlePageMax, codeParam, slices.Clone(s.st.dir.titles))
}

// workCities is GET /work_cities (page_size default 10, 1..50; 40001).
func (s *Server) workCities(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return pageOf(s, c, "work_cities", feishu.WorkCityPageDefault, feishu.WorkCityPageMax, codeParam, slices.Clone(s.st.dir.cities))
}
