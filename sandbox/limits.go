package sandbox

import (
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// DocumentedLimits are the rate limits the sandbox enforces: each
// endpoint page's 接口频率限制, written out here on their own rather than
// taken from the client's table (feishu.EndpointLimits), so that a wrong
// limit cannot hide by both sides agreeing on it. A test compares both
// with the facts file (testdata/spec). Endpoints the docs mark 特殊频控
// (non-standard, undocumented: get one department, parent, the employee
// type listing and updates) are given 1000/min and 50/s, as the client
// assumes (sandbox/doc.go).
var DocumentedLimits = map[feishu.Endpoint]feishu.Limit{
	feishu.EPCreateDepartment:   perMinAndSec(1000, 50),
	feishu.EPPatchDepartment:    perMinAndSec(1000, 50),
	feishu.EPUpdateDepartment:   perMinAndSec(1000, 50),
	feishu.EPDeleteDepartment:   perMinAndSec(1000, 50),
	feishu.EPGetDepartment:      perMinAndSec(1000, 50), // 特殊频控
	feishu.EPBatchDepartments:   perMinAndSec(1000, 50),
	feishu.EPChildren:           perMinAndSec(1000, 50),
	feishu.EPParent:             perMinAndSec(1000, 50), // 特殊频控
	feishu.EPCreateUser:         perMinAndSec(1000, 50),
	feishu.EPPatchUser:          perMinAndSec(1000, 50),
	feishu.EPPatchUserDept:      {{Count: 1, Per: time.Second}}, // department_ids or is_frozen: 1 QPS
	feishu.EPDeleteUser:         perMinAndSec(1000, 50),
	feishu.EPGetUser:            perMinAndSec(1000, 50),
	feishu.EPBatchUsers:         perMinAndSec(1000, 50),
	feishu.EPFindByDepartment:   perMinAndSec(1000, 50),
	feishu.EPBatchGetID:         perMinAndSec(1000, 50),
	feishu.EPResurrect:          {{Count: 10, Per: time.Minute}},
	feishu.EPTenantQuery:        perMinAndSec(1000, 50),
	feishu.EPEmployeeTypeEnums:  perMinAndSec(1000, 50), // 特殊频控
	feishu.EPCreateEmployeeType: {{Count: 20, Per: time.Second}},
	feishu.EPUpdateEmployeeType: perMinAndSec(1000, 50), // 特殊频控
	feishu.EPCustomAttrs:        perMinAndSec(1000, 50),
	feishu.EPJobLevels:          {{Count: 10, Per: time.Second}},
	feishu.EPCreateJobLevel:     {{Count: 10, Per: time.Second}},
	feishu.EPUpdateJobLevel:     {{Count: 10, Per: time.Second}},
	feishu.EPJobFamilies:        {{Count: 10, Per: time.Second}},
	feishu.EPCreateJobFamily:    {{Count: 10, Per: time.Second}},
	feishu.EPUpdateJobFamily:    {{Count: 10, Per: time.Second}},
	feishu.EPJobTitles:          {{Count: 10, Per: time.Minute}},
	feishu.EPWorkCities:         {{Count: 10, Per: time.Minute}},
	feishu.EPCreateUnit:         {{Count: 20, Per: time.Second}},
	feishu.EPPatchUnit:          {{Count: 20, Per: time.Second}},
	feishu.EPDeleteUnit:         {{Count: 20, Per: time.Second}},
	feishu.EPBindUnit:           {{Count: 20, Per: time.Second}},
	feishu.EPUnbindUnit:         {{Count: 20, Per: time.Second}},
	feishu.EPGetUnit:            perMinAndSec(1000, 50),
	feishu.EPListUnits:          perMinAndSec(1000, 50),
	feishu.EPUnitDepartments:    perMinAndSec(1000, 50),
}

func perMinAndSec(perMin, perSec int) feishu.Limit {
	return feishu.Limit{{Count: perSec, Per: time.Second}, {Count: perMin, Per: time.Minute}}
}
