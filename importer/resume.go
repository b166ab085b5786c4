package importer

import (
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"sync"

	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/tenant"
)

// Resuming: a run folder's journal holds what earlier, interrupted runs of
// it did. A resumed run plans again against the tenant, so a row they
// created is now "unchanged" or an update; the journal turns it back into
// "created" in the report. A create is journaled twice: its intent before
// it is sent (client_token and identity digest), its end after the answer.
// kill -9 between the two leaves only the intent; the row then counts as
// created by this run when the entity the tenant has now is the one the
// intent describes (same IDs, name and contact).

// errJournal stops creates once the journal cannot be written.
var errJournal = errors.New("the journal cannot be written")

// intentWriter journals a create's intent before it is sent. The first
// failure stops the run (cancel): without a journal a crash would lose
// track of what was created.
func intentWriter(j *Journal, mu *sync.Mutex, journalErr *error, cancel func()) func(JournalEntry) error {
	return func(e JournalEntry) error {
		mu.Lock()
		failed := *journalErr != nil
		mu.Unlock()
		if failed {
			return errJournal
		}
		err := j.Append(e)
		if err != nil {
			mu.Lock()
			if *journalErr == nil {
				*journalErr = fmt.Errorf("writing the journal: %w", err)
			}
			mu.Unlock()
			cancel()
		}
		return err
	}
}

// previous is what earlier runs of the run folder journaled.
type previous struct {
	done    map[plan.StepID]JournalEntry // finished steps; a create is kept over a later patch
	intents map[plan.StepID]JournalEntry // creates sent, by step
	members map[string]plan.Op           // "group_id/user_id" → the batch that added or removed them
}

func previousOf(entries []JournalEntry) previous {
	p := previous{done: map[plan.StepID]JournalEntry{}, intents: map[plan.StepID]JournalEntry{}, members: map[string]plan.Op{}}
	for _, e := range entries {
		for _, id := range e.Members {
			p.members[e.IDs.GroupID+"/"+id] = e.Op
		}
		switch e.Status {
		case StatusIntent:
			p.intents[e.Step] = e
		case StatusDone:
			if old, ok := p.done[e.Step]; ok && isCreate(old.Op) {
				continue // keep the create: the row was created by the earlier run
			}
			p.done[e.Step] = e
		}
	}
	return p
}

// fromPrevious folds in what an interrupted earlier run did to the row:
// a row it created is "created", one it only updated at least "updated"
// (an "unchanged" row now was changed then), and its attempts count.
func fromPrevious(o *Outcome, c *plan.Change, prev previous, t *tenant.Snapshot) {
	created := false
	for _, e := range prevOf(c, prev.done) {
		o.Attempts += e.Attempts
		mergeIDs(&o.IDs, e.IDs)
		switch s := opStatus(e.Op); {
		case s == StatusCreated:
			o.Status, created = s, true
		case s != StatusUpdated: // deleted, restored
			o.Status = s
		case o.Status == StatusUnchanged:
			o.Status = StatusUpdated
		}
		if e.Warning != "" {
			o.Warnings = append(o.Warnings, e.Warning)
		}
	}
	if o.Status == StatusUnchanged {
		offboardedBefore(o, c, prev, t)
	}
	ids := c.StepIDs()
	if len(ids) == 0 {
		return // a group member: see memberFromPrevious
	}
	e, sent := prev.intents[ids[0]] // the step that creates the row's entity
	if created || !sent || c.Action == plan.ActionCreate {
		return // nothing lost, or this run creates the row itself
	}
	if !madeBy(e, c, t) {
		o.Warnings = append(o.Warnings, msg.ResumedNotCreated.F())
		return
	}
	o.Status = StatusCreated
}

// madeBy reports whether the entity the row is matched to in the tenant is
// the one the intent describes.
func madeBy(e JournalEntry, c *plan.Change, t *tenant.Snapshot) bool {
	if t == nil {
		return false
	}
	switch c.Kind {
	case plan.KindDepartment:
		d := t.Departments[c.Existing.DepartmentID]
		return d != nil && e.IDs.DepartmentID == d.DepartmentID && plan.DepartmentIdentity(d) == e.Identity
	case plan.KindUnit:
		u := t.Units[c.Existing.UnitID]
		return u != nil && e.IDs.UnitID == u.UnitID && plan.UnitIdentity(u) == e.Identity
	}
	withID := e.IDs.UserID != ""
	u := t.Users[c.Existing.UserID]
	if u == nil || withID && u.UserID != e.IDs.UserID {
		return false
	}
	return plan.UserIdentity(u, withID) == e.Identity
}

func prevOf(c *plan.Change, prev map[plan.StepID]JournalEntry) []JournalEntry {
	var out []JournalEntry
	for _, id := range c.StepIDs() {
		if e, ok := prev[id]; ok {
			out = append(out, e)
		}
	}
	return out
}

// offboardedBefore turns an unchanged row into deleted, restored or
// updated when an interrupted run sent that for it and the tenant shows it
// was applied: the user is resigned (or back), the department gone, the
// leader slot as it was to be. kill -9 between
// the sending and the journaling of the answer leaves only the intent.
func offboardedBefore(o *Outcome, c *plan.Change, prev previous, t *tenant.Snapshot) {
	if t == nil {
		return
	}
	for _, id := range c.StepIDs() {
		e, sent := prev.intents[id]
		if _, done := prev.done[id]; !sent || done || !e.Op.IsOffboarding() {
			continue
		}
		u := t.Users[e.IDs.UserID]
		switch e.Op {
		case plan.OpDeleteUser:
			if u != nil && tenant.Resigned(u) {
				o.Status = StatusDeleted
			}
		case plan.OpResurrectUser:
			if u != nil && !tenant.Resigned(u) {
				o.Status = StatusRestored
			}
		case plan.OpDeleteDepartment:
			if t.Departments[e.IDs.DepartmentID] == nil {
				o.Status = StatusDeleted
			}
		case plan.OpSetLeader:
			if d := t.Departments[e.IDs.DepartmentID]; d != nil && d.LeaderUserID == e.IDs.UserID && o.Status == StatusUnchanged {
				o.Status = StatusUpdated
			}
		}
	}
}
