package run

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/internal/runlock"
	"github.com/orgbatch/orgbatch/report"
)

func TestOpenFolder(t *testing.T) {
	reports, locks := t.TempDir(), t.TempDir()
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	o := FolderOptions{ReportDir: reports, Inputs: []string{"a.xlsx"}, Tenant: "https://x app cli_1", TenantLockDir: locks, Command: "orgbatch import a.xlsx", Now: now}

	// A new run: run.json with a salt, both locks held.
	f, err := OpenFolder(o)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(f.Dir) != "import-20261202-100000" || f.Resumed || len(f.Salt) != 16 {
		t.Fatalf("folder %+v", f)
	}
	var held *runlock.HeldError
	if _, err := OpenFolder(o); !errors.As(err, &held) {
		t.Errorf("a second run of the tenant: %v, want it held", err)
	}
	f.Release()

	// Not resumable yet (no journal); then resumable, with the same salt.
	resume := o
	resume.Resume = "latest"
	var refusedErr *RefusedError
	if _, err := OpenFolder(resume); !errors.As(err, &refusedErr) {
		t.Errorf("latest without a journal: %v", err)
	}
	os.WriteFile(filepath.Join(f.Dir, report.JournalFile), nil, 0o600)
	r, err := OpenFolder(resume)
	if err != nil || r.Dir != f.Dir || r.Salt != f.Salt || !r.Resumed {
		t.Fatalf("resume: %v %+v", err, r)
	}
	if _, err := OpenFolder(FolderOptions{ReportDir: reports, Resume: f.Dir, Tenant: "x", Command: "c", Now: now}); !errors.As(err, &held) {
		t.Errorf("resuming a folder in use: %v", err)
	}
	r.Release()

	// Another tenant is refused; a finished run is not resumable.
	other := resume
	other.Tenant = "https://y app cli_2"
	if _, err := OpenFolder(other); !errors.As(err, &refusedErr) {
		t.Errorf("another tenant: %v", err)
	}
	os.WriteFile(filepath.Join(f.Dir, report.SummaryJSON), []byte(`{"interrupted":false}`), 0o600)
	if Resumable(f.Dir) {
		t.Error("a finished run is resumable")
	}

	// A dry run takes no lock and gets a plan-… folder.
	dry := o
	dry.DryRun = true
	d1, err := OpenFolder(dry)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := OpenFolder(dry)
	if err != nil || filepath.Base(d1.Dir) != "plan-20261202-100000" || filepath.Base(d2.Dir) != "plan-20261202-100000-2" {
		t.Errorf("dry runs: %v %s %s", err, d1.Dir, d2.Dir)
	}
}

// TestOpenFolderOfAKind: an ids run gets an ids-… folder, resumes among
// its own kind's folders, and only with the input it was run on.
func TestOpenFolderOfAKind(t *testing.T) {
	reports := t.TempDir()
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	o := FolderOptions{ReportDir: reports, Kind: "ids", Inputs: []string{"staff.csv"}, InputDigest: "abc", Tenant: "t", Command: "orgbatch ids staff.csv", Now: now}
	f, err := OpenFolder(o)
	if err != nil || filepath.Base(f.Dir) != "ids-20261202-100000" {
		t.Fatalf("%v %+v", err, f)
	}
	os.WriteFile(filepath.Join(f.Dir, report.JournalFile), nil, 0o600)
	f.Release()
	resume := o
	resume.Resume = "latest"
	r, err := OpenFolder(resume)
	if err != nil || r.Dir != f.Dir {
		t.Fatalf("resume: %v %+v", err, r)
	}
	r.Release()
	var refusedErr *RefusedError
	other := resume
	other.InputDigest = "changed"
	if _, err := OpenFolder(other); !errors.As(err, &refusedErr) {
		t.Errorf("another input: %v", err)
	}
	flagged := resume
	flagged.Flags = []string{"--accept-renames"}
	if _, err := OpenFolder(flagged); !errors.As(err, &refusedErr) || !strings.Contains(err.Error(), "--accept-renames") {
		t.Errorf("resumed with other planning options: %v", err)
	}
	imports := resume
	imports.Kind = ""
	if _, err := OpenFolder(imports); !errors.As(err, &refusedErr) {
		t.Errorf("an import resumed an ids folder: %v", err)
	}
}
