package importer

import (
	"github.com/orgbatch/orgbatch/internal/msg"
	"github.com/orgbatch/orgbatch/plan"
)

// Status is how a step or a row ended.
type Status string

// Statuses. A row is created/updated/unchanged (deleted/restored, in an
// offboarding or a restore) when all its steps are done, failed when one
// failed, skipped when one could not start because a step it depends on
// failed, and interrupted when the run stopped (Ctrl-C, a lost connection)
// before all its steps were done: not a row to fix, a resume does it.
const (
	StatusCreated   Status = "created"
	StatusUpdated   Status = "updated"
	StatusUnchanged Status = "unchanged"
	StatusFailed    Status = "failed"
	StatusSkipped   Status = "skipped"
	// StatusInterrupted is also a step's: not started, or cut off mid-call.
	StatusInterrupted Status = "interrupted"
	// offboarding and restore
	StatusDeleted  Status = "deleted"
	StatusRestored Status = "restored"
	// step-level only
	StatusDone Status = "done"
	// journal only: a create about to be sent
	StatusIntent Status = "intent"
)

// Label is the status as reports and summaries show it: "成功 created".
func (s Status) Label() string { return msg.Status(string(s)).String() }

// StepResult is how one step ended.
type StepResult struct {
	Step     *plan.Step
	Status   Status
	IDs      plan.IDs
	Code     int    // Feishu error code (0 = none)
	Message  string // Feishu msg, or why the step was skipped
	Attempts int
	Warning  string // done, but something was not applied (partial success, leader left out)
	// Members are a member batch's results, by member row; Done the
	// user_ids it added or removed (journaled, for a resume's report).
	Members map[*plan.Change]MemberResult
	Done    []string
}

// Outcome is how one row ended: what the report writes back.
type Outcome struct {
	Change   *plan.Change
	Status   Status
	IDs      plan.IDs
	Code     int    // Feishu error code of a failed step
	Rule     string // the rule that blocked the row, for rows never sent
	Message  string
	Hint     string
	Attempts int
	Warnings []string
}
