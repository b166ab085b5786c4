package importer

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"strconv"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
)

// DirectoryAPI is what creating entries of the tenant's lists needs: the
// creates, and the listings that find an entry whose create answer was
// lost (these APIs take no client_token; a retry gets "name taken").
type DirectoryAPI interface {
	CreateEmployeeType(ctx context.Context, e feishu.EmployeeTypeEnum) (*feishu.EmployeeTypeEnum, error)
	CreateJobLevel(ctx context.Context, l feishu.JobLevel) (*feishu.JobLevel, error)
	CreateJobFamily(ctx context.Context, f feishu.JobFamily) (*feishu.JobFamily, error)
	EmployeeTypeEnums(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.EmployeeTypeEnum], error)
	JobLevels(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.JobLevel], error)
	JobFamilies(ctx context.Context, pageSize int, pageToken string) (*feishu.Page[feishu.JobFamily], error)
}

// retriedDuplicate reports a "name taken" answer to a create that may have
// been applied by an earlier attempt whose answer was lost.
func retriedDuplicate(ctx context.Context, err error, path string) bool {
	return err != nil && ambiguous(ctx) && feishu.ErrorCode(err) == feishu.DuplicateNameCode(path)
}

func (e *executor) createEmployeeType(ctx context.Context, req plan.CreateEmployeeType, r *StepResult) error {
	got, err := e.api.CreateEmployeeType(ctx, req.Body)
	if retriedDuplicate(ctx, err, feishu.PathEmployeeTypeEnums) {
		got, err = findByName(ctx, e.api.EmployeeTypeEnums, feishu.EmployeeTypePageMax, err,
			func(t feishu.EmployeeTypeEnum) bool {
				return t.Content == req.Body.Content && t.EnumType == feishu.EnumTypeCustom
			})
	}
	if err != nil {
		return err
	}
	r.IDs = plan.IDs{Directory: got.EnumValue}
	return nil
}

func (e *executor) createJobLevel(ctx context.Context, req plan.CreateJobLevel, r *StepResult) error {
	got, err := e.api.CreateJobLevel(ctx, req.Body)
	if retriedDuplicate(ctx, err, feishu.PathJobLevels) {
		got, err = findByName(ctx, e.api.JobLevels, feishu.JobLevelPageMax, err,
			func(l feishu.JobLevel) bool { return l.Name == req.Body.Name })
	}
	if err != nil {
		return err
	}
	r.IDs = plan.IDs{Directory: got.JobLevelID}
	return nil
}

func (e *executor) createJobFamily(ctx context.Context, req plan.CreateJobFamily, r *StepResult) error {
	body := req.Body
	if err := e.fill(req.Refs, func(f plan.RefField, v string) error {
		body.ParentJobFamilyID = v
		return nil
	}); err != nil {
		return err
	}
	got, err := e.api.CreateJobFamily(ctx, body)
	if retriedDuplicate(ctx, err, feishu.PathJobFamilies) {
		got, err = findByName(ctx, e.api.JobFamilies, feishu.JobFamilyPageMax, err,
			func(f feishu.JobFamily) bool {
				return f.Name == body.Name && f.ParentJobFamilyID == body.ParentJobFamilyID
			})
	}
	if err != nil {
		return err
	}
	r.IDs = plan.IDs{Directory: got.JobFamilyID}
	return nil
}

// findByName reads a listing for the entry an earlier attempt created;
// orig is returned when it is not there (someone else's entry of that name).
func findByName[T any](ctx context.Context, list func(context.Context, int, string) (*feishu.Page[T], error), size int, orig error, match func(T) bool) (*T, error) {
	var found *T
	errFound := errors.New("found")
	err := feishu.Pages(ctx, func(ctx context.Context, token string) (*feishu.Page[T], error) { return list(ctx, size, token) },
		func(items []T) error {
			for i := range items {
				if match(items[i]) {
					found = &items[i]
					return errFound
				}
			}
			return nil
		})
	if found != nil {
		return found, nil
	}
	if err != nil {
		return nil, err
	}
	return nil, orig
}

// fill sets each Ref's field from the result of the step it names (a hard
// dependency, so it succeeded before this step started).
func (e *executor) fill(refs []plan.Ref, set func(plan.RefField, string) error) error {
	for _, ref := range refs {
		res := e.sched.resultOf(ref.Step)
		v := ""
		if res != nil && res.Status == StatusDone {
			v = res.IDs.Directory
			if ref.Field == plan.RefTarget {
				v = res.IDs.UserID
			}
		}
		if v == "" {
			return msg.NeedsFailedStep.Err(ref.Field, ref.Step)
		}
		if err := set(ref.Field, v); err != nil {
			return err
		}
	}
	return nil
}

// fillUser puts Refs into a user create body or PATCH.
func (e *executor) fillUser(refs []plan.Ref, u *feishu.User, p *feishu.UserPatch, target *string) error {
	return e.fill(refs, func(f plan.RefField, v string) error {
		switch f {
		case plan.RefEmployeeType:
			n, err := strconv.Atoi(v)
			if err != nil || n < len(org.EmployeeTypeNames) {
				return fmt.Errorf("employee type number %q is not a custom type's", v)
			}
			if u != nil {
				u.EmployeeType = n
			}
			if p != nil {
				p.EmployeeType = &n
			}
		case plan.RefJobLevel:
			if u != nil {
				u.JobLevelID = v
			}
			if p != nil {
				p.JobLevelID = &v
			}
		case plan.RefJobFamily:
			if u != nil {
				u.JobFamilyID = v
			}
			if p != nil {
				p.JobFamilyID = &v
			}
		case plan.RefTarget:
			*target = v
		}
		return nil
	})
}
