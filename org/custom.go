package org

import (
	"strings"

	"golang.org/x/text/width"
)

// Custom user attributes are columns of a users sheet that no template
// field has: a column names one by its ID, "custom:C-123" (or the way
// orgbatch writes them, "学历 (custom:C-123)"), or by the attribute's name
// in any language, which only the tenant knows: such a column is an
// unknown one until the plan matches it online.

// CustomPrefix starts the ID form of a custom attribute's header.
const CustomPrefix = "custom:"

// CustomColumn is a users-sheet column that names a custom attribute by ID.
type CustomColumn struct {
	Index  int
	Header string // as written
	ID     string // after custom:
	Name   string // the header's other part ("学历" of "学历 (custom:C-1)"); may be empty
}

// CustomHeader is the header orgbatch writes for an attribute.
func CustomHeader(name, id string) string {
	if name == "" {
		return CustomPrefix + id
	}
	return name + " (" + CustomPrefix + id + ")"
}

// ParseCustomHeader reads a header with a custom:<id> part (full-width
// brackets and colon, and any case of "custom", allowed).
func ParseCustomHeader(h string) (id, name string, ok bool) {
	folded := width.Fold.String(h)
	parts := strings.FieldsFunc(folded, func(r rune) bool { return strings.ContainsRune("()[]|\n", r) })
	var rest []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) > len(CustomPrefix) && strings.EqualFold(p[:len(CustomPrefix)], CustomPrefix) && id == "" {
			id = strings.TrimSpace(p[len(CustomPrefix):])
			continue
		}
		if p != "" {
			rest = append(rest, p)
		}
	}
	return id, strings.Join(rest, " "), id != ""
}
