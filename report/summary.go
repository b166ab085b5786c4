package report

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"slices"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/zone"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/sheet"
)

// SummarySheet is the name of report.xlsx's first sheet.
const SummarySheet = "概要 summary"

// kindLabels name kinds in both languages on the summary sheet (one not
// listed is shown as it is); statuses are labelled as in every cell.
var (
	kindOrder = []plan.Kind{plan.KindUnit, plan.KindDepartment, plan.KindUser, plan.KindGroup, plan.KindMember,
		plan.KindEmployeeType, plan.KindJobLevel, plan.KindJobFamily}
	kindLabels = map[plan.Kind]string{
		plan.KindUnit: "单位 units", plan.KindDepartment: "部门 departments", plan.KindUser: "成员 users",
		plan.KindGroup: "用户组 groups", plan.KindMember: "用户组成员 group members",
		plan.KindEmployeeType: "人员类型 employee types", plan.KindJobLevel: "职级 job levels", plan.KindJobFamily: "序列 job families",
	}
	statusOrder = []importer.Status{importer.StatusCreated, importer.StatusUpdated, importer.StatusUnchanged,
		importer.StatusRestored, importer.StatusAdded, importer.StatusRemoved, importer.StatusDeleted,
		importer.StatusSkipped, importer.StatusFailed, importer.StatusInterrupted}
)

// summarySheet is report.xlsx's first sheet: how the run ended, against
// which tenant (its address, never a secret), when (in sum.Zone, named),
// the rows per kind and status, the API's counters, and what to do next,
// in Chinese and English.
func summarySheet(sum Summary) sheet.OutSheet {
	z := sum.Zone
	if z.Loc == nil {
		z = zone.Local()
	}
	var rows [][]string
	add := func(item, value string) { rows = append(rows, []string{item, value}) }
	add("结果 result", summaryResult(sum))
	add("目标租户 target", sum.Target)
	add("输入文件 inputs", strings.Join(sum.Inputs, "\n"))
	add("开始时间 started", z.FormatSeconds(sum.Started))
	elapsed := time.Duration(sum.Seconds * float64(time.Second))
	add("结束时间 finished", z.FormatSeconds(sum.Started.Add(elapsed)))
	add("用时 duration", elapsed.Round(100*time.Millisecond).String())
	if sum.Resumed != "" {
		add("续跑 resumed", sum.Resumed)
	}
	for _, k := range kinds(sum.Rows) {
		add(label(kindLabels, plan.Kind(k)), countsText(sum.Rows[k]))
	}
	if a := sum.API; a != nil {
		add("接口调用 API calls", fmt.Sprintf("调用 calls %d · 重试 retries %d · 限流 rate-limited (429) %d · 锁冲突 lock errors (43024) %d · 等待 waited %.1fs",
			a.Calls, a.Retries, a.RateLimited, a.LockErrors, a.WaitSeconds))
	}
	add("下一步 next", strings.Join(nextSteps(sum), "\n"))
	return sheet.OutSheet{Name: SummarySheet, Rows: rows, Columns: []sheet.Column{
		{Header: "项目 item", Width: 20}, {Header: "内容 value", Width: 90, Wrap: true},
	}}
}

func summaryResult(sum Summary) string {
	switch {
	case sum.DryRun:
		return "试运行，未写入飞书 dry run: nothing was written"
	case sum.Interrupted:
		return "已中断，可续跑 interrupted: it can be resumed"
	case total(sum.Rows, importer.StatusFailed) > 0:
		return "完成，有失败的行 finished, with failed rows"
	}
	return "完成 finished"
}

// nextSteps are what the person does next, each in both languages.
func nextSteps(sum Summary) []string {
	inputs := strings.Join(sum.Inputs, " ")
	var out []string
	if sum.DryRun {
		out = append(out, "确认计划（plan.xlsx）后去掉 --dry-run 再运行。 Check the plan (plan.xlsx), then run again without --dry-run.")
	}
	if sum.Interrupted {
		out = append(out, "运行被中断：还没处理的行不算失败。用同样的文件续跑 / The run was interrupted: rows not reached have not failed. Resume with the same files:  orgbatch import "+inputs+" --resume")
	}
	if n := total(sum.Rows, importer.StatusFailed); n > 0 {
		out = append(out, fmt.Sprintf("%d 行失败：打开本文件夹里的 failed-* 文件，按各行的说明和提示修正后，把这个文件再导入一次。 %d row(s) failed: open the failed-* file in this folder, fix each row as its message and hint say, and import that file again.", n, n))
	}
	if n := total(sum.Rows, importer.StatusSkipped); n > 0 {
		out = append(out, fmt.Sprintf("%d 行被跳过（它依赖的部门、上级或成员没有成功），也在 failed-* 文件里，修正失败的行后一起重新导入。 %d row(s) were skipped (a department, leader or member they need did not succeed); they are in the failed-* file too: import it again once the failed rows are fixed.", n, n))
	}
	if out == nil {
		out = append(out, "全部完成，无需操作；可用 orgbatch tree 或 orgbatch export 核对。 All done, nothing to do; check with orgbatch tree or orgbatch export.")
	}
	return out
}

// kinds are the kinds counted, in kindOrder, then any others by name;
// the departments and users are always listed.
func kinds(rows map[string]map[string]int) []string {
	var out []string
	for _, k := range kindOrder {
		if _, ok := rows[string(k)]; ok {
			out = append(out, string(k))
		}
	}
	var rest []string
	for k := range rows {
		if !slices.Contains(out, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// countsText is one kind's counts: "新建 created 3 · 失败 failed 1", or
// "无 none".
func countsText(counts map[string]int) string {
	var parts []string
	seen := map[string]bool{}
	for _, s := range statusOrder {
		if n := counts[string(s)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s.Label(), n))
		}
		seen[string(s)] = true
	}
	var rest []string
	for s, n := range counts {
		if !seen[s] && n > 0 {
			rest = append(rest, fmt.Sprintf("%s %d", msg.Status(s), n))
		}
	}
	slices.Sort(rest)
	if parts = append(parts, rest...); parts == nil {
		return "无 none"
	}
	return strings.Join(parts, " · ")
}

func total(rows map[string]map[string]int, s importer.Status) int {
	n := 0
	for _, c := range rows {
		n += c[string(s)]
	}
	return n
}

func label[K comparable](labels map[K]string, k K) string {
	if l, ok := labels[k]; ok {
		return l
	}
	return fmt.Sprint(k)
}
