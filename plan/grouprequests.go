package plan

import (
	"fmt"

	"github.com/orgbatch/orgbatch/feishu"
)

// The user-group requests of a plan (groups.go decides them): a group's
// create or patch, and batches of up to 100 members added or removed.

// Kinds of change about user groups.
const (
	KindGroup  Kind = "group"
	KindMember Kind = "group_member"
)

func init() {
	for k, p := range map[StepKind]string{StepGroup: "group:", StepGroupAdd: "group-add:", StepGroupRemove: "group-remove:"} {
		if old, taken := stepPrefix[k]; taken {
			panic(fmt.Sprintf("plan: step kind %d is %q already, not %q: number the group steps apart", k, old, p))
		}
		stepPrefix[k] = p
	}
}

// ActionRemove takes a member out of a group (import --remove-members).
// It is a member change's action only, so it is not in Actions.
const ActionRemove Action = "remove"

// Operations of the group steps.
const (
	OpCreateGroup   Op = "create_group"
	OpPatchGroup    Op = "patch_group"
	OpAddMembers    Op = "add_group_members"
	OpRemoveMembers Op = "remove_group_members"
)

// GroupStep, GroupAddStep and GroupRemoveStep name a group's steps: its
// create or patch, and its n-th batch of members added or removed.
func GroupStep(key string) StepID { return StepID{StepGroup, key} }
func GroupAddStep(key string, n int) StepID {
	return StepID{StepGroupAdd, key + "#" + itoa(n)}
}
func GroupRemoveStep(key string, n int) StepID {
	return StepID{StepGroupRemove, key + "#" + itoa(n)}
}

// CreateGroup creates a normal group.
type CreateGroup struct{ Body feishu.GroupCreate }

// PatchGroup changes a group's name or description.
type PatchGroup struct {
	ID    string
	Patch feishu.GroupPatch
}

// GroupRef is the group a member batch writes to: its ID, or — when the
// group is created in this run without a custom ID — the step that
// creates it, whose result names it.
type GroupRef struct {
	ID   string
	Step StepID
}

// MemberRef is one member of a batch: a known user_id, or the step that
// creates the user in this run (its result names the user_id; a user
// that was not created is left out). Change is the member's row of the
// plan, for its result.
type MemberRef struct {
	UserID string
	Step   StepID
	Change *Change
}

// AddGroupMembers adds up to 100 users to a group (batch_add).
type AddGroupMembers struct {
	Group   GroupRef
	Members []MemberRef
}

// RemoveGroupMembers removes up to 100 users from a group (batch_remove).
type RemoveGroupMembers struct {
	Group   GroupRef
	Members []MemberRef
}

func (CreateGroup) Op() Op        { return OpCreateGroup }
func (PatchGroup) Op() Op         { return OpPatchGroup }
func (AddGroupMembers) Op() Op    { return OpAddMembers }
func (RemoveGroupMembers) Op() Op { return OpRemoveMembers }

func (CreateGroup) Endpoints() []feishu.Endpoint     { return feishu.On(feishu.EPCreateGroup) }
func (PatchGroup) Endpoints() []feishu.Endpoint      { return feishu.On(feishu.EPPatchGroup) }
func (AddGroupMembers) Endpoints() []feishu.Endpoint { return feishu.On(feishu.EPGroupMembersAdd) }
func (RemoveGroupMembers) Endpoints() []feishu.Endpoint {
	return feishu.On(feishu.EPGroupMembersRemove)
}

// Without leaves a group request as it is: a member batch's people whose
// creation failed are left out, each with its own result, when it is sent
// (importer: memberIDs).
func (r CreateGroup) Without(map[string]bool) (Request, bool)        { return r, true }
func (r PatchGroup) Without(map[string]bool) (Request, bool)         { return r, true }
func (r AddGroupMembers) Without(map[string]bool) (Request, bool)    { return r, true }
func (r RemoveGroupMembers) Without(map[string]bool) (Request, bool) { return r, true }

func (r CreateGroup) fill(s *stepJSON) { s.GroupBody = &r.Body }
func (r PatchGroup) fill(s *stepJSON)  { s.Target, s.GroupPatch = r.ID, &r.Patch }
func (r AddGroupMembers) fill(s *stepJSON) {
	s.Group, s.Members = r.Group.String(), memberList(r.Members)
}
func (r RemoveGroupMembers) fill(s *stepJSON) {
	s.Group, s.Members = r.Group.String(), memberList(r.Members)
}

// String is the group's ID, or "after <step>" when its create names it.
func (g GroupRef) String() string {
	if g.ID != "" {
		return g.ID
	}
	return "after " + g.Step.String()
}

// memberList names each member by user_id, or by the step creating them.
func memberList(ms []MemberRef) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.UserID
		if out[i] == "" {
			out[i] = "after " + m.Step.String()
		}
	}
	return out
}

// GroupBody is a group as the sandbox seeds it from a sheet: its create
// body and its members by user_id.
type GroupBody struct {
	Group   feishu.GroupCreate
	Members []string
}

// groupBodies are the groups a plan against an empty tenant creates
// (Bodies), with the members it can name by user_id (a users row without
// one gets its ID from Feishu only when created, so it is left out).
func groupBodies(p *Plan) []GroupBody {
	byKey := map[string]int{}
	var out []GroupBody
	for _, s := range p.Steps {
		switch r := s.Request.(type) {
		case CreateGroup:
			byKey[s.ID.Key] = len(out)
			out = append(out, GroupBody{Group: r.Body})
		case AddGroupMembers:
			i, ok := byKey[r.Group.Step.Key]
			if !ok {
				continue
			}
			for _, m := range r.Members {
				id := m.UserID
				if id == "" {
					continue
				}
				out[i].Members = append(out[i].Members, id)
			}
		}
	}
	return out
}
