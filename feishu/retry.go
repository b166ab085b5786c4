package feishu

import (
	"context"
	"errors"
	"strings"
	"time"
)

// DefaultRateLimitWait is the wait after a throttled call whose response
// carried no usable x-ogw-ratelimit-reset.
const DefaultRateLimitWait = time.Second

// lockCodes are the "another change holds the lock, wait and retry" codes.
var lockCodes = map[int]bool{
	CodeTenantLock.Num:     true, // 43024 tenant structure lock
	CodeDeptUpdateLock.Num: true, // 43030 department update lock
	CodeUserUpdateLock.Num: true, // 44025 user update lock
}

// ShouldRetry decides whether a failed attempt is worth repeating and, if
// the server said so, the least time to wait first (0 = let the backoff
// decide). It only decides whether; the Pacer decides how long.
//
//   - never once ctx is done, and never for a nil error;
//   - *RateLimitError: yes, after its Reset (DefaultRateLimitWait if unknown);
//   - partial success (44054–44059): no, the change took effect;
//   - RetryableCodes (lock errors 43024/43030/44025, 40003, 41027): yes;
//   - token codes: yes, the client has already re-sent once with a new token;
//   - other API errors: yes for HTTP 5xx, otherwise permanent;
//   - *NetError (transport failure or per-request timeout): yes;
//   - anything else (bad arguments, canceled contexts, ...): no.
func ShouldRetry(ctx context.Context, err error) (retry bool, after time.Duration) {
	if err == nil || ctx.Err() != nil {
		return false, 0
	}
	var rl *RateLimitError
	if errors.As(err, &rl) {
		if rl.Reset > 0 {
			return true, rl.Reset
		}
		return true, DefaultRateLimitWait
	}
	if ae := AsAPIError(err); ae != nil {
		switch {
		case PartialSuccessCodes[ae.Code]:
			return false, 0
		case RetryableCodes[ae.Code], TokenCodes[ae.Code], retryableOnPath(ae):
			return true, 0
		case ae.HTTPStatus >= 500:
			return true, 0
		}
		return false, 0
	}
	var ne *NetError
	if errors.As(err, &ne) {
		return true, 0
	}
	return false, 0
}

// pathRetryableCodes are retryable codes whose number means something else
// on other endpoints (42302 is also employee_type_enums' "i18n_content
// duplicate"): the job level and family tenant locks (42302, 42403) and
// their "external id duplicate, system reason, retry" (42307, 42412).
var pathRetryableCodes = map[string]map[int]bool{
	PathJobLevels:   {42302: true, 42307: true},
	PathJobFamilies: {42403: true, 42412: true},
}

func retryableOnPath(ae *APIError) bool {
	for prefix, codes := range pathRetryableCodes {
		if codes[ae.Code] && (ae.Path == prefix || strings.HasPrefix(ae.Path, prefix+"/")) {
			return true
		}
	}
	return false
}

// IsLockError reports the lock codes 43024, 43030 and 44025: a concurrent
// change held the tenant, department or user lock.
func IsLockError(err error) bool { return lockCodes[ErrorCode(err)] }

// IsRateLimited reports a throttled call (HTTP 429 or code 99991400).
func IsRateLimited(err error) bool {
	var rl *RateLimitError
	return errors.As(err, &rl)
}
