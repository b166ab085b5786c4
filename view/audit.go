package view

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/audit"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/tenant"
)

// AuditSummary says what an audit found and changed, where the page is,
// and the calls it made against the walk's minimum.
func AuditSummary(w io.Writer, r *audit.Report, snap *tenant.Snapshot, file, since string, elapsed time.Duration) {
	fmt.Fprintf(w, "审计 audit: %d 个部门 departments, %d 人 people, %d 层 levels\n", r.Departments, r.People, r.Depth())
	all, warnings := r.FindingCount()
	fmt.Fprintf(w, "发现 findings: %d (需处理 to fix: %d)\n", all, warnings)
	for _, g := range r.Findings {
		if len(g.Items) > 0 {
			fmt.Fprintf(w, "  %5d  %-7s %-17s %s %s\n", len(g.Items), g.Kind.Severity, g.Kind.Code, g.Kind.ZH, g.Kind.EN)
		}
	}
	if r.Changes != nil {
		var parts []string
		for _, g := range r.Changes.Groups {
			if !g.Skipped {
				parts = append(parts, fmt.Sprintf("%s %s %d", g.Kind.ZH, strings.ToLower(g.Kind.EN), len(g.Items)))
			}
		}
		if n := r.Changes.NoID; n > 0 {
			parts = append(parts, fmt.Sprintf("%d 行没有 ID、未比较 rows without an ID not compared", n))
		}
		fmt.Fprintf(w, "变化 changes since %s: %s\n", textsafe.Terminal(since), strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "文件 file: %s\n", textsafe.Terminal(file))
	least, total := tenant.Total(snap.MinCalls()), tenant.Total(snap.Calls)
	fmt.Fprintf(w, "API 调用 calls: %d (the walk's minimum %d", total, least)
	if n := snap.Pages[feishu.EPBatchUsers] + snap.Pages[feishu.EPGetUser]; n > 0 {
		fmt.Fprintf(w, "; %d reading by ID the leaders and managers it did not list", n)
	}
	if n := total - tenant.Total(snap.Pages); n > 0 {
		fmt.Fprintf(w, "; %d retried", n)
	}
	fmt.Fprintf(w, ") %.1fs\n", elapsed.Seconds())
}
