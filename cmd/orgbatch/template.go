package main

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"log/slog"
	"os"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"

	"github.com/orgbatch/orgbatch/templates"
	"github.com/spf13/cobra"
)

func init() { register(newTemplateCmd) }

// TemplateOptions are the parsed flags of `orgbatch template`.
type TemplateOptions struct {
	IO         *IOStreams
	Format     string
	OutDir     string
	Force      bool
	Leavers    bool
	FromTenant bool
	Target     targetFlags
}

func newTemplateCmd(io *IOStreams) *cobra.Command {
	opts := &TemplateOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "template",
		Short: "Write ready-to-fill templates / 生成导入模板",
		Long: `Template writes blank templates for departments and users: bilingual
(Chinese/English) headers, one example row (highlighted, its example_marker
column saying 示例行 EXAMPLE ROW: validate and import refuse any row that carries
that marker or equals the example, so delete it), an instructions sheet listing
every column with its rules, dropdowns for employee_type, gender and
create_group_chat, ID/mobile/employee_no columns formatted as text so Excel
keeps leading zeros, and a frozen header row.

With --format csv, departments.csv, users.csv and instructions.csv are
written (UTF-8 with a BOM, so Excel opens them correctly). A template that
already exists in --out is never replaced (it may have been filled in)
unless --force.

--leavers writes the leavers template of orgbatch offboard instead
(orgbatch-leavers-template.xlsx, or leavers.csv and leavers-instructions.csv):
who leaves (user_id, mobile or email), the acceptor of each kind of resource
and a default acceptor, the email processing (转移/保留/删除) and the
successor of the departments they lead.

With --from-tenant the template is made against a tenant, connecting as
import does (credentials, --base-url, --sandbox…): its dropdowns offer the
tenant's own employee types, job levels and families, job titles and work
cities, and each custom attribute gets a column (with its options as a
dropdown). A list longer than Excel's 255 characters gets no dropdown.

生成模板：写出部门和成员的空白导入模板——中英双语表头、一行示例（请删除，导入
会拒绝示例行）、列出每列规则的说明工作表、人员类型等列的下拉选项，ID、手机号、
工号列设为文本以保留前导零。--format csv 写出 CSV 文件；已存在的模板不会被
覆盖（除非 --force）。--leavers 改为生成离职模板；--from-tenant 按租户生成，
下拉选项使用租户自己的人员类型、职级、序列、职务、城市，每个自定义字段一列。`,
		Example: `  orgbatch template                      # ./orgbatch-template.xlsx
  orgbatch template --out ./hr --format csv
  orgbatch template --leavers --out ./hr  # ./hr/orgbatch-leavers-template.xlsx
  orgbatch template --from-tenant --out ./hr    # the tenant's own types, levels, attributes…
  orgbatch template --from-tenant --sandbox     # as the sample company's tenant has them`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !opts.FromTenant && (cmd.Flags().Changed("sandbox") || cmd.Flags().Changed("base-url") || cmd.Flags().Changed("domain")) {
				return usageError(msg.FromTenantNeeded)
			}
			if opts.FromTenant && opts.Leavers {
				return usageError(msg.FromTenantLeavers)
			}
			return runTemplate(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "xlsx", "xlsx or csv / xlsx 或 csv")
	cmd.Flags().StringVar(&opts.OutDir, "out", ".", "directory to write the templates into / 模板写入的目录")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace templates that already exist in --out (one HR may have filled in) / 覆盖 --out 中已存在的模板（可能已有 HR 填写过）")
	cmd.Flags().BoolVar(&opts.Leavers, "leavers", false, "write the leavers template (orgbatch offboard) instead / 改为生成离职模板（orgbatch offboard）")
	cmd.Flags().BoolVar(&opts.FromTenant, "from-tenant", false, "read the tenant's employee types, job levels, families, titles, cities and custom attributes into the template / 把租户的人员类型、职级、序列、职务、城市和自定义字段读入模板")
	opts.Target.register(cmd)
	return cmd
}

func runTemplate(ctx context.Context, opts *TemplateOptions) error {
	if opts.Format != "xlsx" && opts.Format != "csv" {
		return usageError(msg.FormatXLSXOrCSV, opts.Format)
	}
	write, names := templates.Write, templates.Names
	if opts.Leavers {
		write, names = templates.WriteLeavers, templates.LeaverNames
	}
	if !opts.Force {
		for _, p := range names(opts.OutDir, opts.Format) {
			if _, err := os.Stat(p); err == nil {
				return usageError(msg.TemplateExists, p)
			}
		}
	}
	var dir *feishu.Directory
	if opts.FromTenant {
		var err error
		if dir, err = tenantDirectory(ctx, opts); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return err
	}
	var paths []string
	var err error
	if dir != nil {
		paths, err = templates.WriteFor(opts.OutDir, opts.Format, dir)
	} else {
		paths, err = write(opts.OutDir, opts.Format)
	}
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintln(opts.IO.Out, p)
	}
	return nil
}

// tenantDirectory reads every list of the tenant's schema.
func tenantDirectory(ctx context.Context, opts *TemplateOptions) (*feishu.Directory, error) {
	tgt, err := opts.Target.connect(ctx, opts.IO, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	defer tgt.Close()
	if !opts.IO.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "目标 target: %s\n", tgt.Desc)
	}
	snap := tenant.New()
	if err := tgt.reader(nil).ReadDirectory(ctx, snap, tenant.AllLists); err != nil {
		if ctx.Err() != nil {
			return nil, interrupted(msg.InterruptedReading)
		}
		return nil, &ExitError{Code: ExitRowsFailed, Err: msg.TemplateSchema.Wrap(err)}
	}
	return &snap.Dir, nil
}
