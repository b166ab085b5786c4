package validate

// findCycles returns every cycle of a graph in which each node points to at
// most one other node (a parent, a leader). Each cycle is listed once, in
// the order of its edges, starting from the node seen first in keys.
func findCycles(keys []string, next func(string) (string, bool)) [][]string {
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[string]int, len(keys))
	var cycles [][]string
	for _, start := range keys {
		if state[start] != unseen {
			continue
		}
		var path []string
		at := map[string]int{}
		n := start
		for {
			if state[n] == done {
				break
			}
			if state[n] == onPath {
				cycles = append(cycles, append([]string(nil), path[at[n]:]...))
				break
			}
			state[n] = onPath
			at[n] = len(path)
			path = append(path, n)
			m, ok := next(n)
			if !ok {
				break
			}
			n = m
		}
		for _, p := range path {
			state[p] = done
		}
	}
	return cycles
}
