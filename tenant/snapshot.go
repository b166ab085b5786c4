package tenant

import (
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// RootID is the tenant's root department in every ID type.
const RootID = "0"

// Snapshot is what was read of a tenant, keyed by custom department_id and
// user_id. A snapshot read for a sheet (Reader.ForOrg) holds what the
// sheet's rows refer to; a walked one (Reader.Walk) holds everything under
// its root and, in Tree, the tree itself. Either kind feeds the plan.
type Snapshot struct {
	Departments map[string]*feishu.Department
	Users       map[string]*feishu.User
	ByMobile    map[string]string // E.164 → user_id of an active user
	ByEmail     map[string]string // lower-case email → user_id of an active user
	// Children are the direct children of the departments whose children
	// were listed; a department present with no children was listed empty.
	Children map[string][]feishu.Department
	// Empty is true when the root has neither children nor members: every
	// per-ID lookup was then skipped.
	Empty bool
	// Tree is the walked tree; nil unless the snapshot was walked.
	Tree *Tree
	// Dir is the tenant's schema (directory.go); DirRead says which of
	// its lists were read (an empty list read is not one left unread).
	Dir     feishu.Directory
	DirRead Lists
	// Members are the direct members (user_ids) of the departments whose
	// members were listed one by one (Reader.Members), in listing order.
	Members map[string][]string
	// ResignedByContact maps a mobile (E.164) or lower-case email to the
	// user_id of a resigned user, as batch_get_id with include_resigned
	// answered it (Reader.People); ByMobile and ByEmail hold active users.
	ResignedByContact map[string]string
	// Units are the tenant's units by unit_id, read (UnitsRead) when a
	// sheet uses units or an export asks; UnitsUnavailable when the tenant
	// has no units at all (43050: not the enterprise edition).
	Units            map[string]*feishu.Unit
	UnitsRead        bool
	UnitsUnavailable bool
	// Calls are the attempts per endpoint (retries included), Pages the
	// successful calls.
	Calls map[feishu.Endpoint]int
	Pages map[feishu.Endpoint]int
}

// New returns an empty snapshot.
func New() *Snapshot {
	return &Snapshot{
		Departments: map[string]*feishu.Department{},
		Users:       map[string]*feishu.User{},
		ByMobile:    map[string]string{},
		ByEmail:     map[string]string{},
		Children:    map[string][]feishu.Department{},
		Members:     map[string][]string{},
		Units:       map[string]*feishu.Unit{},
		Calls:       map[feishu.Endpoint]int{},
		Pages:       map[feishu.Endpoint]int{},

		ResignedByContact: map[string]string{},
	}
}

// addDepartment keeps a department read by ID or listed; a deleted one is
// not there.
func (s *Snapshot) addDepartment(d *feishu.Department) {
	if d.Status != nil && d.Status.IsDeleted {
		return
	}
	s.Departments[d.DepartmentID] = d
}

// addUser keeps a user and indexes their contacts: a resigned user's
// mobile and email are free again, so they are not indexed.
func (s *Snapshot) addUser(u *feishu.User) {
	s.Users[u.UserID] = u
	if Resigned(u) {
		return
	}
	s.addContact(u.UserID, u.Mobile, u.Email)
}

func (s *Snapshot) addContact(userID, mobile, email string) {
	if mobile != "" {
		s.ByMobile[NormMobile(mobile)] = userID
	}
	if email != "" {
		s.ByEmail[strings.ToLower(email)] = userID
	}
}

// addChildren records a listed page of a parent's children.
func (s *Snapshot) addChildren(parent string, kids []feishu.Department) {
	s.Children[parent] = append(s.Children[parent], kids...)
	for i := range kids {
		if s.Departments[kids[i].DepartmentID] == nil {
			d := kids[i]
			s.addDepartment(&d)
		}
	}
}

// count adds a read's tally to the snapshot's call counts.
func (s *Snapshot) count(t *feishu.Tally) {
	for ep, n := range t.ByEndpoint() {
		s.Calls[ep] += n
	}
	for ep, n := range t.Successes() {
		s.Pages[ep] += n
	}
}

// CallTotal is every attempt the reads made.
func (s *Snapshot) CallTotal() int { return Total(s.Calls) }

// Walk follows department names from the root through the children read
// so far (names compared as org.SegmentKey), returning the department the
// names lead to.
func (s *Snapshot) Walk(segs []string) (string, bool) {
	id := RootID
	for _, seg := range segs {
		key := org.SegmentKey(seg)
		found := ""
		for _, c := range s.Children[id] {
			if org.SegmentKey(c.Name) == key {
				found = c.DepartmentID
				break
			}
		}
		if found == "" {
			return "", false
		}
		id = found
	}
	return id, true
}

// TopNames are the names of the top-level departments read so far.
func (s *Snapshot) TopNames() []string {
	var out []string
	for _, c := range s.Children[RootID] {
		out = append(out, c.Name)
	}
	return out
}

// Resigned reports a user who has left (their ID is taken, their contacts
// are free).
func Resigned(u *feishu.User) bool { return u.Status != nil && u.Status.IsResigned }

// NormMobile is the form mobiles are compared in: E.164 when it parses.
func NormMobile(s string) string {
	if m, _, ok := org.ParseMobile(s); ok {
		return m.E164
	}
	return s
}

// Total adds up calls over endpoints.
func Total(calls map[feishu.Endpoint]int) int {
	n := 0
	for _, c := range calls {
		n += c
	}
	return n
}
