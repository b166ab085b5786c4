package exporter_test

import (
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/view"
)

// seedSmallOrg: 星辰科技 > 总部 > 技术部 > 前端组, 后端组; 总部 > 市场部; 分公司.
// u4 is in 前端组 and 市场部; u5 in the root.
func seedSmallOrg(t *testing.T) *sbx {
	tn := startTenant(t, sandbox.Options{TenantName: "星辰科技"})
	tn.dept(t, "H", "0", "总部")
	tn.dept(t, "B", "0", "分公司")
	tn.dept(t, "T", "H", "技术部")
	tn.dept(t, "M", "H", "市场部")
	tn.dept(t, "FE", "T", "前端组")
	tn.dept(t, "BE", "T", "后端组")
	tn.dept(t, "X", "B", "坏\x1b[2J名")
	tn.user(t, "u1", "甲", []string{"FE"})
	tn.user(t, "u2", "乙", []string{"FE"})
	tn.user(t, "u3", "丙", []string{"BE"})
	tn.user(t, "u4", "丁", []string{"FE", "M"}, func(u *feishu.User) { u.Email = "d@example.com" })
	tn.user(t, "u5", "戊", []string{"0"})
	return tn
}

func TestTree(t *testing.T) {
	tn := seedSmallOrg(t)
	tree := func(opts tenant.WalkOptions, depth int) string {
		var b strings.Builder
		if err := view.Tree(&b, tn.walk(t, opts).Tree, depth); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	want := `星辰科技 (5)
├── 总部 (4)
│   ├── 技术部 (4)
│   │   ├── 前端组 (3)
│   │   └── 后端组 (1)
│   └── 市场部 (1)
└── 分公司 (0)
    └── 坏�[2J名 (0)
`
	if got := tree(tenant.WalkOptions{SkipUsers: true, FetchRoot: true}, 0); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
	// An export's tree: the root is counted from the users listed.
	if got := tree(tenant.WalkOptions{}, 0); got != strings.Replace(want, "星辰科技", "(根部门 root)", 1) {
		t.Errorf("export tree:\n%s", got)
	}
	if got, want := tree(tenant.WalkOptions{SkipUsers: true, FetchRoot: true}, 1), "星辰科技 (5)\n├── 总部 (4)\n└── 分公司 (0)\n"; got != want {
		t.Errorf("depth 1:\n%s", got)
	}
	if got, want := tree(tenant.WalkOptions{Root: "T", SkipUsers: true}, 0), "技术部 (4)\n├── 前端组 (3)\n└── 后端组 (1)\n"; got != want {
		t.Errorf("sub-tree:\n%s", got)
	}
}
