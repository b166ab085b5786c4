package feishu

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Department endpoints. Each method makes one attempt; its doc names the
// Endpoint to give the Pacer.

// departmentPath is PathDepartments/<id> with id escaped as one segment.
func departmentPath(id string, suffix ...string) string {
	p := PathDepartments + "/" + url.PathEscape(id)
	for _, s := range suffix {
		p += "/" + s
	}
	return p
}

// CreateDepartment creates d (EPCreateDepartment). clientToken, when not
// empty, makes the call idempotent: the same token with the same body
// never creates a second department.
func (c *Client) CreateDepartment(ctx context.Context, d Department, clientToken string) (*Department, error) {
	q := url.Values{}
	if clientToken != "" {
		q.Set("client_token", clientToken)
	}
	var out DepartmentData
	if err := c.do(ctx, request{method: http.MethodPost, path: PathDepartments, query: q, body: d}, &out); err != nil {
		return nil, err
	}
	return out.Department, nil
}

// PatchDepartment changes the set fields of p (EPPatchDepartment).
func (c *Client) PatchDepartment(ctx context.Context, id string, p DepartmentPatch) (*Department, error) {
	var out DepartmentData
	if err := c.do(ctx, request{method: http.MethodPatch, path: departmentPath(id), body: p}, &out); err != nil {
		return nil, err
	}
	return out.Department, nil
}

// DeleteDepartment deletes an empty department (EPDeleteDepartment).
func (c *Client) DeleteDepartment(ctx context.Context, id string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: departmentPath(id)}, nil)
}

// GetDepartment reads one department (EPGetDepartment).
func (c *Client) GetDepartment(ctx context.Context, id string) (*Department, error) {
	var out DepartmentData
	if err := c.do(ctx, request{method: http.MethodGet, path: departmentPath(id)}, &out); err != nil {
		return nil, err
	}
	return out.Department, nil
}

// BatchDepartments reads up to BatchMax departments (EPBatchDepartments).
func (c *Client) BatchDepartments(ctx context.Context, ids []string) ([]Department, error) {
	if len(ids) > BatchMax {
		return nil, fmt.Errorf("feishu: BatchDepartments: %d IDs, at most %d per call", len(ids), BatchMax)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	q := url.Values{"department_ids": ids}
	var out BatchData[Department]
	if err := c.do(ctx, request{method: http.MethodGet, path: PathDepartmentsBatch, query: q}, &out); err != nil {
		return nil, err
	}
	return out.Items, nil
}

// Children lists one page of id's sub-departments, all levels when
// fetchChild is set (EPChildren). pageSize 0 and pageToken "" are omitted.
func (c *Client) Children(ctx context.Context, id string, fetchChild bool, pageSize int, pageToken string) (*Page[Department], error) {
	q := pageQuery(pageSize, pageToken)
	if fetchChild {
		q.Set("fetch_child", "true")
	}
	var out Page[Department]
	if err := c.do(ctx, request{method: http.MethodGet, path: departmentPath(id, "children"), query: q}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// pageQuery holds page_size and page_token when set.
func pageQuery(pageSize int, pageToken string) url.Values {
	q := url.Values{}
	if pageSize > 0 {
		q.Set("page_size", strconv.Itoa(pageSize))
	}
	if pageToken != "" {
		q.Set("page_token", pageToken)
	}
	return q
}
