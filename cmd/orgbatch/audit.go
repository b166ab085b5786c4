package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"github.com/orgbatch/orgbatch/internal/zone"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/audit"
	"github.com/orgbatch/orgbatch/audit/htmlpage"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/view"
	"github.com/spf13/cobra"
)

func init() { register(newAuditCmd) }

// AuditOptions are the parsed flags of `orgbatch audit`.
type AuditOptions struct {
	IO          *IOStreams
	Target      targetFlags
	Root        string
	Out         string
	Force       bool
	Since       string
	MaxDepth    int
	MaxChildren int
	Parallel    int
	Now         func() time.Time
	TZ          string // the zone of the page's time (--tz)
}

func newAuditCmd(io *IOStreams) *cobra.Command {
	opts := &AuditOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Write an HTML audit report: the org chart, findings, changes / 组织架构审计报告",
		Long: `Audit reads the tenant as export does (the whole tree in the fewest calls, plus
the root department for its name, and by ID the leaders and managers the tree
names but does not list, to tell the resigned) and writes one self-contained
HTML file — no network, nothing else to copy along — for HR and auditors:

  * the org chart as a collapsible tree: every department with its headcount
    (the distinct people in it and below), its leaders and its members, and a
    search over names and IDs;
  * the totals per level;
  * the findings: departments without a leader, leaders who resigned (or
    whose ID names nobody) or who are outside their department, users whose
    manager resigned, users without a manager, empty departments, users with
    the same name, mobile or email, very deep branches (more than --max-depth
    levels) and very wide ones (more than --max-children sub-departments);
  * with --since FILE, an earlier export (its .xlsx, or the directory of its
    CSV files), what changed: who joined, left, moved or was renamed, and the
    departments added, removed, moved or renamed.

It prints on paper too: the chart expanded, without the controls. Mobiles and
emails are masked. The file is readable by you only, written atomically, and
never replaces a file unless --force.

Exit status: 0 written (findings or not), 1 the tenant could not be read,
2 usage error or an unreadable --since file, 3 interrupted.

审计：像导出一样读取租户，写出一个独立的 HTML 文件（不联网、无外部资源），供
HR 和审计人员查看：可折叠的组织架构图（每个部门的人数、负责人和成员，可搜索）、
各层级合计，以及审计发现——没有负责人的部门、已离职或不在本部门的负责人、
没有上级或上级已离职的成员、空部门、重名和重复的手机号/邮箱、过深或过宽的分
支；加 --since 给出早先的导出时，还列出入职、离职、调动和改名。手机号和邮箱
已脱敏，文件仅本人可读。退出码：0 已写出，1 无法读取租户，2 用法错误，3 被中
断。`,
		Example: `  orgbatch audit --sandbox --sandbox-seed samples/company.xlsx   # try it on a local sandbox
  orgbatch audit                                    # reports/audit-<time>.html
  orgbatch audit --since audit/org-2026-10.xlsx     # what changed since last month's export
  orgbatch audit --root D100 --out tech-center.html # one department and everything under it`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runAudit(cmd.Context(), opts) },
	}
	opts.Target.register(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.Root, "root", "", "audit only this department (its custom department_id) and everything under it / 只审计此部门（自定义部门ID department_id）及其下属")
	f.StringVarP(&opts.Out, "out", "o", "", "the HTML file to write, or a directory for it (default reports/audit-<time>.html) / 要写入的 HTML 文件或其所在目录（默认 reports/audit-<时间>.html）")
	f.BoolVar(&opts.Force, "force", false, "replace an existing --out file / 覆盖已存在的 --out 文件")
	f.StringVar(&opts.Since, "since", "", "an earlier export to compare with: its .xlsx, or the directory of its CSV files / 用于对比的早先导出：其 .xlsx 文件，或其 CSV 文件所在目录")
	f.IntVar(&opts.MaxDepth, "max-depth", audit.DefaultMaxDepth, "a department deeper than this many levels is on a very deep branch (top-level departments are level 1) / 层级深于此数的部门视为过深的分支（一级部门为第 1 层）")
	f.IntVar(&opts.MaxChildren, "max-children", audit.DefaultMaxChildren, "a department with more direct sub-departments than this is a very wide branch / 直属子部门多于此数的部门视为过宽的分支")
	f.IntVar(&opts.Parallel, "parallel", tenant.DefaultParallel, "departments read at once (the rate limiters still pace the calls) / 同时读取的部门数（调用仍受限流控制）")
	f.StringVar(&opts.TZ, "tz", "", "time zone of the page's time, shown beside it (IANA name: Asia/Shanghai; default this machine's zone; Feishu has no tenant time-zone API) / 报告时间所用时区")
	return cmd
}

func runAudit(ctx context.Context, opts *AuditOptions) error {
	if opts.MaxDepth < 1 || opts.MaxChildren < 1 || opts.Parallel < 1 {
		return usageError(msg.AtLeastOne, "--max-depth, --max-children, --parallel")
	}
	tz, err := zone.Load(opts.TZ)
	if err != nil {
		return usageWrap(err, msg.TZBad)
	}
	out, err := auditDest(opts.Out, opts.Now(), opts.Force)
	if err != nil {
		return err
	}
	base, err := loadSince(opts.IO, opts.Since)
	if err != nil {
		return err
	}
	tgt, err := opts.Target.connect(ctx, opts.IO, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer tgt.Close()
	if !opts.IO.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "目标 target: %s\n", tgt.Desc)
	}
	start := time.Now()
	bar := newPhaseBar(opts.IO, 1, "读取 reading")
	reader := &tenant.Reader{API: tgt.API, Parallel: opts.Parallel}
	snap, err := reader.Walk(ctx, tenant.WalkOptions{Root: opts.Root, FetchRoot: true, Progress: walkBar(bar)})
	bar.Finish()
	if err == nil {
		err = reader.People(ctx, snap, tenant.PeopleRefs{IDs: audit.Referenced(snap)})
	}
	if err != nil {
		return walkError(ctx, err, opts.Root)
	}
	r := audit.Build(snap, base, audit.Options{MaxDepth: opts.MaxDepth, MaxChildren: opts.MaxChildren})
	meta := htmlpage.Meta{BaseURL: tgt.BaseURL, AppID: tgt.AppID, Version: version, Time: opts.Now(), Zone: tz, Root: opts.Root, Since: opts.Since}
	file, err := out.write(opts.IO, func(w io.Writer) error { return htmlpage.Write(w, r, meta) })
	if errors.Is(err, fs.ErrExist) {
		return usageWrap(err, msg.OutAppeared)
	}
	if err != nil {
		return msg.WritingAudit.Wrap(err)
	}
	view.AuditSummary(opts.IO.Out, r, snap, file, opts.Since, time.Since(start))
	return nil
}

// walkBar follows a walk on a bar: the departments whose members are
// listed, of those found so far (one more while the listing goes on, so
// the bar never completes early).
func walkBar(bar *phaseBar) func(tenant.WalkProgress) {
	return func(p tenant.WalkProgress) {
		total := p.Departments
		if !p.Listed {
			total++
		}
		bar.Set(p.Done, total)
	}
}

// auditFile is where the report goes: a file named with --out, or a name
// made up in a directory (reports/audit-<time>.html, -2, -3… when taken).
type auditFile struct {
	dir, file, name string
	force           bool
}

func auditDest(out string, now time.Time, force bool) (*auditFile, error) {
	d := &auditFile{dir: "reports", name: "audit-" + now.Format("20060102-150405"), force: force}
	switch {
	case out != "" && isExistingDir(out):
		d.dir = out
	case out != "":
		if ext := strings.ToLower(filepath.Ext(out)); ext != ".html" && ext != ".htm" {
			return nil, usageError(msg.OutNotHTML, out)
		}
		d.dir, d.file = filepath.Dir(out), out
		if _, err := os.Lstat(out); err == nil && !force {
			return nil, usageError(msg.OutExists, out)
		}
	}
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	return d, nil
}

// write writes the report owner-only and atomically, and returns its path.
func (d *auditFile) write(ios *IOStreams, render func(io.Writer) error) (string, error) {
	removeStale(ios, d.dir)
	if d.file != "" {
		if d.force {
			return d.file, atomicfile.Write(d.file, atomicfile.Private, render)
		}
		return d.file, atomicfile.WriteNew(d.file, atomicfile.Private, render)
	}
	for i := 1; ; i++ {
		name := d.name
		if i > 1 {
			name = fmt.Sprintf("%s-%d", name, i)
		}
		p := filepath.Join(d.dir, name+".html")
		if err := atomicfile.WriteNew(p, atomicfile.Private, render); !errors.Is(err, fs.ErrExist) {
			return p, err
		}
	}
}

// loadSince reads the earlier export of --since (before the tenant is
// read: an unreadable one is exit 2): an .xlsx or .csv file, or the
// directory of an export's CSV files (departments.csv, users.csv).
func loadSince(ios *IOStreams, path string) (*audit.Baseline, error) {
	if path == "" {
		return nil, nil
	}
	in := []org.Input{{Path: path}}
	if isExistingDir(path) {
		in = nil
		for _, f := range []org.Input{{Path: "departments.csv", Kind: org.KindDepartments}, {Path: "users.csv", Kind: org.KindUsers}} {
			if f.Path = filepath.Join(path, f.Path); fileExists(f.Path) {
				in = append(in, f)
			}
		}
		if len(in) == 0 {
			return nil, usageError(msg.SinceNotExport, path)
		}
	}
	o, ps := org.Load(in)
	if problem.Unreadable(ps) || problem.HasErrors(ps) {
		fmt.Fprintf(ios.ErrOut, "--since %s:\n", path)
		view.Problems(ios.ErrOut, ps)
		return nil, &ExitError{Code: ExitUsage}
	}
	return audit.BaselineOf(o), nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
