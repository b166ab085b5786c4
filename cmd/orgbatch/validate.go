package main

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"time"

	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/view"
	"github.com/spf13/cobra"
)

func init() { register(newValidateCmd) }

// ValidateOptions are the parsed flags of `orgbatch validate`.
type ValidateOptions struct {
	IO        *IOStreams
	Files     []string
	Inputs    inputFlags
	Format    string
	ReportDir string
	NoReport  bool
	Leavers   bool
	Now       func() time.Time
}

func newValidateCmd(io *IOStreams) *cobra.Command {
	opts := &ValidateOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check sheets offline against the Contact v3 rules / 离线校验表格",
		Long: `Validate reads departments and users from an .xlsx workbook or CSV files and
checks them against the rules the Feishu Contact v3 API enforces, without any
network access. Every problem is reported at once with its file, sheet, row
and column, and a copy of the input with the problem cells highlighted is
written to the report directory.

With --leavers it checks leavers sheets (orgbatch offboard) instead.

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error
or unreadable input.

离线校验：读取 .xlsx 工作簿或 CSV 文件中的部门和成员，按飞书通讯录 v3 API 的
规则检查，不联网。所有问题一次列出，注明文件、工作表、行和列，并把标出问题单
元格的副本写入报告目录。加 --leavers 时改为校验离职表。退出码：0 没有错误（
可以有警告），1 发现错误，2 用法错误或输入无法读取。`,
		Example: `  orgbatch validate samples/company.xlsx
  orgbatch validate departments.csv users.csv
  orgbatch validate --users hr-export.csv --departments depts.csv
  orgbatch validate company.xlsx --format json | jq '.problems[] | select(.severity=="error")'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runValidate(opts)
		},
	}
	opts.Inputs.register(cmd)
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json / 输出格式：text 或 json")
	cmd.Flags().StringVar(&opts.ReportDir, "report", "reports", "directory for the validation report / 校验报告所在目录")
	cmd.Flags().BoolVar(&opts.NoReport, "no-report", false, "do not write a validation report file / 不写校验报告文件")
	cmd.Flags().BoolVar(&opts.Leavers, "leavers", false, "the files are leavers sheets (orgbatch offboard) / 这些文件是离职表（orgbatch offboard）")
	return cmd
}

func runValidate(opts *ValidateOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return usageError(msg.FormatTextOrJSON, opts.Format)
	}
	load := opts.Inputs.load
	if opts.Leavers {
		load = loadLeaverFiles
	}
	o, ps, err := load(opts.Files)
	if err != nil {
		return err
	}
	printMapping(opts.IO, o)

	if opts.Format == "json" {
		if err := report.WriteProblemsJSON(opts.IO.Out, ps); err != nil {
			return err
		}
	} else {
		if opts.Leavers {
			fmt.Fprintf(opts.IO.Out, "%d 行 leavers rows\n", len(o.Leavers))
		} else {
			fmt.Fprintf(opts.IO.Out, "%d 个部门 departments, %d 个成员 users%s\n", len(o.Departments), len(o.Users), view.UnitsNote(len(o.Units))+view.GroupsNote(len(o.Groups), len(o.Memberships)))
		}
		view.Problems(opts.IO.Out, ps)
	}
	if !opts.NoReport && len(o.Tables) > 0 {
		if err := ensureReportDir(opts.ReportDir); err != nil {
			return err
		}
		removeStale(opts.IO, opts.ReportDir)
		path, err := report.WriteValidation(opts.ReportDir, o, ps, opts.Now())
		if err != nil {
			return msg.WritingValidation.Wrap(err)
		}
		if !opts.IO.Quiet {
			fmt.Fprintf(opts.IO.ErrOut, "校验报告 validation report: %s\n", path)
		}
	}
	if problem.Unreadable(ps) {
		return &ExitError{Code: ExitUsage}
	}
	if problem.HasErrors(ps) {
		return &ExitError{Code: ExitRowsFailed}
	}
	return nil
}
