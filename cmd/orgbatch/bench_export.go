package main

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"time"

	"github.com/orgbatch/orgbatch/internal/bench"
	"github.com/spf13/cobra"
)

// BenchExportOptions are the flags of `orgbatch bench export`.
type BenchExportOptions struct {
	IO *IOStreams
	benchOrgFlags
	MultiDept float64
	Parallel  int
}

func newBenchExportCmd(io *IOStreams) *cobra.Command {
	opts := &BenchExportOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export calls vs the minimum, and time vs the rate-limit bound / 导出基准",
		Long: `Generates an org (a skewed department tree, its users, a fraction of them in
two departments), seeds it into an in-process sandbox with latency and the
documented rate limits scaled by --rate-scale (the client's limiters are
scaled alike), exports it, and prints the calls made per endpoint against the
minimum the data allows (ceil(departments/50) children pages, and per
department and the root ceil(direct users/50) find_by_department pages,
computed from the generated org) and the time against the lower bound (the
busiest endpoint's minimum calls under window semantics — at most Count
calls in any interval of Per — and the longest chain of pages read one
after another, × latency).`,
		Example: `  orgbatch bench export                          # 1,000 departments, 10,000 users, limits ×20
  orgbatch bench export --users 2000 --departments 200 --latency 20ms`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.check(); err != nil {
				return err
			}
			if opts.Parallel < 1 {
				return usageError(msg.AtLeastOne, "--parallel")
			}
			res, err := bench.Export(cmd.Context(), bench.ExportSpec{
				Org:       opts.spec(0.2),
				MultiDept: opts.MultiDept, RateScale: opts.RateScale, Latency: opts.Latency, Jitter: opts.Jitter, Parallel: opts.Parallel,
			})
			if err != nil {
				return err
			}
			fmt.Fprint(opts.IO.Out, res)
			return nil
		},
	}
	opts.benchOrgFlags.register(cmd, 5*time.Millisecond, 0)
	f := cmd.Flags()
	f.IntVar(&opts.Users, "users", 10000, "users in the generated org")
	f.Float64Var(&opts.MultiDept, "multi-dept", 0.1, "fraction of users also in a second department")
	f.IntVar(&opts.Parallel, "parallel", 16, "departments read at once")
	return cmd
}
