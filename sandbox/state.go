package sandbox

import (
	"slices"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// dept is one department node. The tree keeps, per parent, the children in
// display order plus indexes on order and on every name, so that every
// sibling rule is an O(1) lookup.
type dept struct {
	seq       uint64
	openID    string
	customID  string
	name      string
	i18n      feishu.I18nName
	parent    *dept // nil only for the root
	depth     int   // root 0, its children 1
	order     int64
	leader    *user
	chatID    string
	groupChat bool
	deputies  []*user // leaders of type 2, in the order set
	hrbps     []*user // department_hrbps, in the order set
	unit      *unit   // the bound unit, if any

	children    []*dept          // sorted by (order, seq)
	childOrders map[int64]*dept  // order -> child
	childNames  map[string]*dept // every name and i18n name of each child
	members     []*user          // direct active members, in join order

	memberCount        int // distinct active users here or in any sub-department
	primaryMemberCount int // active users whose primary department is here or below
}

func newDept() *dept {
	return &dept{childOrders: map[int64]*dept{}, childNames: map[string]*dept{}}
}

// names returns the distinct names a department holds among its siblings.
func (d *dept) names() []string {
	out := []string{d.name}
	for _, v := range i18nValues(d.i18n) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func (d *dept) isRoot() bool { return d.parent == nil }

// addChild links c under d, keeping children sorted and the indexes filled.
// The caller has checked the sibling rules.
func (d *dept) addChild(c *dept) {
	i, _ := slices.BinarySearchFunc(d.children, c, cmpSiblings)
	d.children = slices.Insert(d.children, i, c)
	d.childOrders[c.order] = c
	for _, n := range c.names() {
		d.childNames[n] = c
	}
	c.parent = d
}

func (d *dept) removeChild(c *dept) {
	if i := slices.Index(d.children, c); i >= 0 {
		d.children = slices.Delete(d.children, i, i+1)
	}
	if d.childOrders[c.order] == c {
		delete(d.childOrders, c.order)
	}
	for _, n := range c.names() {
		if d.childNames[n] == c {
			delete(d.childNames, n)
		}
	}
}

func cmpSiblings(a, b *dept) int {
	switch {
	case a.order != b.order:
		if a.order < b.order {
			return -1
		}
		return 1
	case a.seq < b.seq:
		return -1
	case a.seq > b.seq:
		return 1
	}
	return 0
}

// nextOrder is the default order of a new child: after every sibling.
func (d *dept) nextOrder() int64 {
	if len(d.children) == 0 {
		return 1
	}
	return d.children[len(d.children)-1].order + 1
}

// nameConflict applies the sibling-name rules: every language variant must be
// unique among the children of d (self excluded). The name clashing is 43022;
// an i18n name clashing is 43018.
func (d *dept) nameConflict(name string, i18n feishu.I18nName, self *dept) error {
	if o, ok := d.childNames[name]; ok && o != self {
		return fail(feishu.CodeDeptNameDuplicate, "a sibling already uses the name %q", name)
	}
	for _, v := range i18nValues(i18n) {
		if o, ok := d.childNames[v]; ok && o != self {
			return fail(feishu.CodeDuplicateI18n, "a sibling already uses the name %q", v)
		}
	}
	return nil
}

// height is the number of levels below d (0 for a leaf).
func (d *dept) height() int {
	h := 0
	for _, c := range d.children {
		h = max(h, 1+c.height())
	}
	return h
}

func (d *dept) setDepth(depth int) {
	d.depth = depth
	for _, c := range d.children {
		c.setDepth(depth + 1)
	}
}

// isAncestorOf reports whether d is a (strict) ancestor of o.
func (d *dept) isAncestorOf(o *dept) bool {
	for a := o.parent; a != nil; a = a.parent {
		if a == d {
			return true
		}
	}
	return false
}

// walk visits the sub-tree of d breadth-first, siblings in display order,
// d itself excluded.
func (d *dept) walk(visit func(*dept)) {
	queue := slices.Clone(d.children)
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		visit(c)
		queue = append(queue, c.children...)
	}
}

func removeMember(members []*user, u *user) []*user {
	if i := slices.Index(members, u); i >= 0 {
		return slices.Delete(members, i, i+1)
	}
	return members
}

// user is one user. Resigned users stay (GET keeps working) but belong to no
// department and leave the active uniqueness indexes.
type user struct {
	seq             uint64
	userID          string
	openID          string
	unionID         string
	name            string
	enName          string
	nickname        string
	email           string
	mobile          string // normalised (+86 for mainland numbers)
	mobileVisible   bool
	gender          int
	status          feishu.UserStatus
	depts           []*dept
	primary         *dept
	orders          []userOrder
	leader          *user
	city            string
	country         string
	workStation     string
	joinTime        int64
	employeeNo      string
	employeeType    int
	jobTitle        string
	enterpriseEmail string
	isTenantManager bool
	jobLevelID      string
	jobFamilyID     string
	customAttrs     []feishu.UserCustomAttr // as stored (directory_ops.go)

	// Offboarding (offboard_ops.go): when the user resigned (zero when
	// unknown, as for a seeded resigned user), who received what, and
	// whether the tenant lets them go only through the lifecycle engine.
	resignedAt    time.Time
	handover      map[string]string
	lifecycleOnly bool
	dotted        []*user // dotted_line_leader_user_ids, in the order set
}

type userOrder struct {
	dept            *dept
	userOrder       int
	departmentOrder int
}

func (u *user) active() bool { return !u.status.IsResigned }

// state is the tenant: the department tree, the users and their indexes.
// It has no lock of its own: Server.mu guards it.
type state struct {
	tenantName string
	seq        uint64
	root       *dept

	deptByOpen   map[string]*dept
	deptByCustom map[string]*dept

	users       []*user // every user ever created, in creation order
	userByID    map[string]*user
	userByOpen  map[string]*user
	userByUnion map[string]*user

	// Uniqueness among active users; resigned users free their mobile,
	// email and employee_no but stay findable by batch_get_id.
	activeMobile   map[string]*user
	activeEmail    map[string]*user
	activeEmpNo    map[string]*user
	resignedMobile map[string][]*user
	resignedEmail  map[string][]*user

	groups groupStore // user groups (groups.go)

	idem *idempotency
	dir  *directory // the tenant's schema (directory.go)

	units units // unit_ops.go
}

func newState(tenantName string, idem *idempotency) *state {
	root := newDept()
	root.openID, root.customID, root.name = rootID, rootID, tenantName
	return &state{
		tenantName:     tenantName,
		root:           root,
		deptByOpen:     map[string]*dept{},
		deptByCustom:   map[string]*dept{},
		userByID:       map[string]*user{},
		userByOpen:     map[string]*user{},
		userByUnion:    map[string]*user{},
		activeMobile:   map[string]*user{},
		activeEmail:    map[string]*user{},
		activeEmpNo:    map[string]*user{},
		resignedMobile: map[string][]*user{},
		resignedEmail:  map[string][]*user{},
		idem:           idem,
		dir:            newDirectory(),
		units:          newUnits(),
	}
}

func (s *state) nextSeq() uint64 { s.seq++; return s.seq }

// dept finds a department by an ID of the given type; "0" is the root in
// both types. It returns nil when there is none.
func (s *state) dept(id, typ string) *dept {
	if id == rootID {
		return s.root
	}
	if typ == deptIDCustom {
		return s.deptByCustom[id]
	}
	return s.deptByOpen[id]
}

func (s *state) user(id, typ string) *user {
	switch typ {
	case userIDUser:
		return s.userByID[id]
	case userIDUnion:
		return s.userByUnion[id]
	default:
		return s.userByOpen[id]
	}
}

func deptRef(d *dept, typ string) string {
	if typ == deptIDCustom {
		return d.customID
	}
	return d.openID
}

func userRef(u *user, typ string) string {
	switch typ {
	case userIDUser:
		return u.userID
	case userIDUnion:
		return u.unionID
	default:
		return u.openID
	}
}

// applyMembership adds sign to member_count of every department holding u
// directly or through a sub-department (each once, however many of u's
// departments lie below it) and to primary_member_count along the primary
// department's chain. Cost: O(len(u.depts) × depth).
func applyMembership(u *user, sign int) {
	seen := make(map[*dept]struct{}, 2*len(u.depts)+maxDepth)
	for _, d := range u.depts {
		for a := d; a != nil; a = a.parent {
			if _, ok := seen[a]; ok {
				break // a and all its ancestors are counted already
			}
			seen[a] = struct{}{}
			a.memberCount += sign
		}
	}
	for a := u.primary; a != nil; a = a.parent {
		a.primaryMemberCount += sign
	}
}

// setUserDepts moves an active user to new departments, keeping the member
// lists and counts right.
func (s *state) setUserDepts(u *user, depts []*dept, primary *dept, orders []userOrder) {
	if u.active() {
		applyMembership(u, -1)
		for _, d := range u.depts {
			d.members = removeMember(d.members, u)
		}
	}
	u.depts, u.primary, u.orders = depts, primary, orders
	if u.active() {
		for _, d := range u.depts {
			d.members = append(d.members, u)
		}
		applyMembership(u, +1)
	}
}

// addActive and dropActive maintain the uniqueness indexes of active users.
func (s *state) addActive(u *user) {
	if u.mobile != "" {
		s.activeMobile[u.mobile] = u
	}
	if u.email != "" {
		s.activeEmail[emailKey(u.email)] = u
	}
	if u.employeeNo != "" {
		s.activeEmpNo[u.employeeNo] = u
	}
}

func (s *state) dropActive(u *user) {
	if u.mobile != "" && s.activeMobile[u.mobile] == u {
		delete(s.activeMobile, u.mobile)
	}
	if k := emailKey(u.email); u.email != "" && s.activeEmail[k] == u {
		delete(s.activeEmail, k)
	}
	if u.employeeNo != "" && s.activeEmpNo[u.employeeNo] == u {
		delete(s.activeEmpNo, u.employeeNo)
	}
}

// addResigned and dropResigned keep resigned users findable by mobile and
// email (batch_get_id with include_resigned).
func (s *state) addResigned(u *user) {
	if u.mobile != "" {
		s.resignedMobile[u.mobile] = append(s.resignedMobile[u.mobile], u)
	}
	if u.email != "" {
		k := emailKey(u.email)
		s.resignedEmail[k] = append(s.resignedEmail[k], u)
	}
}

func (s *state) dropResigned(u *user) {
	s.resignedMobile[u.mobile] = removeMember(s.resignedMobile[u.mobile], u)
	if u.email != "" {
		k := emailKey(u.email)
		s.resignedEmail[k] = removeMember(s.resignedEmail[k], u)
	}
}
