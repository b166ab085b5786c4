package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/spf13/cobra"
)

// targetFlags choose the tenant a command talks to: a real Feishu/Lark
// tenant (credentials from flags, FEISHU_APP_ID/FEISHU_APP_SECRET or the
// config file), any base URL (a sandbox started with `orgbatch sandbox
// serve`), or an in-process sandbox (--sandbox).
type targetFlags struct {
	sandbox      bool
	sandboxState string
	sandboxSeed  string
	baseURL      string
	domain       string
	appID        string
	appSecret    string
	secretStdin  bool
	configPath   string
	rateScale    float64
	timeout      time.Duration
}

func (f *targetFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&f.sandbox, "sandbox", false, "run against a local in-process sandbox tenant instead of Feishu (a rehearsal) / 在本地进程内的沙箱租户上运行，而不是飞书（演练）")
	fl.StringVar(&f.sandboxState, "sandbox-state", "", "with --sandbox: keep the sandbox tenant in this file between runs / 与 --sandbox 一起：把沙箱租户保存在此文件中，供下次运行使用（不加则每次运行后丢弃）")
	fl.StringVar(&f.sandboxSeed, "sandbox-seed", "", "with --sandbox: start from this org (a sheet or a sandbox state file) / 与 --sandbox 一起：从此组织开始（表格或沙箱状态文件）")
	fl.StringVar(&f.baseURL, "base-url", "", "API base URL, e.g. a sandbox's http://127.0.0.1:PORT (default: Feishu, or FEISHU_BASE_URL) / API 地址，例如沙箱的 http://127.0.0.1:PORT（默认：飞书，或 FEISHU_BASE_URL）")
	fl.StringVar(&f.domain, "domain", "", "feishu (open.feishu.cn) or lark (open.larksuite.com) / feishu（飞书 open.feishu.cn）或 lark（open.larksuite.com）")
	fl.StringVar(&f.appID, "app-id", "", "app ID (default: FEISHU_APP_ID or the config file) / 应用 ID（默认取 FEISHU_APP_ID 或配置文件）")
	fl.StringVar(&f.appSecret, "app-secret", "", "app secret (avoid: other users see it in ps; prefer FEISHU_APP_SECRET, the config file or --app-secret-stdin) / 应用密钥（不推荐：其他用户可在 ps 中看到；请优先用 FEISHU_APP_SECRET、配置文件或 --app-secret-stdin）")
	fl.BoolVar(&f.secretStdin, "app-secret-stdin", false, "read the app secret from standard input: a hidden prompt on a terminal, else the first line / 从标准输入读取应用密钥：终端上隐藏输入，否则取第一行")
	fl.StringVar(&f.configPath, "config", "", "config file with app_id/app_secret (must not be group/world readable) / 含 app_id/app_secret 的配置文件（不能对同组或其他用户可读）")
	fl.Float64Var(&f.rateScale, "rate-scale", 1, "multiply the documented rate limits (match a sandbox started with --rate-scale) / 将文档中的限流额度乘以此倍数（与用 --rate-scale 启动的沙箱一致）")
	fl.DurationVar(&f.timeout, "timeout", feishu.DefaultTimeout, "timeout of each API request / 每个 API 请求的超时时间")
}

// target is a connected tenant.
type target struct {
	// API is the paced client: every call waits for its rate limiters and
	// retries through Pacer.
	API   *feishu.Paced
	Pacer *feishu.Pacer
	// Desc says what the target is, for the first line a user sees.
	Desc    string
	BaseURL string
	AppID   string          // never the secret
	Sandbox *sandbox.Server // set for --sandbox
	close   func()
}

func (t *target) Close() {
	if t.close != nil {
		t.close()
	}
}

// connect builds the client and pacer for the chosen target.
func (f *targetFlags) connect(ctx context.Context, io *IOStreams, logger *slog.Logger, pacerOpts ...feishu.PacerOption) (*target, error) {
	if f.rateScale <= 0 {
		return nil, usageError(msg.RateScalePositive)
	}
	if f.appSecret != "" {
		fmt.Fprint(io.ErrOut, secretFlagWarning)
	}
	if f.secretStdin && (f.appSecret != "" || f.sandbox) {
		return nil, usageError(msg.SecretStdinCombined)
	}
	t := &target{}
	var creds feishu.Credentials
	var err error
	if f.sandbox {
		creds, err = f.startSandbox(io, t)
	} else {
		creds, err = f.tenant(io, t)
	}
	if err != nil {
		return nil, err
	}
	t.AppID = creds.AppID
	client := feishu.NewClient(
		feishu.WithBaseURL(t.BaseURL),
		feishu.WithCredentials(creds.AppID, creds.Secret()),
		feishu.WithIDTypes(feishu.UserIDTypeUserID, feishu.DepartmentIDTypeDepartmentID),
		feishu.WithTimeout(f.timeout),
		feishu.WithLogger(logger),
	)
	t.Pacer = feishu.NewPacer(append([]feishu.PacerOption{feishu.WithRateScale(f.rateScale), feishu.WithPacerLogger(logger)}, pacerOpts...)...)
	t.API = feishu.NewPaced(client, t.Pacer)
	return t, nil
}

// startSandbox starts the embedded sandbox (--sandbox) on a loopback port.
// Without --sandbox-state its tenant lives in memory: closing it says so
// (unless --quiet), so the next run's fresh tenant is no surprise.
func (f *targetFlags) startSandbox(io *IOStreams, t *target) (feishu.Credentials, error) {
	var none feishu.Credentials
	if f.baseURL != "" || f.domain != "" {
		return none, usageError(msg.SandboxCombined)
	}
	srv, err := sandbox.New(sandbox.Options{
		RateScale: f.rateScale, StatePath: f.sandboxState, SeedPath: f.sandboxSeed, SeedLoader: sheetSeedLoader,
		Directory: samplegen.Directory(), // the schema of a customised tenant, unless a state or seed file brings one
	})
	if err != nil {
		return none, err
	}
	url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		srv.Close()
		return none, err
	}
	t.Sandbox, t.BaseURL = srv, url
	t.close = func() {
		srv.Close()
		if f.sandboxState == "" && !io.Quiet {
			fmt.Fprintf(io.ErrOut, "注意 note: %s\n", msg.SandboxDiscarded)
		}
	}
	t.Desc = "本地沙箱 local sandbox (not Feishu) at " + url
	if f.sandboxState != "" {
		t.Desc += ", state in " + f.sandboxState
	}
	return feishu.NewCredentials(sandbox.DefaultAppID, sandbox.DefaultAppSecret), nil
}

// tenant finds the credentials and the base URL of a real (or served)
// tenant: flags first (--base-url, then --domain), then what the
// environment or the config file say, then Feishu.
func (f *targetFlags) tenant(io *IOStreams, t *target) (feishu.Credentials, error) {
	var none feishu.Credentials
	secret, secretSrc := f.appSecret, "flag"
	var err error
	if f.secretStdin {
		if secret, err = readSecret(io); err != nil {
			return none, err
		}
		secretSrc = "standard input"
	}
	creds, src, err := feishu.LoadCredentialsFrom(f.appID, secret, secretSrc, f.configPath, io.Getenv)
	if err != nil {
		return none, usageWrap(err, msg.CredentialsBad)
	}
	if !creds.Complete() {
		return none, usageError(msg.NoCredentials)
	}
	baseURL, domain := f.baseURL, f.domain
	switch {
	case baseURL != "":
	case domain == "" && creds.BaseURL != "":
		baseURL = creds.BaseURL
	default:
		if domain == "" {
			domain = io.Getenv(feishu.EnvDomain)
		}
		if domain == "" {
			domain = "feishu"
		}
		if baseURL, err = feishu.BaseURLFor(domain); err != nil {
			return none, &ExitError{Code: ExitUsage, Err: err}
		}
	}
	if err := checkTransport(baseURL); err != nil {
		return none, err
	}
	t.BaseURL = baseURL
	t.Desc = fmt.Sprintf("%s (app %s, credentials from %s)", baseURL, creds.AppID, src)
	return creds, nil
}

// reader reads the target tenant; progress, if set, follows its reads.
func (t *target) reader(progress func(done, total int)) *tenant.Reader {
	return &tenant.Reader{API: t.API, Progress: progress}
}

// sheetSeedLoader reads a sheet (the import format) as a sandbox seed. A
// seed must be valid: its errors are returned, naming file, row and column.
func sheetSeedLoader(path string, dir feishu.Directory) (sandbox.StateFile, error) {
	o, ps := org.Load([]org.Input{{Path: path}})
	ps = append(ps, validate.Validate(o)...)
	for _, p := range ps {
		if p.Severity == problem.Error {
			return sandbox.StateFile{}, errors.New(msg.SeedBad.F(path, p.Where()) + ": " + p.Text())
		}
	}
	// Titles and cities the schema lacks are created as Feishu does when a
	// user names one; every other unknown name is an error of the seed.
	seed, blocked := plan.Bodies(o, dir, plan.Options{CreateMissing: plan.CreateMissing{Titles: true, Cities: true}})
	for _, p := range blocked {
		if p.Severity == problem.Error {
			return sandbox.StateFile{}, errors.New(msg.SeedBad.F(path, p.Where()) + ": " + p.Text())
		}
	}
	f := sandbox.StateFile{Units: seed.Units, Departments: seed.Departments, Users: seed.Users}
	for _, g := range seed.Groups {
		f.Groups = append(f.Groups, sandbox.GroupState{GroupID: g.Group.GroupID, Name: g.Group.Name, Description: g.Group.Description,
			Type: feishu.GroupTypeNormal, Users: g.Members})
	}
	return f, nil
}

// checkTransport refuses a plain http:// base URL to a host that is not
// loopback: the app secret (in the token request), the tokens and every
// person's mobile and email would cross the network readable by anyone on
// the way. It applies to every command: reading sends the secret too.
func checkTransport(baseURL string) error {
	u, err := url.Parse(baseURL)
	if err != nil || u.Scheme != "http" || isLoopback(u.Hostname()) {
		return nil // the client reports malformed URLs
	}
	return usageError(msg.PlainHTTP, u.Host)
}

// isLoopback reports localhost, 127.0.0.0/8 and ::1.
func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return strings.EqualFold(host, "localhost") || (ip != nil && ip.IsLoopback())
}

// describe names the tenant before a write: its base URL, the app and the
// tenant's name when the app may read it (GET /tenant/v2/tenant/query needs
// tenant:tenant:readonly, which an app made for orgbatch may lack; then the
// name is unknown, not an error). "" for the embedded sandbox, which is
// never asked about; a sandbox served on a port is, like Feishu.
func (t *target) describe(ctx context.Context) string {
	if t.Sandbox != nil {
		return ""
	}
	var info *feishu.TenantInfo
	_, err := t.Pacer.Call(ctx, feishu.On(feishu.EPTenantQuery), func(ctx context.Context) error {
		var err error
		info, err = t.API.Tenant(ctx)
		return err
	})
	name := "名称未知 name unknown"
	switch {
	case err == nil && info.Name != "":
		name = fmt.Sprintf("%q", info.Name)
		if info.DisplayID != "" {
			name += " (" + info.DisplayID + ")"
		}
	case feishu.ErrorCode(err) == feishu.CodeNoScope.Num:
		name += " (the app may not read it: scope tenant:tenant:readonly)"
	}
	return fmt.Sprintf("%s, app_id %s, 租户 tenant %s", t.BaseURL, t.AppID, name)
}
