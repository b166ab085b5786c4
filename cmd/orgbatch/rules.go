package main

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"

	"github.com/orgbatch/orgbatch/problem"
	"github.com/spf13/cobra"
)

func init() { register(newRulesCmd) }

func newRulesCmd(io *IOStreams) *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the validation rules / 列出校验规则",
		Long: `Rules lists every rule orgbatch checks, with its stable code (as used in
reports and --format json), severity, the column it is about, and the
Feishu error code it prevents.

校验规则：列出 orgbatch 检查的每条规则，包括稳定的规则码（报告和 --format
json 中使用）、严重程度、所涉及的列，以及它所预防的飞书错误码。`,
		Example: `  orgbatch rules
  orgbatch rules --markdown > rules.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if markdown {
				problem.WriteMarkdown(io.Out)
				return nil
			}
			for _, r := range problem.Rules {
				fmt.Fprintf(io.Out, "%-28s %-8s %-10s %-20s %s\n", r.Code, r.Severity, r.Entity, r.Field, msg.Join(r.ZH, r.EN))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print a Markdown table / 输出 Markdown 表格")
	return cmd
}
