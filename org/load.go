package org

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
)

// Input is one file to read. Kind forces what a CSV holds (--departments /
// --users); empty means "tell by sheet name or headers".
type Input struct {
	Path string
	Kind Kind
	// Schema, if set, reads the file as this schema's table instead of
	// the import's sheets (orgbatch ids' lookup sheet): in a workbook,
	// the sheets whose headers it matches; their rows go to Org.Rows.
	Schema *Schema
}

// headerSearchRows is how far down a sheet the header may be: HR templates
// (Feishu's own among them) put a few lines of instructions above it.
const headerSearchRows = 10

// Load reads every input into one Org. It never stops at the first bad
// file: every file, sheet and column problem is returned, and the rows of
// the readable tables are loaded.
func Load(inputs []Input) (*Org, []problem.Problem) { return LoadWith(inputs, LoadOptions{}) }

// LoadOptions adjust how sheets are read.
type LoadOptions struct {
	// Mapping maps headers HR systems use onto template fields
	// (--map '员工姓名=name'): header as written → field key.
	Mapping map[string]string
	// Schemas are the kinds of table looked for (default Schemas: the
	// departments and users of an import); NotFound is the rule reported
	// when none is found (default SHEET_NOT_FOUND). See LeaverLoad.
	Schemas  []*Schema
	NotFound string
}

func (o LoadOptions) schemas() []*Schema {
	if o.Schemas == nil {
		return Schemas
	}
	return o.Schemas
}

// LoadWith is Load with options.
func LoadWith(inputs []Input, opts LoadOptions) (*Org, []problem.Problem) {
	o := &Org{}
	m := newMatcher(opts.Mapping)
	m.schemas = opts.schemas()
	var probs []problem.Problem
	for _, in := range inputs {
		probs = append(probs, o.loadFile(in, m)...)
	}
	if len(o.Tables) == 0 && !problem.HasErrors(probs) {
		var names []string
		for _, in := range inputs {
			names = append(names, in.Path)
		}
		loc := problem.Loc{File: strings.Join(names, ", ")}
		if opts.NotFound != "" {
			probs = append(probs, problem.New(opts.NotFound, loc))
		} else {
			probs = append(probs, problem.New("SHEET_NOT_FOUND", loc, "departments/部门, users/成员"))
		}
	}
	return o, probs
}

func (o *Org) loadFile(in Input, m matcher) []problem.Problem {
	wb, err := sheet.Open(in.Path)
	if err != nil {
		return []problem.Problem{fileProblem(in.Path, "", err)}
	}
	defer wb.Close()
	var probs []problem.Problem
	for _, sh := range wb.Sheets {
		t, ps := findTable(sh, in, wb.IsCSV(), m)
		probs = append(probs, ps...)
		if t == nil {
			continue
		}
		probs = append(probs, o.readRows(sh, t)...)
	}
	return probs
}

func fileProblem(file, sheetName string, err error) problem.Problem {
	msg := err.Error()
	loc := problem.Loc{File: file, Sheet: sheetName}
	var fe *sheet.FileError
	if errors.As(err, &fe) {
		msg, loc.Row, loc.Column = fe.Msg, fe.Row, fe.Column
	}
	return problem.New("FILE_UNREADABLE", loc, msg)
}

// findTable decides whether a sheet holds departments or users and where
// its header is. Sheets that are neither (an instructions sheet, a lookup
// list) are skipped silently.
func findTable(sh *sheet.Sheet, in Input, isCSV bool, m matcher) (*Table, []problem.Problem) {
	loc := problem.Loc{File: sh.File, Sheet: sh.Name}
	// An instructions sheet mentions every header; it is never data, not
	// even when the kind is forced (--users template.xlsx).
	if !isCSV && IsInstructionSheet(sh.Name) {
		return nil, nil
	}
	rows, err := sh.Peek(headerSearchRows)
	if err != nil {
		return nil, []problem.Problem{fileProblem(sh.File, sh.Name, err)}
	}
	schema := in.Schema
	if schema == nil {
		schema = schemaFor(m.schemas, in.Kind)
	}
	if schema == nil {
		for _, s := range m.schemas {
			if !isCSV && s.IsSheetName(sh.Name) {
				schema = s
			}
		}
	}
	if schema == nil {
		schema = guessSchema(rows, m)
	}
	if schema == nil {
		if isCSV {
			return nil, []problem.Problem{problem.New("SHEET_NO_HEADER", loc, firstRow(rows))}
		}
		return nil, nil
	}
	if sh.Hidden {
		if len(rows) == 0 {
			return nil, nil // an empty hidden sheet holds nothing to warn about
		}
		return nil, []problem.Problem{problem.New("SHEET_HIDDEN", loc, sh.Name)}
	}
	hdr, ok := headerRow(schema, rows, m)
	switch {
	case !ok && in.Schema != nil && !isCSV:
		return nil, nil // another sheet of the workbook
	case !ok:
		return nil, []problem.Problem{problem.New("SHEET_NO_HEADER", loc, firstRow(rows))}
	}
	return newTable(sh, schema, hdr, m)
}

// firstRow shows the top row of a sheet in a message.
func firstRow(rows []sheet.Row) string {
	if len(rows) == 0 {
		return "(empty / 空)"
	}
	return strings.Join(rows[0].Cells, ", ")
}

func schemaFor(schemas []*Schema, k Kind) *Schema {
	for _, s := range schemas {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

// guessSchema picks the kind whose fields the top rows match best; it needs
// at least two matched columns so a stray word does not make a table.
func guessSchema(rows []sheet.Row, m matcher) *Schema {
	var best *Schema
	bestScore := 1
	for _, r := range rows {
		for _, s := range m.schemas {
			if n := m.count(s, r); n > bestScore {
				best, bestScore = s, n
			}
		}
	}
	return best
}

// headerRow is the first top row that names at least two of the kind's
// fields (or one, for a one-column sheet).
func headerRow(s *Schema, rows []sheet.Row, m matcher) (sheet.Row, bool) {
	for _, r := range rows {
		if n := m.count(s, r); n >= 2 || (n == 1 && len(r.Cells) == 1) {
			return r, true
		}
	}
	return sheet.Row{}, false
}

func newTable(sh *sheet.Sheet, s *Schema, hdr sheet.Row, m matcher) (*Table, []problem.Problem) {
	t := &Table{File: sh.File, Sheet: sh.Name, Kind: s.Kind, Schema: s, Header: hdr.Cells, HeaderRow: hdr.Num, Col: map[string]int{}}
	loc := problem.Loc{File: sh.File, Sheet: sh.Name, Row: hdr.Num}
	var probs []problem.Problem
	for i, h := range hdr.Cells {
		if h == "" {
			continue
		}
		if id, name, ok := ParseCustomHeader(h); ok && s.Kind == KindUsers {
			if j := slices.IndexFunc(t.Custom, func(c CustomColumn) bool { return c.ID == id }); j >= 0 {
				l := loc
				l.Column = h
				probs = append(probs, problem.New("COLUMN_DUPLICATE", l, t.Custom[j].Header, h, CustomPrefix+id))
				continue
			}
			t.Custom = append(t.Custom, CustomColumn{Index: i, Header: h, ID: id, Name: name})
			continue
		}
		f, mapped, ok := m.match(s, h)
		if !ok {
			t.Unknown = append(t.Unknown, i)
			if !IsReadOnlyColumn(h) {
				l := loc
				l.Column = h
				probs = append(probs, problem.New("COLUMN_UNKNOWN", l, h, suggestion(s, h)))
			}
			continue
		}
		if mapped {
			if t.Mapped == nil {
				t.Mapped = map[string]string{}
			}
			t.Mapped[h] = f.Key
		}
		if j, dup := t.Col[f.Key]; dup {
			l := loc
			l.Column = h
			probs = append(probs, problem.New("COLUMN_DUPLICATE", l, hdr.Cells[j], h, f.Key))
			continue
		}
		t.Col[f.Key] = i
	}
	for _, f := range s.Fields {
		if f.Required && !t.Has(f.Key) && !t.hasAny(f.Alt) {
			l := loc
			l.Column = f.Header()
			names := strings.Join(f.Names(), " / ")
			for _, alt := range f.Alt {
				if af, ok := s.Field(alt); ok {
					names += "; or instead 或改用 " + strings.Join(af.Names(), " / ")
				}
			}
			probs = append(probs, problem.New("COLUMN_MISSING", l, f.Key, names))
		}
	}
	if problem.HasErrors(probs) {
		return nil, probs
	}
	return t, probs
}

func (o *Org) readRows(sh *sheet.Sheet, t *Table) []problem.Problem {
	o.Tables = append(o.Tables, t)
	var probs []problem.Problem
	err := sh.Scan(func(r sheet.Row) error {
		if r.Num < t.HeaderRow {
			return nil
		}
		for _, f := range r.Faults {
			probs = append(probs, faultProblem(sh, t, r, f))
		}
		if r.Num == t.HeaderRow {
			return nil
		}
		t.readDates(r.Cells)
		rec := NewRecord(t, r)
		switch t.Kind {
		case KindDepartments:
			o.Departments = append(o.Departments, newDepartment(rec))
		case KindUsers:
			o.Users = append(o.Users, newUser(rec))
		case KindLeavers:
			o.Leavers = append(o.Leavers, newLeaver(rec))
		case KindUnits:
			o.Units = append(o.Units, &Unit{Record: rec})
		case KindGroups:
			o.Groups = append(o.Groups, newGroup(rec))
		case KindGroupMembers:
			o.Memberships = append(o.Memberships, newMembership(rec))
		default:
			o.Rows = append(o.Rows, rec)
		}
		return nil
	})
	if err != nil {
		return append(probs, fileProblem(sh.File, sh.Name, fmt.Errorf("%w", err)))
	}
	return probs
}

// faultProblem reports a cell the sheet package could not read as written,
// in any column (a row pasted from a file in another encoding is suspect
// as a whole).
func faultProblem(sh *sheet.Sheet, t *Table, r sheet.Row, f sheet.Fault) problem.Problem {
	loc := problem.Loc{File: sh.File, Sheet: sh.Name, Row: r.Num, Column: sheet.ColumnName(f.Col)}
	if f.Col < len(t.Header) && t.Header[f.Col] != "" && r.Num > t.HeaderRow {
		loc.Column = t.Header[f.Col]
	}
	value := textsafe.Terminal(r.Cell(f.Col))
	switch f.Kind {
	case sheet.FaultEncoding:
		return problem.New("CELL_ENCODING", loc, sh.Encoding(), textsafe.Terminal(f.Detail), value)
	case sheet.FaultQuote:
		return problem.New("CSV_QUOTE", loc, value)
	default:
		return problem.New("CELL_LOST_CHARACTER", loc, value)
	}
}
