// Package textsafe is the one home of "characters a person cannot see":
// which characters validation refuses in a cell, and how every printer
// neutralises them before a cell, a header or a tenant's value reaches a
// terminal. A name carrying ESC [2J would clear the screen, one carrying a
// right-to-left override would show "u005" where the data says "500u".
package textsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hidden reports whether r is a character a person cannot see, or one that
// changes how the text around it is shown:
//
//   - C0 and C1 control characters and DEL (tab and line breaks included;
//     see LineBreak), which also start terminal escape sequences (ESC, CSI);
//   - bidirectional controls: the embeddings, overrides and isolates
//     U+202A–U+202E and U+2066–U+2069, and the marks U+200E, U+200F, U+061C;
//   - invisible format characters: zero-width space U+200B, word joiner and
//     invisible operators U+2060–U+2064, U+FEFF, soft hyphen U+00AD, the
//     line and paragraph separators U+2028/U+2029, the Mongolian vowel
//     separator U+180E, interlinear annotations U+FFF9–U+FFFB, the tag
//     characters U+E0000–U+E007F, and the Hangul fillers that show as
//     nothing (U+115F, U+1160, U+3164, U+FFA0).
//
// Zero-width joiners (U+200C, U+200D) and variation selectors are not
// hidden: they shape visible text (emoji, Indic and Persian scripts).
func Hidden(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f
	}
	switch {
	case r <= 0x9f: // C1
		return true
	case r == 0x00ad, r == 0x061c, r == 0x115f, r == 0x1160, r == 0x180e,
		r == 0x200b, r == 0x200e, r == 0x200f, r == 0x3164, r == 0xfeff, r == 0xffa0:
		return true
	case r >= 0x2028 && r <= 0x202e, r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069,
		r >= 0xfff9 && r <= 0xfffb, r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// LineBreak reports whether r is a line break that a list cell may use as
// a separator (Alt+Enter in Excel writes LF; CSV writers CR LF).
func LineBreak(r rune) bool { return r == '\n' || r == '\r' }

// FindHidden returns the first hidden character of s and its position in
// characters (1-based). With lineBreaks, LF and CR are allowed. A string of
// printable ASCII is checked without decoding.
func FindHidden(s string, lineBreaks bool) (r rune, pos int, found bool) {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return 0, 0, false
	}
	pos = i
	for _, r := range s[i:] {
		pos++
		if Hidden(r) && !(lineBreaks && LineBreak(r)) {
			return r, pos, true
		}
	}
	return 0, 0, false
}

// Terminal returns s with every hidden character — line breaks and tabs
// too — replaced by U+FFFD, so a value printed on one line stays one line
// and cannot drive the terminal. s is returned as is when there is nothing
// to replace.
func Terminal(s string) string {
	if _, _, found := FindHidden(s, false); !found {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Hidden(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

var names = map[rune]string{
	0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0a: "LINE FEED",
	0x0b: "VERTICAL TAB", 0x0c: "FORM FEED", 0x0d: "CARRIAGE RETURN", 0x1b: "ESC", 0x7f: "DEL",
	0x85: "NEXT LINE", 0x9b: "CSI", 0xad: "SOFT HYPHEN", 0x061c: "ARABIC LETTER MARK",
	0x200b: "ZERO WIDTH SPACE", 0x200e: "LEFT-TO-RIGHT MARK", 0x200f: "RIGHT-TO-LEFT MARK",
	0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
	0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING",
	0x202c: "POP DIRECTIONAL FORMATTING", 0x202d: "LEFT-TO-RIGHT OVERRIDE", 0x202e: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER", 0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE", 0xfeff: "ZERO WIDTH NO-BREAK SPACE",
}

// Name describes a character for a message: "U+202E RIGHT-TO-LEFT
// OVERRIDE", "U+001B ESC", or "U+0085 control character".
func Name(r rune) string {
	if n, ok := names[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, n)
	}
	if unicode.IsControl(r) {
		return fmt.Sprintf("U+%04X control character", r)
	}
	return fmt.Sprintf("U+%04X invisible character", r)
}
