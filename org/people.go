package org

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// NameKey is the form a person's name is compared in: ignoring case,
// character width, spaces and the middle dots of transliterated names
// (阿依古丽·买买提), which differ between systems without the person
// changing.
func NameKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("·・•‧･", r) {
			return -1
		}
		return unicode.ToLower(r)
	}, width.Fold.String(s))
}

// MaskMobile shows a mobile the way Chinese apps print one, +86138****8000:
// enough to tell two people of one name apart and to check against the
// admin console, while terminals, CI logs, pasted tickets and shared
// reports do not collect the numbers.
func MaskMobile(m string) string {
	r := []rune(m)
	if len(r) < 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:len(r)-8]) + "****" + string(r[len(r)-4:])
}

// MaskEmail keeps an address's first character and its domain: z***@example.com.
func MaskEmail(e string) string {
	local, domain, ok := strings.Cut(e, "@")
	if e == "" || !ok || local == "" {
		return strings.Repeat("*", len(e))
	}
	r := []rune(local)
	return string(r[0]) + "***@" + domain
}
