package prune

import (
	"strings"
	"testing"
)

func TestGuard(t *testing.T) {
	tests := []struct {
		n, total int
		refuse   bool
	}{
		{0, 10, false},
		{8, 10, false},    // 80% of a small org: allowed
		{9, 10, true},     // over 80%
		{50, 1000, false}, // 50 is not more than 50
		{51, 1000, false}, // 5.1%
		{201, 1000, true}, // more than 50 and more than 20%
		{200, 1000, false},
		{40, 45, true},
	}
	for _, tt := range tests {
		err := guard("users", tt.n, tt.total)
		if (err != nil) != tt.refuse {
			t.Errorf("guard(%d of %d) = %v, want refuse=%v", tt.n, tt.total, err, tt.refuse)
		}
		if err != nil && !strings.Contains(err.Error(), "--force") {
			t.Errorf("message does not name --force: %v", err)
		}
	}
}
