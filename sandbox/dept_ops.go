package sandbox

import (
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
)

// Department state operations. The caller holds Server.mu for writing; every
// check runs before the first change, so a failed call changes nothing.

// createDept adds a department. seed keeps a given open_department_id (state
// files and seeds carry them); the API ignores it, as Feishu generates it.
func (s *state) createDept(in feishu.Department, ids idTypes, seed bool) (*dept, error) {
	if err := checkDeptName(in.Name); err != nil {
		return nil, err
	}
	var i18n feishu.I18nName
	if in.I18nName != nil {
		i18n = *in.I18nName
	}
	if err := checkI18n(i18n); err != nil {
		return nil, err
	}
	if in.ParentDepartmentID == "" {
		return nil, fail(feishu.CodeMissingParent, "parent_department_id is required")
	}
	parent := s.dept(in.ParentDepartmentID, ids.dept)
	if parent == nil {
		return nil, fail(feishu.CodeDeptNotExist, "parent department %q (%s)", in.ParentDepartmentID, ids.dept)
	}
	customID, err := s.newCustomDeptID(in.DepartmentID)
	if err != nil {
		return nil, err
	}
	openID, err := s.newOpenDeptID(in.OpenDepartmentID, seed)
	if err != nil {
		return nil, err
	}
	order := parent.nextOrder()
	if in.Order != "" {
		if order, err = parseOrder(in.Order); err != nil {
			return nil, err
		}
		if _, dup := parent.childOrders[order]; dup {
			return nil, fail(feishu.CodeDuplicateOrder, "a sibling already has order %d", order)
		}
	}
	if len(parent.children) >= maxChildren {
		return nil, fail(feishu.CodeTooManyChildren, "parent already has %d sub-departments", maxChildren)
	}
	if parent.depth+1 > maxDepth {
		return nil, fail(feishu.CodeMaxDepth, "department would be at level %d, max %d", parent.depth+1, maxDepth)
	}
	if err := parent.nameConflict(in.Name, i18n, nil); err != nil {
		return nil, err
	}
	people, hrbps, err := s.createPeople(in, ids)
	if err != nil {
		return nil, err
	}
	un, err := s.createUnits(in.UnitIDs)
	if err != nil {
		return nil, err
	}

	d := newDept()
	d.seq = s.nextSeq()
	d.openID, d.customID = openID, customID
	d.name, d.i18n, d.order = in.Name, i18n, order
	d.leader, d.deputies, d.hrbps = people.main, people.deputies, hrbps
	if un != nil {
		_ = s.bindUnit(un, d) // createUnits checked the room
	}
	d.depth = parent.depth + 1
	switch {
	case seed && in.ChatID != "":
		d.chatID, d.groupChat = in.ChatID, true
	case in.CreateGroupChat:
		d.chatID, d.groupChat = prefixChat+randomHex(32), true
	}
	parent.addChild(d)
	s.deptByOpen[d.openID] = d
	s.deptByCustom[d.customID] = d
	return d, nil
}

// createPeople resolves a create body's leaders and HRBPs.
func (s *state) createPeople(in feishu.Department, ids idTypes) (leaders, []*user, error) {
	var leaderID *string
	var list *[]feishu.DepartmentLeader
	if in.LeaderUserID != "" {
		leaderID = &in.LeaderUserID
	}
	if len(in.Leaders) > 0 {
		list = &in.Leaders
	}
	people, err := s.deptLeaders(leaders{}, leaderID, list, ids)
	if err != nil {
		return leaders{}, nil, err
	}
	hrbps, err := s.deptHrbps(in.DepartmentHrbps, ids)
	return people, hrbps, err
}

func (s *state) newCustomDeptID(want string) (string, error) {
	if want == "" {
		for {
			id := "D" + randomHex(12)
			if s.deptByCustom[id] == nil {
				return id, nil
			}
		}
	}
	if err := checkCustomDeptID(want); err != nil {
		return "", err
	}
	if s.deptByCustom[want] != nil {
		return "", fail(feishu.CodeDeptIDDuplicate, "department_id %q is taken", want)
	}
	return want, nil
}

func (s *state) newOpenDeptID(want string, seed bool) (string, error) {
	if seed && want != "" {
		if !strings.HasPrefix(want, prefixOpenDept) || s.deptByOpen[want] != nil {
			return "", fail(codeParam, "open_department_id %q is malformed or taken", want)
		}
		return want, nil
	}
	for {
		id := prefixOpenDept + randomHex(32)
		if s.deptByOpen[id] == nil {
			return id, nil
		}
	}
}

// deptLeader resolves a department leader: unknown is 41012, resigned 42006.
func (s *state) deptLeader(id string, ids idTypes) (*user, error) {
	if id == "" {
		return nil, nil
	}
	u := s.user(id, ids.user)
	if u == nil {
		return nil, fail(feishu.CodeUserIDInvalid, "leader %q (%s)", id, ids.user)
	}
	if !u.active() {
		return nil, fail(feishu.CodeUserResigned, "leader %q has resigned", id)
	}
	if u.status.IsUnjoin {
		return nil, fail(feishu.CodeLeaderUnjoined, "leader %q has not joined", id)
	}
	return u, nil
}

// deptChange is a PATCH (nil = unchanged) or a PUT turned into one.
type deptChange struct {
	name      *string
	i18n      *feishu.I18nName
	parent    *string
	leader    *string
	leaders   *[]feishu.DepartmentLeader
	hrbps     *[]string
	order     *string
	groupChat *bool
}

func patchChange(p feishu.DepartmentPatch) deptChange {
	return deptChange{name: p.Name, i18n: p.I18nName, parent: p.ParentDepartmentID,
		leader: p.LeaderUserID, leaders: p.Leaders, hrbps: p.DepartmentHrbps, order: p.Order, groupChat: p.CreateGroupChat}
}

// putChange turns a PUT body into a full change: omitted name, parent, i18n
// and leaders are reset (name and parent are required), omitted order is
// kept, and HRBPs (not a PUT field) are kept too.
func putChange(in feishu.Department) (deptChange, error) {
	if in.Name == "" {
		return deptChange{}, fail(feishu.CodeNameEmpty, "name is required")
	}
	if in.ParentDepartmentID == "" {
		return deptChange{}, fail(codeParentNullPut, "parent_department_id is required")
	}
	var i18n feishu.I18nName
	if in.I18nName != nil {
		i18n = *in.I18nName
	}
	list := in.Leaders
	c := deptChange{name: &in.Name, i18n: &i18n, parent: &in.ParentDepartmentID,
		leader: &in.LeaderUserID, leaders: &list, groupChat: &in.CreateGroupChat}
	if in.Order != "" {
		c.order = &in.Order
	}
	return c, nil
}

// updateDept applies a change to d: a rename, a move (no cycles; depth,
// breadth and sibling names rechecked under the new parent), a new order or
// leader, or a group chat.
func (s *state) updateDept(d *dept, c deptChange, ids idTypes) error {
	if d.isRoot() {
		return fail(feishu.CodeRootDept, "the root department cannot be changed")
	}
	name, i18n, parent := d.name, d.i18n, d.parent
	if c.name != nil {
		if err := checkDeptName(*c.name); err != nil {
			return err
		}
		name = *c.name
	}
	if c.i18n != nil {
		if err := checkI18n(*c.i18n); err != nil {
			return err
		}
		i18n = *c.i18n
	}
	if c.parent != nil {
		var err error
		if parent, err = s.moveTarget(d, *c.parent, ids); err != nil {
			return err
		}
	}
	moved := parent != d.parent
	order, orderGiven := d.order, c.order != nil
	if orderGiven {
		var err error
		if order, err = parseOrder(*c.order); err != nil {
			return err
		}
	}
	if o, taken := parent.childOrders[order]; taken && o != d {
		if orderGiven {
			return fail(feishu.CodeDuplicateOrder, "a sibling already has order %d", order)
		}
		order = parent.nextOrder() // a moved department keeps its order when free
	}
	if moved {
		if len(parent.children) >= maxChildren {
			return fail(feishu.CodeTooManyChildren, "new parent already has %d sub-departments", maxChildren)
		}
		if lvl := parent.depth + 1 + d.height(); lvl > maxDepth {
			return fail(feishu.CodeMaxDepth, "the move would reach level %d, max %d", lvl, maxDepth)
		}
	}
	if err := parent.nameConflict(name, i18n, d); err != nil {
		return err
	}
	people, err := s.deptLeaders(d.leaders(), c.leader, c.leaders, ids)
	if err != nil {
		return err
	}
	hrbps := d.hrbps
	if c.hrbps != nil {
		if hrbps, err = s.deptHrbps(*c.hrbps, ids); err != nil {
			return err
		}
	}
	s.moveDept(d, parent, func() {
		d.name, d.i18n, d.order = name, i18n, order
		d.leader, d.deputies, d.hrbps = people.main, people.deputies, hrbps
	})
	if c.groupChat != nil && *c.groupChat && d.chatID == "" {
		d.chatID, d.groupChat = prefixChat+randomHex(32), true
	}
	return nil
}

// moveTarget resolves the parent a department is to move under: it must
// exist and must not be the department or one of its sub-departments.
func (s *state) moveTarget(d *dept, id string, ids idTypes) (*dept, error) {
	if id == "" {
		return nil, fail(feishu.CodeMissingParent, "parent_department_id is empty")
	}
	parent := s.dept(id, ids.dept)
	if parent == nil {
		return nil, fail(feishu.CodeDeptNotExist, "parent department %q (%s)", id, ids.dept)
	}
	if parent == d || d.isAncestorOf(parent) {
		return nil, fail(codeParam, "cannot move a department under itself or its sub-department")
	}
	return parent, nil
}

// moveDept re-files d under parent (its old one, or a new one) with set
// applied in between, keeping every member count right.
func (s *state) moveDept(d, parent *dept, set func()) {
	moved := parent != d.parent
	var affected []*user
	if moved {
		affected = activeUsersUnder(d)
		for _, u := range affected {
			applyMembership(u, -1)
		}
	}
	d.parent.removeChild(d)
	set()
	parent.addChild(d)
	if moved {
		d.setDepth(parent.depth + 1)
		for _, u := range affected {
			applyMembership(u, +1)
		}
	}
}

// activeUsersUnder lists, once each, the active users with a membership in d
// or below: the users whose counts a move of d changes.
func activeUsersUnder(d *dept) []*user {
	seen := map[*user]bool{}
	var out []*user
	collect := func(x *dept) {
		for _, u := range x.members {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	collect(d)
	d.walk(collect)
	return out
}

// deleteDept removes an empty department. Deleted departments are gone: GET
// answers 40015 and the custom department_id may be reused.
func (s *state) deleteDept(d *dept) error {
	if d.isRoot() {
		return fail(feishu.CodeRootDept, "the root department cannot be deleted")
	}
	if len(d.members) > 0 {
		return fail(feishu.CodeDeleteHasMember, "department has %d members", len(d.members))
	}
	if len(d.children) > 0 {
		return fail(feishu.CodeDeleteHasChild, "department has %d sub-departments", len(d.children))
	}
	d.parent.removeChild(d)
	delete(s.deptByOpen, d.openID)
	delete(s.deptByCustom, d.customID)
	if d.unit != nil {
		s.unbindUnit(d.unit, d)
	}
	return nil
}
