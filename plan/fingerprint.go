package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/tenant"
)

// DepartmentIdentity is a short digest of what makes a department the one
// a create asked for: its custom ID, name and parent. The same for a create
// body and for the department the tenant returns, so a journal can record
// it (no names in clear) and a resumed run compare.
func DepartmentIdentity(d *feishu.Department) string {
	return identity("department", d.DepartmentID, d.Name, d.ParentDepartmentID)
}

// UserIdentity is the same for a user: name, mobile and email, and the
// user_id when withID (when the sheet gave one; otherwise Feishu generated
// it and a create body has none).
func UserIdentity(u *feishu.User, withID bool) string {
	id := ""
	if withID {
		id = u.UserID
	}
	return identity("user", id, u.Name, tenant.NormMobile(u.Mobile), strings.ToLower(u.Email))
}

// UnitIdentity is the same for a unit: its unit_id, name and type.
func UnitIdentity(u *feishu.Unit) string { return identity("unit", u.UnitID, u.Name, u.UnitType) }

func identity(fields ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(fields, "\x00")))
	return hex.EncodeToString(sum[:8])
}
