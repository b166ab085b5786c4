package sandbox

import (
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/orgbatch/orgbatch/feishu"
)

// User groups: normal groups (members added and removed through the API)
// and dynamic groups (members by rules, which the API cannot write: they
// come from seeds and state files only). State operations check first and
// then apply, like the department and user operations.

// group is one user group.
type group struct {
	seq         uint64
	id          string // the path key and the custom group_id: one ID here (UNCONFIRMED, see doc.go)
	name        string
	description string
	typ         int
	users       []*user // user members in join order
	userSet     map[*user]bool
	depts       []*dept // department members (seeded only: the API adds users only)
}

// groupStore holds the tenant's groups. Its zero value is empty and ready.
type groupStore struct {
	byID   map[string]*group
	byName map[string]*group
	order  []*group // creation order: simplelist order
	// members counts user memberships over all normal groups, for the
	// tenant cap of ten times the number of users.
	members int
}

// Group limits beyond feishu's: the members of one normal group.
const groupUserMax = 100_000

// groupIDPattern is the custom group_id the sandbox accepts: the docs say
// letters and digits only but their own examples use "test_group", so _
// and - are accepted too (UNCONFIRMED).
var groupIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func (g *groupStore) init() {
	if g.byID == nil {
		g.byID, g.byName = map[string]*group{}, map[string]*group{}
	}
}

func (g *groupStore) get(id string) *group {
	g.init()
	return g.byID[id]
}

// checkGroupFields applies the create and patch rules of name and
// description (their presence is the caller's).
func checkGroupFields(name, description *string) error {
	if name != nil {
		switch n := utf8.RuneCountInString(*name); {
		case n == 0:
			return fail(feishu.CodeGroupNameEmpty, "name is required")
		case n > feishu.GroupNameMax:
			return fail(feishu.CodeGroupNameTooLong, "name has %d characters, at most %d", n, feishu.GroupNameMax)
		}
	}
	if description != nil {
		if n := utf8.RuneCountInString(*description); n > feishu.GroupDescriptionMax {
			return fail(feishu.CodeGroupDescTooLong, "description has %d characters, at most %d", n, feishu.GroupDescriptionMax)
		}
	}
	return nil
}

// createGroup is POST /group; seeded (a state file, SeedGroup) it may be
// dynamic. It returns the new group.
func (s *state) createGroup(in feishu.GroupCreate, seeded bool) (*group, error) {
	g := &s.groups
	g.init()
	typ := in.Type
	if typ == 0 {
		typ = feishu.GroupTypeNormal
	}
	if typ != feishu.GroupTypeNormal && !(seeded && typ == feishu.GroupTypeDynamic) {
		return nil, fail(feishu.CodeGroupTypeInvalid, "type %d: only normal groups (1) can be created", in.Type)
	}
	if err := checkGroupFields(&in.Name, &in.Description); err != nil {
		return nil, err
	}
	id := in.GroupID
	switch {
	case id == "":
		for id == "" || g.byID[id] != nil {
			id = "g" + randomHex(15)
		}
	case !groupIDPattern.MatchString(id):
		return nil, fail(feishu.CodeGroupIDInvalid, "group_id %q: letters and digits, at most %d", id, feishu.GroupIDMax)
	case g.byID[id] != nil:
		return nil, fail(feishu.CodeGroupIDDuplicate, "group_id %q is taken", id)
	}
	if g.byName[in.Name] != nil {
		return nil, fail(feishu.CodeGroupNameDuplicate, "a group is named %q already", in.Name)
	}
	if len(g.order) >= feishu.GroupMax {
		return nil, fail(feishu.CodeGroupTooMany, "the tenant has %d groups, at most %d", len(g.order), feishu.GroupMax)
	}
	made := &group{seq: s.nextSeq(), id: id, name: in.Name, description: in.Description, typ: typ, userSet: map[*user]bool{}}
	g.byID[id], g.byName[in.Name] = made, made
	g.order = append(g.order, made)
	return made, nil
}

// writable is the check of every write to an existing group: dynamic
// groups are managed by their rules (code UNCONFIRMED: 42003).
func (gr *group) writable() error {
	if gr.typ != feishu.GroupTypeNormal {
		return fail(feishu.CodeGroupTypeInvalid, "group %q is dynamic: its members follow its rules", gr.id)
	}
	return nil
}

// patchGroup is PATCH /group/:id: empty fields are unchanged.
func (s *state) patchGroup(gr *group, p feishu.GroupPatch) error {
	if err := gr.writable(); err != nil {
		return err
	}
	if p.Name != nil && *p.Name == "" {
		p.Name = nil
	}
	if err := checkGroupFields(p.Name, p.Description); err != nil {
		return err
	}
	if p.Name != nil {
		if o := s.groups.byName[*p.Name]; o != nil && o != gr {
			return fail(feishu.CodeGroupNameDuplicate, "a group is named %q already", *p.Name)
		}
		delete(s.groups.byName, gr.name)
		gr.name = *p.Name
		s.groups.byName[gr.name] = gr
	}
	if p.Description != nil {
		gr.description = *p.Description
	}
	return nil
}

// deleteGroup is DELETE /group/:id: only an empty normal group.
func (s *state) deleteGroup(gr *group) error {
	if err := gr.writable(); err != nil {
		return err
	}
	if len(gr.users)+len(gr.depts) > 0 {
		return fail(feishu.CodeGroupHasMember, "group %q has %d members", gr.id, len(gr.users)+len(gr.depts))
	}
	g := &s.groups
	delete(g.byID, gr.id)
	delete(g.byName, gr.name)
	g.order = slices.DeleteFunc(g.order, func(o *group) bool { return o == gr })
	return nil
}

// addMember adds one user and returns its result code: 0 added, 42005
// already a member, 42006 resigned, 42012 a cap reached.
func (s *state) addMember(gr *group, u *user) int {
	switch {
	case gr.userSet[u]:
		return feishu.CodeGroupMemberExists.Num
	case !u.active():
		return feishu.CodeUserResigned.Num
	case len(gr.users) >= groupUserMax, s.groups.members >= 10*len(s.users):
		return feishu.CodeGroupUserLimit.Num
	}
	gr.users = append(gr.users, u)
	gr.userSet[u] = true
	if gr.typ == feishu.GroupTypeNormal {
		s.groups.members++
	}
	return 0
}

// removeMember takes one user out; removing a non-member is a no-op
// (UNCONFIRMED: the docs list no code for it).
func (s *state) removeMember(gr *group, u *user) {
	if !gr.userSet[u] {
		return
	}
	delete(gr.userSet, u)
	gr.users = removeMember(gr.users, u)
	if gr.typ == feishu.GroupTypeNormal {
		s.groups.members--
	}
}

// dropUserFromGroups takes a resigned user out of every group, as their
// departments are (UNCONFIRMED: the docs do not say).
func (s *state) dropUserFromGroups(u *user) {
	for _, gr := range s.groups.order {
		s.removeMember(gr, u)
	}
}

// renderGroup is the wire form of a group.
func renderGroup(gr *group) feishu.Group {
	return feishu.Group{ID: gr.id, GroupID: gr.id, Name: gr.name, Description: gr.description, Type: gr.typ,
		MemberUserCount: len(gr.users), MemberDepartmentCount: len(gr.depts)}
}

// GroupState is a group in the state file: members by user_id and
// department_id.
type GroupState struct {
	GroupID     string   `json:"group_id"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Type        int      `json:"type"`
	Users       []string `json:"users,omitempty"`
	Departments []string `json:"departments,omitempty"`
}

func (s *state) groupStates() []GroupState {
	out := []GroupState{}
	for _, gr := range s.groups.order {
		out = append(out, groupState(gr))
	}
	return out
}

func groupState(gr *group) GroupState {
	st := GroupState{GroupID: gr.id, Name: gr.name, Description: gr.description, Type: gr.typ}
	for _, u := range gr.users {
		st.Users = append(st.Users, u.userID)
	}
	for _, d := range gr.depts {
		st.Departments = append(st.Departments, d.customID)
	}
	return st
}

// loadGroup adds a group of a state file or a seed, members included.
func (s *state) loadGroup(in GroupState) (*group, error) {
	gr, err := s.createGroup(feishu.GroupCreate{GroupID: in.GroupID, Name: in.Name, Description: in.Description, Type: in.Type}, true)
	if err != nil {
		return nil, err
	}
	for _, id := range in.Users {
		u := s.userByID[id]
		if u == nil {
			return nil, fail(feishu.CodeMemberIDInvalid, "member %q is no user", id)
		}
		if code := s.addMember(gr, u); code != 0 && code != feishu.CodeGroupMemberExists.Num {
			return nil, fail(feishu.Code{Num: code, HTTP: 400, Msg: "member not added"}, "member %q", id)
		}
	}
	for _, id := range in.Departments {
		d := s.dept(id, deptIDCustom)
		switch {
		case d == nil || d.isRoot():
			return nil, fail(feishu.CodeDeptNotExist, "department member %q", id)
		case gr.typ == feishu.GroupTypeNormal && len(gr.depts) >= feishu.GroupDeptMembersMax:
			return nil, fail(feishu.CodeGroupDeptLimit, "at most %d department members", feishu.GroupDeptMembersMax)
		}
		gr.depts = append(gr.depts, d)
	}
	return gr, nil
}

// loadGroups adds the groups of a state file or seed (after its users).
func (s *Server) loadGroups(groups []GroupState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, in := range groups {
		if _, err := s.st.loadGroup(in); err != nil {
			return fmt.Errorf("group %q (%s): %w", in.GroupID, in.Name, err)
		}
	}
	return nil
}

// SeedGroup adds a group — normal or dynamic, with its members by user_id
// and department_id — through the API's rules (tests; dynamic groups
// cannot be made over HTTP). With StatePath set, the state file is
// rewritten.
func (s *Server) SeedGroup(in GroupState) (feishu.Group, error) {
	s.mu.Lock()
	gr, err := s.st.loadGroup(in)
	if err != nil {
		s.mu.Unlock()
		return feishu.Group{}, fmt.Errorf("seed group %q: %w", in.Name, err)
	}
	c := &call{}
	s.commit(c)
	out := renderGroup(gr)
	s.mu.Unlock()
	return out, s.waitDurable(c.wrote)
}

// Groups returns every group with its members by user_id and
// department_id, in creation order.
func (s *Server) Groups() []GroupState {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.groupStates()
}
