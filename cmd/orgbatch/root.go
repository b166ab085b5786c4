package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// version is stamped at build time with -ldflags "-X main.version=...".
var version = "dev"

// newRootCmd builds the command tree. Each subcommand file contributes one
// newXxxCmd(io) constructor.
func newRootCmd(io *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "orgbatch",
		Short: "Move an org chart between HR spreadsheets and Feishu (Lark) Contact v3 / 在 HR 表格与飞书通讯录之间导入导出组织架构",
		Long: `orgbatch imports departments and users from Excel/CSV sheets into a Feishu
(Lark) tenant through the Contact v3 OpenAPI, and exports a tenant back into
the same sheet format.

通过飞书（Lark）通讯录 v3 开放接口，orgbatch 在 HR 表格（Excel/CSV）与飞书租
户之间批量导入、导出组织架构：生成模板、离线校验、对比、导入、导出、审计、批
量离职与恢复。先用 --sandbox 在本地沙箱演练，再连接真实租户。`,
		Example: `  orgbatch template --out ./my-org            # write blank templates
  orgbatch validate my-org.xlsx                # check a sheet offline
  orgbatch import samples/company.xlsx --sandbox   # rehearse on a local sandbox`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().BoolVarP(&io.Quiet, "quiet", "q", false, "no progress bars or chatter on stderr / 标准错误上不显示进度条和提示")
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &ExitError{Code: ExitUsage, Err: err}
	})
	for _, add := range subcommands {
		root.AddCommand(add(io))
	}
	bilingualHelpFlags(root)
	return root
}

// bilingualHelpFlags gives every command's --help (and the root's
// --version) a usage in both languages; cobra's own say it in English.
func bilingualHelpFlags(c *cobra.Command) {
	c.InitDefaultHelpFlag()
	c.Flags().Lookup("help").Usage = "help for " + c.Name() + " / 显示帮助"
	if c.Version != "" {
		c.InitDefaultVersionFlag()
		c.Flags().Lookup("version").Usage = "version of " + c.Name() + " / 显示版本"
	}
	for _, sub := range c.Commands() {
		bilingualHelpFlags(sub)
	}
}

// subcommands is filled by each command file's init, keeping root.go free of
// the list of commands.
var subcommands []func(*IOStreams) *cobra.Command

func register(f func(*IOStreams) *cobra.Command) { subcommands = append(subcommands, f) }

// Main runs orgbatch with args and returns the exit code.
func Main(ctx context.Context, args []string, io *IOStreams) int {
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	code := exitCodeOf(err)
	var ee *ExitError
	if err != nil && !(errors.As(err, &ee) && ee.Err == nil) {
		fmt.Fprintf(io.ErrOut, "orgbatch: %v\n", err)
	}
	return code
}
