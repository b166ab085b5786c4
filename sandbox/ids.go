package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"net/url"
)

// The ID types accepted by department_id_type and user_id_type.
const (
	deptIDCustom = "department_id"
	deptIDOpen   = "open_department_id"
	userIDUser   = "user_id"
	userIDOpen   = "open_id"
	userIDUnion  = "union_id"

	// rootID names the root department in every ID type.
	rootID = "0"
)

// idTypes is the pair of ID types a request asked for. They decide how IDs
// in the path, the body and the response are read and written.
type idTypes struct {
	dept string
	user string
}

// storageIDs is the ID type pair of the state file, the seed format and the
// Go snapshots: custom department_id and user_id, the IDs an HR sheet knows.
var storageIDs = idTypes{dept: deptIDCustom, user: userIDUser}

// parseIDTypes reads department_id_type and user_id_type with the documented
// defaults (open_department_id, open_id).
func parseIDTypes(q url.Values) (idTypes, error) {
	ids := idTypes{dept: deptIDOpen, user: userIDOpen}
	if v := q.Get("department_id_type"); v != "" {
		if v != deptIDCustom && v != deptIDOpen {
			return ids, fail(codeParam, "department_id_type must be department_id or open_department_id")
		}
		ids.dept = v
	}
	if v := q.Get("user_id_type"); v != "" {
		if v != userIDUser && v != userIDOpen && v != userIDUnion {
			return ids, fail(codeParam, "user_id_type must be user_id, open_id or union_id")
		}
		ids.user = v
	}
	return ids, nil
}

// randomHex returns n hex digits from crypto/rand. IDs need not be
// reproducible (the fault seed only drives faults), but must not collide.
func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	if _, err := rand.Read(b); err != nil {
		panic("sandbox: crypto/rand: " + err.Error()) // never fails on supported platforms
	}
	return hex.EncodeToString(b)[:n]
}

// ID prefixes documented for each generated ID.
const (
	prefixOpenDept = "od-"
	prefixOpenID   = "ou_"
	prefixUnionID  = "on_"
	prefixChat     = "oc_"
	prefixToken    = "t-"
)
