package sheet

import (
	"strconv"
	"strings"
	"unicode"
)

// CleanCell trims what people and programs leave around a value: ASCII and
// full-width (U+3000) spaces, non-breaking spaces, zero-width characters and
// stray BOMs. It also undoes the formula-injection escape that orgbatch's own
// exports add: a leading apostrophe before = + - @ tab or CR.
func CleanCell(s string) string {
	s = strings.TrimFunc(s, isTrimmable)
	return UnescapeFormula(s)
}

func isTrimmable(r rune) bool {
	switch r {
	case '\u3000', '\u00a0', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// formulaStarts are the first characters that make spreadsheet programs
// treat a cell as a formula (OWASP "CSV injection").
const formulaStarts = "=+-@\t\r"

// EscapeFormula prefixes a value that a spreadsheet would run as a formula
// with an apostrophe, so it is shown as text.
func EscapeFormula(s string) string {
	if s != "" && strings.ContainsRune(formulaStarts, rune(s[0])) {
		return "'" + s
	}
	return s
}

// UnescapeFormula reverses EscapeFormula.
func UnescapeFormula(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])) {
		return s[1:]
	}
	return s
}

// normalizeNumber turns an integral number that an xlsx writer stored in
// scientific notation (1.3800138E10) back into its digits. Excel itself
// stores 13800138000; some other writers do not. Only values that are exact
// integers with at most 15 significant digits (what a double holds) change.
func normalizeNumber(s string) string {
	if len(s) < 3 || !strings.ContainsAny(s, "eE") {
		return s
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '+' || r == '-') {
			return s
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) || f < 0 || f >= 1e15 {
		return s
	}
	return strconv.FormatInt(int64(f), 10)
}
