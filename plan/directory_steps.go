package plan

import (
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// Entries of the tenant's lists the plan creates (--create-missing-types,
// -levels, -families): a change and a step each, with no row of their
// own, before the users that name them. Their IDs are the server's (an
// employee type's number, a level's or family's ID), so a user's write
// that needs one carries a Ref the executor fills in once the create ran.

// Kinds of the changes that create entries of the tenant's lists.
const (
	KindEmployeeType Kind = "employee_type"
	KindJobLevel     Kind = "job_level"
	KindJobFamily    Kind = "job_family"
)

// DirectoryKinds are those kinds, in display order.
var DirectoryKinds = []Kind{KindEmployeeType, KindJobLevel, KindJobFamily}

// IsDirectory reports a change that creates an entry of a tenant's list.
func (c *Change) IsDirectory() bool {
	return c.Kind == KindEmployeeType || c.Kind == KindJobLevel || c.Kind == KindJobFamily
}

// Step kinds of the directory creates, and of a user's custom attributes
// set once the users they name exist. Numbered apart from step.go's.
const (
	StepEmployeeType StepKind = iota + 20
	StepJobLevel
	StepJobFamily
	StepUserAttrs
)

// directoryStep is the step kind of each directory change kind.
var directoryStep = map[Kind]StepKind{KindEmployeeType: StepEmployeeType, KindJobLevel: StepJobLevel, KindJobFamily: StepJobFamily}

func init() {
	stepPrefix[StepEmployeeType] = "employee-type:"
	stepPrefix[StepJobLevel] = "job-level:"
	stepPrefix[StepJobFamily] = "job-family:"
	stepPrefix[StepUserAttrs] = "user-attrs:"
}

// Operations of the directory creates.
const (
	OpCreateEmployeeType Op = "create_employee_type"
	OpCreateJobLevel     Op = "create_job_level"
	OpCreateJobFamily    Op = "create_job_family"
)

// RefField is the field a Ref fills.
type RefField string

// The fields a Ref can fill.
const (
	RefEmployeeType RefField = "employee_type"        // the created type's number (enum_value)
	RefJobLevel     RefField = "job_level_id"         // the created level's ID
	RefJobFamily    RefField = "job_family_id"        // the created family's ID
	RefParent       RefField = "parent_job_family_id" // a family created under one created this run
	RefTarget       RefField = "user_id"              // the PATCH target: the user a create step made
)

// Ref fills a field of a request with the ID the step Step produced
// (StepResult.IDs.Directory, or the user_id of a user create). The step is
// among the request's step's Deps.
type Ref struct {
	Field RefField `json:"field"`
	Step  StepID   `json:"step"`
}

// CreateEmployeeType creates a custom employee type.
type CreateEmployeeType struct{ Body feishu.EmployeeTypeEnum }

// CreateJobLevel creates a job level.
type CreateJobLevel struct{ Body feishu.JobLevel }

// CreateJobFamily creates a job family; Refs fills its parent when the
// parent is created in the same run.
type CreateJobFamily struct {
	Body feishu.JobFamily
	Refs []Ref
}

func (CreateEmployeeType) Op() Op { return OpCreateEmployeeType }
func (CreateJobLevel) Op() Op     { return OpCreateJobLevel }
func (CreateJobFamily) Op() Op    { return OpCreateJobFamily }

func (CreateEmployeeType) Endpoints() []feishu.Endpoint {
	return feishu.On(feishu.EPCreateEmployeeType)
}
func (CreateJobLevel) Endpoints() []feishu.Endpoint  { return feishu.On(feishu.EPCreateJobLevel) }
func (CreateJobFamily) Endpoints() []feishu.Endpoint { return feishu.On(feishu.EPCreateJobFamily) }

func (r CreateEmployeeType) Without(map[string]bool) (Request, bool) { return r, true }
func (r CreateJobLevel) Without(map[string]bool) (Request, bool)     { return r, true }
func (r CreateJobFamily) Without(map[string]bool) (Request, bool)    { return r, true }

// dirCreate is an entry the plan creates, by list and folded name (path,
// for families).
type dirCreate struct {
	kind Kind
	key  string
}

// addDirCreate adds (once) the change and step that create an entry.
func (b *builder) addDirCreate(kind Kind, stepKind StepKind, key, name string, origin problem.Loc, req Request, deps []StepID) StepID {
	id := StepID{stepKind, key}
	if b.dirCreates == nil {
		b.dirCreates = map[dirCreate]StepID{}
	}
	if _, ok := b.dirCreates[dirCreate{kind, key}]; ok {
		return id
	}
	b.dirCreates[dirCreate{kind, key}] = id
	c := &Change{Kind: kind, Key: key, Name: name, Action: ActionCreate, Origin: origin, Path: name}
	b.addChange(c)
	b.addStep(c, &Step{ID: id, Request: req, Deps: deps})
	return id
}

func (b *builder) createEmployeeType(name string, loc problem.Loc) StepID {
	body := feishu.EmployeeTypeEnum{Content: name, EnumType: feishu.EnumTypeCustom, EnumStatus: feishu.EnumStatusActive}
	return b.addDirCreate(KindEmployeeType, StepEmployeeType, org.SegmentKey(name), name, loc, CreateEmployeeType{body}, nil)
}

func (b *builder) createJobLevel(name string, loc problem.Loc) StepID {
	body := feishu.JobLevel{Name: name, Status: true}
	return b.addDirCreate(KindJobLevel, StepJobLevel, org.SegmentKey(name), name, loc, CreateJobLevel{body}, nil)
}

// createJobFamily creates the last family of path under parent (an ID),
// or under the family parentRef creates. Family names are unique in the
// tenant: a name this run already creates under another parent is refused.
func (b *builder) createJobFamily(c *Change, path []string, parent string, parentRef StepID, loc problem.Loc) (StepID, bool) {
	name := path[len(path)-1]
	if b.familyNames == nil {
		b.familyNames = map[string]string{}
	}
	key := org.PathKey(path)
	if other, ok := b.familyNames[org.SegmentKey(name)]; ok && other != key {
		b.addOnline(c, "PLAN_JOB_FAMILY_ELSEWHERE", loc, name, orTop(parentPath(other)), orTop(strings.Join(path[:len(path)-1], "/")))
		return StepID{}, false
	}
	b.familyNames[org.SegmentKey(name)] = key
	body := feishu.JobFamily{Name: name, ParentJobFamilyID: parent, Status: true}
	req := CreateJobFamily{Body: body}
	var deps []StepID
	if !parentRef.IsZero() {
		req.Refs = []Ref{{RefParent, parentRef}}
		deps = []StepID{parentRef}
	}
	return b.addDirCreate(KindJobFamily, StepJobFamily, key, strings.Join(path, "/"), loc, req, deps), true
}

// parentPath is the parent part of a path key.
func parentPath(key string) string {
	if i := strings.LastIndex(key, "/"); i >= 0 {
		return key[:i]
	}
	return ""
}

// schemaRefs are the Refs (and the steps to wait for) of a user write
// that names entries created this run.
func (s schema) refs() ([]Ref, []StepID) {
	var refs []Ref
	var deps []StepID
	for _, r := range []Ref{{RefEmployeeType, s.typeRef}, {RefJobLevel, s.levelRef}, {RefJobFamily, s.familyRef}} {
		if !r.Step.IsZero() {
			refs = append(refs, r)
			deps = append(deps, r.Step)
		}
	}
	return refs, deps
}
