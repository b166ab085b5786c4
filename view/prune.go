package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgbatch/orgbatch/internal/textsafe"
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

// maskMobile shows a mobile the way Chinese apps print one, +86138****8000:
// enough to tell two people of one name apart and to check against the
// admin console, while terminals, CI logs and pasted tickets do not
// collect the numbers. only-in-feishu.json (owner-only) has them whole.
func maskMobile(m string) string {
	r := []rune(m)
	if len(r) < 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:len(r)-8]) + "****" + string(r[len(r)-4:])
}

// maskEmail keeps an address's first character and its domain: z***@example.com.
func maskEmail(e string) string {
	local, domain, ok := strings.Cut(e, "@")
	if e == "" || !ok || local == "" {
		return strings.Repeat("*", len(e))
	}
	r := []rune(local)
	return string(r[0]) + "***@" + domain
}
