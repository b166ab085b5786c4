package feishu

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"
)

func apiErr(status, code int) error {
	return &APIError{HTTPStatus: status, Code: code, Msg: "m", Method: "POST", Path: PathUsers}
}

func TestShouldRetry(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	live := context.Background()
	rate := &RateLimitError{APIError: APIError{HTTPStatus: 429, Code: 99991400}, Reset: 35 * time.Millisecond}
	tests := []struct {
		name  string
		ctx   context.Context
		err   error
		retry bool
		after time.Duration
	}{
		{"nil", live, nil, false, 0},
		{"rate limit with reset", live, rate, true, 35 * time.Millisecond},
		{"rate limit without reset", live, &RateLimitError{APIError: APIError{HTTPStatus: 429}}, true, DefaultRateLimitWait},
		{"wrapped rate limit", live, fmt.Errorf("create u1: %w", rate), true, 35 * time.Millisecond},
		{"rate limit after cancel", canceled, rate, false, 0},
		{"tenant lock 43024", live, apiErr(400, 43024), true, 0},
		{"dept lock 43030", live, apiErr(400, 43030), true, 0},
		{"user lock 44025", live, apiErr(400, 44025), true, 0},
		{"internal 40003", live, apiErr(400, 40003), true, 0},
		{"create account 41027 (504)", live, apiErr(504, 41027), true, 0},
		{"invalid token", live, apiErr(400, 99991663), true, 0},
		{"missing token", live, apiErr(400, 99991661), true, 0},
		{"502 html", live, apiErr(502, 0), true, 0},
		{"500 with code", live, apiErr(500, 48002), true, 0},
		{"partial success 44054", live, apiErr(400, 44054), false, 0},
		{"partial success 44059", live, apiErr(400, 44059), false, 0},
		{"mobile exists", live, apiErr(400, 41001), false, 0},
		{"duplicate dept name", live, apiErr(400, 43022), false, 0},
		{"wrong secret", live, apiErr(400, 10015), false, 0},
		{"no authority 403", live, apiErr(403, 40004), false, 0},
		{"job level lock 42302", live, pathErr(PathJobLevels, 42302), true, 0},
		{"job level external id 42307", live, pathErr(PathJobLevels+"/x", 42307), true, 0},
		{"job family lock 42403", live, pathErr(PathJobFamilies, 42403), true, 0},
		{"job family external id 42412", live, pathErr(PathJobFamilies, 42412), true, 0},
		{"employee type i18n duplicate 42302 is permanent", live, pathErr(PathEmployeeTypeEnums, 42302), false, 0},
		{"job level name duplicate 42305", live, pathErr(PathJobLevels, 42305), false, 0},
		{"net error", live, &NetError{Op: "GET /x", Err: io.ErrUnexpectedEOF}, true, 0},
		{"net error after cancel", canceled, &NetError{Op: "GET /x", Err: io.ErrUnexpectedEOF}, false, 0},
		{"context canceled", live, context.Canceled, false, 0},
		{"plain error", live, errors.New("boom"), false, 0},
		{"too large", live, ErrResponseTooLarge, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			retry, after := ShouldRetry(tt.ctx, tt.err)
			if retry != tt.retry || after != tt.after {
				t.Errorf("ShouldRetry = %v, %v; want %v, %v", retry, after, tt.retry, tt.after)
			}
		})
	}
}

func TestErrorPredicates(t *testing.T) {
	tests := []struct {
		err                 error
		lock, rate, partial bool
		code                int
	}{
		{apiErr(400, 43024), true, false, false, 43024},
		{apiErr(400, 43030), true, false, false, 43030},
		{fmt.Errorf("x: %w", apiErr(400, 44025)), true, false, false, 44025},
		{apiErr(400, 43022), false, false, false, 43022},
		{&RateLimitError{APIError: APIError{Code: 99991400}}, false, true, false, 99991400},
		{apiErr(400, 44056), false, false, true, 44056},
		{errors.New("x"), false, false, false, 0},
		{nil, false, false, false, 0},
	}
	for _, tt := range tests {
		if got := IsLockError(tt.err); got != tt.lock {
			t.Errorf("IsLockError(%v) = %v", tt.err, got)
		}
		if got := IsRateLimited(tt.err); got != tt.rate {
			t.Errorf("IsRateLimited(%v) = %v", tt.err, got)
		}
		if got := IsPartialSuccess(tt.err); got != tt.partial {
			t.Errorf("IsPartialSuccess(%v) = %v", tt.err, got)
		}
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("ErrorCode(%v) = %v", tt.err, got)
		}
	}
}

func pathErr(path string, code int) error {
	return &APIError{HTTPStatus: 400, Code: code, Method: "POST", Path: path}
}
