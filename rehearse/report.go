package rehearse

import (
	"bufio"
	"fmt"
	"io"
	stdmaps "maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/report"
)

// CannotKnow is what a clone cannot know about the real tenant: the real
// import may still fail for these reasons after a clean rehearsal.
var CannotKnow = []string{
	"seats and licences: the clone creates every user; the real tenant refuses users beyond its seats / 席位与许可证：克隆可创建任意数量的成员，真实租户受席位限制",
	"admin-only settings: what the admin console allows (sensitive-field rules, approval flows, sync from an HR system, the app's data scope) / 仅管理后台可见的设置（敏感字段、审批、HR 系统同步、应用通讯录权限范围）",
	"custom attributes not opened to the API, and fields the API does not return / 未对 API 开放的自定义字段，以及 API 不返回的字段",
	"the client_tokens of earlier runs, and changes made in the tenant after the rehearsal (`import --rehearsed` checks those the plan reads) / 之前运行的 client_token，以及演练后租户中的改动（`import --rehearsed` 会检查计划读取的部分）",
}

// WriteReport writes rehearsal.md into dir.
func WriteReport(dir string, rh *Rehearsal, res *Result) error {
	return atomicfile.Write(filepath.Join(dir, ReportFile), atomicfile.Private, func(w io.Writer) error {
		b := bufio.NewWriter(w)
		writeReport(b, rh, res)
		return b.Flush()
	})
}

func writeReport(w *bufio.Writer, rh *Rehearsal, res *Result) {
	rec := res.Record
	fmt.Fprintf(w, "# 演练报告 Rehearsal report\n\n")
	fmt.Fprintf(w, "- 租户 tenant: %s (read only, nothing was written to it / 只读，未写入)\n", md(rh.Target))
	fmt.Fprintf(w, "- 时间 at: %s\n", rec.Created.Format("2006-01-02 15:04:05 MST"))
	for _, in := range rec.Inputs {
		fmt.Fprintf(w, "- 输入 input: %s (sha256 %s)\n", md(in.Path), in.SHA256)
	}
	fmt.Fprintf(w, "- 克隆 clone: %d departments, %d users, read with %d calls / 克隆了 %d 个部门、%d 个成员\n",
		res.Departments, res.Users, res.RealCalls, res.Departments, res.Users)
	fmt.Fprintf(w, "- 指纹 fingerprint of what the plan read: %s (%d entries) / 计划所读租户状态的指纹\n\n", rec.Fingerprint.Total, len(rec.Fingerprint.Entries))
	fmt.Fprintf(w, "Apply exactly this plan with / 按此计划导入:\n\n    %s\n\n", rh.Apply)

	fmt.Fprintf(w, "## 计划 Plan\n\n%s\n\nEvery row: %s.\n\n", plan.Summary(res.Import.Plan), report.PlanXLSX)
	writeRefused(w, res.Refused)
	writeRemaining(w, res)
	fmt.Fprintf(w, "## 预计耗时 Real import duration\n\n%s, at the documented rate limits / 按文档限流估算.\n", res.Estimate)
	fmt.Fprintf(w, "The busiest endpoints set it; latency, retries and the tenant lock come on top.\n\n")
	writeCalls(w, res.Estimate)
	if len(res.Dropped) > 0 {
		fmt.Fprintf(w, "## 克隆时省略 Left out of the clone\n\nLinks to people the tenant no longer has (not even resigned) / 指向已不存在成员的关联:\n\n")
		for _, d := range res.Dropped {
			fmt.Fprintf(w, "- %s\n", md(d))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "## 克隆无法知道 What a clone cannot know\n\n")
	for _, s := range CannotKnow {
		fmt.Fprintf(w, "- %s\n", s)
	}
}

func writeRefused(w *bufio.Writer, refused []importer.Outcome) {
	fmt.Fprintf(w, "## 被拒绝的行 Rows the rehearsal refused: %d\n\n", len(refused))
	if len(refused) == 0 {
		fmt.Fprintf(w, "None / 无.\n\n")
		return
	}
	fmt.Fprintf(w, "| row 行 | kind | key | name | status | why 原因 |\n|---|---|---|---|---|---|\n")
	for _, o := range refused {
		c := o.Change
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", md(where(c)), c.Kind, md(c.Key), md(c.Name), o.Status, md(why(o)))
	}
	fmt.Fprintln(w)
}

func writeRemaining(w *bufio.Writer, res *Result) {
	fmt.Fprintf(w, "## 演练后仍有差异 Still different after the rehearsal: %d\n\n", len(res.Remaining))
	fmt.Fprintf(w, "A plan of the sheets against the clone after the import (the %d refused rows apart) / 导入后对克隆重新计划:\n\n", res.StillBlocked)
	if len(res.Remaining) == 0 {
		fmt.Fprintf(w, "Nothing: the clone shows what the sheets say / 无差异.\n\n")
		return
	}
	fmt.Fprintf(w, "| kind | key | name | action | fields |\n|---|---|---|---|---|\n")
	for _, c := range res.Remaining {
		var fs []string
		for _, f := range c.Fields {
			fs = append(fs, fmt.Sprintf("%s: %s → %s", f.Field, f.Old, f.New))
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", c.Kind, md(c.Key), md(c.Name), c.Action, md(strings.Join(fs, "; ")))
	}
	fmt.Fprintln(w)
}

func writeCalls(w *bufio.Writer, e Estimate) {
	if len(e.Calls) == 0 {
		return
	}
	fmt.Fprintf(w, "| endpoint | calls |\n|---|---|\n")
	for _, ep := range slices.Sorted(stdmaps.Keys(e.Calls)) {
		fmt.Fprintf(w, "| %s | %d |\n", ep, e.Calls[ep])
	}
	fmt.Fprintln(w)
}

// where is the row a change comes from.
func where(c *plan.Change) string {
	l := c.Origin
	if c.Record.T != nil {
		l = c.Record.Loc("")
	}
	return problem.Problem{File: l.File, Sheet: l.Sheet, Row: l.Row}.Where()
}

// why is a refused row's reason: the plan's errors, or the clone's answer.
func why(o importer.Outcome) string {
	var parts []string
	if o.Rule != "" {
		for _, p := range o.Change.Problems {
			if p.Severity == problem.Error {
				parts = append(parts, p.Rule+": "+p.Text())
			}
		}
	}
	if len(parts) == 0 {
		s := o.Message
		if o.Code != 0 {
			s = fmt.Sprintf("%d %s", o.Code, s)
		}
		parts = append(parts, s)
	}
	if o.Hint != "" {
		parts = append(parts, o.Hint)
	}
	return strings.Join(parts, " — ")
}

// md keeps a value on its markdown table line: no pipes, no hidden or
// control characters.
func md(s string) string {
	return textsafe.Terminal(strings.ReplaceAll(s, "|", `\|`))
}
