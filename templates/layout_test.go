package templates

import (
	"testing"

	"github.com/orgbatch/orgbatch/internal/xlsxtest"
)

// TestTemplatesReadWell: in both committed templates every column is wide
// enough for its header, the header row tall enough for its wrapped text,
// each data sheet has a frozen header and an autofilter over its dropdown
// rows, and the instructions sheet wraps its rules (rows taller than one
// line).
func TestTemplatesReadWell(t *testing.T) {
	for _, name := range []string{XLSXName, "orgbatch-leavers-template.xlsx"} {
		bad, err := xlsxtest.Unreadable(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			t.Errorf("%s: %s", name, b)
		}
		sheets, err := xlsxtest.Inspect(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sheets {
			if !s.Frozen || s.Filter == "" {
				t.Errorf("%s %s: frozen %v, filter %q", name, s.Name, s.Frozen, s.Filter)
			}
		}
		in := xlsxtest.Find(sheets, InstructionsSheet)
		if in == nil || len(in.Heights) < 3 || in.Heights[1] < 45 || in.Heights[2] <= 15 {
			t.Errorf("%s: instructions rows not wrapped: %+v", name, in.Heights)
		}
	}
}
