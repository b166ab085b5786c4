package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

// exportAt runs an export whose clock says now.
func exportAt(t *testing.T, url string, now time.Time, format, out string, force bool) (int, string) {
	t.Helper()
	io, _, errOut := TestIO()
	opts := &ExportOptions{
		IO: io.WithEnv(sandboxEnv), Format: format, Out: out, Force: force, Parallel: tenant.DefaultParallel,
		Now:    func() time.Time { return now },
		Target: targetFlags{baseURL: url, rateScale: 1000, timeout: feishu.DefaultTimeout},
	}
	err := runExport(context.Background(), opts)
	msg := errOut.String()
	if err != nil {
		msg += err.Error()
	}
	return exitCodeOf(err), msg
}

// TestExportNeverOverwrites: two exports in the same second get two files
// (the made-up name takes a -2); an --out file or an --out directory with
// export files in it is refused (exit 2, before reading the tenant) and
// left as it was, unless --force.
func TestExportNeverOverwrites(t *testing.T) {
	_, url := exportTestTenant(t)
	t.Chdir(t.TempDir())
	now := time.Date(2026, 11, 23, 10, 15, 0, 0, time.Local)
	for _, format := range []string{"xlsx", "csv"} {
		for range 2 {
			if code, errOut := exportAt(t, url, now, format, "", false); code != ExitOK {
				t.Fatalf("%s default: exit %d\n%s", format, code, errOut)
			}
		}
	}
	for _, p := range []string{"export-20261123-101500.xlsx", "export-20261123-101500-2.xlsx", "export-20261123-101500/users.csv", "export-20261123-101500-2/users.csv"} {
		if _, err := os.Stat(filepath.Join("reports", p)); err != nil {
			t.Errorf("missing reports/%s", p)
		}
	}
	os.Mkdir("audit", 0o700)
	for range 2 { // an --out directory for xlsx: a made-up name inside it
		exportAt(t, url, now, "xlsx", "audit", false)
	}
	if files, _ := filepath.Glob("audit/export-*.xlsx"); len(files) != 2 {
		t.Errorf("--out audit twice: %v", files)
	}

	mine := []byte("HR's own workbook")
	os.WriteFile("org.xlsx", mine, 0o600)
	os.MkdirAll("csvout", 0o700)
	os.WriteFile("csvout/users.csv", mine, 0o600)
	for _, c := range []struct{ format, out, file string }{{"xlsx", "org.xlsx", "org.xlsx"}, {"csv", "csvout", "csvout/users.csv"}} {
		code, errOut := exportAt(t, url, now, c.format, c.out, false)
		if code != ExitUsage || !strings.Contains(errOut, "--force") {
			t.Errorf("--out %s: exit %d\n%s", c.out, code, errOut)
		}
		if got, _ := os.ReadFile(c.file); string(got) != string(mine) {
			t.Errorf("%s was overwritten", c.file)
		}
		if code, errOut := exportAt(t, url, now, c.format, c.out, true); code != ExitOK {
			t.Errorf("--out %s --force: exit %d\n%s", c.out, code, errOut)
		}
		if got, _ := os.ReadFile(c.file); string(got) == string(mine) {
			t.Errorf("%s --force did not replace it", c.file)
		}
	}
}

// TestValidationReportsNeverCollide: two validations in the same second
// write two reports; the first is not overwritten.
func TestValidationReportsNeverCollide(t *testing.T) {
	reports := t.TempDir()
	now := time.Date(2026, 11, 23, 10, 15, 0, 0, time.Local)
	for range 2 {
		io, _, _ := TestIO()
		opts := &ValidateOptions{IO: io, Files: []string{samplesXLSX}, Format: "text", ReportDir: reports, Now: func() time.Time { return now }}
		if err := runValidate(opts); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(reports, "validation-*.xlsx"))
	if len(files) != 2 {
		t.Fatalf("reports %v", files)
	}
}
