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

// Fingerprint prints what the plan read: the keys are the entries of read
// (the snapshot the plan was built from), their values come from values
// when it holds them (the real tenant read whole, for a plan built on a
// clone), else from read. values may be read itself.
func Fingerprint(read, values *tenant.Snapshot) *Print {
	p := &Print{Entries: map[string]Entry{}}
	pick := func(id string) *feishu.Department {
		if d := values.Departments[id]; d != nil {
			return d
		}
		return read.Departments[id]
	}
	for id := range read.Departments {
		d := *pick(id)
		d.MemberCount, d.PrimaryMemberCount = 0, 0
		p.add("department:"+id, d.Name, d)
	}
	for id, u := range read.Users {
		if v := values.Users[id]; v != nil {
			u = v
		}
		p.add("user:"+id, u.Name, u)
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

// contacts prints who each mobile and email the plan looked up belongs
// to; the key hashes the contact (the print names no one's phone).
func (p *Print) contacts(read *tenant.Snapshot) {
	for kind, m := range map[string]map[string]string{"mobile": read.ByMobile, "email": read.ByEmail, "resigned-contact": read.ResignedByContact} {
		for contact, id := range m {
			p.add(kind+":"+short(contact), id, id)
		}
	}
}

// schema prints the lists, units and groups the plan read, with the
// values' versions of them.
func (p *Print) schema(read, values *tenant.Snapshot) {
	lists := []struct {
		name string
		on   bool
		v    any
	}{
		{"employee_types", read.DirRead.EmployeeTypes, values.Dir.EmployeeTypes},
		{"custom_attrs", read.DirRead.CustomAttrs, values.Dir.CustomAttrs},
		{"job_levels", read.DirRead.JobLevels, values.Dir.JobLevels},
		{"job_families", read.DirRead.JobFamilies, values.Dir.JobFamilies},
		{"job_titles", read.DirRead.JobTitles, values.Dir.JobTitles},
		{"work_cities", read.DirRead.WorkCities, values.Dir.WorkCities},
	}
	for _, l := range lists {
		if l.on {
			p.add("directory:"+l.name, l.name, l.v)
		}
	}
	if read.UnitsRead {
		p.add("units", "", read.UnitsUnavailable)
		for id, u := range read.Units {
			if v := values.Units[id]; v != nil {
				u = v
			}
			p.add("unit:"+id, u.Name, u)
		}
	}
	if read.Groups.Read {
		var keys []string
		for _, g := range read.Groups.Order {
			v := g
			if w := values.Groups.ByID[g.Key()]; w != nil {
				v = w
			}
			keys = append(keys, g.Key())
			c := *v
			c.MemberUserCount, c.MemberDepartmentCount = 0, 0
			if c.MembersRead {
				c.Users = slices.Sorted(slices.Values(c.Users))
				c.Departments = slices.Sorted(slices.Values(c.Departments))
			}
			p.add("group:"+g.Key(), g.Name, c)
		}
		slices.Sort(keys)
		p.add("groups", "", keys)
	}
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
