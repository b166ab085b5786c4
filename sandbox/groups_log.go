package sandbox

// User groups in the state log (statelog.go): a create or patch logs the
// group's own fields, a delete its ID, a member batch the user_ids it
// added and removed, and a resignation the groups the user left.

// groupMembersRecord is a member batch's change to one group, by user_id.
type groupMembersRecord struct {
	GroupID string   `json:"group_id"`
	Add     []string `json:"add,omitempty"`
	Remove  []string `json:"remove,omitempty"`
}

// groupRecord is a group's own fields (name, description, type) as the log
// keeps them; replay keeps the members it already has.
func groupRecord(gr *group) logRecord {
	return logRecord{Group: &GroupState{GroupID: gr.id, Name: gr.name, Description: gr.description, Type: gr.typ}}
}

// membersRecord is the users a batch added to gr and removed from it (nil
// when it changed nothing).
func membersRecord(gr *group, add, remove []*user) []logRecord {
	if len(add) == 0 && len(remove) == 0 {
		return nil
	}
	r := &groupMembersRecord{GroupID: gr.id}
	for _, u := range add {
		r.Add = append(r.Add, u.userID)
	}
	for _, u := range remove {
		r.Remove = append(r.Remove, u.userID)
	}
	return []logRecord{{Members: r}}
}

// groupsOf are the groups u is a user member of, in creation order.
func (s *state) groupsOf(u *user) []*group {
	var out []*group
	for _, gr := range s.groups.order {
		if gr.userSet[u] {
			out = append(out, gr)
		}
	}
	return out
}

// leftGroups are the records of u leaving the groups (on resigning).
func leftGroups(groups []*group, u *user) []logRecord {
	var out []logRecord
	for _, gr := range groups {
		out = append(out, membersRecord(gr, nil, []*user{u})...)
	}
	return out
}

// groupReplay applies group records to a state file's groups: in place by
// group_id, new ones appended, members in join order (a user removed and
// added again goes to the end, as in the live state).
type groupReplay struct {
	groups []*replayedGroup
	at     map[string]int
}

type replayedGroup struct {
	st      GroupState
	deleted bool
	users   []string       // "" where a user was removed
	pos     map[string]int // user_id → index in users
}

func newGroupReplay(in []GroupState) *groupReplay {
	g := &groupReplay{at: map[string]int{}}
	for _, st := range in {
		g.add(st)
	}
	return g
}

func (g *groupReplay) add(st GroupState) *replayedGroup {
	rg := &replayedGroup{st: st, pos: map[string]int{}}
	for _, id := range st.Users {
		rg.pos[id] = len(rg.users)
		rg.users = append(rg.users, id)
	}
	g.at[st.GroupID] = len(g.groups)
	g.groups = append(g.groups, rg)
	return rg
}

func (g *groupReplay) get(id string) *replayedGroup {
	if i, ok := g.at[id]; ok && !g.groups[i].deleted {
		return g.groups[i]
	}
	return nil
}

func (g *groupReplay) apply(r logRecord) {
	switch {
	case r.Group != nil:
		if rg := g.get(r.Group.GroupID); rg != nil {
			rg.st.Name, rg.st.Description, rg.st.Type = r.Group.Name, r.Group.Description, r.Group.Type
		} else {
			g.add(GroupState{GroupID: r.Group.GroupID, Name: r.Group.Name, Description: r.Group.Description, Type: r.Group.Type})
		}
	case r.DelGroup != "":
		if rg := g.get(r.DelGroup); rg != nil {
			rg.deleted = true
			delete(g.at, r.DelGroup)
		}
	case r.Members != nil:
		rg := g.get(r.Members.GroupID)
		if rg == nil {
			return
		}
		for _, id := range r.Members.Remove {
			if i, ok := rg.pos[id]; ok {
				rg.users[i] = ""
				delete(rg.pos, id)
			}
		}
		for _, id := range r.Members.Add {
			if _, ok := rg.pos[id]; !ok {
				rg.pos[id] = len(rg.users)
				rg.users = append(rg.users, id)
			}
		}
	}
}

// result is the groups after the replay, in creation order.
func (g *groupReplay) result() []GroupState {
	var out []GroupState
	for _, rg := range g.groups {
		if rg.deleted {
			continue
		}
		st := rg.st
		st.Users = nil
		for _, id := range rg.users {
			if id != "" {
				st.Users = append(st.Users, id)
			}
		}
		out = append(out, st)
	}
	return out
}
