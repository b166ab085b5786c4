package problem

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the rule table as a Markdown table: the README's
// rule list is this output, checked by a test.
func WriteMarkdown(w io.Writer) {
	fmt.Fprintln(w, "| code | severity | sheet | column | rule | 规则 | Feishu code |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, r := range Rules {
		api := ""
		if r.API != 0 {
			api = fmt.Sprint(r.API)
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %s | %s |\n", r.Code, r.Severity, r.Entity, r.Field, esc(r.EN), esc(r.ZH), api)
	}
}

func esc(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
