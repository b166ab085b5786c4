package plan

import (
	"github.com/orgbatch/orgbatch/internal/msg"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
)

// Kind is what a change is about.
type Kind string

// Kinds of change.
const (
	KindDepartment Kind = "department"
	KindUser       Kind = "user"
	KindUnit       Kind = "unit"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindDepartment, KindUser, KindUnit}

// Action is what the plan does with a row: a small closed set, in the
// order summaries list them.
type Action string

// Actions.
const (
	ActionCreate    Action = "create"
	ActionMove      Action = "move"   // an update that changes the parent / the departments
	ActionUpdate    Action = "update" // field changes only
	ActionUnchanged Action = "unchanged"
	ActionBlocked   Action = "blocked"
)

// Actions of offboarding and restore plans (offboard.go, restore.go).
const (
	ActionDelete  Action = "delete"
	ActionRestore Action = "restore"
)

// Label is the action as plans and summaries show it: "新建 create".
func (a Action) Label() string { return msg.Action(string(a)).String() }

// Actions lists every action of an import plan in display order.
var Actions = []Action{ActionCreate, ActionMove, ActionUpdate, ActionUnchanged, ActionBlocked}

// FieldChange is one field an update changes.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Change is the plan for one row.
type Change struct {
	Kind   Kind          `json:"kind"`
	Key    string        `json:"key"`
	Name   string        `json:"name"`
	Action Action        `json:"action"`
	Fields []FieldChange `json:"fields,omitempty"`
	// Problems are the row's problems: errors (why it is blocked) and
	// warnings (what is imported differently, e.g. without a leader).
	Problems []problem.Problem `json:"problems,omitempty"`
	// BlockedBy is set when the row is blocked only because a row it
	// depends on is: it is skipped, not failed.
	BlockedBy string `json:"blocked_by,omitempty"`
	// FromPath marks a department created because a path names it and
	// nothing holds it ("create (from path)"); it has no row of its own.
	FromPath bool   `json:"from_path,omitempty"`
	Path     string `json:"path,omitempty"`
	// Origin is where a department created from a path was first named
	// (it has no Record): its problems point there.
	Origin problem.Loc `json:"-"`
	// Departments are a user's departments as planned (paths resolved).
	Departments []string `json:"departments,omitempty"`
	// Existing holds the IDs Feishu already has for the row.
	Existing IDs        `json:"existing"`
	Record   org.Record `json:"-"`
	Steps    []*Step    `json:"-"`
	// MatchedBy says how a user row was matched to the Feishu user it
	// updates: MatchUserID, or — for a row without user_id — MatchMobile
	// or MatchEmail. Empty when nothing matched (a create).
	MatchedBy string `json:"matched_by,omitempty"`
	// Offboard is what an offboarding or restore plan says about the row
	// beyond its action (offboard.go).
	Offboard *Offboarding `json:"offboarding,omitempty"`
	// Member names the group of a group-member change (members.go).
	Member *MemberOf `json:"member,omitempty"`
}

// How a user row was matched to an existing Feishu user (Change.MatchedBy).
const (
	MatchUserID = "user_id"
	MatchMobile = "mobile"
	MatchEmail  = "email"
)

// IDs are an entity's identifiers in Feishu.
type IDs struct {
	DepartmentID     string `json:"department_id,omitempty"`
	OpenDepartmentID string `json:"open_department_id,omitempty"`
	UserID           string `json:"user_id,omitempty"`
	OpenID           string `json:"open_id,omitempty"`
	UnionID          string `json:"union_id,omitempty"`
	// Directory is the ID of an entry of the tenant's lists: an employee
	// type's number (enum_value), a job level's or family's ID.
	Directory string `json:"directory_id,omitempty"`
	UnitID    string `json:"unit_id,omitempty"`
	GroupID   string `json:"group_id,omitempty"` // a user group's (groups.go)
}

// Op is the API operation of a step.
type Op string

// Operations.
const (
	OpCreateDepartment Op = "create_department"
	OpPatchDepartment  Op = "patch_department"
	OpCreateUser       Op = "create_user"
	OpPatchUser        Op = "patch_user"
	// offboarding and restore (offboard_steps.go)
	OpDeleteUser       Op = "delete_user"
	OpDeleteDepartment Op = "delete_department"
	OpResurrectUser    Op = "resurrect_user"
	OpSetLeader        Op = "set_leader"
	OpCreateUnit       Op = "create_unit"
	OpPatchUnit        Op = "patch_unit"
	OpBindUnit         Op = "bind_unit"
)

// loc is where a change's problems point: its row, or for a department
// created from a path, where the path was first written.
func (c *Change) loc() problem.Loc {
	if c.Record.T != nil {
		return c.Record.Loc("")
	}
	return c.Origin
}

// Plan is everything an import would do.
type Plan struct {
	Changes  []*Change
	Steps    []*Step
	Problems []problem.Problem // every problem: validation and online
	Tenant   *tenant.Snapshot
	// TokenSalt is mixed into every client_token: one per import run (kept
	// on resume), so a token never collides with one of an earlier run
	// whose entity has since been deleted.
	TokenSalt string `json:"-"`
	// ListedMembers are the members the tenant has in the groups whose
	// members the sheet lists completely: the base of the removal guard.
	ListedMembers int
	// Unlisted counts the members the tenant has in groups whose members
	// the sheet lists completely, who are not listed: what RemoveMembers
	// removes (diff reports them either way).
	Unlisted int
}

// Count returns how many changes of a kind have an action.
func (p *Plan) Count(k Kind, a Action) int {
	n := 0
	for _, c := range p.Changes {
		if c.Kind == k && c.Action == a {
			n++
		}
	}
	return n
}

// Blocked reports whether any row is blocked.
func (p *Plan) Blocked() bool {
	for _, c := range p.Changes {
		if c.Action == ActionBlocked {
			return true
		}
	}
	return false
}

// NewParents lists existing departments that are to receive a new child:
// their current children are read so that name clashes with siblings the
// sheet does not mention are found before any write.
func (p *Plan) NewParents() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range p.Steps {
		var parent string
		switch r := s.Request.(type) {
		case CreateDepartment:
			parent = r.Body.ParentDepartmentID
		case PatchDepartment:
			if r.Patch.ParentDepartmentID == nil {
				continue
			}
			parent = *r.Patch.ParentDepartmentID
		default:
			continue
		}
		if _, known := p.Tenant.Children[parent]; !known && !seen[parent] && (parent == "0" || p.Tenant.Departments[parent] != nil) {
			seen[parent] = true
			out = append(out, parent)
		}
	}
	return out
}
