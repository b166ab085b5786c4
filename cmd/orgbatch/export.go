package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io/fs"
	"log/slog"
	"time"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/zone"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/view"
	"github.com/spf13/cobra"
)

func init() { register(newExportCmd) }

// ExportOptions are the parsed flags of `orgbatch export`.
type ExportOptions struct {
	IO       *IOStreams
	Target   targetFlags
	Root     string
	Format   string
	Out      string
	Parallel int
	NoBOM    bool
	Force    bool
	Now      func() time.Time
	// Resigned users (export_resigned.go).
	IncludeResigned bool
	ResignedLists   []string
	ReportDir       string
	// TZ is the zone of the metadata's times (--tz).
	TZ string
}

func newExportCmd(io *IOStreams) *cobra.Command {
	opts := &ExportOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the tenant's departments and users in the import format / 导出组织架构",
		Long: `Export reads every department (GET children with fetch_child, 50 a page) and
every department's direct members (find_by_department, 50 a page) through the
same rate limiters and retries as import, and writes them in the import
template's format: importing an export into an empty tenant and exporting
again gives the same departments and users.

After the template's columns come read-only ones: open_department_id / open_id,
the full path (总部/技术部/前端组), depth, member_count and the user's status
(active, inactive = not yet activated, frozen, unjoined). Resigned users are
not listed by find_by_department and are not exported — unless
--include-resigned: then those the API can name are read one by one (GET
answers a resigned user) and written on a sheet of their own (已离职成员
resigned, resigned.csv; import skips it): the users the tenant still names
as a leader, those deleted by offboarding runs in --report, and those of
--resigned-list sheets (leavers format: user_id, mobile or email). The workbook also has a
tree sheet and a metadata sheet (base URL, app_id, time, version, counts, API
calls against the minimum, SHA-256 of the content); its times are in --tz
(default this machine's zone: Contact v3 has no tenant time-zone API), with
the zone's name beside them: 2026-12-02 17:30:00 (Asia/Shanghai). In xlsx
every cell is a string cell, never a formula, so +8613800000000 shows as it
is; in CSV, cells starting with = + - @ are escaped with an apostrophe
against formula injection. Import reads both back unchanged.

--format xlsx (default) writes one workbook; --format csv writes
departments.csv, users.csv, tree.csv and metadata.csv (UTF-8 with a BOM, so
Excel opens them correctly) into the --out directory. Files are readable by
the owner only and written atomically: an interrupted export leaves no file.
An export never replaces a file: the default name gets a -2, -3… suffix when
taken, and an existing --out file (or export files in an existing --out
directory) is refused unless --force.

For an HTML page with the org chart, the findings and what changed since an
earlier export (for an audit), see orgbatch audit.

Exit status: 0 exported, 1 the tenant could not be read (nothing written),
2 usage error, 3 interrupted (nothing written).

导出：用与导入相同的限流和重试读取每个部门及其直属成员，按导入模板的格式写出：
把导出导入空租户再导出，部门和成员完全相同。模板列之后是只读列（open_id、
完整路径、层级、人数、成员状态）；加 --include-resigned 时，能查到的离职成员
写在单独的工作表。--format xlsx（默认）写一个工作簿，--format csv 写一组 CSV
文件；文件仅本人可读，原子写入，从不覆盖已有文件（除非 --force）。HTML 组织
架构审计报告请用 orgbatch audit。退出码：0 已导出，1 无法读取租户，2 用法错
误，3 被中断。`,
		Example: `  orgbatch export --sandbox --sandbox-seed samples/company.xlsx   # try it on a local sandbox
  orgbatch export                                   # reports/export-<time>.xlsx
  orgbatch export --out audit/org-2026-11.xlsx
  orgbatch export --format csv --out audit/org-2026-11
  orgbatch export --root D100 --out tech-center.xlsx  # one department and everything under it`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExport(cmd.Context(), opts) },
	}
	opts.Target.register(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.Root, "root", "", "export only this department (its custom department_id) and everything under it / 只导出此部门（自定义部门ID department_id）及其下属")
	f.StringVar(&opts.Format, "format", "xlsx", "xlsx or csv (an HTML report: orgbatch audit) / xlsx 或 csv（HTML 报告请用 orgbatch audit）")
	f.StringVarP(&opts.Out, "out", "o", "", "output file (xlsx) or directory (csv) (default reports/export-<time>) / 输出文件（xlsx）或目录（csv）（默认 reports/export-<时间>）")
	f.IntVar(&opts.Parallel, "parallel", tenant.DefaultParallel, "departments read at once (the rate limiters still pace the calls) / 同时读取的部门数（调用仍受限流控制）")
	f.BoolVar(&opts.NoBOM, "no-bom", false, "csv: no UTF-8 byte-order mark / csv：不写 UTF-8 BOM")
	f.BoolVar(&opts.Force, "force", false, "replace an existing --out file (xlsx), or the export files in an existing --out directory (csv) / 覆盖已存在的 --out 文件（xlsx），或已存在的 --out 目录中的导出文件（csv）")
	f.BoolVar(&opts.IncludeResigned, "include-resigned", false, "also export the resigned users the API can name (see above), on a sheet of their own / 同时导出 API 能查到的离职成员（见上文），放在单独的工作表")
	f.StringArrayVar(&opts.ResignedLists, "resigned-list", nil, "with --include-resigned: a sheet of people (user_id, mobile or email) to look for among the resigned / 与 --include-resigned 一起：要在离职成员中查找的人员表（user_id、手机号或邮箱）")
	f.StringVar(&opts.ReportDir, "report", "reports", "with --include-resigned: where offboarding runs are (their offboarding.json) / 与 --include-resigned 一起：离职运行所在目录（其中的 offboarding.json）")
	f.StringVar(&opts.TZ, "tz", "", "time zone of the metadata's times, shown beside them (IANA name: Asia/Shanghai; default this machine's zone; Feishu has no tenant time-zone API) / 元数据时间所用时区")
	return cmd
}

func runExport(ctx context.Context, opts *ExportOptions) error {
	if opts.Format == "html" {
		return usageError(msg.FormatHTMLIsAudit)
	}
	if opts.Format != "xlsx" && opts.Format != "csv" {
		return usageError(msg.FormatXLSXOrCSV, opts.Format)
	}
	if opts.Parallel < 1 {
		return usageError(msg.AtLeastOne, "--parallel")
	}
	tz, err := zone.Load(opts.TZ)
	if err != nil {
		return usageWrap(err, msg.TZBad)
	}
	dest, err := exportDest(opts.Out, opts.Format, opts.Now(), opts.Force)
	if err != nil {
		return err
	}
	lists, err := resignedLists(opts)
	if err != nil {
		return err
	}
	io := opts.IO
	tgt, err := opts.Target.connect(ctx, io, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer tgt.Close()
	if !io.Quiet {
		fmt.Fprintf(io.ErrOut, "目标 target: %s\n", tgt.Desc)
	}

	start := time.Now()
	bar := newPhaseBar(io, 1, "导出 exporting")
	reader := &tenant.Reader{API: tgt.API, Parallel: opts.Parallel}
	snap, err := reader.Walk(ctx, tenant.WalkOptions{
		Units:    true,
		Root:     opts.Root,
		Progress: walkBar(bar),
	})
	bar.Finish()
	if err == nil {
		err = exportGroups(ctx, io, reader, snap, opts.Root)
	}
	if err == nil && opts.IncludeResigned {
		err = readResigned(ctx, reader, snap, opts.ReportDir, lists)
	}
	if err != nil {
		return walkError(ctx, err, opts.Root)
	}
	elapsed := time.Since(start)

	meta := exporter.Meta{BaseURL: tgt.BaseURL, AppID: tgt.AppID, Version: version, Time: opts.Now(), Zone: tz, IncludeResigned: opts.IncludeResigned}
	files, err := dest.write(io, snap, meta, !opts.NoBOM)
	if errors.Is(err, fs.ErrExist) {
		return usageWrap(err, msg.OutAppeared)
	}
	if err != nil {
		return msg.WritingExport.Wrap(err)
	}
	view.ExportSummary(io.Out, snap, files, elapsed)
	return nil
}

// walkError maps a failed walk to an exit code: interrupted (3), an
// unknown --root (2), or the tenant could not be read (1).
func walkError(ctx context.Context, err error, root string) error {
	switch {
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		return interrupted(msg.InterruptedReading)
	case root != "" && feishu.ErrorCode(err) == feishu.CodeDeptNotExist.Num:
		return usageWrap(err, msg.RootUnknown, root)
	}
	return &ExitError{Code: ExitRowsFailed, Err: msg.ReadingTenant.Wrap(err)}
}
