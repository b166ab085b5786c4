package report

import (
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/internal/zone"
)

// TestSummarySheet: the summary says how the run ended and what to do
// next — resume an interrupted run, fix the failed rows, run a dry run for
// real, or nothing — in both languages, with the times in the zone named.
func TestSummarySheet(t *testing.T) {
	shanghai, err := zone.Load("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	base := Summary{Target: "https://open.feishu.cn", Inputs: []string{"company.xlsx"}, Zone: shanghai,
		Started: time.Date(2026, 12, 2, 9, 30, 0, 0, time.UTC), Seconds: 75.25}
	for _, c := range []struct {
		name   string
		edit   func(*Summary)
		result string
		next   []string
	}{
		{"done", func(s *Summary) { s.Rows = map[string]map[string]int{"user": {"created": 3}, "department": {}} },
			"完成 finished", []string{"全部完成", "All done"}},
		{"failed", func(s *Summary) {
			s.Rows = map[string]map[string]int{"user": {"created": 3, "failed": 2, "skipped": 1}}
		}, "完成，有失败的行 finished, with failed rows", []string{"2 行失败", "2 row(s) failed", "failed-*", "1 行被跳过", "1 row(s) were skipped"}},
		{"interrupted", func(s *Summary) { s.Interrupted = true }, "已中断，可续跑 interrupted: it can be resumed",
			[]string{"不算失败", "have not failed", "orgbatch import company.xlsx --resume"}},
		{"dry run", func(s *Summary) { s.DryRun = true }, "试运行，未写入飞书 dry run: nothing was written", []string{"--dry-run"}},
	} {
		s := base
		c.edit(&s)
		sh := summarySheet(s)
		if sh.Name != SummarySheet || sh.FreezeHeader {
			t.Errorf("%s: sheet %q frozen %v", c.name, sh.Name, sh.FreezeHeader)
		}
		got := map[string]string{}
		for _, r := range sh.Rows {
			got[r[0]] = r[1]
		}
		if got["结果 result"] != c.result {
			t.Errorf("%s: result %q, want %q", c.name, got["结果 result"], c.result)
		}
		for _, w := range c.next {
			if !strings.Contains(got["下一步 next"], w) {
				t.Errorf("%s: next %q lacks %q", c.name, got["下一步 next"], w)
			}
		}
		if got["开始时间 started"] != "2026-12-02 17:30:00 (Asia/Shanghai)" || got["结束时间 finished"] != "2026-12-02 17:31:15 (Asia/Shanghai)" || got["用时 duration"] != "1m15.3s" {
			t.Errorf("%s: times %q %q %q", c.name, got["开始时间 started"], got["结束时间 finished"], got["用时 duration"])
		}
		if got["目标租户 target"] != base.Target {
			t.Errorf("%s: target %q", c.name, got["目标租户 target"])
		}
	}
	if got := countsText(map[string]int{"failed": 1, "created": 2, "odd": 1}); got != "成功 created 2 · 失败 failed 1 · odd 1" {
		t.Errorf("countsText = %q", got)
	}
	if got := countsText(nil); got != "无 none" {
		t.Errorf("countsText(nil) = %q", got)
	}
}
