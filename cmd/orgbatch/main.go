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
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Main(ctx, os.Args[1:], SystemIO()))
}
