package sandbox

import (
	"github.com/orgbatch/orgbatch/feishu"
)

// User endpoints: decode, lock, run the state operation, persist, render in
// the requested ID types.

func (s *Server) pathUser(c *call) (*user, error) {
	id := c.r.PathValue("user_id")
	u := s.st.user(id, c.ids.user)
	if u == nil {
		return nil, fail(feishu.CodeUserIDInvalid, "user %q (%s)", id, c.ids.user)
	}
	return u, nil
}

func userData(u *user, ids idTypes) feishu.UserData {
	out := renderUser(u, ids)
	return feishu.UserData{User: &out}
}

// createUser is POST /users, idempotent on client_token like department
// create.
func (s *Server) createUser(c *call) (any, error) {
	var in feishu.User
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	return s.createOnce(c, scopeUser,
		func(openID string) (any, error) {
			return userData(s.st.userByOpen[openID], c.ids), nil // users are never removed
		},
		func() (string, any, error) {
			u, err := s.st.createUser(in, c.ids, false, c.now)
			if err != nil {
				return "", nil, err
			}
			return u.openID, userData(u, c.ids), nil
		})
}

// patchUser is PATCH /users/:id: omitted fields are unchanged.
func (s *Server) patchUser(c *call) (any, error) {
	var p feishu.UserPatch
	if err := decodeBody(c.body, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.pathUser(c)
	if err != nil {
		return nil, err
	}
	if err := s.st.patchUser(u, p, c.ids); err != nil {
		return nil, err
	}
	s.commit(c, userRecord(u))
	return userData(u, c.ids), nil
}

func (s *Server) getUser(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, err := s.pathUser(c)
	if err != nil {
		return nil, err
	}
	return userData(u, c.ids), nil
}

// batchUsers is GET /users/batch: up to 50 repeated user_ids, in request
// order; unknown IDs are left out, resigned users included.
func (s *Server) batchUsers(c *call) (any, error) {
	ids := c.query["user_ids"]
	if len(ids) == 0 || len(ids) > maxBatch {
		return nil, fail(codeParam, "user_ids: %d given, want 1-%d", len(ids), maxBatch)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := feishu.BatchData[feishu.User]{Items: []feishu.User{}}
	for _, id := range ids {
		if u := s.st.user(id, c.ids.user); u != nil {
			out.Items = append(out.Items, renderUser(u, c.ids))
		} else if s.opts.StrictBatch {
			return nil, fail(codeUserIDsNotExist, "these user ids not existed: [%s]", id)
		}
	}
	return out, nil
}

// findByDepartment is GET /users/find_by_department: the department's
// direct active members in join order.
func (s *Server) findByDepartment(c *call) (any, error) {
	id := c.query.Get("department_id")
	if id == "" {
		return nil, fail(codeParam, "department_id is required")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	d := s.st.dept(id, c.ids.dept)
	if d == nil {
		return nil, fail(feishu.CodeDeptNotExist, "department %q (%s)", id, c.ids.dept)
	}
	pr, err := s.pager.parsePage(c.query, "find_by_department|"+d.openID,
		feishu.FindByDepartmentPageDefault, feishu.FindByDepartmentPageMax)
	if err != nil {
		return nil, err
	}
	members := d.members
	return page(s.pager, pr, len(members), func(i int) feishu.User { return renderUser(members[i], c.ids) }), nil
}

// batchGetID is POST /users/batch_get_id: emails first, then mobiles, one
// entry each; a miss (or a resigned user without include_resigned) comes
// back with no user_id.
func (s *Server) batchGetID(c *call) (any, error) {
	var req feishu.BatchGetIDRequest
	if err := decodeBody(c.body, &req); err != nil {
		return nil, err
	}
	if len(req.Emails) > maxBatch || len(req.Mobiles) > maxBatch {
		return nil, fail(codeParam, "at most %d emails and %d mobiles", maxBatch, maxBatch)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := feishu.BatchGetIDData{UserList: []feishu.UserContactInfo{}}
	found := func(info feishu.UserContactInfo, active *user, resigned []*user) feishu.UserContactInfo {
		u := active
		if u == nil && req.IncludeResigned && len(resigned) > 0 {
			u = resigned[len(resigned)-1] // the most recent to resign
		}
		if u != nil {
			st := u.status
			info.UserID, info.Status = userRef(u, c.ids.user), &st
		}
		return info
	}
	for _, e := range req.Emails {
		k := emailKey(e)
		out.UserList = append(out.UserList, found(feishu.UserContactInfo{Email: e}, s.st.activeEmail[k], s.st.resignedEmail[k]))
	}
	for _, m := range req.Mobiles {
		info := feishu.UserContactInfo{Mobile: m}
		if norm, _, err := normalizeMobile(m); err == nil {
			info = found(info, s.st.activeMobile[norm], s.st.resignedMobile[norm])
		}
		out.UserList = append(out.UserList, info)
	}
	return out, nil
}
