package tenant

import (
	"context"
	"sync"

	"github.com/orgbatch/orgbatch/feishu"
)

// API is what reading a tenant needs: the read methods of the paced
// client (feishu.Paced), which waits, retries and counts.
type API interface {
	GetDepartment(ctx context.Context, id string) (*feishu.Department, error)
	BatchDepartments(ctx context.Context, ids []string) ([]feishu.Department, error)
	Children(ctx context.Context, id string, fetchChild bool, pageSize int, pageToken string) (*feishu.Page[feishu.Department], error)
	GetUser(ctx context.Context, id string) (*feishu.User, error)
	BatchUsers(ctx context.Context, ids []string) ([]feishu.User, error)
	FindByDepartment(ctx context.Context, departmentID string, pageSize int, pageToken string) (*feishu.Page[feishu.User], error)
	BatchGetID(ctx context.Context, req feishu.BatchGetIDRequest) ([]feishu.UserContactInfo, error)

	// The directory lists (directory.go).
	EmployeeTypeEnums(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.EmployeeTypeEnum], error)
	CustomAttrs(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.CustomAttr], error)
	JobLevels(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.JobLevel], error)
	JobFamilies(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.JobFamily], error)
	JobTitles(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.JobTitle], error)
	WorkCities(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.WorkCity], error)
	ListUnits(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.Unit], error)
}

// DefaultParallel is how many reads are in flight at once. The pacer sets
// the pace; this only needs to cover the latency (50 calls/s × ~100 ms is 5
// in flight).
const DefaultParallel = 8

// Reader reads tenant snapshots.
type Reader struct {
	API API
	// Parallel bounds the reads in flight (default DefaultParallel).
	Parallel int
	// Progress, if set, is told after each read of ForOrg, Fill and
	// Children (done, total so far), one call at a time.
	Progress func(done, total int)
}

func (r *Reader) parallel() int {
	if r.Parallel > 0 {
		return r.Parallel
	}
	return DefaultParallel
}

// reading is one batch of reads into a snapshot: the snapshot's lock,
// progress and call counts.
type reading struct {
	r *Reader
	s *Snapshot

	mu    sync.Mutex // guards s and the counters
	done  int
	total int
}

func (r *Reader) begin(s *Snapshot) *reading {
	return &reading{r: r, s: s}
}

// run executes jobs through the pool and adds their calls to the snapshot.
func (rd *reading) run(ctx context.Context, jobs []func(context.Context) error) error {
	rd.mu.Lock()
	rd.total += len(jobs)
	rd.mu.Unlock()
	tally := &feishu.Tally{}
	err := run(feishu.WithTally(ctx, tally), rd.r.parallel(), jobs)
	rd.mu.Lock()
	rd.s.count(tally)
	rd.mu.Unlock()
	return err
}

// keep runs fn on the snapshot under its lock and reports progress.
func (rd *reading) keep(fn func(s *Snapshot)) {
	rd.mu.Lock()
	fn(rd.s)
	rd.done++
	done, total := rd.done, rd.total
	if rd.r.Progress != nil {
		rd.r.Progress(done, max(total, done))
	}
	rd.mu.Unlock()
}
