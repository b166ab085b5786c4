package plan

import "github.com/orgbatch/orgbatch/feishu"

// The steps of offboarding and restore: a leaver's deletion with the
// handover of their resources, an emptied department's deletion, a
// deleted user's resurrection. They run in the importer's step graph like
// an import's creates and patches.

// OffboardActions and RestoreActions are the actions of those plans, in
// display order.
var (
	OffboardActions = []Action{ActionDelete, ActionUpdate, ActionUnchanged, ActionBlocked}
	RestoreActions  = []Action{ActionRestore, ActionCreate, ActionUpdate, ActionUnchanged, ActionBlocked}
)

// UserDeleteStep, DepartmentDeleteStep and UserRestoreStep name them.
func UserDeleteStep(userID string) StepID   { return StepID{StepUserDelete, userID} }
func DepartmentDeleteStep(id string) StepID { return StepID{StepDepartmentDelete, id} }
func UserRestoreStep(userID string) StepID  { return StepID{StepUserRestore, userID} }

// DeleteUser deletes (resigns) user ID, handing their resources over as
// Body says.
type DeleteUser struct {
	ID   string
	Body feishu.UserDelete
}

// DeleteDepartment deletes an empty department.
type DeleteDepartment struct{ ID string }

// ResurrectUser brings deleted user ID back into Body's departments.
type ResurrectUser struct {
	ID   string
	Body feishu.UserResurrect
}

// SetLeader gives department ID its leader LeaderUserID ("" clears the
// slot): the leader slots of an offboarding and a restore. It is a PATCH
// of leader_user_id, with its intent journaled like the others.
type SetLeader struct{ ID, LeaderUserID string }

func (SetLeader) Op() Op                                    { return OpSetLeader }
func (SetLeader) Endpoints() []feishu.Endpoint              { return feishu.On(feishu.EPPatchDepartment) }
func (r SetLeader) Without(map[string]bool) (Request, bool) { return r, true }

// Patch is the PATCH a SetLeader sends.
func (r SetLeader) Patch() feishu.DepartmentPatch {
	to := r.LeaderUserID
	return feishu.DepartmentPatch{LeaderUserID: &to}
}

func (DeleteUser) Op() Op       { return OpDeleteUser }
func (DeleteDepartment) Op() Op { return OpDeleteDepartment }
func (ResurrectUser) Op() Op    { return OpResurrectUser }

func (DeleteUser) Endpoints() []feishu.Endpoint       { return feishu.On(feishu.EPDeleteUser) }
func (DeleteDepartment) Endpoints() []feishu.Endpoint { return feishu.On(feishu.EPDeleteDepartment) }
func (ResurrectUser) Endpoints() []feishu.Endpoint    { return feishu.On(feishu.EPResurrect) }

// They carry nobody who could fail to be created: Without leaves them as
// they are.
func (r DeleteUser) Without(map[string]bool) (Request, bool)       { return r, true }
func (r DeleteDepartment) Without(map[string]bool) (Request, bool) { return r, true }
func (r ResurrectUser) Without(map[string]bool) (Request, bool)    { return r, true }

// IsOffboarding reports the operations of offboarding and restore. Their
// intent is journaled before they are sent, as a create's is: a resumed
// run tells by the tenant whether one killed before its answer came back
// was applied.
func (o Op) IsOffboarding() bool {
	return o == OpDeleteUser || o == OpDeleteDepartment || o == OpResurrectUser || o == OpSetLeader
}
