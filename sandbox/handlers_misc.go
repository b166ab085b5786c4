package sandbox

import (
	"encoding/json"
	"fmt"
	"hash/fnv"

	"github.com/orgbatch/orgbatch/feishu"
)

// tenantToken is POST /open-apis/auth/v3/tenant_access_token/internal. Its
// answer has no data wrapper; its errors are 10003 (bad body, unknown
// app_id) and 10015 (wrong secret).
func (s *Server) tenantToken(c *call) (any, error) {
	var req feishu.TokenRequest
	if err := json.Unmarshal(c.body, &req); err != nil {
		return nil, fail(feishu.CodeInvalidParam, "body must be JSON with app_id and app_secret")
	}
	tok, expire, err := s.auth.issue(req.AppID, req.AppSecret)
	if err != nil {
		return nil, err
	}
	return bare{feishu.TokenResponse{Code: 0, Msg: "ok", TenantAccessToken: tok, Expire: expire}}, nil
}

// tenantQuery is GET /open-apis/tenant/v2/tenant/query: the tenant's name
// (Options.TenantName), a display_id and a tenant_key derived from the app
// ID. Options.NoTenantScope answers 99991672 instead, as Feishu does for an
// app without tenant:tenant:readonly.
func (s *Server) tenantQuery(c *call) (any, error) {
	if s.opts.NoTenantScope {
		return nil, fail(feishu.CodeNoScope, "[tenant:tenant:readonly]")
	}
	s.mu.RLock()
	name := s.st.tenantName
	s.mu.RUnlock()
	key := fmt.Sprintf("%016x", fnv64(s.opts.AppID))
	return feishu.TenantData{Tenant: feishu.TenantInfo{Name: name, DisplayID: "F" + key[:6], TenantKey: key}}, nil
}

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}
