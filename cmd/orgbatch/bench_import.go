package main

import (
	"fmt"
	"os"
	"time"

	"github.com/orgbatch/orgbatch/internal/bench"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/spf13/cobra"
)

// BenchImportOptions are the flags of `orgbatch bench import`.
type BenchImportOptions struct {
	IO          *IOStreams
	Departments int
	Users       int
	Depth       int
	WithLeader  float64
	RateScale   float64
	Latency     time.Duration
	Jitter      time.Duration
	Workers     int
	NoBaseline  bool
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
			dir, err := os.MkdirTemp("", "orgbatch-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			res, err := bench.Import(cmd.Context(), bench.ImportSpec{
				Org:       samplegen.Spec{Departments: opts.Departments, Depth: opts.Depth, Users: opts.Users, WithLeader: opts.WithLeader, Seed: 42},
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
	f := cmd.Flags()
	f.IntVar(&opts.Departments, "departments", 1000, "departments in the generated org")
	f.IntVar(&opts.Users, "users", 10000, "users in the generated org")
	f.IntVar(&opts.Depth, "depth", 10, "depth of the department tree")
	f.Float64Var(&opts.WithLeader, "with-leader", 0.2, "fraction of users with a direct manager")
	f.Float64Var(&opts.RateScale, "rate-scale", 20, "divide the rate-limit windows by this factor (sandbox and client alike)")
	f.DurationVar(&opts.Latency, "latency", 20*time.Millisecond, "sandbox latency per request")
	f.DurationVar(&opts.Jitter, "jitter", 10*time.Millisecond, "plus uniform random jitter up to this")
	f.IntVar(&opts.Workers, "workers", 32, "import workers")
	f.BoolVar(&opts.NoBaseline, "no-baseline", false, "skip the level-by-level baseline")
	return cmd
}
