package validate

import (
	"reflect"
	"testing"
)

func TestCheckDepartmentID(t *testing.T) {
	tests := map[string]string{
		"D100": "", "a.b@c_d-e": "", "9": "",
		"": "DEPT_ID_REQUIRED", "0": "DEPT_ID_RESERVED", "1": "DEPT_ID_RESERVED", "od-12": "DEPT_ID_RESERVED", "OD-12": "DEPT_ID_RESERVED",
		"_x": "DEPT_ID_FORMAT", "a b": "DEPT_ID_FORMAT", "部门": "DEPT_ID_FORMAT",
		"a234567890123456789012345678901234567890123456789012345678901234":  "",
		"a2345678901234567890123456789012345678901234567890123456789012345": "DEPT_ID_FORMAT",
	}
	for id, want := range tests {
		if got := CheckDepartmentID(id); got != want {
			t.Errorf("CheckDepartmentID(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestFindCycles(t *testing.T) {
	tests := []struct {
		name  string
		edges map[string]string
		keys  []string
		want  [][]string
	}{
		{"none", map[string]string{"a": "b", "b": "c"}, []string{"a", "b", "c"}, nil},
		{"self", map[string]string{"a": "a"}, []string{"a"}, [][]string{{"a"}}},
		{"three and a tail", map[string]string{"t": "x", "x": "y", "y": "z", "z": "x"}, []string{"t", "x", "y", "z"}, [][]string{{"x", "y", "z"}}},
		{"two cycles", map[string]string{"a": "b", "b": "a", "c": "d", "d": "c"}, []string{"a", "b", "c", "d"}, [][]string{{"a", "b"}, {"c", "d"}}},
	}
	for _, tt := range tests {
		got := findCycles(tt.keys, func(k string) (string, bool) { v, ok := tt.edges[k]; return v, ok })
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestFindCyclesIsLinear: a 200,000-long chain is walked once, not once per
// node (validation must stay linear in rows).
func TestFindCyclesIsLinear(t *testing.T) {
	const n = 200000
	keys := make([]string, n)
	next := make(map[string]string, n)
	for i := range keys {
		keys[i] = string(rune('a'+i%26)) + string(rune(i))
	}
	for i := 0; i+1 < n; i++ {
		next[keys[i]] = keys[i+1]
	}
	calls := 0
	findCycles(keys, func(k string) (string, bool) { calls++; v, ok := next[k]; return v, ok })
	if calls > n {
		t.Fatalf("%d steps for %d nodes", calls, n)
	}
}
