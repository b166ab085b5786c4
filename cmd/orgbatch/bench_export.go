package main

import (
	"fmt"
	"time"

	"github.com/orgbatch/orgbatch/internal/bench"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/spf13/cobra"
)

// BenchExportOptions are the flags of `orgbatch bench export`.
type BenchExportOptions struct {
	IO          *IOStreams
	Departments int
	Users       int
	Depth       int
	MultiDept   float64
	RateScale   float64
	Latency     time.Duration
	Jitter      time.Duration
	Parallel    int
}

func newBenchExportCmd(io *IOStreams) *cobra.Command {
	opts := &BenchExportOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export calls vs the minimum, and time vs the rate-limit bound",
		Long: `Generates an org (a skewed department tree, its users, a fraction of them in
two departments), seeds it into an in-process sandbox with latency and the
documented rate limits scaled by --rate-scale (the client's limiters are
scaled alike), exports it, and prints the calls made per endpoint against the
minimum the data allows (ceil(departments/50) children pages, and per
department and the root ceil(direct users/50) find_by_department pages,
computed from the generated org) and the time against the lower bound (the
busiest endpoint's minimum calls at its documented rate).`,
		Example: `  orgbatch bench export                          # 1,000 departments, 10,000 users, limits ×20
  orgbatch bench export --users 2000 --departments 200 --latency 20ms`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Departments < 1 || opts.Users < 0 || opts.RateScale <= 0 || opts.Parallel < 1 {
				return usageError("--departments and --parallel must be ≥ 1, --users ≥ 0, --rate-scale > 0")
			}
			res, err := bench.Export(cmd.Context(), bench.ExportSpec{
				Org:       samplegen.Spec{Departments: opts.Departments, Depth: opts.Depth, Users: opts.Users, WithLeader: 0.2, Seed: 42},
				MultiDept: opts.MultiDept, RateScale: opts.RateScale, Latency: opts.Latency, Jitter: opts.Jitter, Parallel: opts.Parallel,
			})
			if err != nil {
				return err
			}
			fmt.Fprint(opts.IO.Out, res)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Departments, "departments", 1000, "departments in the generated org")
	f.IntVar(&opts.Users, "users", 10000, "users in the generated org")
	f.IntVar(&opts.Depth, "depth", 10, "depth of the department tree")
	f.Float64Var(&opts.MultiDept, "multi-dept", 0.1, "fraction of users also in a second department")
	f.Float64Var(&opts.RateScale, "rate-scale", 20, "divide the rate-limit windows by this factor (sandbox and client alike)")
	f.DurationVar(&opts.Latency, "latency", 5*time.Millisecond, "sandbox latency per request")
	f.DurationVar(&opts.Jitter, "jitter", 0, "plus uniform random jitter up to this")
	f.IntVar(&opts.Parallel, "parallel", 16, "departments read at once")
	return cmd
}
