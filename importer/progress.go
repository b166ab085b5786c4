package importer

import "github.com/orgbatch/orgbatch/plan"

// Progress is how far a run has got: its steps, and its rows (the plan's
// changes that have steps) — done when all their steps are.
type Progress struct {
	Steps, StepsDone int
	Rows, RowsDone   int
	// Created and Failed count the rows done: created, and failed or
	// skipped (a step failed, or one they need did).
	Created, Failed int
}

// tally keeps a run's Progress as steps finish (not safe for concurrent
// use: the run calls it under its lock).
type tally struct {
	p    Progress
	rows map[plan.StepID][]*plan.Change // the rows each step is part of
	left map[*plan.Change]int           // steps of a row not finished
	bad  map[*plan.Change]bool
}

func newTally(p *plan.Plan) *tally {
	t := &tally{rows: map[plan.StepID][]*plan.Change{}, left: map[*plan.Change]int{}, bad: map[*plan.Change]bool{}}
	t.p.Steps = len(p.Steps)
	for _, c := range p.Changes {
		if len(c.Steps) == 0 {
			continue
		}
		t.p.Rows++
		t.left[c] = len(c.Steps)
		for _, st := range c.Steps {
			t.rows[st.ID] = append(t.rows[st.ID], c)
		}
	}
	return t
}

// step counts a finished step and returns the progress.
func (t *tally) step(st *plan.Step, r *StepResult) Progress {
	t.p.StepsDone++
	for _, c := range t.rows[st.ID] {
		if r.Status == StatusFailed || r.Status == StatusSkipped || r.Members[c].Status == StatusFailed {
			t.bad[c] = true
		}
		if t.left[c]--; t.left[c] != 0 {
			continue
		}
		t.p.RowsDone++
		switch {
		case t.bad[c]:
			t.p.Failed++
		case c.Action == plan.ActionCreate:
			t.p.Created++
		}
	}
	return t.p
}
