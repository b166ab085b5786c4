package run

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/tenant"
)

// Offboarding and restore runs are import runs (Import, with a Planner):
// the same folder, locks, salt, journal, execution, report and resume.
// What differs is what they read and decide, here.

// RecordFile is an offboarding run's record (plan.OffboardRecord), beside
// its plan: a resume plans with it, restore undoes from it. Owner-only: it
// holds the leavers' mobiles and emails.
const RecordFile = "offboarding.json"

// Offboarding reads and plans an offboarding of Org's leavers; as an
// Import's Planner and Written it also keeps the run's record.
type Offboarding struct {
	Org      *org.Org
	Problems []problem.Problem
	previous *plan.OffboardRecord
}

// Plan is the Import.Planner: a resumed run plans with the record of the
// run it resumes.
func (ob *Offboarding) Plan(ctx context.Context, r *tenant.Reader, f *Folder) (*plan.Plan, error) {
	if f.Resumed {
		rec, err := ReadRecord(f.Dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		ob.previous = rec
	}
	return PlanOffboard(ctx, r, ob.Org, ob.Problems, plan.OffboardOptions{Previous: ob.previous})
}

// Write is the Import.Written: the record, merged with the resumed one's.
func (ob *Offboarding) Write(dir string, p *plan.Plan) error { return WriteRecord(dir, ob.Record(p)) }

// Record is what the whole run deletes and changes: the plan's, and — on
// a resume — what the interrupted run was to do. Its counts are the run's
// counted confirmations, the same when it is resumed.
func (ob *Offboarding) Record(p *plan.Plan) *plan.OffboardRecord { return p.Record(ob.previous) }

// PlanOffboard reads what an offboarding needs — the department tree
// (departments only, with member counts: ⌈departments/50⌉ calls, plus the
// root for the tenant's head count), the leavers, acceptors, successors
// and the leavers' leaders, and the direct members of the departments the
// leavers may leave empty — and plans it.
func PlanOffboard(ctx context.Context, r *tenant.Reader, o *org.Org, problems []problem.Problem, opts plan.OffboardOptions) (*plan.Plan, error) {
	snap, err := r.Walk(ctx, tenant.WalkOptions{SkipUsers: true, FetchRoot: true})
	if err != nil {
		return nil, err
	}
	if err := r.People(ctx, snap, leaverRefs(o, opts.Previous)); err != nil {
		return nil, err
	}
	if err := r.Members(ctx, snap, plan.OffboardReads(o, problems, snap, opts)); err != nil {
		return nil, err
	}
	return plan.BuildOffboard(o, problems, snap, opts), nil
}

// leaverRefs are the users a leavers sheet (and a resumed record) names.
func leaverRefs(o *org.Org, prev *plan.OffboardRecord) tenant.PeopleRefs {
	var refs tenant.PeopleRefs
	cols := append([]string{"user_id", org.AcceptorDefault, org.LeaderSuccessor}, org.AcceptorFields...)
	for _, l := range o.Leavers {
		for _, col := range cols {
			if id := l.Get(col); id != "" {
				refs.IDs = append(refs.IDs, id)
			}
		}
		if m := l.Values.Mobile.E164; m != "" {
			refs.Mobiles = append(refs.Mobiles, m)
		}
		if e := l.Values.Email; e != "" {
			refs.Emails = append(refs.Emails, e)
		}
	}
	if prev != nil {
		for _, u := range prev.Users {
			refs.IDs = append(refs.IDs, u.UserID)
		}
	}
	return refs
}

// WriteRecord writes offboarding.json into dir.
func WriteRecord(dir string, rec *plan.OffboardRecord) error {
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(filepath.Join(dir, RecordFile), atomicfile.Private, append(data, '\n'))
}

// ReadRecord reads a run folder's offboarding.json.
func ReadRecord(dir string) (*plan.OffboardRecord, error) {
	data, err := os.ReadFile(filepath.Join(dir, RecordFile))
	if err != nil {
		return nil, err
	}
	var rec plan.OffboardRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, &RefusedError{Msg: filepath.Join(dir, RecordFile) + " is damaged: " + err.Error()}
	}
	return &rec, nil
}

// Restore reads and plans a restore: of the leavers rows of Org, or —
// with none — of everyone the offboarding run in From deleted; From
// (optional with rows) fills in what the API does not restore.
type Restore struct {
	Org      *org.Org
	Problems []problem.Problem
	From     string
}

// Plan is the Import.Planner of a restore.
func (rs *Restore) Plan(ctx context.Context, r *tenant.Reader, f *Folder) (*plan.Plan, error) {
	opts := plan.RestoreOptions{TokenSalt: f.Salt}
	if rs.From != "" {
		rec, err := ReadRecord(rs.From)
		if err != nil {
			return nil, err
		}
		entries, err := importer.ReadJournal(filepath.Join(rs.From, report.JournalFile))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		sent := map[plan.StepID]bool{}
		for _, e := range entries {
			sent[e.Step] = sent[e.Step] || e.Status == importer.StatusDone || e.Status == importer.StatusIntent
		}
		opts.Record, opts.Done = rec, func(id plan.StepID) bool { return sent[id] }
	}
	snap := tenant.New()
	if err := rs.read(ctx, r, snap, opts.Record); err != nil {
		return nil, err
	}
	p := plan.BuildRestore(rs.Org, rs.Problems, snap, opts)
	if parents := p.NewParents(); len(parents) > 0 {
		if err := r.Children(ctx, snap, parents); err != nil {
			return nil, err
		}
		p = plan.BuildRestore(rs.Org, rs.Problems, snap, opts)
	}
	return p, nil
}

// read reads the users to restore (resigned ones included), the active
// owners of their mobiles and emails, and the departments of the record.
func (rs *Restore) read(ctx context.Context, r *tenant.Reader, snap *tenant.Snapshot, rec *plan.OffboardRecord) error {
	refs := leaverRefs(rs.Org, rec)
	if err := r.People(ctx, snap, refs); err != nil {
		return err
	}
	var contacts tenant.PeopleRefs
	for _, u := range snap.Users {
		if tenant.Resigned(u) && u.Mobile != "" {
			contacts.Mobiles = append(contacts.Mobiles, tenant.NormMobile(u.Mobile))
		}
		if tenant.Resigned(u) && u.Email != "" {
			contacts.Emails = append(contacts.Emails, u.Email)
		}
	}
	if err := r.People(ctx, snap, contacts); err != nil {
		return err
	}
	if rec == nil {
		return nil
	}
	var depts []string
	for _, d := range rec.Departments {
		depts = append(depts, d.DepartmentID, d.ParentDepartmentID)
	}
	for _, u := range rec.Users {
		depts = append(depts, u.Departments...)
	}
	for _, s := range rec.Leaders {
		depts = append(depts, s.DepartmentID)
	}
	return r.Departments(ctx, snap, depts)
}
