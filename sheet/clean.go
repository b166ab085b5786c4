package sheet

import (
	"regexp"
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
// with an apostrophe, so it is shown as text: what EncodeCSV does to every
// cell, as a CSV cell has no type and a spreadsheet evaluates =… there. A value that already looks
// escaped ('=…) gets one more apostrophe, so UnescapeFormula is its exact
// inverse.
func EscapeFormula(s string) string {
	if startsFormula(s) || looksEscaped(s) {
		return "'" + s
	}
	return s
}

// XLSXValue is how a value is stored in an xlsx string cell: as it is — a
// string cell is text, never a formula, so +8613800000000 and =1 show as
// written and stay text through Excel — except that a value that already
// looks escaped ('=1, ”+1) gets one more apostrophe: the reader removes
// one from such a value (exports before this one escaped every
// formula-like cell in xlsx too), so every value comes back exactly.
func XLSXValue(s string) string {
	if looksEscaped(s) {
		return "'" + s
	}
	return s
}

// UnescapeFormula reverses EscapeFormula: it removes one apostrophe from a
// value of the form '…'=… (one or more apostrophes, then a formula
// character).
func UnescapeFormula(s string) string {
	if looksEscaped(s) {
		return s[1:]
	}
	return s
}

func startsFormula(s string) bool {
	return s != "" && strings.ContainsRune(formulaStarts, rune(s[0]))
}

func looksEscaped(s string) bool {
	rest := strings.TrimLeft(s, "'")
	return len(rest) < len(s) && startsFormula(rest)
}

// writerNumber is how xlsx writers other than Excel store an integral
// number: with a zero fraction (1.0, 45293.0: Java's Double.toString, a
// Python float) or in scientific notation with a decimal mantissa
// (1.3800138E10: Java; 1.3800138E+10: Go's %G).
var writerNumber = regexp.MustCompile(`^(\d+\.0+|\d\.\d+[eE]\+?\d+)$`)

// excelDisplay is how Excel's General format shows a long number.
var excelDisplay = regexp.MustCompile(`^[1-9](\.\d{1,5})?E\+\d{2,3}$`)

// normalizeNumber turns an integral number that an xlsx writer stored in
// scientific notation (1.3800138E10) or with a zero fraction (1.0, 45293.0)
// back into its digits. Excel itself stores 13800138000 and 1; writers that
// format doubles like Java's Double.toString (Apache POI's streaming writer,
// and EasyExcel on top of it) do not. Only values that are exact integers
// with at most 15 significant digits (what a double holds) change.
//
// The reader does not know a cell's type, so text must survive too: codes
// such as 1E5 or 12E3 (no decimal point: no writer's number form) are left
// alone, and so is Excel's own display form of a long number (1.38E+10: at
// most six significant digits and "E+"), which is text a person pasted
// from a CSV: its digits are already lost, and org.ParseMobile must see it
// to say so.
func normalizeNumber(s string) string {
	if len(s) < 3 || strings.IndexByte(s, '.') < 0 || !writerNumber.MatchString(s) || excelDisplay.MatchString(s) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) || f >= 1e15 {
		return s
	}
	return strconv.FormatInt(int64(f), 10)
}

// excelErrors are the error values spreadsheet programs store as a
// formula's cached result when it breaks (#REF! after a deleted sheet, #N/A
// from a failed VLOOKUP …): Excel's, Google Sheets' #ERROR!, and
// LibreOffice's Err:NNN (checked separately).
var excelErrors = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true,
	"#N/A": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true,
	"#BLOCKED!": true, "#CONNECT!": true, "#UNKNOWN!": true, "#BUSY!": true, "#EXTERNAL!": true,
	"#PYTHON!": true, "#ERROR!": true,
}

// IsErrorValue reports whether a cell holds a spreadsheet error value
// rather than data, in any case (Excel turns a typed #n/a into #N/A).
func IsErrorValue(s string) bool {
	if len(s) < 4 || len(s) > 14 {
		return false
	}
	if s[0] == '#' {
		return excelErrors[strings.ToUpper(s)]
	}
	if len(s) == 7 && strings.EqualFold(s[:4], "err:") {
		_, err := strconv.Atoi(s[4:])
		return err == nil && s[4] >= '0' && s[4] <= '9'
	}
	return false
}
