package view

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

// UnitsNote adds the units to a count of departments and users, when
// there are any.
func UnitsNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d 个单位 units", n)
}

// ExportSummary says what an export read and wrote, and the calls it
// made against the minimum.
func ExportSummary(w io.Writer, snap *tenant.Snapshot, files []string, elapsed time.Duration) {
	counts := exporter.StatusCounts(snap.Tree)
	var parts []string
	for _, st := range exporter.Statuses {
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], msg.Status(st)))
		}
	}
	fmt.Fprintf(w, "导出 exported: %d 个部门 departments, %d 个成员 users%s", len(snap.Tree.Departments), len(snap.Tree.Users), UnitsNote(len(snap.Units)))
	if len(parts) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
	if n := len(exporter.ResignedUsers(snap)); n > 0 {
		fmt.Fprintf(w, "离职成员 resigned users: %d (on their own sheet, %s)\n", n, exporter.ResignedSheet)
	}
	for _, f := range files {
		fmt.Fprintf(w, "文件 file: %s\n", f)
	}
	if snap.Groups.Read {
		fmt.Fprintf(w, "用户组 groups: %d\n", len(snap.Groups.Order))
	}
	least := snap.MinCalls() // the walk, the schema lists users hold, the groups
	fmt.Fprintf(w, "API 调用 calls: %d (minimum %d):", tenant.Total(snap.Calls), tenant.Total(least))
	for _, ep := range []feishu.Endpoint{feishu.EPGetDepartment, feishu.EPChildren, feishu.EPFindByDepartment, feishu.EPListUnits, feishu.EPGroupList, feishu.EPGroupMembers} {
		if n, ok := least[ep]; ok {
			fmt.Fprintf(w, " %s %d/%d;", endpointName(ep), snap.Calls[ep], n)
		}
	}
	fmt.Fprintf(w, " %.1fs\n", elapsed.Seconds())
}

// endpointName names an endpoint by its last path segment (the two group
// listings by their last two).
func endpointName(ep feishu.Endpoint) string {
	s := string(ep)
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	switch {
	case s == ":department_id":
		return "get_department"
	case ep == feishu.EPGroupList:
		return "group/simplelist"
	case ep == feishu.EPGroupMembers:
		return "member/simplelist"
	}
	return s
}
