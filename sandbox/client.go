package sandbox

import "github.com/orgbatch/orgbatch/feishu"

// NewClient returns a client for a sandbox at baseURL, signed in as the
// default app and using the ID types orgbatch uses (custom user_id and
// department_id), plus any further options.
func NewClient(baseURL string, opts ...feishu.Option) *feishu.Client {
	return feishu.NewClient(append([]feishu.Option{
		feishu.WithBaseURL(baseURL),
		feishu.WithCredentials(DefaultAppID, DefaultAppSecret),
		feishu.WithIDTypes(feishu.UserIDTypeUserID, feishu.DepartmentIDTypeDepartmentID),
	}, opts...)...)
}
