package importer

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/orgbatch/orgbatch/plan"
)

// BenchmarkJournalAppend16 appends b.N entries from 16 workers, as an
// import's workers do: the cost per finished step of making it durable.
func BenchmarkJournalAppend16(b *testing.B) {
	j, _, err := OpenJournal(filepath.Join(b.TempDir(), "journal.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer j.Close()
	const workers = 16
	b.ResetTimer()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < b.N; i += workers {
				e := JournalEntry{Step: plan.UserStep(fmt.Sprintf("u%06d", i)), Op: plan.OpCreateUser, Status: StatusDone,
					IDs: plan.IDs{UserID: fmt.Sprintf("u%06d", i), OpenID: "ou_0123456789abcdef0123456789abcdef"}, Attempts: 1}
				if err := j.Append(e); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
