package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
)

// StepKind is what a step does to which kind of row.
type StepKind uint8

// Step kinds. A department row has a create or patch step, perhaps a
// leader step (its leaders or HRBPs are created in the same run) and a
// unit step (binding it to its unit); a user row has a create or patch
// step and perhaps a leader step (dotted-line leaders created in the same
// run); a unit row has a create or patch step.
const (
	StepDepartment StepKind = iota + 1
	StepDepartmentLeader
	StepUser
	StepUserLeaders
	StepUnit
	StepDepartmentUnit
)

// Step kinds of offboarding and restore (offboard_steps.go).
const (
	StepUserDelete StepKind = iota + 10
	StepDepartmentDelete
	StepUserRestore
)

var stepPrefix = map[StepKind]string{StepDepartment: "dept:", StepDepartmentLeader: "dept-leader:", StepUser: "user:",
	StepUserLeaders: "user-leaders:", StepUnit: "unit:", StepDepartmentUnit: "dept-unit:",
	StepUserDelete: "user-delete:", StepDepartmentDelete: "dept-delete:", StepUserRestore: "user-restore:"}

// StepID names a step: its kind and its row's key (department_id, user_id
// or "mobile:…"). It reads and writes as "dept:D1", "dept-leader:D1",
// "user:u1" in plan.json and the journal.
type StepID struct {
	Kind StepKind
	Key  string
}

// DepartmentStep, DepartmentLeaderStep, DepartmentUnitStep, UserStep,
// UserLeadersStep and UnitStep name a row's steps.
func DepartmentStep(id string) StepID       { return StepID{StepDepartment, id} }
func DepartmentLeaderStep(id string) StepID { return StepID{StepDepartmentLeader, id} }
func DepartmentUnitStep(id string) StepID   { return StepID{StepDepartmentUnit, id} }
func UserStep(key string) StepID            { return StepID{StepUser, key} }
func UserLeadersStep(key string) StepID     { return StepID{StepUserLeaders, key} }
func UnitStep(id string) StepID             { return StepID{StepUnit, id} }

// IsZero reports the zero StepID (no step).
func (id StepID) IsZero() bool { return id.Kind == 0 }

func (id StepID) String() string {
	if id.IsZero() {
		return ""
	}
	return stepPrefix[id.Kind] + id.Key
}

// MarshalText writes the ID's text form.
func (id StepID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText reads the text form.
func (id *StepID) UnmarshalText(b []byte) error {
	s := string(b)
	if s == "" {
		*id = StepID{}
		return nil
	}
	for k, p := range stepPrefix {
		if key, ok := strings.CutPrefix(s, p); ok {
			*id = StepID{k, key}
			return nil
		}
	}
	return fmt.Errorf("plan: %q is not a step ID", s)
}

// StepIDs are the steps a change has or would have, for matching journal
// entries of an earlier run to the row. The first is the one that creates
// the row's entity.
func (c *Change) StepIDs() []StepID {
	switch c.Kind {
	case KindDepartment:
		return []StepID{DepartmentStep(c.Key), DepartmentLeaderStep(c.Key), DepartmentUnitStep(c.Key), DepartmentDeleteStep(c.Key)}
	case KindUnit:
		return []StepID{UnitStep(c.Key)}
	}
	if k, ok := directoryStep[c.Kind]; ok {
		return []StepID{{k, c.Key}}
	}
	return []StepID{UserStep(c.Key), UserLeadersStep(c.Key), {StepUserAttrs, c.Key}, UserDeleteStep(c.Key), UserRestoreStep(c.Key)}
}

// Request is what a step sends: one of CreateDepartment, PatchDepartment,
// CreateUser, PatchUser, CreateUnit, PatchUnit or BindUnit, or of
// offboarding's DeleteUser, DeleteDepartment, ResurrectUser and SetLeader
// (offboard_steps.go), told apart by a type switch.
type Request interface {
	// Op names the operation.
	Op() Op
	// Endpoints are the rate limiters the request waits on.
	Endpoints() []feishu.Endpoint
	// Without is the request with the people in gone left out (their
	// rows failed: see Step.Soft), and false when nothing would be left
	// to send.
	Without(gone map[string]bool) (Request, bool)
}

// CreateDepartment creates a department.
type CreateDepartment struct{ Body feishu.Department }

// PatchDepartment changes the fields of department ID.
type PatchDepartment struct {
	ID    string
	Patch feishu.DepartmentPatch
}

// CreateUser creates a user; Refs fill in entries of the tenant's lists
// created in the same run (directory_steps.go).
type CreateUser struct {
	Body feishu.User
	Refs []Ref
}

// PatchUser changes the fields of user ID; Refs as for CreateUser (and
// the ID of a user created in the same run).
type PatchUser struct {
	ID    string
	Patch feishu.UserPatch
	Refs  []Ref
}

func (CreateDepartment) Op() Op { return OpCreateDepartment }
func (PatchDepartment) Op() Op  { return OpPatchDepartment }
func (CreateUser) Op() Op       { return OpCreateUser }
func (PatchUser) Op() Op        { return OpPatchUser }

func (CreateDepartment) Endpoints() []feishu.Endpoint  { return feishu.On(feishu.EPCreateDepartment) }
func (r PatchDepartment) Endpoints() []feishu.Endpoint { return r.Patch.Endpoints() }
func (CreateUser) Endpoints() []feishu.Endpoint        { return feishu.On(feishu.EPCreateUser) }
func (r PatchUser) Endpoints() []feishu.Endpoint       { return r.Patch.Endpoints() }

// Step is one API write. Steps form a dependency graph: a step runs once
// every step in Deps succeeded; if one of them fails the step is skipped.
// Soft dependencies are the creations of the people the request names (a
// manager, leaders, deputies, HRBPs, dotted-line leaders created in the
// same run): the step waits for them so they can go into the request, and
// is sent without those who could not be created.
type Step struct {
	ID      StepID
	Request Request
	// ClientToken is a create's idempotency token (see ClientToken).
	ClientToken string
	Deps        []StepID
	Soft        []StepID // UserStep of each person; the key is their user_id
	// Priority is the length of the longest chain of steps waiting on this
	// one: the scheduler runs long chains first so the critical path never
	// waits behind bulk work.
	Priority int
	Change   *Change
	// needs are the departments that must exist before the step runs;
	// linkSteps turns them into Deps once every row is planned.
	needs []string
	salt  string
}

// Op is the step's operation.
func (s *Step) Op() Op { return s.Request.Op() }

// Endpoints are the rate limiters the step waits on.
func (s *Step) Endpoints() []feishu.Endpoint { return s.Request.Endpoints() }

// Without is what the step sends when the people in gone are left out
// (their rows failed): the request, its client_token (a different request,
// a different token), and false when nothing is left to send.
func (s *Step) Without(gone map[string]bool) (Request, string, bool) {
	r, ok := s.Request.Without(gone)
	token := ""
	if body := createBody(r); body != nil {
		token = clientToken(s.salt, s.ID, body)
	}
	return r, token, ok
}

// createBody is the body a create sends, nil for a patch.
func createBody(r Request) any {
	switch r := r.(type) {
	case CreateDepartment:
		return &r.Body
	case CreateUser:
		return &r.Body
	case CreateEmployeeType:
		return &r.Body
	case CreateJobLevel:
		return &r.Body
	case CreateJobFamily:
		return &r.Body
	}
	return nil
}

// stepJSON is a step as plan.json writes it.
type stepJSON struct {
	ID         StepID                  `json:"id"`
	Op         Op                      `json:"op"`
	Target     string                  `json:"target,omitempty"` // department_id / user_id of a PATCH
	Department *feishu.Department      `json:"department,omitempty"`
	DeptPatch  *feishu.DepartmentPatch `json:"department_patch,omitempty"`
	User       *feishu.User            `json:"user,omitempty"`
	UserPatch  *feishu.UserPatch       `json:"user_patch,omitempty"`
	UserDelete *feishu.UserDelete      `json:"user_delete,omitempty"`
	Resurrect  *feishu.UserResurrect   `json:"resurrect,omitempty"`
	Unit       *feishu.Unit            `json:"unit,omitempty"`
	UnitName   string                  `json:"unit_name,omitempty"` // a unit's new name
	Bind       *BindUnit               `json:"bind_unit,omitempty"`
	// The tenant's schema (directory_steps.go).
	EmployeeType *feishu.EmployeeTypeEnum `json:"employee_type,omitempty"`
	JobLevel     *feishu.JobLevel         `json:"job_level,omitempty"`
	JobFamily    *feishu.JobFamily        `json:"job_family,omitempty"`
	Refs         []Ref                    `json:"refs,omitempty"`
	ClientToken  string                   `json:"client_token,omitempty"`
	Deps         []StepID                 `json:"deps,omitempty"`
	Soft         []StepID                 `json:"soft_deps,omitempty"`
	Priority     int                      `json:"priority"`
}

// MarshalJSON writes the step for plan.json.
func (s *Step) MarshalJSON() ([]byte, error) {
	out := stepJSON{ID: s.ID, Op: s.Op(), ClientToken: s.ClientToken, Deps: s.Deps, Soft: s.Soft, Priority: s.Priority}
	switch r := s.Request.(type) {
	case CreateDepartment:
		out.Department = &r.Body
	case PatchDepartment:
		out.Target, out.DeptPatch = r.ID, &r.Patch
	case CreateUser:
		out.User, out.Refs = &r.Body, r.Refs
	case PatchUser:
		out.Target, out.UserPatch, out.Refs = r.ID, &r.Patch, r.Refs
	case DeleteUser:
		out.Target, out.UserDelete = r.ID, &r.Body
	case DeleteDepartment:
		out.Target = r.ID
	case ResurrectUser:
		out.Target, out.Resurrect = r.ID, &r.Body
	case SetLeader:
		patch := r.Patch()
		out.Target, out.DeptPatch = r.ID, &patch
	case CreateUnit:
		out.Unit = &r.Body
	case PatchUnit:
		out.Target, out.UnitName = r.ID, r.Name
	case BindUnit:
		out.Bind = &r
	case CreateEmployeeType:
		out.EmployeeType = &r.Body
	case CreateJobLevel:
		out.JobLevel = &r.Body
	case CreateJobFamily:
		out.JobFamily, out.Refs = &r.Body, r.Refs
	}
	// Unescaped like the rest of plan.json (WriteJSON's encoder does not
	// reach into a Marshaler's output).
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(out)
	return bytes.TrimRight(buf.Bytes(), "\n"), err
}
