// Package msg is orgbatch's message catalogue: the words of the CLI itself
// — the statuses and actions written into report cells and summary tables,
// its own errors and notes — each in Chinese and English, rendered one way
// (Join for sentences, Label for names). The validation rules keep their
// texts in package problem, rendered through Join too.
//
// Every message of the catalogue (cli.go) has both languages and the same
// format verbs in each (explicit argument indexes such as %[2]s let a
// language order them its own way); a test checks it.
package msg

import (
	"fmt"
	"strings"

	"golang.org/x/text/width"
)

// Join renders a sentence in both languages: Chinese, then English.
func Join(zh, en string) string {
	if zh == "" || zh == en {
		return en
	}
	return zh + " / " + en
}

// Label is a short name in both languages, such as a status or an
// action, rendered "成功 created".
type Label struct{ ZH, EN string }

func (l Label) String() string {
	if l.ZH == "" {
		return l.EN
	}
	return l.ZH + " " + l.EN
}

// ID names a message of the catalogue.
type ID int

// Text is a catalogue message: the same sentence in both languages, with
// the same format verbs.
type Text struct{ ZH, EN string }

// Text is the message's two forms, unformatted.
func (id ID) Text() Text {
	if id < 0 || int(id) >= len(catalogue) {
		return Text{EN: fmt.Sprintf("message %d", int(id))}
	}
	return catalogue[id]
}

// F formats the message with args in both languages.
func (id ID) F(args ...any) string {
	t := id.Text()
	return Join(fmt.Sprintf(t.ZH, args...), fmt.Sprintf(t.EN, args...))
}

// String is the message without arguments.
func (id ID) String() string { return id.F() }

// Err is the message as an error.
func (id ID) Err(args ...any) error { return bilingualError(id.F(args...)) }

// Wrap is the message followed by the error it is about, which errors.Is
// and errors.As see: "写入报告 / writing the report: <err>". The cause is
// written once, after both languages.
func (id ID) Wrap(err error, args ...any) error {
	return fmt.Errorf("%s: %w", id.F(args...), err)
}

type bilingualError string

func (e bilingualError) Error() string { return string(e) }

// IDs lists every message of the catalogue, for tests.
func IDs() []ID {
	ids := make([]ID, len(catalogue))
	for i := range ids {
		ids[i] = ID(i)
	}
	return ids
}

// Width is how many terminal columns s takes: Chinese characters (East
// Asian wide and full-width) take two.
func Width(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// PadLeft right-aligns s in w terminal columns; PadRight left-aligns it.
func PadLeft(s string, w int) string { return strings.Repeat(" ", max(0, w-Width(s))) + s }

// PadRight left-aligns s in w terminal columns.
func PadRight(s string, w int) string { return s + strings.Repeat(" ", max(0, w-Width(s))) }
