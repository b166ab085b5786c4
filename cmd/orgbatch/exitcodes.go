package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
)

// Exit codes scripts can rely on.
const (
	ExitOK          = 0 // all done / no errors (warnings allowed)
	ExitRowsFailed  = 1 // some rows failed, or validation found errors
	ExitUsage       = 2 // usage error, unreadable input, or (import) validation errors
	ExitInterrupted = 3 // interrupted (Ctrl-C); what was done is reported
	ExitStale       = 4 // import --rehearsed: the sheets, flags or tenant changed since the rehearsal (nothing written)
)

// ExitError carries an exit code out of a command. A nil Err means the
// command has already told the user everything and exits quietly.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// usageError marks a bad invocation (exit 2), with a message of the
// catalogue.
func usageError(id msg.ID, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: id.Err(args...)}
}

// usageWrap is usageError about err, which follows the message.
func usageWrap(err error, id msg.ID, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: id.Wrap(err, args...)}
}

// interrupted is exit 3 with a message of the catalogue.
func interrupted(id msg.ID, args ...any) error {
	return &ExitError{Code: ExitInterrupted, Err: id.Err(args...)}
}

// exitCodeOf maps an error returned by a command to the process exit code.
func exitCodeOf(err error) int {
	var ee *ExitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.Code
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	default:
		return ExitUsage
	}
}
