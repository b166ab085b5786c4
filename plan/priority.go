package plan

// prioritize sets each step's Priority to the length of the longest chain
// of steps that wait on it (hard and soft dependencies alike), plus one.
func prioritize(steps []*Step) {
	waiters := map[string][]*Step{}
	for _, s := range steps {
		for _, d := range s.Deps {
			waiters[d] = append(waiters[d], s)
		}
		if s.LeaderDep != "" {
			waiters[s.LeaderDep] = append(waiters[s.LeaderDep], s)
		}
	}
	memo := map[*Step]int{}
	var depth func(s *Step, guard int) int
	depth = func(s *Step, guard int) int {
		if v, ok := memo[s]; ok {
			return v
		}
		best := 0
		if guard < len(steps) { // the graph is acyclic; the guard only bounds a bug
			for _, w := range waiters[s.ID] {
				best = max(best, depth(w, guard+1))
			}
		}
		memo[s] = best + 1
		return best + 1
	}
	for _, s := range steps {
		s.Priority = depth(s, 0)
	}
}
