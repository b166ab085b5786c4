package sandbox

import (
	"encoding/json"
	"net/http"

	"github.com/orgbatch/orgbatch/feishu"
)

// routes maps every served path to its pipeline; an unknown path is the
// gateway's 404 (99991201), a known path with another method 405 (99991301).
// Neither needs a token.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	const (
		depts = feishu.PathDepartments
		users = feishu.PathUsers
	)
	api := map[string]route{
		"POST " + feishu.PathTenantToken: {ep: feishu.EPTenantToken, public: true, handle: s.tenantToken},

		"POST " + depts:                              {ep: feishu.EPCreateDepartment, deptWrite: true, handle: s.createDepartment},
		"PATCH " + depts + "/{department_id}":        {ep: feishu.EPPatchDepartment, deptWrite: true, handle: s.patchDepartment},
		"PUT " + depts + "/{department_id}":          {ep: feishu.EPUpdateDepartment, deptWrite: true, handle: s.updateDepartment},
		"DELETE " + depts + "/{department_id}":       {ep: feishu.EPDeleteDepartment, deptWrite: true, handle: s.deleteDepartment},
		"GET " + depts + "/{department_id}":          {ep: feishu.EPGetDepartment, handle: s.getDepartment},
		"GET " + feishu.PathDepartmentsBatch:         {ep: feishu.EPBatchDepartments, handle: s.batchDepartments},
		"GET " + depts + "/{department_id}/children": {ep: feishu.EPChildren, handle: s.children},
		"GET " + feishu.PathDepartmentsParent:        {ep: feishu.EPParent, handle: s.parents},

		"POST " + users:                       {ep: feishu.EPCreateUser, handle: s.createUser},
		"PATCH " + users + "/{user_id}":       {ep: feishu.EPPatchUser, extraLimits: patchUserLimits, handle: s.patchUser},
		"DELETE " + users + "/{user_id}":      {ep: feishu.EPDeleteUser, handle: s.deleteUser},
		"GET " + users + "/{user_id}":         {ep: feishu.EPGetUser, handle: s.getUser},
		"GET " + feishu.PathUsersBatch:        {ep: feishu.EPBatchUsers, handle: s.batchUsers},
		"GET " + feishu.PathFindByDepartment:  {ep: feishu.EPFindByDepartment, handle: s.findByDepartment},
		"POST " + feishu.PathBatchGetID:       {ep: feishu.EPBatchGetID, handle: s.batchGetID},
		"GET " + feishu.PathEmployeeTypeEnums: {ep: feishu.EPEmployeeTypeEnums, handle: s.employeeTypeEnums},
		"GET " + feishu.PathTenantQuery:       {ep: feishu.EPTenantQuery, handle: s.tenantQuery},

		"POST " + users + "/{user_id}/resurrect":    {ep: feishu.EPResurrect, handle: s.resurrectUser},
		"POST " + feishu.PathUnits:                  {ep: feishu.EPCreateUnit, unitAPI: true, handle: s.createUnit},
		"PATCH " + feishu.PathUnits + "/{unit_id}":  {ep: feishu.EPPatchUnit, unitAPI: true, handle: s.patchUnit},
		"DELETE " + feishu.PathUnits + "/{unit_id}": {ep: feishu.EPDeleteUnit, unitAPI: true, handle: s.deleteUnit},
		"GET " + feishu.PathUnits + "/{unit_id}":    {ep: feishu.EPGetUnit, unitAPI: true, handle: s.getUnit},
		"GET " + feishu.PathUnits:                   {ep: feishu.EPListUnits, unitAPI: true, handle: s.listUnits},
		"POST " + feishu.PathUnitBind:               {ep: feishu.EPBindUnit, unitAPI: true, handle: s.bindUnit},
		"POST " + feishu.PathUnitUnbind:             {ep: feishu.EPUnbindUnit, unitAPI: true, handle: s.unbindUnit},
		"GET " + feishu.PathUnitDepartments:         {ep: feishu.EPUnitDepartments, unitAPI: true, handle: s.unitDepartments},
	}
	// The tenant's schema (handlers_directory.go).
	for pattern, rt := range map[string]route{
		"POST " + feishu.PathEmployeeTypeEnums:               {ep: feishu.EPCreateEmployeeType, handle: s.createEmployeeType},
		"PUT " + feishu.PathEmployeeTypeEnums + "/{enum_id}": {ep: feishu.EPUpdateEmployeeType, handle: s.updateEmployeeType},
		"GET " + feishu.PathCustomAttrs:                      {ep: feishu.EPCustomAttrs, handle: s.customAttrs},
		"GET " + feishu.PathJobLevels:                        {ep: feishu.EPJobLevels, handle: s.jobLevels},
		"POST " + feishu.PathJobLevels:                       {ep: feishu.EPCreateJobLevel, handle: s.createJobLevel},
		"PUT " + feishu.PathJobLevels + "/{job_level_id}":    {ep: feishu.EPUpdateJobLevel, handle: s.updateJobLevel},
		"GET " + feishu.PathJobFamilies:                      {ep: feishu.EPJobFamilies, handle: s.jobFamilies},
		"POST " + feishu.PathJobFamilies:                     {ep: feishu.EPCreateJobFamily, handle: s.createJobFamily},
		"PUT " + feishu.PathJobFamilies + "/{job_family_id}": {ep: feishu.EPUpdateJobFamily, handle: s.updateJobFamily},
		"GET " + feishu.PathJobTitles:                        {ep: feishu.EPJobTitles, handle: s.jobTitles},
		"GET " + feishu.PathWorkCities:                       {ep: feishu.EPWorkCities, handle: s.workCities},
	} {
		api[pattern] = rt
	}
	for pattern, rt := range api {
		mux.Handle(pattern, s.api(rt))
	}
	mux.Handle("/", s.api(route{ep: epUnknown, public: true, handle: func(c *call) (any, error) {
		for _, m := range []string{"GET", "POST", "PATCH", "PUT", "DELETE"} {
			probe := c.r.Clone(c.r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); m != c.r.Method && pattern != "/" {
				return nil, fail(feishu.CodeMethodMismatch, "%s is not served on this path", c.r.Method)
			}
		}
		return nil, fail(feishu.CodeNotFound, "no such endpoint")
	}}))
	s.adminRoutes(mux)
	return mux
}

// patchUserLimits puts a PATCH that sets department_ids or is_frozen on the
// extra 1 QPS budget too. Presence counts, changed or not.
func patchUserLimits(body []byte) []feishu.Endpoint {
	var p struct {
		DepartmentIDs json.RawMessage `json:"department_ids"`
		IsFrozen      json.RawMessage `json:"is_frozen"`
	}
	if json.Unmarshal(body, &p) != nil || (p.DepartmentIDs == nil && p.IsFrozen == nil) {
		return nil
	}
	return []feishu.Endpoint{feishu.EPPatchUserDept}
}
