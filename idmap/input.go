// Package idmap is the ID bridge of `orgbatch ids`: it looks people up by
// email and mobile with batch_get_id (50 emails and 50 mobiles a call),
// reads each one's user_id, open_id and union_id (users/batch), and writes
// a mapping sheet — the input's rows and columns, then the IDs and a
// status (active, resigned, not found; conflict when the email and the
// mobile are two people, invalid when the row has neither usable) — for
// HR to join into their own systems. A run lives in a run folder of
// package run and journals every batch, so a killed run resumes where it
// stopped.
package idmap

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// LookupSchema is an ids input sheet: any sheet with an email or a mobile
// column (the users sheet's names for them); every other column is carried
// into the mapping.
var LookupSchema = &org.Schema{
	Kind:       "lookups",
	SheetNames: nil,
	Fields: []org.Field{
		fieldOf("email", true, "mobile"),
		fieldOf("mobile", false),
	},
}

func fieldOf(key string, required bool, alt ...string) org.Field {
	f, _ := org.UserSchema.Field(key)
	f.Required, f.Alt, f.Example = required, alt, ""
	return f
}

// Row is one person to look up: the input row's cells, and its email and
// mobile as batch_get_id takes them ("" when empty; Invalid names a value
// that is not one).
type Row struct {
	Cells   []string
	Num     int // the input's row number (0 for --email/--mobile lists)
	Email   string
	Mobile  string
	Invalid string // why the row cannot be looked up
	Warn    string // a value that is not valid beside one that is
}

// Input is what `ids` looks up: a sheet's rows, or lists from flags.
type Input struct {
	Header []string
	Rows   []Row
	// Source names the input ("users.csv [成员 users]", "--email/--mobile").
	Source string
	// Digest identifies the input's content: a resume must read the same.
	Digest string
}

// Load reads a sheet: the first sheet of the file with an email or a
// mobile column. Problems are the file's (unreadable, no such column) as
// validation reports them.
func Load(path string, mapping map[string]string) (*Input, []problem.Problem, error) {
	o, ps := org.LoadWith([]org.Input{{Path: path, Schema: LookupSchema}}, org.LoadOptions{Mapping: mapping})
	var t *org.Table
	for _, tb := range o.Tables {
		if tb.Schema == LookupSchema {
			t = tb
			break
		}
	}
	if t == nil || problem.HasErrors(ps) {
		return nil, lookupProblems(path, t, ps), nil
	}
	digest, err := fileDigest(path)
	if err != nil {
		return nil, nil, err
	}
	in := &Input{Header: t.Header, Source: t.File, Digest: digest}
	if t.Sheet != "" {
		in.Source += " [" + t.Sheet + "]"
	}
	for _, rec := range o.Rows {
		if rec.T == t {
			in.Rows = append(in.Rows, newRow(rec.Cells(), rec.Num, rec.Get("email"), rec.Get("mobile")))
		}
	}
	return in, nil, nil
}

// lookupProblems are the errors of an input that cannot be looked up:
// without a table, what the file lacks is an email or mobile column (the
// import's "no header" and "no departments or users sheet" would mislead).
// Warnings (unknown columns: they are carried, not lost) are dropped.
func lookupProblems(path string, t *org.Table, ps []problem.Problem) []problem.Problem {
	var out []problem.Problem
	for _, p := range ps {
		if p.Severity == problem.Error && (t != nil || problem.Unreadable([]problem.Problem{p}) && p.Rule == "FILE_UNREADABLE") {
			out = append(out, p)
		}
	}
	if t == nil && len(out) == 0 {
		out = append(out, problem.New("COLUMN_MISSING", problem.Loc{File: path}, "email / mobile", "邮箱 email / 手机号 mobile"))
	}
	return out
}

// FromLists makes an input of emails and mobiles given on the command
// line: one row each, emails first.
func FromLists(emails, mobiles []string) *Input {
	in := &Input{Header: []string{"邮箱 (email)", "手机号 (mobile)"}, Source: "--email/--mobile"}
	h := sha256.New()
	for _, e := range emails {
		in.Rows = append(in.Rows, newRow([]string{e, ""}, 0, e, ""))
		fmt.Fprintf(h, "e:%s\n", e)
	}
	for _, m := range mobiles {
		in.Rows = append(in.Rows, newRow([]string{"", m}, 0, "", m))
		fmt.Fprintf(h, "m:%s\n", m)
	}
	in.Digest = hex.EncodeToString(h.Sum(nil))
	return in
}

func newRow(cells []string, num int, email, mobile string) Row {
	r := Row{Cells: cells, Num: num}
	var bad []string
	if email != "" {
		if org.ValidEmail(email) {
			r.Email = org.NormalizeEmail(email)
		} else {
			bad = append(bad, "邮箱无效 invalid email")
		}
	}
	if mobile != "" {
		if m, _, ok := org.ParseMobile(mobile); ok {
			r.Mobile = m.E164
		} else {
			bad = append(bad, "手机号无效 invalid mobile")
		}
	}
	switch {
	case r.Email == "" && r.Mobile == "" && len(bad) == 0:
		r.Invalid = "没有邮箱或手机号 no email or mobile"
	case r.Email == "" && r.Mobile == "":
		r.Invalid = strings.Join(bad, "; ")
	default:
		r.Warn = strings.Join(bad, "; ")
	}
	return r
}

func fileDigest(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
