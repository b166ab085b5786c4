package sandbox

import (
	"strconv"

	"github.com/orgbatch/orgbatch/feishu"
)

// Department endpoints: decode, lock, run the state operation, persist,
// render in the requested ID types.

func (s *Server) pathDept(c *call) (*dept, error) {
	id := c.r.PathValue("department_id")
	d := s.st.dept(id, c.ids.dept)
	if d == nil {
		return nil, fail(feishu.CodeDeptNotExist, "department %q (%s)", id, c.ids.dept)
	}
	return d, nil
}

func deptData(d *dept, ids idTypes) feishu.DepartmentData {
	out := renderDept(d, ids)
	return feishu.DepartmentData{Department: &out}
}

// createDepartment is POST /departments, idempotent on client_token: a
// replay with the same body answers the department as it is now and
// creates nothing.
func (s *Server) createDepartment(c *call) (any, error) {
	var in feishu.Department
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	return s.createOnce(c, scopeDept,
		func(openID string) (any, error) {
			d := s.st.deptByOpen[openID]
			if d == nil {
				return nil, fail(feishu.CodeDeptNotExist, "the department this client_token created was deleted")
			}
			return deptData(d, c.ids), nil
		},
		func() (string, any, error) {
			d, err := s.st.createDept(in, c.ids, false)
			if err != nil {
				return "", nil, err
			}
			return d.openID, deptData(d, c.ids), nil
		})
}

func (s *Server) changeDepartment(c *call, change func() (deptChange, error)) (any, error) {
	ch, err := change()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.pathDept(c)
	if err != nil {
		return nil, err
	}
	if err := s.st.updateDept(d, ch, c.ids); err != nil {
		return nil, err
	}
	s.commit(c, deptRecord(d))
	return deptData(d, c.ids), nil
}

// patchDepartment is PATCH /departments/:id: omitted fields are unchanged.
func (s *Server) patchDepartment(c *call) (any, error) {
	if c.r.PathValue("department_id") == rootID {
		return nil, fail(feishu.CodeRootDept, "the root department cannot be changed")
	}
	return s.changeDepartment(c, func() (deptChange, error) {
		var p feishu.DepartmentPatch
		err := decodeBody(c.body, &p)
		return patchChange(p), err
	})
}

// updateDepartment is PUT /departments/:id: a full replace, order kept when
// omitted.
func (s *Server) updateDepartment(c *call) (any, error) {
	if c.r.PathValue("department_id") == rootID {
		return nil, fail(feishu.CodeRootDept, "the root department cannot be changed")
	}
	return s.changeDepartment(c, func() (deptChange, error) {
		var in feishu.Department
		if err := decodeBody(c.body, &in); err != nil {
			return deptChange{}, err
		}
		return putChange(in)
	})
}

// deleteDepartment is DELETE /departments/:id; the department must be empty.
func (s *Server) deleteDepartment(c *call) (any, error) {
	if c.r.PathValue("department_id") == rootID {
		return nil, fail(feishu.CodeRootDept, "the root department cannot be deleted")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.pathDept(c)
	if err != nil {
		return nil, err
	}
	if err := s.st.deleteDept(d); err != nil {
		return nil, err
	}
	s.commit(c, logRecord{DelDept: d.openID})
	return struct{}{}, nil
}

func (s *Server) getDepartment(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, err := s.pathDept(c)
	if err != nil {
		return nil, err
	}
	return deptData(d, c.ids), nil
}

// batchDepartments is GET /departments/batch: up to 50 repeated
// department_ids, answered in request order; unknown IDs are left out.
func (s *Server) batchDepartments(c *call) (any, error) {
	ids := c.query["department_ids"]
	if len(ids) == 0 || len(ids) > maxBatch {
		return nil, fail(codeParam, "department_ids: %d given, want 1-%d", len(ids), maxBatch)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := feishu.BatchData[feishu.Department]{Items: []feishu.Department{}}
	for _, id := range ids {
		if d := s.st.dept(id, c.ids.dept); d != nil {
			out.Items = append(out.Items, renderDept(d, c.ids))
		} else if s.opts.StrictBatch {
			return nil, fail(codeDeptIDsNotExist, "these department ids not existed: [%s]", id)
		}
	}
	return out, nil
}

// children is GET /departments/:id/children. With fetch_child=true it lists
// every descendant breadth-first, siblings in display order.
func (s *Server) children(c *call) (any, error) {
	fetch := false
	if v := c.query.Get("fetch_child"); v != "" {
		var err error
		if fetch, err = strconv.ParseBool(v); err != nil {
			return nil, fail(codeParam, "fetch_child %q is not a boolean", v)
		}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, err := s.pathDept(c)
	if err != nil {
		return nil, err
	}
	scope := "children|" + d.openID + "|" + strconv.FormatBool(fetch)
	pr, err := s.pager.parsePage(c.query, scope, feishu.ChildrenPageDefault, feishu.ChildrenPageMax)
	if err != nil {
		return nil, err
	}
	list := d.children
	if fetch {
		list = nil
		d.walk(func(x *dept) { list = append(list, x) })
	}
	return page(s.pager, pr, len(list), func(i int) feishu.Department { return renderDept(list[i], c.ids) }), nil
}

// parents is GET /departments/parent: the ancestors of department_id, child
// to parent, root excluded.
func (s *Server) parents(c *call) (any, error) {
	id := c.query.Get("department_id")
	if id == "" {
		return nil, fail(feishu.CodeDeptIDMissing, "department_id is required")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	d := s.st.dept(id, c.ids.dept)
	if d == nil {
		return nil, fail(feishu.CodeDeptNotExist, "department %q (%s)", id, c.ids.dept)
	}
	pr, err := s.pager.parsePage(c.query, "parent|"+d.openID, feishu.ParentPageDefault, feishu.ParentPageMax)
	if err != nil {
		return nil, err
	}
	var list []*dept
	for a := d.parent; a != nil && !a.isRoot(); a = a.parent {
		list = append(list, a)
	}
	return page(s.pager, pr, len(list), func(i int) feishu.Department { return renderDept(list[i], c.ids) }), nil
}
