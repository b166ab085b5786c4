package sandbox_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

// BenchmarkImportShape runs an import-like mix (department and user
// creates, child listings, member listings) from 32 concurrent clients.
func BenchmarkImportShape(b *testing.B) {
	_, c := start(b, sandbox.Options{})
	for i := range 20 {
		c.mkDept(fmt.Sprint("top", i), "0", fmt.Sprint("Top ", i))
	}
	b.ResetTimer()
	var wg sync.WaitGroup
	work := make(chan int)
	for range 32 {
		wg.Go(func() {
			for i := range work {
				top := fmt.Sprint("top", i%20)
				switch i % 4 {
				case 0:
					c.do("POST", depts+custom, feishu.Department{ParentDepartmentID: top, Name: fmt.Sprint("d", i)})
				case 1, 2:
					c.do("POST", users+custom, feishu.User{Name: "U", Mobile: fmt.Sprintf("13%09d", i), DepartmentIDs: []string{top}, EmployeeType: 1})
				default:
					c.do("GET", feishu.PathFindByDepartment+custom+"&page_size=50&department_id="+top, nil)
				}
			}
		})
	}
	for i := range b.N {
		work <- i
	}
	close(work)
	wg.Wait()
}

// BenchmarkCreateWithState measures department creates with a state file
// (group-committed) from 16 clients.
func BenchmarkCreateWithState(b *testing.B) {
	_, c := start(b, sandbox.Options{StatePath: b.TempDir() + "/state.json"})
	work := make(chan int)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range work {
				c.do("POST", users+custom, feishu.User{Name: "U", Mobile: fmt.Sprintf("13%09d", i), DepartmentIDs: []string{"0"}, EmployeeType: 1})
			}
		})
	}
	b.ResetTimer()
	for i := range b.N {
		work <- i
	}
	close(work)
	wg.Wait()
}
