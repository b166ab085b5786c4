package feishu

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// APIError is a failed call the server answered: a non-zero business code,
// a non-2xx status, or both. Path never carries the query string, so no
// token or ID list ends up in messages.
type APIError struct {
	HTTPStatus int    // HTTP status of the response
	Code       int    // business code; 0 when the body was not the JSON envelope
	Msg        string // the server's msg (or a description of the unreadable body)
	LogID      string // x-tt-logid / X-Request-Id / error.logid: what support asks for
	Method     string
	Path       string // API path without the query string
	Detail     *ErrorInfo
}

// Error reads like
// "feishu: POST /open-apis/contact/v3/users: code 41001 mobile has already exist error (http 400, log id 2024...)".
func (e *APIError) Error() string {
	s := "feishu: " + e.Method + " " + e.Path + ": "
	if e.Code != 0 {
		s += "code " + strconv.Itoa(e.Code) + " "
	}
	s += e.Msg
	if e.Detail != nil {
		for _, v := range e.Detail.FieldViolations {
			s += "; " + v.Field
			if v.Description != "" {
				s += ": " + v.Description
			}
		}
	}
	s += " (http " + strconv.Itoa(e.HTTPStatus)
	if e.LogID != "" {
		s += ", log id " + e.LogID
	}
	return s + ")"
}

// RateLimitError is a throttled call (HTTP 429 or code 99991400). Reset is
// how long the server asked us to wait (x-ogw-ratelimit-reset; 0 if absent)
// and Limit the window's cap (x-ogw-ratelimit-limit; 0 if absent).
type RateLimitError struct {
	APIError
	Limit int
	Reset time.Duration
}

// Error adds the server's wait to the APIError text.
func (e *RateLimitError) Error() string {
	s := e.APIError.Error()
	if e.Reset > 0 {
		s += ", retry after " + e.Reset.String()
	}
	return s
}

// Unwrap lets errors.As find the embedded *APIError.
func (e *RateLimitError) Unwrap() error { return &e.APIError }

// NetError is a request that got no usable HTTP response: dial, TLS, reset
// connection, truncated body, or the per-request timeout.
type NetError struct {
	Op  string // "METHOD /path", without the query string
	Err error
}

func (e *NetError) Error() string { return "feishu: " + e.Op + ": " + e.Err.Error() }

// Unwrap returns the transport error.
func (e *NetError) Unwrap() error { return e.Err }

// ErrRequestTimeout is wrapped by a NetError whose attempt ran out of the
// client's per-request time. It is deliberately not context.DeadlineExceeded:
// callers use that to mean "my context is done", which this is not.
var ErrRequestTimeout = errors.New("request timed out")

// ErrResponseTooLarge is returned when a success body exceeds the client's
// response size cap.
var ErrResponseTooLarge = errors.New("response body too large")

// AsAPIError returns the *APIError in err's chain (also inside a
// *RateLimitError), or nil.
func AsAPIError(err error) *APIError {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae
	}
	return nil
}

// ErrorCode returns the business code in err's chain, or 0.
func ErrorCode(err error) int {
	if ae := AsAPIError(err); ae != nil {
		return ae.Code
	}
	return 0
}

// IsPartialSuccess reports a create/patch that took effect except for the
// city or job title (44054–44059): record it as done with a warning.
func IsPartialSuccess(err error) bool { return PartialSuccessCodes[ErrorCode(err)] }

func timeoutError(d time.Duration) error {
	return fmt.Errorf("%w after %s", ErrRequestTimeout, d)
}
