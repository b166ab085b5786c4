package sheet

import (
	"strconv"
	"strings"
)

// Row is one non-blank row of a sheet.
type Row struct {
	// Num is the row number as Excel shows it (1-based, counting blank rows);
	// for CSV it is the record number, which is what Excel shows when it
	// opens the file.
	Num   int
	Cells []string
	// Faults are the cells that could not be read as written (nil for
	// almost every row).
	Faults []Fault
}

// Fault is a cell whose text is in doubt: it is reported at its row and
// column, and its value holds U+FFFD where text was not readable.
type Fault struct {
	Col    int // 0-based
	Kind   FaultKind
	Detail string // FaultEncoding: the reading in the other encoding, " [GB18030: 张三]", or ""
}

// FaultKind says what is wrong with a cell.
type FaultKind int

// Fault kinds.
const (
	FaultNone FaultKind = iota
	// FaultEncoding: a CSV cell not valid in the file's encoding, or
	// reading as the other one (UTF-8 in a GBK file).
	FaultEncoding
	// FaultLostChar: the text holds U+FFFD, a character lost in an earlier
	// conversion.
	FaultLostChar
	// FaultQuote: a CSV cell with text after its closing quote.
	FaultQuote
)

// Cell returns the trimmed cell at column index i (0-based), or "".
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// IsBlank reports whether every cell is empty.
func (r Row) IsBlank() bool {
	for _, c := range r.Cells {
		if c != "" {
			return false
		}
	}
	return true
}

// ColumnName returns the spreadsheet letter name of a 0-based column index
// (0 → A, 26 → AA).
func ColumnName(i int) string {
	var b strings.Builder
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		b.WriteByte(byte('A' + (n-1)%26))
	}
	s := []byte(b.String())
	for l, r := 0, len(s)-1; l < r; l, r = l+1, r-1 {
		s[l], s[r] = s[r], s[l]
	}
	return string(s)
}

func itoa(n int) string {
	return strconv.Itoa(n)
}
