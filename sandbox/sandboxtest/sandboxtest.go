// Package sandboxtest starts a sandbox tenant for Go tests, like
// net/http/httptest starts a server.
package sandboxtest

import (
	"testing"

	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/sandbox"
)

// Start builds a sandbox from opts, serves it on a loopback port chosen by
// the OS and closes it when the test ends. It returns the server (for
// seeding, snapshots and stats) and its base URL. Without
// opts.Directory the tenant has the sample company's schema
// (samplegen.Directory: its job titles, work cities, custom attributes,
// employee types, job levels and families), as orgbatch's own sandboxes
// do; &feishu.Directory{} is a tenant with none.
func Start(t testing.TB, opts sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	if opts.Directory == nil {
		opts.Directory = samplegen.Directory()
	}
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	baseURL, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatalf("sandbox listen: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv, baseURL
}
