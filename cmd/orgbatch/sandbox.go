package main

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"log/slog"
	"net"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/sandbox"
)

func init() { register(newSandboxCmd) }

// sandboxServeOptions holds the parsed flags of "sandbox serve".
type sandboxServeOptions struct {
	IO             *IOStreams
	Addr           string
	AppID          string
	AppSecret      string
	StatePath      string
	SeedPath       string
	TenantName     string
	TokenTTL       time.Duration
	Latency        time.Duration
	Jitter         time.Duration
	FailRate       float64
	DropBeforeRate float64
	DropAfterRate  float64
	TokenExpiry    float64
	RateScale      float64
	RateWindows    string
	NoRateLimit    bool
	LockContention bool
	StrictBatch    bool
	NoTenantScope  bool
	NoEnterprise   bool
	FaultSeed      uint64
	Verbose        bool
	// SeedLoader reads non-JSON seeds (sheets in the import format).
	SeedLoader func(path string, dir feishu.Directory) (sandbox.StateFile, error)
}

// shutdownGrace bounds how long an interrupted sandbox waits for requests
// in flight.
const shutdownGrace = 5 * time.Second

func newSandboxCmd(io *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Run a local stand-in for the Feishu Contact v3 OpenAPI / 本地飞书通讯录沙箱",
		Long: `sandbox runs a local HTTP server that behaves like the Feishu (Lark) Contact v3
OpenAPI: the same paths, fields, error codes, pagination, rate limits and
idempotency, plus injectable faults. Point orgbatch (or any client) at the
base URL it prints to rehearse an import without touching a real tenant.`,
	}
	cmd.AddCommand(newSandboxServeCmd(io, nil))
	return cmd
}

// newSandboxServeCmd builds "sandbox serve"; runF replaces the run function
// in flag tests.
func newSandboxServeCmd(io *IOStreams, runF func(context.Context, *sandboxServeOptions) error) *cobra.Command {
	opts := &sandboxServeOptions{IO: io, SeedLoader: sheetSeedLoader}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve a sandbox tenant until interrupted / 启动沙箱服务（--state 保存租户）",
		Long: `serve prints the sandbox's base URL on stdout and serves until interrupted.

The app credentials come from --app-id/--app-secret, else FEISHU_APP_ID /
FEISHU_APP_SECRET, else the built-in app "` + sandbox.DefaultAppID + `" with secret "` + sandbox.DefaultAppSecret + `".
The secret is never printed or logged. The server binds to loopback unless
--addr names another host.`,
		Example: `  orgbatch sandbox serve --addr 127.0.0.1:8787 --state org.json
  orgbatch sandbox serve --seed company.json --latency 20ms --jitter 10ms --fail-rate 0.05 --rate-scale 20`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runSandboxServe(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:0", "listen address (port 0 = any free port)")
	f.StringVar(&opts.AppID, "app-id", "", "app_id clients must use (default $FEISHU_APP_ID, else "+sandbox.DefaultAppID+")")
	f.StringVar(&opts.AppSecret, "app-secret", "", "app_secret clients must use (default $FEISHU_APP_SECRET, else the built-in one)")
	f.StringVar(&opts.StatePath, "state", "", "JSON `file` holding the tenant: loaded if present; every write is logged beside it (FILE.log) before its answer, and folded into it now and then and at exit")
	f.StringVar(&opts.SeedPath, "seed", "", "`file` with an org to start from (state JSON, or a sheet) when --state does not exist yet")
	f.StringVar(&opts.TenantName, "tenant-name", sandbox.DefaultTenantName, "name of the root department")
	f.DurationVar(&opts.TokenTTL, "token-ttl", sandbox.DefaultTokenTTL, "tenant_access_token lifetime")
	f.DurationVar(&opts.Latency, "latency", 0, "latency added to every API call")
	f.DurationVar(&opts.Jitter, "jitter", 0, "extra uniform random latency, up to this much")
	f.Float64Var(&opts.FailRate, "fail-rate", 0, "fraction of calls answered 500/502/503 without doing the work")
	f.Float64Var(&opts.DropBeforeRate, "drop-before-rate", 0, "fraction of calls whose connection is closed before the work")
	f.Float64Var(&opts.DropAfterRate, "drop-after-rate", 0, "fraction of calls whose connection is closed after the work, before the answer")
	f.Float64Var(&opts.TokenExpiry, "token-expiry-rate", 0, "fraction of authenticated calls whose token expires early (99991663)")
	f.Float64Var(&opts.RateScale, "rate-scale", 1, "divide every rate-limit window by this factor (same counts, shorter windows)")
	f.StringVar(&opts.RateWindows, "rate-windows", string(sandbox.WindowsFixed), "how windows count: fixed (reset at the clock's multiples of the window) or sliding (at most the count in any interval of the window's length; the strictest)")
	f.BoolVar(&opts.NoRateLimit, "no-rate-limit", false, "turn rate limiting off")
	f.BoolVar(&opts.LockContention, "lock-contention", false, "department writes that overlap fail with 43024 (tenant lock)")
	f.BoolVar(&opts.StrictBatch, "strict-batch", false, "batch reads fail on an unknown ID instead of leaving it out")
	f.BoolVar(&opts.NoTenantScope, "no-tenant-scope", false, "the app may not read the tenant's name (tenant query answers 99991672)")
	f.BoolVar(&opts.NoEnterprise, "no-enterprise-edition", false, "a tenant without the enterprise edition: every unit endpoint answers 43050")
	f.Uint64Var(&opts.FaultSeed, "fault-seed", 0, "seed of the fault source: the same seed and call order give the same faults")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "log every request (method, path, code, duration) on stderr")
	return cmd
}

func (o *sandboxServeOptions) check() error {
	for _, r := range []struct {
		flag string
		v    float64
	}{{"--fail-rate", o.FailRate}, {"--drop-before-rate", o.DropBeforeRate},
		{"--drop-after-rate", o.DropAfterRate}, {"--token-expiry-rate", o.TokenExpiry}} {
		if r.v < 0 || r.v > 1 {
			return usageError(msg.Fraction, r.flag, r.v)
		}
	}
	switch {
	case o.RateScale <= 0 && !o.NoRateLimit:
		return usageError(msg.RateScaleFactor, o.RateScale)
	case o.Latency < 0 || o.Jitter < 0:
		return usageError(msg.LatencyNegative)
	case o.TokenTTL < time.Second:
		return usageError(msg.TokenTTLShort, o.TokenTTL)
	}
	if _, err := sandbox.ParseWindowKind(o.RateWindows); err != nil {
		return usageWrap(err, msg.RateWindows)
	}
	return nil
}

// sandboxAddr returns the address to bind: an empty host means loopback,
// not every interface. public reports a host that is not loopback.
func sandboxAddr(addr string) (bind string, public bool, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", false, usageWrap(err, msg.AddrBad, addr)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), !isLoopback(host), nil
}

// pick returns the first non-empty value and which source it came from.
func pick(flagVal, envName, envVal, def string) (string, string) {
	switch {
	case flagVal != "":
		return flagVal, "the flag"
	case envVal != "":
		return envVal, "$" + envName
	}
	return def, "the built-in default"
}

func runSandboxServe(ctx context.Context, o *sandboxServeOptions) error {
	io := o.IO
	bind, public, err := sandboxAddr(o.Addr)
	if err != nil {
		return err
	}
	appID, _ := pick(o.AppID, "FEISHU_APP_ID", io.Getenv("FEISHU_APP_ID"), sandbox.DefaultAppID)
	secret, secretFrom := pick(o.AppSecret, "FEISHU_APP_SECRET", io.Getenv("FEISHU_APP_SECRET"), sandbox.DefaultAppSecret)
	level := slog.LevelInfo
	if o.Verbose {
		level = slog.LevelDebug
	}
	scale := o.RateScale
	if o.NoRateLimit {
		scale = 0
	}
	srv, err := sandbox.New(sandbox.Options{
		AppID: appID, AppSecret: secret, TenantName: o.TenantName, TokenTTL: o.TokenTTL,
		RateScale: scale, RateWindows: sandbox.WindowKind(o.RateWindows), LockContention: o.LockContention, StrictBatch: o.StrictBatch,
		NoTenantScope: o.NoTenantScope, NoEnterprise: o.NoEnterprise,
		Latency: o.Latency, Jitter: o.Jitter, FailRate: o.FailRate,
		DropBeforeRate: o.DropBeforeRate, DropAfterRate: o.DropAfterRate, TokenExpiryRate: o.TokenExpiry,
		FaultSeed: o.FaultSeed, StatePath: o.StatePath, SeedPath: o.SeedPath, SeedLoader: o.SeedLoader,
		Directory: samplegen.Directory(), // the schema of a customised tenant, unless a state or seed file brings one
		Logger:    slog.New(slog.NewTextHandler(io.ErrOut, &slog.HandlerOptions{Level: level})),
	})
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: err} // a bad seed or state file
	}
	baseURL, err := srv.Listen(bind)
	if err != nil {
		return err
	}
	fmt.Fprintln(io.Out, baseURL)
	if public {
		fmt.Fprintf(io.ErrOut, "warning: the sandbox listens on %s, reachable from other hosts; its /_sandbox endpoints need no token\n", bind)
	}
	fmt.Fprintf(io.ErrOut, "sandbox: Feishu Contact v3 sandbox at %s for app_id %s (secret from %s); interrupt to stop\n",
		baseURL, appID, secretFrom)

	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
	}
	fmt.Fprintln(io.ErrOut, "sandbox: stopped")
	return nil
}
