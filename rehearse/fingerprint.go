package rehearse

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

// Entry is one thing the plan read, hashed; Name says what it is in a
// message (a department's or user's name, the user a contact belongs to).
type Entry struct {
	Hash string `json:"h"`
	Name string `json:"n,omitempty"`
}

// Print is a fingerprint of the tenant as a plan read it: one entry per
// department, user, contact, list of children, schema list, unit and
// group the read holds, and their total. It is canonical and
// order-independent: the same tenant read in any order, by listing or by
// ID, gives the same print. Member counts, which every join anywhere below
// a department changes and no import plan reads, are left out.
type Print struct {
	Total   string           `json:"total"`
	Entries map[string]Entry `json:"entries"`
}

// Values are a tenant's entries printed ahead (ValuesOf): every
// department, user, unit, group and schema list of the real tenant read
// whole, so that a print of a plan built on its clone takes the real
// values without the read being kept.
type Values struct{ entries map[string]Entry }

// ValuesOf prints every department, user, unit, group and schema list s
// holds.
func ValuesOf(s *tenant.Snapshot) *Values {
	p := &Print{Entries: map[string]Entry{}}
	for id, d := range s.Departments {
		p.department(id, *d)
	}
	for id, u := range s.Users {
		p.add("user:"+id, u.Name, u)
	}
	for _, l := range dirLists(s.Dir, tenant.AllLists) {
		p.add("directory:"+l.name, l.name, l.v)
	}
	for id, u := range s.Units {
		p.add("unit:"+id, u.Name, u)
	}
	for key, g := range s.Groups.ByID { // by path ID and by custom group_id, as a read's group looks it up
		p.group("group:"+key, g, g.Name)
	}
	return &Values{entries: p.Entries}
}

// from copies values' entry for key into the print, if values has one.
func (p *Print) from(values *Values, key string) bool {
	if values == nil {
		return false
	}
	e, ok := values.entries[key]
	if ok {
		p.Entries[key] = e
	}
	return ok
}

// Fingerprint prints what the plan read: the keys are the entries of read
// (the snapshot the plan was built from), their values come from values
// when it holds them (the real tenant read whole, for a plan built on a
// clone), else from read. values may be nil: read's own.
func Fingerprint(read *tenant.Snapshot, values *Values) *Print {
	p := &Print{Entries: map[string]Entry{}}
	for id, d := range read.Departments {
		if !p.from(values, "department:"+id) {
			p.department(id, *d)
		}
	}
	for id, u := range read.Users {
		if !p.from(values, "user:"+id) {
			p.add("user:"+id, u.Name, u)
		}
	}
	for parent, kids := range read.Children {
		ids := make([]string, len(kids))
		for i, k := range kids {
			ids[i] = k.DepartmentID
		}
		slices.Sort(ids)
		p.add("children:"+parent, "", ids)
	}
	for parent, ids := range read.Members {
		p.add("members:"+parent, "", slices.Sorted(slices.Values(ids)))
	}
	p.contacts(read)
	p.schema(read, values)
	p.add("empty", "", read.Empty)
	p.total()
	return p
}

// department prints a department without its member counts.
func (p *Print) department(id string, d feishu.Department) {
	d.MemberCount, d.PrimaryMemberCount = 0, 0
	p.add("department:"+id, d.Name, d)
}

// contacts prints who each mobile and email the plan looked up belongs
// to; the key hashes the contact (the print names no one's phone).
func (p *Print) contacts(read *tenant.Snapshot) {
	for kind, m := range map[string]map[string]string{"mobile": read.ByMobile, "email": read.ByEmail, "resigned-contact": read.ResignedByContact} {
		for contact, id := range m {
			p.add(kind+":"+short(contact), id, id)
		}
	}
}

type dirList struct {
	name string
	v    any
}

// dirLists are the schema lists of dir that on says were read.
func dirLists(dir feishu.Directory, on tenant.Lists) []dirList {
	var out []dirList
	for _, l := range []struct {
		dirList
		on bool
	}{
		{dirList{"employee_types", dir.EmployeeTypes}, on.EmployeeTypes},
		{dirList{"custom_attrs", dir.CustomAttrs}, on.CustomAttrs},
		{dirList{"job_levels", dir.JobLevels}, on.JobLevels},
		{dirList{"job_families", dir.JobFamilies}, on.JobFamilies},
		{dirList{"job_titles", dir.JobTitles}, on.JobTitles},
		{dirList{"work_cities", dir.WorkCities}, on.WorkCities},
	} {
		if l.on {
			out = append(out, l.dirList)
		}
	}
	return out
}

// schema prints the lists, units and groups the plan read, with values'
// versions of them.
func (p *Print) schema(read *tenant.Snapshot, values *Values) {
	for _, l := range dirLists(read.Dir, read.DirRead) {
		if !p.from(values, "directory:"+l.name) {
			p.add("directory:"+l.name, l.name, l.v)
		}
	}
	if read.UnitsRead {
		p.add("units", "", read.UnitsUnavailable)
		for id, u := range read.Units {
			if !p.from(values, "unit:"+id) {
				p.add("unit:"+id, u.Name, u)
			}
		}
	}
	if read.Groups.Read {
		var keys []string
		for _, g := range read.Groups.Order {
			keys = append(keys, g.Key())
			if key := "group:" + g.Key(); p.from(values, key) {
				e := p.Entries[key]
				e.Name = g.Name // the read's name, the values' version
				p.Entries[key] = e
			} else {
				p.group(key, g, g.Name)
			}
		}
		slices.Sort(keys)
		p.add("groups", "", keys)
	}
}

// group prints a group without its member counts, its members sorted.
func (p *Print) group(key string, g *tenant.Group, name string) {
	c := *g
	c.MemberUserCount, c.MemberDepartmentCount = 0, 0
	if c.MembersRead {
		c.Users = slices.Sorted(slices.Values(c.Users))
		c.Departments = slices.Sorted(slices.Values(c.Departments))
	}
	p.add(key, name, c)
}

func (p *Print) add(key, name string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("rehearse: fingerprint of %s: %v", key, err)) // plain data always marshals
	}
	p.Entries[key] = Entry{Hash: short(string(b)), Name: name}
}

// total hashes the entries in key order.
func (p *Print) total() {
	h := sha256.New()
	for _, k := range sortedKeys(p.Entries) {
		fmt.Fprintf(h, "%s\t%s\n", k, p.Entries[k].Hash)
	}
	p.Total = hex.EncodeToString(h.Sum(nil))
}

// short is a hash of s, 128 bits in hex: enough to tell versions apart.
func short(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// Drift is one way the tenant differs from the rehearsal's print.
type Drift struct {
	Key    string // e.g. department:D12
	Name   string
	Change string // changed, added (the plan reads something new), gone
}

func (d Drift) String() string {
	what, id, _ := strings.Cut(d.Key, ":")
	name := ""
	if d.Name != "" {
		name = " (" + d.Name + ")"
	}
	switch what {
	case "mobile", "email", "resigned-contact":
		if d.Change == "added" {
			return fmt.Sprintf("a %s the sheet names now belongs to %s, at the rehearsal to no one / 表中的联系方式现属于 %s", what, d.Name, d.Name)
		}
		return fmt.Sprintf("a %s the sheet names belonged to %s at the rehearsal, now to someone else or no one / 表中的联系方式原属于 %s，现已变化", what, d.Name, d.Name)
	case "children":
		return fmt.Sprintf("the sub-departments of %s changed / 子部门有变化", id)
	case "empty":
		return "the tenant was empty, or is now / 租户是否为空已变化"
	}
	return fmt.Sprintf("%s %s%s %s / %s %s %s", what, id, name, d.Change, zhKind[what], id, zhChange[d.Change])
}

var (
	zhChange = map[string]string{"changed": "已更改", "added": "为新增", "gone": "已不存在"}
	zhKind   = map[string]string{"department": "部门", "user": "成员", "unit": "单位", "group": "用户组", "directory": "通讯录列表",
		"members": "部门成员", "units": "单位", "groups": "用户组"}
)

// Compare lists how now differs from was, sorted by key; none when the
// totals agree.
func Compare(was, now *Print) []Drift {
	if was.Total == now.Total {
		return nil
	}
	var out []Drift
	for k, e := range was.Entries {
		n, ok := now.Entries[k]
		switch {
		case !ok:
			out = append(out, Drift{Key: k, Name: e.Name, Change: "gone"})
		case n.Hash != e.Hash:
			out = append(out, Drift{Key: k, Name: e.Name, Change: "changed"})
		}
	}
	for k, e := range now.Entries {
		if _, ok := was.Entries[k]; !ok {
			out = append(out, Drift{Key: k, Name: e.Name, Change: "added"})
		}
	}
	slices.SortFunc(out, func(a, b Drift) int { return strings.Compare(a.Key, b.Key) })
	return out
}
