package sandbox

import (
	"github.com/orgbatch/orgbatch/feishu"
)

// Unit endpoints (server-docs/contact-v3/unit): decode, lock, run the state
// operation, persist. Listings answer their items under unitlist and
// departmentlist, as documented, not items.

func (s *Server) pathUnit(c *call) (*unit, error) { return s.st.unit(c.r.PathValue("unit_id")) }

// createUnit is POST /unit: data {unit_id}. It has no client_token.
func (s *Server) createUnit(c *call) (any, error) {
	var in feishu.Unit
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.st.createUnit(in, s.st.nextSeq())
	if err != nil {
		return nil, err
	}
	s.commit(c)
	return feishu.UnitCreated{UnitID: u.id}, nil
}

// patchUnit is PATCH /unit/:unit_id: the name (required: 43052 when empty).
func (s *Server) patchUnit(c *call) (any, error) {
	var p feishu.UnitPatch
	if err := decodeBody(c.body, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.pathUnit(c)
	if err != nil {
		return nil, err
	}
	if err := s.st.renameUnit(u, p.Name); err != nil {
		return nil, err
	}
	s.commit(c)
	return struct{}{}, nil
}

// deleteUnit is DELETE /unit/:unit_id.
func (s *Server) deleteUnit(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.pathUnit(c)
	if err != nil {
		return nil, err
	}
	s.st.deleteUnit(u)
	s.commit(c)
	return struct{}{}, nil
}

// getUnit is GET /unit/:unit_id: data {unit}.
func (s *Server) getUnit(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, err := s.pathUnit(c)
	if err != nil {
		return nil, err
	}
	out := renderUnit(u)
	return feishu.UnitData{Unit: &out}, nil
}

// listUnits is GET /unit: the units in creation order (page_size default
// 50, max 100).
func (s *Server) listUnits(c *call) (any, error) {
	pr, err := s.pager.parsePage(c.query, "unit", feishu.UnitPageDefault, feishu.UnitPageMax)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	list := s.st.units.inSeq
	return feishu.UnitPage(page(s.pager, pr, len(list), func(i int) feishu.Unit { return renderUnit(list[i]) })), nil
}

// unitDepartments is GET /unit/list_department?unit_id=: the departments
// bound to the unit in binding order, department_id in department_id_type.
func (s *Server) unitDepartments(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, err := s.st.unit(c.query.Get("unit_id"))
	if err != nil {
		return nil, err
	}
	pr, err := s.pager.parsePage(c.query, "unit_department|"+u.id, feishu.UnitPageDefault, feishu.UnitPageMax)
	if err != nil {
		return nil, err
	}
	list := u.depts
	return feishu.UnitDepartmentPage(page(s.pager, pr, len(list), func(i int) feishu.UnitDepartment {
		return feishu.UnitDepartment{UnitID: u.id, DepartmentID: deptRef(list[i], c.ids.dept)}
	})), nil
}

// bindingOf reads a bind/unbind body: the unit (43051) and the department
// in the body's department_id_type, default open_department_id (43058 when
// unknown or the root). The query's department_id_type is not used here
// (UNCONFIRMED: the pages document the body field only).
func (s *Server) bindingOf(c *call) (*unit, *dept, error) {
	var in feishu.UnitBinding
	if err := decodeBody(c.body, &in); err != nil {
		return nil, nil, err
	}
	typ := in.DepartmentIDType
	switch typ {
	case "":
		typ = deptIDOpen
	case deptIDOpen, deptIDCustom:
	default:
		return nil, nil, fail(codeParam, "department_id_type must be department_id or open_department_id")
	}
	u, err := s.st.unit(in.UnitID)
	if err != nil {
		return nil, nil, err
	}
	d := s.st.dept(in.DepartmentID, typ)
	if d == nil || d.isRoot() {
		return nil, nil, fail(feishu.CodeUnitDeptInvalid, "department %q (%s)", in.DepartmentID, typ)
	}
	return u, d, nil
}

// bindUnit is POST /unit/bind_department.
func (s *Server) bindUnit(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, d, err := s.bindingOf(c)
	if err != nil {
		return nil, err
	}
	if err := s.st.bindUnit(u, d); err != nil {
		return nil, err
	}
	s.commit(c)
	return struct{}{}, nil
}

// unbindUnit is POST /unit/unbind_department.
func (s *Server) unbindUnit(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, d, err := s.bindingOf(c)
	if err != nil {
		return nil, err
	}
	s.st.unbindUnit(u, d)
	s.commit(c)
	return struct{}{}, nil
}
