package plan

import (
	"cmp"
	"slices"
)

// linkSteps turns what each step needs into dependencies on the steps that
// create those departments, now that every row is planned. A row that
// needs a blocked department is blocked too (skipped), and so on down.
// Last, every create gets its client_token, once, from its final body.
func (b *builder) linkSteps() {
	b.blockDependents()
	for _, s := range b.plan.Steps {
		s.Soft = b.softDeps(s.Request) // before blocked rows lose their steps
	}
	kept := b.plan.Steps[:0]
	for _, s := range b.plan.Steps {
		if s.Change.Action == ActionBlocked {
			delete(b.steps, s.ID)
			continue
		}
		for _, need := range s.needs {
			if dep := b.createStepOf(need); !dep.IsZero() && dep != s.ID && !slices.Contains(s.Deps, dep) {
				s.Deps = append(s.Deps, dep)
			}
		}
		slices.SortFunc(s.Deps, func(a, b StepID) int { return cmp.Compare(a.String(), b.String()) })
		kept = append(kept, s)
	}
	b.plan.Steps = kept
	for _, c := range b.plan.Changes {
		if c.Action == ActionBlocked {
			c.Steps = nil
		}
	}
	b.dropBlockedPeople()
	for _, s := range b.plan.Steps {
		s.salt = b.plan.TokenSalt
		if body := createBody(s.Request); body != nil {
			s.ClientToken = clientToken(s.salt, s.ID, body)
		}
	}
}

// blockDependents blocks (as skipped) every row with a step that needs a
// blocked department, until nothing changes.
func (b *builder) blockDependents() {
	for changed := true; changed; {
		changed = false
		for _, c := range b.plan.Changes {
			if c.Action == ActionBlocked {
				continue
			}
			for _, s := range c.Steps {
				for _, need := range s.needs {
					if b.deptState(need) == deptBlocked && c.Action != ActionBlocked {
						what := "部门 department"
						if c.Kind == KindDepartment {
							what = "上级部门 parent department"
						}
						blockedBy(c, what, need)
						changed = true
					}
				}
			}
		}
	}
}

// waiters maps each step to the steps that wait on it, hard and soft
// dependencies alike.
func waiters(steps []*Step) map[StepID][]*Step {
	w := map[StepID][]*Step{}
	for _, s := range steps {
		for _, d := range s.Deps {
			w[d] = append(w[d], s)
		}
		for _, d := range s.Soft {
			w[d] = append(w[d], s)
		}
	}
	return w
}

// prioritize sets each step's Priority to the length of the longest chain
// of steps that wait on it, plus one.
func prioritize(steps []*Step) {
	wait := waiters(steps)
	memo := map[*Step]int{}
	var depth func(s *Step, guard int) int
	depth = func(s *Step, guard int) int {
		if v, ok := memo[s]; ok {
			return v
		}
		best := 0
		if guard < len(steps) { // the graph is acyclic; the guard only bounds a bug
			for _, w := range wait[s.ID] {
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

// Ordered returns the steps in an order that respects every dependency,
// hard and soft (Kahn's algorithm; ties keep plan order).
func (p *Plan) Ordered() []*Step {
	index := map[StepID]int{}
	for i, s := range p.Steps {
		index[s.ID] = i
	}
	waiting := make([]int, len(p.Steps))
	wait := waiters(p.Steps)
	for id, ws := range wait {
		if _, ok := index[id]; !ok {
			continue // waits on a step outside the plan: nothing to wait for
		}
		for _, w := range ws {
			waiting[index[w.ID]]++
		}
	}
	var queue []int
	for i := range p.Steps {
		if waiting[i] == 0 {
			queue = append(queue, i)
		}
	}
	out := make([]*Step, 0, len(p.Steps))
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		out = append(out, p.Steps[i])
		for _, w := range wait[p.Steps[i].ID] {
			j := index[w.ID]
			if waiting[j]--; waiting[j] == 0 {
				queue = append(queue, j)
			}
		}
	}
	return out
}
