package main

import (
	"fmt"
	"os"

	"github.com/orgbatch/orgbatch/templates"
	"github.com/spf13/cobra"
)

func init() { register(newTemplateCmd) }

// TemplateOptions are the parsed flags of `orgbatch template`.
type TemplateOptions struct {
	IO     *IOStreams
	Format string
	OutDir string
	Force  bool
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
unless --force.`,
		Example: `  orgbatch template                      # ./orgbatch-template.xlsx
  orgbatch template --out ./hr --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runTemplate(opts) },
	}
	cmd.Flags().StringVar(&opts.Format, "format", "xlsx", "xlsx or csv")
	cmd.Flags().StringVar(&opts.OutDir, "out", ".", "directory to write the templates into")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace templates that already exist in --out (one HR may have filled in)")
	return cmd
}

func runTemplate(opts *TemplateOptions) error {
	if opts.Format != "xlsx" && opts.Format != "csv" {
		return usageError("--format must be xlsx or csv, not %q", opts.Format)
	}
	if !opts.Force {
		for _, p := range templates.Names(opts.OutDir, opts.Format) {
			if _, err := os.Stat(p); err == nil {
				return usageError("%s exists (perhaps filled in already); nothing was written: choose another --out, or replace it with --force / 文件已存在（可能已经填写），未写入任何文件：请换一个 --out 目录，或用 --force 覆盖", p)
			}
		}
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return err
	}
	paths, err := templates.Write(opts.OutDir, opts.Format)
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintln(opts.IO.Out, p)
	}
	return nil
}
