package plan

import (
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
)

// OffboardRecord is what an offboarding run changes, as it was before
// (offboarding.json in its run folder, private: it holds mobiles and
// emails). A resumed run plans with it (OffboardOptions.Previous), and
// restore brings back from it what the run's journal says was done:
// users into their departments, deleted departments, cleared leaders.
type OffboardRecord struct {
	Users       []RecordUser        `json:"users"`
	Departments []feishu.Department `json:"departments"` // deleted ones as they were, children first
	Leaders     []LeaderSlot        `json:"leaders"`
}

// RecordUser is a leaver as they were.
type RecordUser struct {
	UserID      string             `json:"user_id"`
	Name        string             `json:"name"`
	Mobile      string             `json:"mobile,omitempty"`
	Email       string             `json:"email,omitempty"`
	Departments []string           `json:"departments,omitempty"`
	Orders      []feishu.UserOrder `json:"orders,omitempty"`
	Leader      string             `json:"leader,omitempty"`
	Handover    []Handover         `json:"handover,omitempty"`
}

// LeaderSlot is a department whose leader the run changes.
type LeaderSlot struct {
	DepartmentID string `json:"department_id"`
	Name         string `json:"name"`
	From         string `json:"from"`
	To           string `json:"to"` // "" when cleared
}

// Record is the record of an offboarding plan: its deletions and leader
// changes, merged into the record of the run it resumes (prev, nil for a
// new run), whose entries — taken before anything was done — win.
func (p *Plan) Record(prev *OffboardRecord) *OffboardRecord {
	out := &OffboardRecord{Users: []RecordUser{}, Departments: []feishu.Department{}, Leaders: []LeaderSlot{}}
	if prev != nil {
		out.Users = append(out.Users, prev.Users...)
		out.Departments = append(out.Departments, prev.Departments...)
		out.Leaders = append(out.Leaders, prev.Leaders...)
	}
	for _, c := range p.Changes {
		switch {
		case c.Kind == KindUser && c.Action == ActionDelete && !out.hasUser(c.Key):
			out.Users = append(out.Users, recordUser(c, p.Tenant.Users[c.Key]))
		case c.Kind == KindDepartment && c.Action == ActionDelete && !slices.Contains(out.departmentIDs(), c.Key):
			out.Departments = append(out.Departments, *c.Offboard.Department)
		case c.Kind == KindDepartment && c.Action == ActionUpdate && !out.hasLeader(c.Key):
			out.Leaders = append(out.Leaders, LeaderSlot{DepartmentID: c.Key, Name: c.Name, From: c.Fields[0].Old, To: c.Fields[0].New})
		}
	}
	return out
}

func recordUser(c *Change, u *feishu.User) RecordUser {
	r := RecordUser{UserID: c.Key, Name: c.Name, Leader: c.Offboard.Leader, Handover: c.Offboard.Handover}
	if u != nil {
		r.Mobile, r.Email, r.Departments, r.Orders = u.Mobile, u.Email, u.DepartmentIDs, u.Orders
	}
	return r
}

func (r *OffboardRecord) hasUser(id string) bool {
	return r != nil && slices.ContainsFunc(r.Users, func(u RecordUser) bool { return u.UserID == id })
}

func (r *OffboardRecord) hasLeader(dept string) bool {
	return r != nil && slices.ContainsFunc(r.Leaders, func(s LeaderSlot) bool { return s.DepartmentID == dept })
}

func (r *OffboardRecord) departmentIDs() []string {
	if r == nil {
		return nil
	}
	out := make([]string, len(r.Departments))
	for i, d := range r.Departments {
		out[i] = d.DepartmentID
	}
	return out
}

// User returns the record of a user, nil when the record has none.
func (r *OffboardRecord) User(id string) *RecordUser {
	if r == nil {
		return nil
	}
	for i := range r.Users {
		if r.Users[i].UserID == id {
			return &r.Users[i]
		}
	}
	return nil
}
