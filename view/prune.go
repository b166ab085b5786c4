package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/prune"
)

// Prune lists what the tenant has and the sheet lacks (what a prune
// deletes), with contacts masked.
func Prune(w io.Writer, extra *prune.Plan) {
	if len(extra.Users)+len(extra.Departments) == 0 {
		fmt.Fprintln(w, "\n仅在飞书 only in Feishu: none")
		return
	}
	fmt.Fprintf(w, "\n仅在飞书 only in Feishu (not in the sheet): %d departments, %d users\n", len(extra.Departments), len(extra.Users))
	for _, d := range extra.Departments {
		fmt.Fprintf(w, "  department %s %s\n", textsafe.Terminal(d.DepartmentID), textsafe.Terminal(d.Path))
	}
	for _, u := range extra.Users {
		fmt.Fprintf(w, "  user       %s %s %s %s %s\n", textsafe.Terminal(u.UserID), textsafe.Terminal(u.Name), textsafe.Terminal(maskMobile(u.Mobile)), textsafe.Terminal(maskEmail(u.Email)), textsafe.Terminal(strings.Join(u.DepartmentIDs, ";")))
	}
}

// maskMobile and maskEmail: org.MaskMobile, org.MaskEmail. only-in-feishu.json
// (owner-only) has the contacts whole.
func maskMobile(m string) string { return org.MaskMobile(m) }
func maskEmail(e string) string  { return org.MaskEmail(e) }
