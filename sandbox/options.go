package sandbox

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// Defaults used when an Options field is left zero.
const (
	DefaultAppID          = "cli_sandbox"
	DefaultAppSecret      = "sandbox-secret"
	DefaultTenantName     = "总公司"
	DefaultTokenTTL       = 2 * time.Hour
	DefaultIdempotencyTTL = 24 * time.Hour
	DefaultAuthStatus     = 400
)

// Options configures a Server. The zero value is a functional sandbox: the
// default app, no rate limits, no faults, memory only.
type Options struct {
	AppID     string // default DefaultAppID
	AppSecret string // default DefaultAppSecret; never logged or served
	// TenantName is the root department's name and the tenant's name
	// (GET /tenant/v2/tenant/query).
	TenantName string
	// NoTenantScope models an app without the scope tenant:tenant:readonly:
	// GET /tenant/v2/tenant/query answers 99991672.
	NoTenantScope bool
	// NoEnterprise models a tenant without the enterprise edition (旗舰版):
	// units are a paid feature there, and every unit endpoint answers 43050.
	NoEnterprise bool
	// TokenTTL is the tenant_access_token lifetime (default 2h). A short
	// TTL (under 30 min) makes every token request issue a new token.
	TokenTTL time.Duration
	// AuthErrorStatus is the HTTP status of 99991661 / 99991663 answers
	// (UNCONFIRMED in the docs; default 400).
	AuthErrorStatus int
	// IdempotencyTTL is how long a client_token is remembered (UNCONFIRMED
	// in the docs; default 24h).
	IdempotencyTTL time.Duration

	// RateScale divides every rate-limit window by this factor (counts
	// stay): 1 is the documented limits, 20 the same proportions 20 times
	// faster. 0 or less disables rate limiting.
	RateScale float64
	// Limits overrides DocumentedLimits (nil = the documented ones),
	// e.g. a tiny limit in a test.
	Limits map[feishu.Endpoint]feishu.Limit
	// RateWindows is how windows are counted: WindowsFixed (default) or
	// WindowsSliding (the strictest reading). RateWindowOffset shifts the
	// start of fixed windows from the clock's multiples of Per, to test a
	// client against every alignment.
	RateWindows      WindowKind
	RateWindowOffset time.Duration
	// LockContention makes a department write that overlaps another one
	// fail with 43024 (the tenant structure lock).
	LockContention bool
	// StrictBatch makes departments/batch and users/batch fail the whole
	// call when an ID is unknown (codes 99992379 / 99992353), instead of
	// leaving it out of the items. The docs do not say which a real tenant
	// does; clients should cope with both.
	StrictBatch bool

	// Faults. Rates are fractions of requests in [0, 1], drawn from a
	// source seeded with FaultSeed. None applies to /_sandbox endpoints.
	Latency         time.Duration // added to every API request
	Jitter          time.Duration // plus uniform [0, Jitter]
	FailRate        float64       // answered 500/502/503, no work done
	DropBeforeRate  float64       // connection closed before the work
	DropAfterRate   float64       // connection closed after the work is applied
	TokenExpiryRate float64       // valid token expired early: 99991663
	FaultSeed       uint64

	// StatePath, when set, is loaded at start if it exists; every write is
	// on disk before its answer is sent: in the log StatePath+".log", which
	// is folded into StatePath (rewritten atomically) when it has grown as
	// large as the file, and at Close.
	StatePath string
	// SeedPath loads an org at start when StatePath does not exist yet: a
	// state JSON file, or any other file through SeedLoader.
	SeedPath string
	// SeedLoader reads a non-JSON seed (a spreadsheet in the import sheet
	// format) into the StateFile form: departments name parents by custom
	// department_id; users name departments by custom department_id and
	// leaders by user_id. dir is the tenant's schema the sheet's names
	// resolve against.
	SeedLoader func(path string, dir feishu.Directory) (StateFile, error)
	// State, when set, is the tenant at start, loaded like a JSON seed
	// when StatePath does not exist yet: a clone of a tenant read whole
	// (orgbatch rehearse), every ID kept.
	State *StateFile
	// Directory is the tenant's schema at start (employee types, custom
	// attributes, job levels and families, job titles, work cities: the
	// API cannot create the last three), unless a state file or JSON seed
	// brings its own. nil: the five built-in employee types only.
	Directory *feishu.Directory

	// Now is the clock of tokens, rate-limit windows and client_token
	// retention (default time.Now).
	Now func() time.Time
	// Logger receives debug lines per request (method, path, code,
	// duration; never tokens or secrets). Default: discard.
	Logger *slog.Logger
}

// withDefaults fills zero fields and checks the rest.
func (o Options) withDefaults() (Options, error) {
	if o.AppID == "" {
		o.AppID = DefaultAppID
	}
	if o.AppSecret == "" {
		o.AppSecret = DefaultAppSecret
	}
	if o.TenantName == "" {
		o.TenantName = DefaultTenantName
	}
	if o.TokenTTL == 0 {
		o.TokenTTL = DefaultTokenTTL
	}
	if o.AuthErrorStatus == 0 {
		o.AuthErrorStatus = DefaultAuthStatus
	}
	if o.IdempotencyTTL == 0 {
		o.IdempotencyTTL = DefaultIdempotencyTTL
	}
	if o.Limits == nil {
		o.Limits = DocumentedLimits
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	var errs []error
	rates := []struct {
		name string
		v    float64
	}{{"FailRate", o.FailRate}, {"DropBeforeRate", o.DropBeforeRate},
		{"DropAfterRate", o.DropAfterRate}, {"TokenExpiryRate", o.TokenExpiryRate}}
	for _, r := range rates {
		if r.v < 0 || r.v > 1 {
			errs = append(errs, fmt.Errorf("%s %v is not in [0, 1]", r.name, r.v))
		}
	}
	if o.Latency < 0 || o.Jitter < 0 || o.TokenTTL < 0 || o.IdempotencyTTL < 0 {
		errs = append(errs, errors.New("durations must not be negative"))
	}
	if _, err := ParseWindowKind(string(o.RateWindows)); err != nil {
		errs = append(errs, err)
	}
	if o.AuthErrorStatus < 100 || o.AuthErrorStatus > 599 {
		errs = append(errs, fmt.Errorf("AuthErrorStatus %d is not an HTTP status", o.AuthErrorStatus))
	}
	if o.TokenTTL > 0 && o.TokenTTL < time.Second {
		errs = append(errs, fmt.Errorf("TokenTTL %v is under a second", o.TokenTTL))
	}
	return o, errors.Join(errs...)
}
