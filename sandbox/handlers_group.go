package sandbox

import (
	"github.com/orgbatch/orgbatch/feishu"
)

// User-group endpoints: decode, lock, run the state operation, persist,
// render. Which failures are per member (a result code) and which fail the
// whole call is UNCONFIRMED; see doc.go.

// Group listing page sizes (simplelist and member/simplelist).
const groupPageDefault = 50

func (s *Server) pathGroup(c *call) (*group, error) {
	id := c.r.PathValue("group_id")
	gr := s.st.groups.get(id)
	if gr == nil {
		return nil, fail(feishu.CodeGroupIDInvalid, "group %q", id)
	}
	return gr, nil
}

// createGroup is POST /group (normal groups only; no client_token).
func (s *Server) createGroup(c *call) (any, error) {
	var in feishu.GroupCreate
	if err := decodeBody(c.body, &in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	gr, err := s.st.createGroup(in, false)
	if err != nil {
		return nil, err
	}
	s.commit(c, groupRecord(gr))
	return feishu.GroupCreateData{GroupID: gr.id}, nil
}

// patchGroup is PATCH /group/:group_id.
func (s *Server) patchGroup(c *call) (any, error) {
	var p feishu.GroupPatch
	if err := decodeBody(c.body, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	gr, err := s.pathGroup(c)
	if err != nil {
		return nil, err
	}
	if err := s.st.patchGroup(gr, p); err != nil {
		return nil, err
	}
	s.commit(c, groupRecord(gr))
	return struct{}{}, nil
}

// deleteGroup is DELETE /group/:group_id: an empty normal group.
func (s *Server) deleteGroup(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gr, err := s.pathGroup(c)
	if err != nil {
		return nil, err
	}
	if err := s.st.deleteGroup(gr); err != nil {
		return nil, err
	}
	s.commit(c, logRecord{DelGroup: gr.id})
	return struct{}{}, nil
}

// getGroup is GET /group/:group_id (either type).
func (s *Server) getGroup(c *call) (any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	gr, err := s.pathGroup(c)
	if err != nil {
		return nil, err
	}
	out := renderGroup(gr)
	return feishu.GroupData{Group: &out}, nil
}

// groupList is GET /group/simplelist: one type per call (default 1), in
// creation order, under "grouplist".
func (s *Server) groupList(c *call) (any, error) {
	typ := feishu.GroupTypeNormal
	switch c.query.Get("type") {
	case "", "1":
	case "2":
		typ = feishu.GroupTypeDynamic
	default:
		return nil, fail(codeParam, "type %q, want 1 or 2", c.query.Get("type"))
	}
	pr, err := s.pager.parsePage(c.query, "group_simplelist|"+c.query.Get("type"), groupPageDefault, feishu.GroupListPageMax)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var of []*group
	for _, gr := range s.st.groups.order {
		if gr.typ == typ {
			of = append(of, gr)
		}
	}
	p := page(s.pager, pr, len(of), func(i int) feishu.Group { return renderGroup(of[i]) })
	return feishu.GroupListData{GroupList: p.Items, PageToken: p.PageToken, HasMore: p.HasMore}, nil
}

// groupMembers is GET /group/:group_id/member/simplelist: one member type
// per call (default user), IDs of member_id_type (default open_id; for
// departments open_id means open_department_id), under "memberlist".
func (s *Server) groupMembers(c *call) (any, error) {
	mtype, idType := c.query.Get("member_type"), c.query.Get("member_id_type")
	if mtype == "" {
		mtype = feishu.MemberTypeUser
	}
	if idType == "" {
		idType = userIDOpen
	}
	if err := checkMemberTypes(mtype, idType, true); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	gr, err := s.pathGroup(c)
	if err != nil {
		return nil, err
	}
	pr, err := s.pager.parsePage(c.query, "group_members|"+gr.id+"|"+mtype+"|"+idType, groupPageDefault, feishu.GroupListPageMax)
	if err != nil {
		return nil, err
	}
	member := func(id string) feishu.GroupMember {
		return feishu.GroupMember{MemberID: id, MemberType: mtype, MemberIDType: idType}
	}
	var p feishu.Page[feishu.GroupMember]
	if mtype == feishu.MemberTypeUser {
		p = page(s.pager, pr, len(gr.users), func(i int) feishu.GroupMember { return member(userRef(gr.users[i], idType)) })
	} else {
		typ := deptIDOpen
		if idType == deptIDCustom {
			typ = deptIDCustom
		}
		p = page(s.pager, pr, len(gr.depts), func(i int) feishu.GroupMember { return member(deptRef(gr.depts[i], typ)) })
	}
	return feishu.GroupMemberListData{MemberList: p.Items, PageToken: p.PageToken, HasMore: p.HasMore}, nil
}

// checkMemberTypes applies the member_type / member_id_type rules: users
// take open_id, union_id or user_id; departments (listing only) open_id or
// department_id.
func checkMemberTypes(mtype, idType string, listing bool) error {
	switch {
	case mtype != feishu.MemberTypeUser && !(listing && mtype == feishu.MemberTypeDepartment):
		return fail(feishu.CodeMemberTypeInvalid, "member_type %q", mtype)
	case idType != userIDOpen && idType != userIDUnion && idType != userIDUser && idType != deptIDCustom:
		return fail(feishu.CodeMemberIDTypeInvalid, "member_id_type %q", idType)
	case mtype == feishu.MemberTypeUser && idType == deptIDCustom,
		mtype == feishu.MemberTypeDepartment && idType != userIDOpen && idType != deptIDCustom:
		return fail(feishu.CodeMemberTypeMismatch, "member_type %s with member_id_type %s", mtype, idType)
	}
	return nil
}

// memberUsers checks a batch body and finds its users (nil for an unknown
// ID): the body's shape failing fails the call.
func (s *Server) memberUsers(c *call) ([]feishu.GroupMember, []*user, error) {
	var in feishu.GroupMembersBody
	if err := decodeBody(c.body, &in); err != nil {
		return nil, nil, err
	}
	if len(in.Members) == 0 || len(in.Members) > feishu.GroupMembersPerCall {
		return nil, nil, fail(codeParam, "members: %d given, want 1-%d", len(in.Members), feishu.GroupMembersPerCall)
	}
	users := make([]*user, len(in.Members))
	for i, m := range in.Members {
		if err := checkMemberTypes(m.MemberType, m.MemberIDType, false); err != nil {
			return nil, nil, err
		}
		users[i] = s.st.user(m.MemberID, m.MemberIDType)
	}
	return in.Members, users, nil
}

// addGroupMembers is POST member/batch_add: every member gets a result
// code and the call succeeds (0 added, 41073 no such user, 42005 already a
// member, 42006 resigned, 42012 a cap reached).
func (s *Server) addGroupMembers(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gr, err := s.pathGroup(c)
	if err != nil {
		return nil, err
	}
	if err := gr.writable(); err != nil {
		return nil, err
	}
	members, users, err := s.memberUsers(c)
	if err != nil {
		return nil, err
	}
	out := feishu.MemberResultsData{Results: make([]feishu.MemberResult, len(members))}
	var added []*user
	for i, m := range members {
		code := feishu.CodeMemberIDInvalid.Num
		if users[i] != nil {
			code = s.st.addMember(gr, users[i])
		}
		if code == 0 {
			added = append(added, users[i])
		}
		out.Results[i] = feishu.MemberResult{MemberID: m.MemberID, Code: code}
	}
	if len(added) > 0 {
		s.commit(c, membersRecord(gr, added, nil)...)
	}
	return out, nil
}

// removeGroupMembers is POST member/batch_remove. The members that can be
// removed are; if any cannot (41073 no such user), the answer is 40022
// with every member's result in data.results (the body of 40022 is
// UNCONFIRMED). Removing a non-member succeeds.
func (s *Server) removeGroupMembers(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gr, err := s.pathGroup(c)
	if err != nil {
		return nil, err
	}
	if err := gr.writable(); err != nil {
		return nil, err
	}
	members, users, err := s.memberUsers(c)
	if err != nil {
		return nil, err
	}
	out := feishu.MemberResultsData{Results: make([]feishu.MemberResult, len(members))}
	failed := false
	var removed []*user
	for i, m := range members {
		code := 0
		switch {
		case users[i] == nil:
			code, failed = feishu.CodeMemberIDInvalid.Num, true
		case gr.userSet[users[i]]:
			s.st.removeMember(gr, users[i])
			removed = append(removed, users[i])
		}
		out.Results[i] = feishu.MemberResult{MemberID: m.MemberID, Code: code}
	}
	if len(removed) > 0 {
		s.commit(c, membersRecord(gr, nil, removed)...)
	}
	if failed {
		return nil, &Error{Code: feishu.CodePartialFailed, Detail: "some members were not removed", Data: out}
	}
	return struct{}{}, nil
}
