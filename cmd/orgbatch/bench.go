package main

import (
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"
	"os"

	"github.com/orgbatch/orgbatch/internal/bench"
	"github.com/spf13/cobra"
)

func init() { register(newBenchCmd) }

func newBenchCmd(io *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure orgbatch against its lower bounds / 性能基准（开发者用）",
		Long: `Bench runs orgbatch's performance measurements and prints each as a ratio
against a lower bound. The inputs are generated, deterministic orgs; nothing
leaves this machine (import and export run against an in-process sandbox).`,
	}
	cmd.AddCommand(newBenchValidateCmd(io))
	cmd.AddCommand(newBenchImportCmd(io))
	cmd.AddCommand(newBenchExportCmd(io))
	cmd.AddCommand(newBenchIDsCmd(io))
	return cmd
}

// BenchValidateOptions are the flags of `orgbatch bench validate`.
type BenchValidateOptions struct {
	IO    *IOStreams
	Users int
	Reps  int
	Dir   string
}

func newBenchValidateCmd(io *IOStreams) *cobra.Command {
	opts := &BenchValidateOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Offline validation vs a bare excelize streaming read / 离线校验基准",
		Long: `Generates a workbook of --users users (and a tenth of that), then times
"orgbatch validate" on it — the command a user runs, its report included —
against a bare excelize streaming read of the same file (best of --reps,
interleaved), and reports the ratio (target ≤ 1.3 for the large workbook,
≤ 2 for the small one), the peak resident memory of the runs (target
≤ 150 MB) and how the time grows with 10× the rows (target ≤ 11×).`,
		Example: `  orgbatch bench validate
  orgbatch bench validate --users 20000 --reps 5`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runBenchValidate(opts) },
	}
	cmd.Flags().IntVar(&opts.Users, "users", 100000, "users in the large workbook")
	cmd.Flags().IntVar(&opts.Reps, "reps", 3, "repetitions (best is kept)")
	cmd.Flags().StringVar(&opts.Dir, "dir", "", "where to keep generated workbooks (default: a temp dir)")
	return cmd
}

func runBenchValidate(opts *BenchValidateOptions) error {
	if opts.Users < 10 || opts.Reps < 1 {
		return usageError(msg.BenchSizes, "--users ≥ 10, --reps ≥ 1")
	}
	dir := opts.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "orgbatch-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	small, err := bench.Validate(dir, opts.Users/10, opts.Reps, validateCommand)
	if err != nil {
		return err
	}
	large, err := bench.Validate(dir, opts.Users, opts.Reps, validateCommand)
	if err != nil {
		return err
	}
	out := opts.IO.Out
	fmt.Fprintf(out, "small: %v\nlarge: %v\n\n", small, large)
	fmt.Fprintf(out, "validate / bare read      %.2f×   (target ≤ 1.30)\n", large.Ratio)
	fmt.Fprintf(out, "  at %d users           %.2f×   (target ≤ 2)\n", small.Users, small.Ratio)
	fmt.Fprintf(out, "peak RSS                  %.0f MB  (target ≤ 150)\n", float64(large.PeakRSS)/1e6)
	fmt.Fprintf(out, "10× rows costs            %.1f×   (target ≤ 11; bare read: %.1f×)\n",
		float64(large.Validate)/float64(small.Validate), float64(large.Bare)/float64(small.Bare))
	return nil
}

// validateCommand runs `orgbatch validate WORKBOOK --report DIR` as a user
// would, quietly; exit status 0 or 1 (problems found) both count as run.
func validateCommand(workbook, reportDir string) error {
	streams := &IOStreams{In: &emptyReader{}, Out: io.Discard, ErrOut: io.Discard}
	code := Main(context.Background(), []string{"validate", workbook, "--report", reportDir, "--quiet"}, streams)
	if code != ExitOK && code != ExitRowsFailed {
		return msg.BenchExited.Err("validate", code)
	}
	return nil
}
