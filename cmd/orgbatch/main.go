// Command orgbatch moves an organisation's departments and users between HR
// spreadsheets and a Feishu (Lark) tenant through the Contact v3 OpenAPI.
//
// main only wires the root command and maps errors to exit codes; each
// subcommand lives in its own file as an Options struct plus a run function.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// memoryLimit is the soft memory limit orgbatch runs under unless
// GOMEMLIMIT says otherwise: the garbage collector works harder as the
// heap nears it instead of letting it grow to twice what is live (Go's
// default), so a 100,000-user import stays near its live set. A run that
// needs more still gets it (the limit is soft); it only collects more.
const memoryLimit = 256 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Main(ctx, os.Args[1:], SystemIO()))
}
