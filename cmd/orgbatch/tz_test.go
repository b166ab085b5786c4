package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/report"
)

// TestTimesInTheZoneAsked: --tz puts the export's metadata times and the
// import report's start and end in that zone, named beside them; an
// unknown zone is a usage error before anything is read or written.
func TestTimesInTheZoneAsked(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "e.xlsx")
	code, stdout, errOut := runCLI(t, "export", "--sandbox", "--sandbox-seed", samplesXLSX, "--rate-scale", "1000", "--out", out, "--tz", "Asia/Shanghai")
	if code != ExitOK {
		t.Fatalf("export: exit %d\n%s\n%s", code, stdout, errOut)
	}
	if v := cellBeside(t, out, exporter.MetadataSheet, "exported_at"); !strings.HasSuffix(v, " (Asia/Shanghai)") {
		t.Errorf("exported_at %q", v)
	}
	if v := cellBeside(t, out, exporter.MetadataSheet, "time_zone"); v != "Asia/Shanghai" {
		t.Errorf("time_zone %q", v)
	}

	reports := filepath.Join(dir, "reports")
	code, stdout, errOut = runCLI(t, "import", samplesXLSX, "--sandbox", "--rate-scale", "1000", "--report", reports, "--tz", "America/New_York")
	if code != ExitOK {
		t.Fatalf("import: exit %d\n%s\n%s", code, stdout, errOut)
	}
	x := filepath.Join(onlyRunDir(t, reports), report.ReportXLSX)
	for _, item := range []string{"开始时间 started", "结束时间 finished"} {
		if v := cellBeside(t, x, report.SummarySheet, item); !strings.HasSuffix(v, " (America/New_York)") {
			t.Errorf("%s %q", item, v)
		}
	}

	for _, cmd := range []string{"export", "import", "audit"} {
		args := []string{cmd, "--sandbox", "--tz", "Mars/Olympus", "--report", reports}
		if cmd == "import" {
			args = append(args, samplesXLSX)
		}
		if cmd != "import" {
			args = slices.DeleteFunc(args, func(a string) bool { return a == "--report" || a == reports })
		}
		if code, _, errOut := runCLI(t, args...); code != ExitUsage || !strings.Contains(errOut, "Mars/Olympus") {
			t.Errorf("%s --tz Mars/Olympus: exit %d\n%s", cmd, code, errOut)
		}
	}
}

// cellBeside is the cell right of the first cell holding key on a sheet.
func cellBeside(t *testing.T, path, sheetName, key string) string {
	t.Helper()
	sheets, err := xlsxtest.Inspect(path)
	if err != nil {
		t.Fatal(err)
	}
	s := xlsxtest.Find(sheets, sheetName)
	if s == nil {
		t.Fatalf("%s: no sheet %s", path, sheetName)
	}
	for _, r := range s.Rows {
		if len(r) > 1 && r[0] == key {
			return r[1]
		}
	}
	t.Fatalf("%s [%s]: no %s", path, sheetName, key)
	return ""
}
