package sandbox_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
)

func TestConcurrentClients(t *testing.T) {
	srv, c := start(t, sandbox.Options{})
	c.mkDept("p", "0", "Parent")
	const workers, each = 8, 15
	var wg sync.WaitGroup
	codes := make(chan int, workers*(2*each+2))
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				r := c.do("POST", depts+custom, feishu.Department{ParentDepartmentID: "p", Name: fmt.Sprintf("w%d-%d", w, i)})
				codes <- r.code
				r = c.do("POST", users+custom, feishu.User{Name: "U", Mobile: fmt.Sprintf("138%04d%04d", w, i),
					DepartmentIDs: []string{"p"}, EmployeeType: 1})
				codes <- r.code
			}
			// Everyone races for one name and one mobile: exactly one wins each.
			codes <- c.do("POST", depts+custom, feishu.Department{ParentDepartmentID: "p", Name: "Shared"}).code
			codes <- c.do("POST", users+custom, feishu.User{Name: "S", Mobile: "13999999999", DepartmentIDs: []string{"p"}, EmployeeType: 1}).code
			c.do("GET", depts+"/p/children"+custom+"&fetch_child=true&page_size=50", nil)
		})
	}
	wg.Wait()
	close(codes)
	hist := map[int]int{}
	for code := range codes {
		hist[code]++
	}
	want := map[int]int{0: workers*2*each + 2, 43022: workers - 1, 41001: workers - 1}
	if fmt.Sprint(hist) != fmt.Sprint(want) {
		t.Fatalf("codes %v, want %v", hist, want)
	}
	p := c.getDept("p")
	if p.MemberCount != workers*each+1 || p.PrimaryMemberCount != workers*each+1 {
		t.Fatalf("member counts %d/%d", p.MemberCount, p.PrimaryMemberCount)
	}
	if root := c.getDept("0"); root.MemberCount != workers*each+1 {
		t.Fatalf("root member_count %d", root.MemberCount)
	}
	if n := len(srv.Departments()); n != 1+workers*each+1 {
		t.Fatalf("%d departments", n)
	}
	if w := srv.Stats().WritesApplied; w != int64(1+workers*2*each+2) {
		t.Fatalf("writes %d", w)
	}
}
