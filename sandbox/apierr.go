package sandbox

import (
	"fmt"

	"github.com/orgbatch/orgbatch/feishu"
)

// Error is a business error: over HTTP it is answered as
// {code,msg,error:{message}}; from the Go API (seeding, SetUserStatus) it
// comes wrapped with the entity it concerns, for errors.As.
type Error struct {
	Code   feishu.Code
	Detail string
	// Data, when set, is answered as the envelope's data beside the code
	// (a partial failure's per-member results).
	Data any
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return fmt.Sprintf("%d %s", e.Code.Num, e.Code.Msg)
	}
	return fmt.Sprintf("%d %s: %s", e.Code.Num, e.Code.Msg, e.Detail)
}

func fail(c feishu.Code, format string, args ...any) error {
	return &Error{Code: c, Detail: fmt.Sprintf(format, args...)}
}

// codeParam is the code used most by the rules: 40001 param error.
var codeParam = feishu.CodeParamError

// The codes of a strict batch call (Options.StrictBatch).
var (
	codeDeptIDsNotExist = feishu.CodeDeptIDsNotExist
	codeUserIDsNotExist = feishu.CodeUserIDsNotExist
)

// Codes the sandbox answers that feishu/codes.go does not define. Each
// comment names the doc page whose error table lists it.
var (
	// user/create, user/patch: 41072 nickname length exceed 255 character.
	codeNicknameTooLong = feishu.Code{Num: 41072, HTTP: 400, Msg: "nickname length exceed 255 character"}
	// user/create, user/patch: 41025 order department invalid error.
	codeOrderDeptInvalid = feishu.Code{Num: 41025, HTTP: 400, Msg: "order department invalid error"}
	// user/patch: 44035 departmentID is invaild (sic).
	codeUserDeptInvalid = feishu.Code{Num: 44035, HTTP: 400, Msg: "departmentID is invaild"}
	// user/patch: 44010 unJoined user not allow to update.
	codeUnjoinedUpdate = feishu.Code{Num: 44010, HTTP: 400, Msg: "unJoined user not allow to update"}
	// department/update (PUT): 40017 parent id can not be null in updateRequest.
	codeParentNullPut = feishu.Code{Num: 40017, HTTP: 400, Msg: "parent id can not be null in updateRequest"}
)
