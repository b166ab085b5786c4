package flock

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTryLockExcludesOtherOpens: a second open of the same file cannot
// take the lock while the first holds it, and can once it is closed.
func TestTryLockExcludesOtherOpens(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.lock")
	a, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.Open(p)
	defer b.Close()
	if ok, err := TryLock(a); !ok || err != nil {
		t.Fatalf("first lock: %v %v", ok, err)
	}
	if ok, err := TryLock(b); ok || err != nil {
		t.Fatalf("second lock while held: %v %v", ok, err)
	}
	a.Close()
	if ok, err := TryLock(b); !ok || err != nil {
		t.Fatalf("lock after the holder closed: %v %v", ok, err)
	}
	if err := Unlock(b); err != nil {
		t.Fatal(err)
	}
}
