package main

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"

	"github.com/orgbatch/orgbatch/internal/bench"
	"github.com/spf13/cobra"
)

// BenchIDsOptions are the flags of `orgbatch bench ids`.
type BenchIDsOptions struct {
	IO        *IOStreams
	Rows      int
	Found     float64
	RateScale float64
	Workers   int
}

func newBenchIDsCmd(io *IOStreams) *cobra.Command {
	opts := &BenchIDsOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "ids",
		Short: "orgbatch ids: calls vs the minimum, time vs the rate-limit bound / 用户ID查询基准",
		Long: `Seeds an in-process sandbox with --found of --rows people (limits scaled by
--rate-scale, the client's alike), looks all the rows up by email and
mobile as orgbatch ids does — input CSV, run folder, journal, mapping
sheets — and prints the calls against the minimum (⌈rows/50⌉ batch_get_id,
⌈found/50⌉ users/batch) and the time against the lower bound (the busier
endpoint's minimum calls in its documented windows).`,
		Example: `  orgbatch bench ids                        # 100,000 rows, limits ×10
  orgbatch bench ids --rows 10000 --rate-scale 1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Rows < 1 || opts.Found < 0 || opts.Found > 1 || opts.RateScale <= 0 || opts.Workers < 1 {
				return usageError(msg.BenchSizes, "--rows ≥ 1, --found in [0, 1], --rate-scale > 0, --workers ≥ 1")
			}
			res, err := bench.IDs(cmd.Context(), bench.IDsSpec{Rows: opts.Rows, Found: int(float64(opts.Rows) * opts.Found), RateScale: opts.RateScale, Workers: opts.Workers})
			if err != nil {
				return err
			}
			fmt.Fprint(opts.IO.Out, res)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Rows, "rows", 100000, "rows to look up")
	f.Float64Var(&opts.Found, "found", 0.9, "fraction of them in the tenant")
	f.Float64Var(&opts.RateScale, "rate-scale", 10, "documented limits × this, in the sandbox and the client")
	f.IntVar(&opts.Workers, "workers", 8, "batches in flight")
	return cmd
}
