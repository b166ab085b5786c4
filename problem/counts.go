package problem

// RuleCounts counts problems per rule, in rule-table order.
func RuleCounts(ps []Problem) []RuleCount {
	counts := map[string]int{}
	for _, p := range ps {
		counts[p.Rule]++
	}
	var out []RuleCount
	for _, r := range Rules {
		if n := counts[r.Code]; n > 0 {
			out = append(out, RuleCount{Rule: r, Count: n})
		}
	}
	return out
}

// RuleCount is how often a rule was broken.
type RuleCount struct {
	Rule  Rule
	Count int
}
