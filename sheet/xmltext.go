package sheet

import (
	"bytes"
	"unicode/utf8"
)

// The text of a streamed workbook's cells and attributes.

func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// appendText appends s as XML character data: & < > escaped, a CR kept as
// &#xD; (a parser would drop it), characters XML cannot hold (controls,
// U+FFFE, U+FFFF, invalid UTF-8) replaced by U+FFFD, and at most
// maxCellChars characters.
func appendText(buf []byte, s string) []byte {
	if len(s) <= maxCellChars && plainText(s) {
		return append(buf, s...)
	}
	n := 0
	for _, r := range s { // invalid UTF-8 comes as utf8.RuneError
		if n++; n > maxCellChars {
			break
		}
		switch {
		case r == '&':
			buf = append(buf, "&amp;"...)
		case r == '<':
			buf = append(buf, "&lt;"...)
		case r == '>':
			buf = append(buf, "&gt;"...)
		case r == '\r':
			buf = append(buf, "&#xD;"...)
		case r == '\t' || r == '\n':
			buf = append(buf, byte(r))
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			buf = utf8.AppendRune(buf, utf8.RuneError)
		default:
			buf = utf8.AppendRune(buf, r)
		}
	}
	return buf
}

// plainText reports whether s can be copied as it is.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == '&' || b == '<' || b == '>' || (b < 0x20 && b != '\t' && b != '\n'):
			return false
		case b == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF):
			return false // U+FFFE, U+FFFF
		}
	}
	return utf8.ValidString(s)
}

// escapeAttr escapes an attribute value.
func escapeAttr(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// columnNames caches the letters of column indexes (0 = A).
type columnNames struct{ names []string }

func newColumnNames(n int) *columnNames { return &columnNames{names: make([]string, 0, n)} }

func (c *columnNames) name(i int) string {
	for len(c.names) <= i {
		c.names = append(c.names, ColumnName(len(c.names)))
	}
	return c.names[i]
}
