// Package problem holds what every stage reports to a person: a Problem that
// points at the exact cell to fix, and the one table of rules (codes,
// severities, Chinese and English texts) that the validator checks, the
// template's instructions sheet lists and the README documents.
package problem

import (
	"cmp"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"slices"
)

// Severity says whether a problem blocks the row.
type Severity string

// Severities. A warning never blocks; an error blocks its row (and the
// rows that depend on it).
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Problem is one finding about one cell (or row, or file).
type Problem struct {
	File      string   `json:"file"`
	Sheet     string   `json:"sheet"`
	Row       int      `json:"row"`    // as Excel shows it; 0 = the whole file/sheet
	Column    string   `json:"column"` // the header as written in the file
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	Message   string   `json:"message"`    // English
	MessageZH string   `json:"message_zh"` // Chinese
}

// Loc is where a problem is.
type Loc struct {
	File, Sheet string
	Row         int
	Column      string
}

// New builds a problem of the rule with the given code at loc, filling the
// rule's message templates with args. Unknown codes are a programming error
// caught by the tests (every code used must be in the table).
func New(code string, loc Loc, args ...any) Problem {
	r, ok := Lookup(code)
	if !ok {
		r = Rule{Code: code, Severity: Error, MsgEN: code, MsgZH: code}
	}
	return Problem{
		File: loc.File, Sheet: loc.Sheet, Row: loc.Row, Column: loc.Column,
		Rule: code, Severity: r.Severity,
		Message:   sprintf(r.MsgEN, args),
		MessageZH: sprintf(r.MsgZH, args),
	}
}

func sprintf(format string, args []any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// Label is the severity in both languages: "错误 error".
func (s Severity) Label() string { return msg.Status(string(s)).String() }

// Text is the bilingual one-line message.
func (p Problem) Text() string { return msg.Join(p.MessageZH, p.Message) }

// Where renders the location: file [sheet] row N, column X.
func (p Problem) Where() string {
	s := p.File
	if p.Sheet != "" {
		s += " [" + p.Sheet + "]"
	}
	if p.Row > 0 {
		s += fmt.Sprintf(" row %d", p.Row)
	}
	if p.Column != "" {
		s += ", column " + p.Column
	}
	return s
}

// Sort orders problems by file, sheet, row, then rule table order, so
// reports and golden files are stable.
func Sort(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Sheet, b.Sheet),
			cmp.Compare(a.Row, b.Row),
			cmp.Compare(ruleIndex[a.Rule], ruleIndex[b.Rule]),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// HasErrors reports whether any problem is an error.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func Count(ps []Problem) (errors, warnings int) {
	for _, p := range ps {
		if p.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}
