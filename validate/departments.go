package validate

import (
	"regexp"
	"strings"

	"github.com/orgbatch/orgbatch/org"
)

// Limits the Contact v3 API sets on the tree (department/create 使用限制).
const (
	MaxDepth    = 25
	MaxChildren = 1000
)

var reDeptID = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_\-@.]{0,63}$`)

// CheckDepartmentID reports the rule a custom department_id breaks, or "".
func CheckDepartmentID(id string) string {
	switch {
	case id == "":
		return "DEPT_ID_REQUIRED"
	case id == "0" || id == "1" || strings.HasPrefix(strings.ToLower(id), "od-"):
		return "DEPT_ID_RESERVED"
	case !reDeptID.MatchString(id):
		return "DEPT_ID_FORMAT"
	}
	return ""
}

// RootID is the ID of the tenant's root department.
const RootID = "0"

func (v *validator) departments() {
	depts := v.org.Departments
	v.deptIDs = make(map[string]*org.Department, len(depts))
	for _, d := range depts {
		v.exampleRow(d.Record)
		v.oneValues(d.Record)
		v.departmentRow(d)
		if d.ID() == "" || CheckDepartmentID(d.ID()) != "" {
			continue
		}
		if first, dup := v.deptIDs[d.ID()]; dup {
			v.add("DEPT_ID_DUPLICATE", d.Loc("department_id"), d.ID(), first.Num)
			continue
		}
		v.deptIDs[d.ID()] = d
	}
	for _, d := range depts {
		if d.ParentID() != "" && d.ParentID() != RootID && v.deptIDs[d.ParentID()] == nil && d.ParentID() != d.ID() && !several(d.Record, "parent_department_id") {
			v.add("DEPT_PARENT_UNKNOWN", d.Loc("parent_department_id"), d.ParentID())
		}
		v.departmentPeople(d)
	}
	inCycle := v.departmentCycles()
	v.departmentDepths(inCycle)
	v.siblings()
}

// departmentRow checks what one row can tell on its own.
func (v *validator) departmentRow(d *org.Department) {
	switch code := CheckDepartmentID(d.ID()); {
	case code == "", several(d.Record, "department_id"):
	case code == "DEPT_ID_REQUIRED":
		if !d.PlacedByPath() { // a department placed by its parent path gets an ID from its path
			v.add(code, d.Loc("department_id"))
		}
	default:
		v.add(code, d.Loc("department_id"), d.ID())
	}
	if d.Name() == "" {
		v.add("DEPT_NAME_REQUIRED", d.Loc("name"))
	}
	for _, f := range []struct{ key, val string }{{"name", d.Name()}, {"name_en", d.NameEN()}, {"name_ja", d.NameJA()}} {
		if strings.Contains(f.val, "/") {
			v.add("DEPT_NAME_SLASH", d.Loc(f.key), f.val)
		}
	}
	if d.ParentID() == "" && d.ParentPath() == "" {
		v.add("DEPT_PARENT_REQUIRED", d.Loc("parent_department_id"))
	}
	if d.Order() != "" && d.Values.Order == "" {
		v.add("DEPT_ORDER_FORMAT", d.Loc("order"), d.Order())
	}
	if d.CreateGroupChat() != "" && !several(d.Record, "create_group_chat") && !d.Values.GroupChatOK {
		v.add("DEPT_GROUP_CHAT_FORMAT", d.Loc("create_group_chat"), d.CreateGroupChat())
	}
}

// departmentCycles reports every department on a parent cycle, naming the
// whole cycle, and returns the set of them.
func (v *validator) departmentCycles() map[string]bool {
	keys := make([]string, 0, len(v.deptIDs))
	for _, d := range v.org.Departments {
		if v.deptIDs[d.ID()] == d {
			keys = append(keys, d.ID())
		}
	}
	cycles := findCycles(keys, func(id string) (string, bool) {
		p := v.deptIDs[id].ParentID()
		return p, v.deptIDs[p] != nil
	})
	in := map[string]bool{}
	for _, c := range cycles {
		chain := strings.Join(append(c, c[0]), " → ")
		for _, id := range c {
			in[id] = true
			v.add("DEPT_CYCLE", v.deptIDs[id].Loc("parent_department_id"), chain)
		}
	}
	return in
}

// departmentDepths reports departments deeper than the API allows. A parent
// outside the sheet counts as one level (at least; its real depth is only
// known online).
func (v *validator) departmentDepths(inCycle map[string]bool) {
	depth := make(map[string]int, len(v.deptIDs))
	var depthOf func(id string) int
	depthOf = func(id string) int {
		if d, ok := depth[id]; ok {
			return d
		}
		// Walk up iteratively to the first known depth; recursion could be
		// as deep as a pathological sheet.
		var chain []string
		n := id
		base := 0
		for {
			if d, ok := depth[n]; ok {
				base = d
				break
			}
			dep := v.deptIDs[n]
			if dep == nil || inCycle[n] {
				base = 1 // a tenant department (or a broken one): one level
				if n == RootID {
					base = 0
				}
				break
			}
			chain = append(chain, n)
			n = dep.ParentID()
		}
		for i := len(chain) - 1; i >= 0; i-- {
			base++
			depth[chain[i]] = base
		}
		return depth[id]
	}
	for _, d := range v.org.Departments {
		if v.deptIDs[d.ID()] != d || inCycle[d.ID()] {
			continue
		}
		if n := depthOf(d.ID()); n > MaxDepth {
			v.add("DEPT_DEPTH", d.Loc("parent_department_id"), n)
		}
	}
}

// siblings checks what must be unique under one parent: names in every
// language, and order values; and the number of children.
func (v *validator) siblings() {
	type nameKey struct{ parent, name string }
	type orderKey struct {
		parent string
		order  int64
	}
	names := map[nameKey]*org.Department{}
	orders := map[orderKey]*org.Department{}
	children := map[string]int{}
	for _, d := range v.org.Departments {
		parent := siblingGroup(d)
		if parent == "" || d.ID() != "" && v.deptIDs[d.ID()] != d {
			continue
		}
		children[parent]++
		if children[parent] == MaxChildren+1 {
			v.add("DEPT_TOO_MANY_CHILDREN", d.Loc("parent_department_id"), d.ParentID(), countChildren(v.org.Departments, d.ParentID()))
		}
		seen := map[string]bool{} // a row may repeat its own name across languages
		for _, f := range []struct{ key, val string }{{"name", d.Name()}, {"name_en", d.NameEN()}, {"name_ja", d.NameJA()}} {
			if f.val == "" || seen[f.val] {
				continue
			}
			seen[f.val] = true
			k := nameKey{parent, f.val}
			if first, dup := names[k]; dup {
				v.add("DEPT_NAME_SIBLING_DUPLICATE", d.Loc(f.key), f.val, first.Num)
				continue
			}
			names[k] = d
		}
		if d.Values.Order != "" {
			k := orderKey{parent, d.Values.OrderN}
			if first, dup := orders[k]; dup {
				v.add("DEPT_ORDER_DUPLICATE", d.Loc("order"), d.Values.Order, first.Num)
				continue
			}
			orders[k] = d
		}
	}
}

func countChildren(depts []*org.Department, parent string) int {
	n := 0
	for _, d := range depts {
		if d.ParentID() == parent {
			n++
		}
	}
	return n
}

// siblingGroup names a department's parent for sibling checks: its parent
// ID, or for a row placed by a parent path, that path (folded).
func siblingGroup(d *org.Department) string {
	if id := d.ParentID(); id != "" {
		return id
	}
	if d.PlacedByPath() {
		return "path:" + org.PathKey(org.ParsePath(d.ParentPath()).Segments)
	}
	return ""
}
