package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/bench"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/spf13/cobra"
)

// BenchImportOptions are the flags of `orgbatch bench import`.
type BenchImportOptions struct {
	IO *IOStreams
	benchOrgFlags
	Sizes      []int // users per run; departments = Departments, or a tenth of the users
	WithLeader float64
	Workers    int
	NoBaseline bool
}

func newBenchImportCmd(io *IOStreams) *cobra.Command {
	opts := &BenchImportOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import makespan vs the rate-limit lower bound / 导入基准",
		Long: `Generates an org (a skewed department tree and its users, a fraction with
managers) as a workbook, runs "orgbatch import" on it — the command a user
runs, report included — against an in-process sandbox with latency and the
documented rate limits scaled by --rate-scale, counted as sliding windows
(the strictest reading), and prints the execution makespan against the
lower bound: the busiest endpoint's writes under window semantics (at most
Count calls in any interval of Per; the first Count go at once) and the
critical path (the longest dependency chain × latency). Targets: ratio
≤ 1.15, no 429s. The baseline is the same import done the tutorial's way —
departments parent first, then users, then leader patches, one call at a
time.

--users takes a list: one run per size, with --departments departments
(default a tenth of the users).`,
		Example: `  orgbatch bench import                                   # 1,000 depts, 10,000 users, limits ×20
  orgbatch bench import --users 100,900,2000 --rate-scale 1 --latency 150ms --jitter 0
  orgbatch bench import --users 2000 --departments 200 --no-baseline`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.check(); err != nil {
				return err
			}
			if opts.Workers < 1 {
				return usageError(msg.AtLeastOne, "--workers")
			}
			return runBenchImport(cmd.Context(), opts, cmd.Flags().Changed("departments"))
		},
	}
	opts.benchOrgFlags.register(cmd, 20*time.Millisecond, 10*time.Millisecond)
	f := cmd.Flags()
	f.IntSliceVar(&opts.Sizes, "users", []int{10000}, "users in the generated org; a list runs one import per size")
	f.Float64Var(&opts.WithLeader, "with-leader", 0.2, "fraction of users with a direct manager")
	f.IntVar(&opts.Workers, "workers", 16, "import workers (the import command's --workers)")
	f.BoolVar(&opts.NoBaseline, "no-baseline", false, "skip the one-call-at-a-time baseline")
	return cmd
}

func runBenchImport(ctx context.Context, opts *BenchImportOptions, fixedDepts bool) error {
	dir, err := os.MkdirTemp("", "orgbatch-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for i, users := range opts.Sizes {
		if users < 1 {
			return usageError(msg.AtLeastOne, "--users")
		}
		o := opts.benchOrgFlags
		o.Users = users
		if !fixedDepts {
			o.Departments = max(10, users/10)
		}
		res, err := bench.Import(ctx, bench.ImportSpec{
			Org:       o.spec(opts.WithLeader),
			RateScale: o.RateScale, Latency: o.Latency, Jitter: o.Jitter, Workers: opts.Workers,
			Baseline: !opts.NoBaseline, Dir: dir, Command: importCommand,
		})
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(opts.IO.Out)
		}
		fmt.Fprint(opts.IO.Out, res)
	}
	return nil
}

// importCommand runs `orgbatch import` as a user would, with its report,
// quietly.
func importCommand(ctx context.Context, workbook, baseURL string, scale float64, workers int, reportDir string) error {
	var errOut bytes.Buffer
	streams := (&IOStreams{In: &emptyReader{}, Out: io.Discard, ErrOut: &errOut}).WithEnv(map[string]string{
		feishu.EnvAppID: sandbox.DefaultAppID, feishu.EnvAppSecret: sandbox.DefaultAppSecret,
	})
	// --yes: a served sandbox is asked about like a tenant, and nobody is
	// at a terminal here.
	args := []string{"import", workbook, "--base-url", baseURL, "--rate-scale", strconv.FormatFloat(scale, 'g', -1, 64),
		"--workers", strconv.Itoa(workers), "--report", reportDir, "--quiet", "--yes"}
	if code := Main(ctx, args, streams); code != 0 {
		return &ExitError{Code: code, Err: fmt.Errorf("%s: %s", msg.BenchExited.F("import", code), bytes.TrimSpace(errOut.Bytes()))}
	}
	return nil
}

type emptyReader struct{}

func (*emptyReader) Read([]byte) (int, error) { return 0, io.EOF }
