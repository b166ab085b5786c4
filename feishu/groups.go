package feishu

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// User groups (用户组) and their members (用户组成员): wire types and
// endpoints. Facts: contact-v3-facts-2.md §7–§8 and the doc pages
// 用户组/*, 用户组成员/*. Every method makes one attempt; its doc names the
// Endpoint to give the Pacer.

// Group types: only normal groups are written through the API; dynamic
// groups (members by rules) are read-only.
const (
	GroupTypeNormal  = 1
	GroupTypeDynamic = 2
)

// Member types and the member_id_type values of group members.
const (
	MemberTypeUser       = "user"
	MemberTypeDepartment = "department"
)

// Documented group limits.
const (
	GroupMax            = 500 // groups per tenant, normal and dynamic together (42016)
	GroupNameMax        = 100 // characters (42013)
	GroupDescriptionMax = 500 // characters (42014)
	GroupIDMax          = 64  // characters of a custom group_id (42002)
	GroupMembersPerCall = 100 // members of one batch_add / batch_remove
	GroupListPageMax    = 100 // group/simplelist and member/simplelist
	GroupDeptMembersMax = 20  // department members of a normal group (42011)
)

// Group is the group resource (get, simplelist). ID is the key of the
// group paths; GroupID is the custom ID simplelist also returns (the docs
// show them differing, UNCONFIRMED which the path wants: ID is used).
type Group struct {
	ID                    string   `json:"id"`
	GroupID               string   `json:"group_id,omitempty"`
	Name                  string   `json:"name"`
	Description           string   `json:"description,omitempty"`
	MemberUserCount       int      `json:"member_user_count"`
	MemberDepartmentCount int      `json:"member_department_count"`
	Type                  int      `json:"type"`
	DepartmentScopeList   []string `json:"department_scope_list,omitempty"`
}

// Key is the ID the group's paths take.
func (g *Group) Key() string {
	if g.ID != "" {
		return g.ID
	}
	return g.GroupID
}

// GroupCreate is the body of POST /group. Type 2 is refused (42003); an
// empty GroupID lets Feishu generate one.
type GroupCreate struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Type        int    `json:"type,omitempty"`
	GroupID     string `json:"group_id,omitempty"`
}

// GroupPatch is the body of PATCH /group/:group_id; nil = unchanged.
type GroupPatch struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

// GroupMember is one member of a group request or listing.
type GroupMember struct {
	MemberID     string `json:"member_id"`
	MemberType   string `json:"member_type"`
	MemberIDType string `json:"member_id_type,omitempty"`
}

// MemberResult is one member's outcome in a batch answer: Code 0 is done.
type MemberResult struct {
	MemberID string `json:"member_id"`
	Code     int    `json:"code"`
}

// GroupCreateData is data of POST /group.
type GroupCreateData struct {
	GroupID string `json:"group_id"`
}

// GroupData is data of GET /group/:group_id.
type GroupData struct {
	Group *Group `json:"group,omitempty"`
}

// GroupListData is data of GET /group/simplelist (the list is "grouplist").
type GroupListData struct {
	GroupList []Group `json:"grouplist"`
	PageToken string  `json:"page_token,omitempty"`
	HasMore   bool    `json:"has_more"`
}

// GroupMemberListData is data of GET member/simplelist ("memberlist").
type GroupMemberListData struct {
	MemberList []GroupMember `json:"memberlist"`
	PageToken  string        `json:"page_token,omitempty"`
	HasMore    bool          `json:"has_more"`
}

// MemberResultsData is data of batch_add, and of a batch_remove that
// partly failed (40022) when the server sends the results.
type MemberResultsData struct {
	Results []MemberResult `json:"results,omitempty"`
}

// GroupMembersBody is the body of batch_add and batch_remove.
type GroupMembersBody struct {
	Members []GroupMember `json:"members"`
}

// Group codes (用户组 / 用户组成员 error tables). Some numbers mean
// something else on other endpoints (41071–41073): codes are per endpoint.
var (
	CodeGroupNameEmpty      = Code{42001, 400, "group name empty"}
	CodeGroupIDInvalid      = Code{42002, 400, "invalid group_id"}
	CodeGroupTypeInvalid    = Code{42003, 400, "group type invalid"}
	CodeGroupMemberExists   = Code{42005, 200, "member is already in group"}
	CodeGroupNoAuthority    = Code{42009, 403, "no user group authority"}
	CodeGroupNotAllAuth     = Code{42010, 403, "not has all authority error"}
	CodeGroupDeptLimit      = Code{42011, 400, "group member department reached the upper limit"}
	CodeGroupUserLimit      = Code{42012, 400, "group member user reached the upper limit"}
	CodeGroupNameTooLong    = Code{42013, 400, "group name exceed limit"}
	CodeGroupDescTooLong    = Code{42014, 400, "group description exceed limit"}
	CodeGroupTooMany        = Code{42016, 400, "user group number exceed limit"}
	CodeGroupHasMember      = Code{42017, 400, "group has member not allow delete"}
	CodeGroupUnsupported    = Code{42029, 400, "exist some field openapi not support, please manage the group in admin platform"}
	CodeGroupIDDuplicate    = Code{47005, 400, "duplicate group id error"}
	CodeGroupNameDuplicate  = Code{47009, 400, "duplicated name error"}
	CodeMemberIDTypeInvalid = Code{41071, 400, "invalid member_id_type"}
	CodeMemberTypeMismatch  = Code{41072, 400, "member_type not match member_id_type"}
	CodeMemberIDInvalid     = Code{41073, 400, "invalid member_id"}
	CodeMemberTypeInvalid   = Code{41074, 400, "invalid member_type"}
	CodePartialFailed       = Code{40022, 400, "partial failed, see Results field for more details"}
)

const (
	PathGroups      = "/open-apis/contact/v3/group"
	PathGroupList   = "/open-apis/contact/v3/group/simplelist"
	pathGroupMember = "member"
)

func groupPath(id string, suffix ...string) string {
	p := PathGroups + "/" + url.PathEscape(id)
	for _, s := range suffix {
		p += "/" + s
	}
	return p
}

// CreateGroup creates a normal group (EPCreateGroup) and returns its ID.
// The endpoint takes no client_token: names and custom IDs are unique in
// the tenant (47009, 47005), so a repeated create fails instead of making
// a second group.
func (c *Client) CreateGroup(ctx context.Context, g GroupCreate) (string, error) {
	var out GroupCreateData
	if err := c.do(ctx, request{method: http.MethodPost, path: PathGroups, body: g}, &out); err != nil {
		return "", err
	}
	return out.GroupID, nil
}

// PatchGroup changes a normal group's name or description (EPPatchGroup).
func (c *Client) PatchGroup(ctx context.Context, id string, p GroupPatch) error {
	return c.do(ctx, request{method: http.MethodPatch, path: groupPath(id), body: p}, nil)
}

// DeleteGroup deletes an empty normal group (EPDeleteGroup). orgbatch
// never deletes groups; tests and tools do.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	return c.do(ctx, request{method: http.MethodDelete, path: groupPath(id)}, nil)
}

// GetGroup reads one group (EPGetGroup).
func (c *Client) GetGroup(ctx context.Context, id string) (*Group, error) {
	var out GroupData
	if err := c.do(ctx, request{method: http.MethodGet, path: groupPath(id)}, &out); err != nil {
		return nil, err
	}
	return out.Group, nil
}

// Groups lists one page of the tenant's groups of one type (EPGroupList).
func (c *Client) Groups(ctx context.Context, groupType, pageSize int, pageToken string) (*Page[Group], error) {
	q := pageQuery(pageSize, pageToken)
	q.Set("type", strconv.Itoa(groupType))
	var out GroupListData
	if err := c.do(ctx, request{method: http.MethodGet, path: PathGroupList, query: q}, &out); err != nil {
		return nil, err
	}
	return &Page[Group]{Items: out.GroupList, PageToken: out.PageToken, HasMore: out.HasMore}, nil
}

// GroupMembers lists one page of a group's members of one type, their IDs
// of memberIDType (EPGroupMembers).
func (c *Client) GroupMembers(ctx context.Context, groupID, memberType, memberIDType string, pageSize int, pageToken string) (*Page[GroupMember], error) {
	q := pageQuery(pageSize, pageToken)
	q.Set("member_type", memberType)
	q.Set("member_id_type", memberIDType)
	var out GroupMemberListData
	if err := c.do(ctx, request{method: http.MethodGet, path: groupPath(groupID, pathGroupMember, "simplelist"), query: q}, &out); err != nil {
		return nil, err
	}
	return &Page[GroupMember]{Items: out.MemberList, PageToken: out.PageToken, HasMore: out.HasMore}, nil
}

// AddGroupMembers adds 1–100 users to a normal group
// (EPGroupMembersAdd). Each member has its result code: 0 added, 42005
// already a member, others failed; the call succeeds as a whole.
func (c *Client) AddGroupMembers(ctx context.Context, groupID string, members []GroupMember) ([]MemberResult, error) {
	if err := checkMembers("AddGroupMembers", members); err != nil {
		return nil, err
	}
	var out MemberResultsData
	err := c.do(ctx, request{method: http.MethodPost, path: groupPath(groupID, pathGroupMember, "batch_add"), body: GroupMembersBody{members}}, &out)
	if err != nil {
		return nil, err
	}
	return out.Results, nil
}

// RemoveGroupMembers removes 1–100 users from a normal group
// (EPGroupMembersRemove). On 40022 (partly failed) it returns the
// per-member results the server sent, if any, with the error.
func (c *Client) RemoveGroupMembers(ctx context.Context, groupID string, members []GroupMember) ([]MemberResult, error) {
	if err := checkMembers("RemoveGroupMembers", members); err != nil {
		return nil, err
	}
	var out MemberResultsData
	err := c.do(ctx, request{method: http.MethodPost, path: groupPath(groupID, pathGroupMember, "batch_remove"), body: GroupMembersBody{members}}, &out)
	if err != nil && ErrorCode(err) != CodePartialFailed.Num {
		return nil, err
	}
	return out.Results, err
}

func checkMembers(op string, members []GroupMember) error {
	if len(members) == 0 || len(members) > GroupMembersPerCall {
		return fmt.Errorf("feishu: %s: %d members, want 1–%d per call", op, len(members), GroupMembersPerCall)
	}
	return nil
}

// UserMembers are users as group members, by IDs of idType.
func UserMembers(idType string, ids []string) []GroupMember {
	out := make([]GroupMember, len(ids))
	for i, id := range ids {
		out[i] = GroupMember{MemberID: id, MemberType: MemberTypeUser, MemberIDType: idType}
	}
	return out
}
