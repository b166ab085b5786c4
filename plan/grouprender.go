package plan

import (
	"fmt"
	"strings"

	"github.com/orgbatch/orgbatch/internal/msg"
)

// How plans show user groups: a count line per kind when the plan has any
// (groups: create/update/unchanged/blocked; members: added, unchanged,
// removed, blocked), and their share of the one-line summary.

// groupSummary is "groups: create 1, update 2; members: add 250, remove 3"
// ("" without groups).
func groupSummary(p *Plan) string {
	var parts []string
	for _, l := range GroupCounts(p) {
		parts = append(parts, strings.TrimSpace(l))
	}
	return strings.Join(parts, "; ")
}

// GroupCounts are the count lines of the group kinds the plan has
// ("用户组 groups: create 1, update 2"): the console plan prints them below
// its table of the other kinds.
func GroupCounts(p *Plan) []string {
	var lines []string
	for _, k := range []struct {
		kind  Kind
		label string
		acts  []Action
		words map[Action]string
	}{
		{KindGroup, "用户组 groups:", Actions, nil},
		{KindMember, "组成员 members:", []Action{ActionCreate, ActionRemove, ActionUnchanged, ActionBlocked}, map[Action]string{ActionCreate: msg.Action("add").String()}},
	} {
		if !p.Has(k.kind) {
			continue
		}
		var counts []string
		for _, a := range k.acts {
			if n := p.Count(k.kind, a); n > 0 {
				word := a.Label()
				if k.words[a] != "" {
					word = k.words[a]
				}
				counts = append(counts, fmt.Sprintf("%s %d", word, n))
			}
		}
		if len(counts) == 0 {
			counts = []string{msg.Label{ZH: "无", EN: "none"}.String()}
		}
		lines = append(lines, k.label+" "+strings.Join(counts, ", "))
	}
	return lines
}

// addGroupKinds adds the group kinds to a plan.json summary when the plan
// has them.
func addGroupKinds(summary map[Kind]map[Action]int, p *Plan) {
	for _, k := range []Kind{KindGroup, KindMember} {
		if !p.Has(k) {
			continue
		}
		summary[k] = map[Action]int{}
		for _, a := range append(append([]Action(nil), Actions...), ActionRemove) {
			summary[k][a] = p.Count(k, a)
		}
	}
}
