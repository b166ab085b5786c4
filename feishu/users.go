package feishu

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// User endpoints. Each method makes one attempt; its doc names the
// Endpoint to give the Pacer.

func userPath(id string) string { return PathUsers + "/" + url.PathEscape(id) }

// CreateUser creates u (EPCreateUser); clientToken as for CreateDepartment.
// On a partial-success code (44054–44056: created, but the city or job title
// was not) it returns the created user, when the server sends it, together
// with the *APIError, so the caller can record "created with a warning".
func (c *Client) CreateUser(ctx context.Context, u User, clientToken string) (*User, error) {
	q := url.Values{}
	if clientToken != "" {
		q.Set("client_token", clientToken)
	}
	var out UserData
	err := c.do(ctx, request{method: http.MethodPost, path: PathUsers, query: q, body: u}, &out)
	return userResult(out, err)
}

// PatchUser changes the set fields of p (p.Endpoints(): EPPatchUser, plus
// EPPatchUserDept when it moves or freezes the user). Partial-success codes
// 44057–44059 return the user and the error, as CreateUser does.
func (c *Client) PatchUser(ctx context.Context, id string, p UserPatch) (*User, error) {
	var out UserData
	err := c.do(ctx, request{method: http.MethodPatch, path: userPath(id), body: p}, &out)
	return userResult(out, err)
}

// userResult keeps data only for success and partial success.
func userResult(out UserData, err error) (*User, error) {
	if err != nil && !IsPartialSuccess(err) {
		return nil, err
	}
	return out.User, err
}

// GetUser reads one user (EPGetUser).
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	var out UserData
	if err := c.do(ctx, request{method: http.MethodGet, path: userPath(id)}, &out); err != nil {
		return nil, err
	}
	return out.User, nil
}

// BatchUsers reads up to BatchMax users (EPBatchUsers).
func (c *Client) BatchUsers(ctx context.Context, ids []string) ([]User, error) {
	if len(ids) > BatchMax {
		return nil, fmt.Errorf("feishu: BatchUsers: %d IDs, at most %d per call", len(ids), BatchMax)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var out BatchData[User]
	q := url.Values{"user_ids": ids}
	if err := c.do(ctx, request{method: http.MethodGet, path: PathUsersBatch, query: q}, &out); err != nil {
		return nil, err
	}
	return out.Items, nil
}

// FindByDepartment lists one page of a department's direct members
// (EPFindByDepartment).
func (c *Client) FindByDepartment(ctx context.Context, departmentID string, pageSize int, pageToken string) (*Page[User], error) {
	q := pageQuery(pageSize, pageToken)
	q.Set("department_id", departmentID)
	var out Page[User]
	if err := c.do(ctx, request{method: http.MethodGet, path: PathFindByDepartment, query: q}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// BatchGetID looks users up by email and mobile, up to BatchMax of each
// (EPBatchGetID). Not-found entries come back without a UserID.
func (c *Client) BatchGetID(ctx context.Context, req BatchGetIDRequest) ([]UserContactInfo, error) {
	if len(req.Emails) > BatchMax || len(req.Mobiles) > BatchMax {
		return nil, fmt.Errorf("feishu: BatchGetID: %d emails and %d mobiles, at most %d of each per call",
			len(req.Emails), len(req.Mobiles), BatchMax)
	}
	if len(req.Emails) == 0 && len(req.Mobiles) == 0 {
		return nil, nil
	}
	var out BatchGetIDData
	if err := c.do(ctx, request{method: http.MethodPost, path: PathBatchGetID, body: req}, &out); err != nil {
		return nil, err
	}
	return out.UserList, nil
}
