package feishu

import "context"

// The directory methods of Paced (see paced.go).

// CreateEmployeeType is API.CreateEmployeeType, paced.
func (c *Paced) CreateEmployeeType(ctx context.Context, e EmployeeTypeEnum) (*EmployeeTypeEnum, error) {
	return paced(ctx, c, On(EPCreateEmployeeType), func(ctx context.Context) (*EmployeeTypeEnum, error) {
		return c.api.CreateEmployeeType(ctx, e)
	})
}

// CustomAttrs is API.CustomAttrs, paced.
func (c *Paced) CustomAttrs(ctx context.Context, pageSize int, pageToken string) (*Page[CustomAttr], error) {
	return paced(ctx, c, On(EPCustomAttrs), func(ctx context.Context) (*Page[CustomAttr], error) {
		return c.api.CustomAttrs(ctx, pageSize, pageToken)
	})
}

// JobLevels is API.JobLevels, paced.
func (c *Paced) JobLevels(ctx context.Context, pageSize int, pageToken string) (*Page[JobLevel], error) {
	return paced(ctx, c, On(EPJobLevels), func(ctx context.Context) (*Page[JobLevel], error) {
		return c.api.JobLevels(ctx, pageSize, pageToken)
	})
}

// CreateJobLevel is API.CreateJobLevel, paced.
func (c *Paced) CreateJobLevel(ctx context.Context, l JobLevel) (*JobLevel, error) {
	return paced(ctx, c, On(EPCreateJobLevel), func(ctx context.Context) (*JobLevel, error) { return c.api.CreateJobLevel(ctx, l) })
}

// JobFamilies is API.JobFamilies, paced.
func (c *Paced) JobFamilies(ctx context.Context, pageSize int, pageToken string) (*Page[JobFamily], error) {
	return paced(ctx, c, On(EPJobFamilies), func(ctx context.Context) (*Page[JobFamily], error) {
		return c.api.JobFamilies(ctx, pageSize, pageToken)
	})
}

// CreateJobFamily is API.CreateJobFamily, paced.
func (c *Paced) CreateJobFamily(ctx context.Context, f JobFamily) (*JobFamily, error) {
	return paced(ctx, c, On(EPCreateJobFamily), func(ctx context.Context) (*JobFamily, error) { return c.api.CreateJobFamily(ctx, f) })
}

// JobTitles is API.JobTitles, paced (10 calls a minute).
func (c *Paced) JobTitles(ctx context.Context, pageSize int, pageToken string) (*Page[JobTitle], error) {
	return paced(ctx, c, On(EPJobTitles), func(ctx context.Context) (*Page[JobTitle], error) {
		return c.api.JobTitles(ctx, pageSize, pageToken)
	})
}

// WorkCities is API.WorkCities, paced (10 calls a minute).
func (c *Paced) WorkCities(ctx context.Context, pageSize int, pageToken string) (*Page[WorkCity], error) {
	return paced(ctx, c, On(EPWorkCities), func(ctx context.Context) (*Page[WorkCity], error) {
		return c.api.WorkCities(ctx, pageSize, pageToken)
	})
}
