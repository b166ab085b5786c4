package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWholeFileWithMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.csv")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, Private, []byte("new content")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "new content" {
		t.Fatalf("content = %q", got)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != Private {
		t.Fatalf("mode = %v, want %v", st.Mode().Perm(), Private)
	}
}

func TestFailedWriteKeepsOldFileAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "state.json")
	os.WriteFile(p, []byte("old"), 0o600)
	boom := errors.New("boom")
	err := Write(p, Private, func(w io.Writer) error {
		w.Write([]byte("half"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "old" {
		t.Fatalf("old file changed: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temp file left behind: %v", entries)
	}
}

// TestWriteNewNeverReplaces: WriteNew commits a new file, and refuses with
// fs.ErrExist (leaving the old content and no temp file) when one exists.
func TestWriteNewNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "export.xlsx")
	if err := WriteNew(p, Private, func(w io.Writer) error { _, err := w.Write([]byte("first")); return err }); err != nil {
		t.Fatal(err)
	}
	err := WriteNew(p, Private, func(w io.Writer) error { _, err := w.Write([]byte("second")); return err })
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second WriteNew: %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "first" {
		t.Fatalf("content = %q", got)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != Private {
		t.Fatalf("mode %v", st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("temp file left behind: %v", entries)
	}
}

// TestRemoveStaleKeepsLiveWriters: the temp files and scratch directories
// of a writer that died (unlocked) are removed; those of a writer still
// writing (locked) and ordinary files are kept.
func TestRemoveStaleKeepsLiveWriters(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".report.xlsx.tmp-111", "report.xlsx", ".hidden", "notes.tmp-1"} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600)
	}
	os.MkdirAll(filepath.Join(dir, ".report.xlsx.tmp-222", "sub"), 0o700)
	os.WriteFile(filepath.Join(dir, ".report.xlsx.tmp-222", "sub", "excelize-1"), []byte("x"), 0o600)
	scratch, release, err := TempDir(dir, "live.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	inWrite := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- Write(filepath.Join(dir, "live.json"), Private, func(w io.Writer) error {
			inWrite <- struct{}{}
			<-inWrite
			return nil
		})
	}()
	<-inWrite // a writer is half-way: its temp file exists and is locked
	removed, err := RemoveStale(dir)
	inWrite <- struct{}{}
	if err := <-done; err != nil {
		t.Fatalf("the live writer failed: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(removed, ",") != ".report.xlsx.tmp-111,.report.xlsx.tmp-222" {
		t.Errorf("removed %v", removed)
	}
	if _, err := os.Stat(scratch); err != nil {
		t.Errorf("a live scratch directory was removed: %v", err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, ","); got != ".hidden,"+filepath.Base(scratch)+",live.json,notes.tmp-1,report.xlsx" {
		t.Errorf("left %s", got)
	}
	release()
	if _, err := os.Stat(scratch); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("release left the scratch directory: %v", err)
	}
}
