package bench

import (
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

func TestWindowSchedule(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		limit feishu.Limit
		want  time.Duration
	}{
		{"nothing", 0, feishu.Tier4, 0},
		{"no limit", 500, nil, 0},
		{"the first Count go at once", 50, feishu.Tier4, 0},
		{"one more waits a second", 51, feishu.Tier4, time.Second},
		{"900 users: 18 seconds of 50", 900, feishu.Tier4, 17 * time.Second},
		{"the minute's 1000 in 20 s, then a new minute", 1001, feishu.Tier4, time.Minute},
		{"2000 users", 2000, feishu.Tier4, time.Minute + 19*time.Second},
		{"10,000 at ×20: ten 3 s minutes", 10000, feishu.Tier4.Scaled(20), 27*time.Second + 950*time.Millisecond},
		{"1 QPS", 3, feishu.Limit{{Count: 1, Per: time.Second}}, 2 * time.Second},
	}
	for _, tt := range tests {
		if got := WindowSchedule(tt.n, tt.limit); got != tt.want {
			t.Errorf("%s: WindowSchedule(%d) = %v, want %v", tt.name, tt.n, got, tt.want)
		}
	}
}
