package main

import (
	"github.com/orgbatch/orgbatch/internal/msg"
	"time"

	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/spf13/cobra"
)

// benchOrgFlags are what the import and export benchmarks share: the shape
// of the generated org and the sandbox's conditions. Each command registers
// its own --users (import takes a list of sizes).
type benchOrgFlags struct {
	Departments int
	Users       int
	Depth       int
	RateScale   float64
	Latency     time.Duration
	Jitter      time.Duration
}

func (f *benchOrgFlags) register(cmd *cobra.Command, latency, jitter time.Duration) {
	fl := cmd.Flags()
	fl.IntVar(&f.Departments, "departments", 1000, "departments in the generated org")
	fl.IntVar(&f.Depth, "depth", 10, "depth of the department tree")
	fl.Float64Var(&f.RateScale, "rate-scale", 20, "divide the rate-limit windows by this factor (sandbox and client alike)")
	fl.DurationVar(&f.Latency, "latency", latency, "sandbox latency per request")
	fl.DurationVar(&f.Jitter, "jitter", jitter, "plus uniform random jitter up to this")
}

func (f *benchOrgFlags) check() error {
	if f.Departments < 1 || f.Users < 0 || f.Depth < 1 || f.RateScale <= 0 {
		return usageError(msg.BenchSizes, "--departments ≥ 1, --depth ≥ 1, --users ≥ 0, --rate-scale > 0")
	}
	return nil
}

// spec is the generated org, with withLeader of the users having a manager.
func (f *benchOrgFlags) spec(withLeader float64) samplegen.Spec {
	return samplegen.Spec{Departments: f.Departments, Depth: f.Depth, Users: f.Users, WithLeader: withLeader, Seed: 42}
}
