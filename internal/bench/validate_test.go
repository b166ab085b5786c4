package bench

import (
	"testing"
)

// BenchmarkValidate and BenchmarkBareRead measure the two sides of the
// validation ratio on a 10,000-user workbook, the report included;
// `orgbatch bench validate` prints the ratio of the command, peak memory
// and the 10× scaling for 100,000 users.
func BenchmarkValidate10k(b *testing.B) {
	dir := b.TempDir()
	path, err := GenerateWorkbook(dir, 10000)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := ValidateWithReport(path, dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBareRead10k(b *testing.B) {
	path, err := GenerateWorkbook(b.TempDir(), 10000)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := BareRead(path); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGeneratedWorkbookValidates: the benchmark input is a valid org, so
// the benchmark measures the normal path, not error reporting.
func TestGeneratedWorkbookValidates(t *testing.T) {
	path, err := GenerateWorkbook(t.TempDir(), 2000)
	if err != nil {
		t.Fatal(err)
	}
	depts, problems := LoadAndValidate(path)
	if depts != 20 || problems != 0 {
		t.Fatalf("depts=%d problems=%d", depts, problems)
	}
}
