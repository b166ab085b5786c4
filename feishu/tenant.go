package feishu

import (
	"context"
	"net/http"
)

// TenantInfo is data.tenant of GET /open-apis/tenant/v2/tenant/query
// (server-docs/tenant-v2/query): the company the app is installed in.
// Reading it needs the scope tenant:tenant:readonly, which an app made for
// orgbatch may well not have. Other fields of the answer (tenant_tag,
// avatar, and domain, which needs a scope of its own) are not read.
type TenantInfo struct {
	Name      string `json:"name"`
	DisplayID string `json:"display_id,omitempty"` // the company ID shown in the admin console
	TenantKey string `json:"tenant_key,omitempty"`
}

// TenantData is data of GET /tenant/v2/tenant/query.
type TenantData struct {
	Tenant TenantInfo `json:"tenant"`
}

// Tenant reads the tenant's name and IDs (EPTenantQuery). Without the
// scope the server answers CodeNoScope.
func (c *Client) Tenant(ctx context.Context) (*TenantInfo, error) {
	var out TenantData
	if err := c.do(ctx, request{method: http.MethodGet, path: PathTenantQuery}, &out); err != nil {
		return nil, err
	}
	return &out.Tenant, nil
}
