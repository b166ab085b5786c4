package feishu

import (
	"context"
	"net/http"
)

// EmployeeTypeEnums lists one page of the tenant's employee types
// (EPEmployeeTypeEnums).
func (c *Client) EmployeeTypeEnums(ctx context.Context, pageSize int, pageToken string) (*Page[EmployeeTypeEnum], error) {
	var out Page[EmployeeTypeEnum]
	q := pageQuery(pageSize, pageToken)
	if err := c.do(ctx, request{method: http.MethodGet, path: PathEmployeeTypeEnums, query: q}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
