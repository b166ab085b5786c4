package exporter

import (
	"cmp"
	"slices"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
	"github.com/orgbatch/orgbatch/tenant"
)

// Resigned users (export --include-resigned). find_by_department lists no
// resigned user (the docs are silent; resignation drops the departments,
// and the sandbox does the same), and no endpoint lists them: only users
// read by ID (GET, which the docs say answers a resigned user with
// status.is_resigned) or found by contact (batch_get_id with
// include_resigned) can be exported. The CLI reads those the tenant still
// refers to and those offboarding runs and lists name; they go on a sheet
// of their own, which import skips (org.IsInstructionSheet), with their
// departments empty: resignation dropped them.

// Names of the resigned users' sheet and CSV file.
const (
	ResignedSheet = "已离职成员 resigned"
	ResignedCSV   = "resigned.csv"
)

// ResignedUsers are the resigned users the snapshot holds (read besides
// the walk, which lists none), by user_id.
func ResignedUsers(s *tenant.Snapshot) []*feishu.User {
	var out []*feishu.User
	for _, u := range s.Users {
		if tenant.Resigned(u) {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b *feishu.User) int { return cmp.Compare(a.UserID, b.UserID) })
	return out
}

// resignedSheet is the sheet of resigned users in the users' columns, nil
// when there are none.
func resignedSheet(s *tenant.Snapshot) *sheet.OutSheet {
	users := ResignedUsers(s)
	if len(users) == 0 {
		return nil
	}
	paths := Paths(s.Tree)
	rows := make([][]string, len(users))
	for i, u := range users {
		rows[i] = UserRow(u, paths, &s.Dir)
	}
	rs := templates.DataSheet(org.UserSchema, rows, append(AttrColumns(&s.Dir), UserExtra...)...)
	rs.Name, rs.Mark = ResignedSheet, muteFrom(0)
	return &rs
}
