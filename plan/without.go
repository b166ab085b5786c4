package plan

import (
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
)

// Leaving people out of a request (Request.Without). A list that loses
// everyone is not sent at all: an empty list would clear the field.

func dropIDs(ids []string, gone map[string]bool) []string {
	out := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return gone[id] })
	if len(out) == 0 {
		return nil
	}
	return out
}

// dropLeaders leaves people out of a leaders list; without its main
// leader the list goes whole (deputies need a main leader).
func dropLeaders(ls []feishu.DepartmentLeader, gone map[string]bool) []feishu.DepartmentLeader {
	out := slices.DeleteFunc(slices.Clone(ls), func(l feishu.DepartmentLeader) bool { return gone[l.LeaderID] })
	for _, l := range out {
		if l.LeaderType == feishu.LeaderMain {
			return out
		}
	}
	return nil
}

func dropIDsPtr(p *[]string, gone map[string]bool) *[]string {
	if p == nil {
		return nil
	}
	if out := dropIDs(*p, gone); out != nil {
		return &out
	}
	return nil
}

func (r CreateDepartment) Without(gone map[string]bool) (Request, bool) {
	b := &r.Body
	b.Leaders = dropLeaders(b.Leaders, gone)
	if gone[b.LeaderUserID] {
		b.LeaderUserID, b.Leaders = "", nil
	}
	b.DepartmentHrbps = dropIDs(b.DepartmentHrbps, gone)
	return r, true
}

func (r PatchDepartment) Without(gone map[string]bool) (Request, bool) {
	p := &r.Patch
	if p.Leaders != nil {
		if ls := dropLeaders(*p.Leaders, gone); ls != nil {
			p.Leaders = &ls
		} else {
			p.Leaders, p.LeaderUserID = nil, nil
		}
	}
	if p.LeaderUserID != nil && gone[*p.LeaderUserID] {
		p.LeaderUserID, p.Leaders = nil, nil
	}
	p.DepartmentHrbps = dropIDsPtr(p.DepartmentHrbps, gone)
	return r, r.Patch != (feishu.DepartmentPatch{})
}

func (r CreateUser) Without(gone map[string]bool) (Request, bool) {
	if gone[r.Body.LeaderUserID] {
		r.Body.LeaderUserID = ""
	}
	r.Body.DottedLineLeaderUserIDs = dropIDs(r.Body.DottedLineLeaderUserIDs, gone)
	return r, true
}

func (r PatchUser) Without(gone map[string]bool) (Request, bool) {
	if r.Patch.LeaderUserID != nil && gone[*r.Patch.LeaderUserID] {
		r.Patch.LeaderUserID = nil
	}
	r.Patch.DottedLineLeaderUserIDs = dropIDsPtr(r.Patch.DottedLineLeaderUserIDs, gone)
	return r, r.Patch != (feishu.UserPatch{})
}
