package runlock

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAcquireNamesTheHolderAndIgnoresStaleFiles: while a lock is held a
// second Acquire fails naming the holder; a lock file left behind by a dead
// holder (its content still there, nobody holding it) is taken over.
func TestAcquireNamesTheHolderAndIgnoresStaleFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "locks", "tenant-x.lock")
	stale := `{"pid":999999,"host":"gone","command":"orgbatch import old.xlsx"}`
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte(stale), 0o600)

	first, err := Acquire(path, "tenant X", Holder{PID: 4242, Host: "hr-laptop", Command: "orgbatch import a.xlsx", RunDir: "reports/import-1"})
	if err != nil {
		t.Fatalf("a stale lock file blocked: %v", err)
	}
	_, err = Acquire(path, "tenant X", Self("orgbatch import b.xlsx", ""))
	var held *HeldError
	if !errors.As(err, &held) || held.Holder == nil || held.Holder.PID != 4242 {
		t.Fatalf("second Acquire: %v", err)
	}
	for _, want := range []string{"tenant X", "pid 4242", "hr-laptop", "orgbatch import a.xlsx", "reports/import-1", "请等它结束"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %s", want, err)
		}
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("lock file mode %v", st.Mode().Perm())
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := Acquire(path, "tenant X", Self("orgbatch import b.xlsx", ""))
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
	again.Release()
}
