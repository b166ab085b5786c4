package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/plan"
)

// rowOf is the row a change is reported at: its own, or where a member
// is listed in a group row's members cell.
func rowOf(c *plan.Change) int {
	if c.Record.T != nil {
		return c.Record.Num
	}
	return c.Origin.Row
}

// groupCounts adds the groups' and members' lines to the final table.
func groupCounts(w io.Writer, counts map[string]map[string]int) {
	for _, k := range []struct {
		kind  plan.Kind
		label string
	}{{plan.KindGroup, "用户组 groups"}, {plan.KindMember, "组成员 members"}} {
		c := counts[string(k.kind)]
		if len(c) == 0 {
			continue
		}
		var parts []string
		for _, s := range []importer.Status{importer.StatusCreated, importer.StatusUpdated, importer.StatusAdded, importer.StatusRemoved,
			importer.StatusUnchanged, importer.StatusFailed, importer.StatusSkipped} {
			if n := c[string(s)]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", s, n))
			}
		}
		fmt.Fprintf(w, "%-12s %s\n", k.label, strings.Join(parts, ", "))
	}
}
