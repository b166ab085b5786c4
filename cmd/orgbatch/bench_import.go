package main

import (
	"fmt"
	"os"
	"time"

	"github.com/orgbatch/orgbatch/internal/bench"
	"github.com/spf13/cobra"
)

// BenchImportOptions are the flags of `orgbatch bench import`.
type BenchImportOptions struct {
	IO *IOStreams
	benchOrgFlags
	WithLeader float64
	Workers    int
	NoBaseline bool
}

func newBenchImportCmd(io *IOStreams) *cobra.Command {
	opts := &BenchImportOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import makespan vs the rate-limit lower bound",
		Long: `Generates an org (a skewed department tree and its users, a fraction with
managers), imports it into an in-process sandbox with latency and the
documented rate limits scaled by --rate-scale (the client's limiters are
scaled alike), and prints the makespan, the lower bound (the busiest
endpoint's calls / rate, and the critical path), their ratio (target ≤ 1.10),
the 429 count (target ≤ 0.5% of calls), and the same import done level by
level with one department at a time as the baseline.`,
		Example: `  orgbatch bench import                                   # 1,000 depts, 10,000 users, limits ×20
  orgbatch bench import --users 2000 --departments 200 --no-baseline`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.check(); err != nil {
				return err
			}
			if opts.Workers < 1 {
				return usageError("--workers must be ≥ 1")
			}
			dir, err := os.MkdirTemp("", "orgbatch-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			res, err := bench.Import(cmd.Context(), bench.ImportSpec{
				Org:       opts.spec(opts.WithLeader),
				RateScale: opts.RateScale, Latency: opts.Latency, Jitter: opts.Jitter, Workers: opts.Workers,
				Baseline: !opts.NoBaseline, Dir: dir,
			})
			if err != nil {
				return err
			}
			fmt.Fprint(opts.IO.Out, res)
			return nil
		},
	}
	opts.benchOrgFlags.register(cmd, 20*time.Millisecond, 10*time.Millisecond)
	f := cmd.Flags()
	f.Float64Var(&opts.WithLeader, "with-leader", 0.2, "fraction of users with a direct manager")
	f.IntVar(&opts.Workers, "workers", 32, "import workers")
	f.BoolVar(&opts.NoBaseline, "no-baseline", false, "skip the level-by-level baseline")
	return cmd
}
