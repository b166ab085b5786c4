package view

import (
	"fmt"
	"io"

	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/tenant"
)

// rowOf is the row a change is reported at: its own, or where a member
// is listed in a group row's members cell.
func rowOf(c *plan.Change) int {
	if c.Record.T != nil {
		return c.Record.Num
	}
	return c.Origin.Row
}

// Unlisted says how many members of the groups the sheet lists are
// not listed, when they are not being removed.
func Unlisted(w io.Writer, p *plan.Plan, removing bool) {
	if p.Unlisted > 0 && !removing {
		fmt.Fprintf(w, "\n仅在飞书 only in Feishu: %d members of the groups the sheet lists are not in its lists (import --remove-members would remove them)\n", p.Unlisted)
	}
}

// OnlyGroups lists the tenant's groups a sheet with a groups table
// does not have (diff): never deleted, only shown.
func OnlyGroups(w io.Writer, o *org.Org, p *plan.Plan, snap *tenant.Snapshot) {
	hasTable := false
	for _, t := range o.Tables {
		hasTable = hasTable || t.Kind == org.KindGroups
	}
	if !hasTable || !snap.Groups.Read {
		return
	}
	inSheet := map[string]bool{}
	for _, c := range p.Changes {
		if c.Kind == plan.KindGroup || c.Kind == plan.KindMember {
			inSheet[c.Existing.GroupID] = true
		}
	}
	var only []*tenant.Group
	for _, g := range snap.Groups.Order {
		if !inSheet[g.Key()] {
			only = append(only, g)
		}
	}
	if len(only) == 0 {
		return
	}
	fmt.Fprintf(w, "\n仅在飞书的用户组 groups only in Feishu (not in the sheet; orgbatch never deletes groups): %d\n", len(only))
	for _, g := range only {
		kind := "normal"
		if g.Dynamic() {
			kind = "dynamic"
		}
		fmt.Fprintf(w, "  group      %s %s (%s, %d members)\n", textsafe.Terminal(g.Key()), textsafe.Terminal(g.Name), kind, g.MemberUserCount)
	}
}

// GroupsNote adds the groups sheet's groups and the membership sheet's
// rows to a count of what a sheet holds, when there are any.
func GroupsNote(groups, memberRows int) string {
	s := ""
	if groups > 0 {
		s += fmt.Sprintf(", %d 个用户组 groups", groups)
	}
	if memberRows > 0 {
		s += fmt.Sprintf(", %d 行用户组成员 group member rows", memberRows)
	}
	return s
}
