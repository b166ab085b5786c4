package templates

import (
	"fmt"
	"path/filepath"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
)

// File names written by Write and WriteLeavers.
const (
	XLSXName               = "orgbatch-template.xlsx"
	InstructionsName       = "instructions.csv"
	LeaversXLSXName        = "orgbatch-leavers-template.xlsx"
	LeaverInstructionsName = "leavers-instructions.csv"
)

// Example returns the example row of a schema.
func Example(s *org.Schema) []string {
	row := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		row[i] = f.Example
	}
	return row
}

// TemplateSheets are the sheets of the template workbook. Each data sheet
// has one example row, highlighted, that says in its marker column (a column
// import ignores) that it is the example: validation refuses any row that
// carries that marker, in whatever column it ends up.
func TemplateSheets() []sheet.OutSheet {
	var out []sheet.OutSheet
	for _, s := range org.Schemas {
		out = append(out, exampleSheet(s))
	}
	return append(out, Instructions())
}

// LeaverSheets are the sheets of the leavers template (orgbatch offboard).
func LeaverSheets() []sheet.OutSheet {
	return []sheet.OutSheet{exampleSheet(org.LeaverSchema), LeaverInstructions()}
}

// exampleSheet is a schema's data sheet with its highlighted example row.
func exampleSheet(s *org.Schema) sheet.OutSheet {
	ds := DataSheet(s, [][]string{append(Example(s), org.ExampleNote)}, sheet.Column{Header: org.MarkerHeader, Width: 48})
	ds.DropdownRows = DropdownRows
	ds.Mark = func(r, c int) sheet.Mark { return sheet.MarkWarning }
	return ds
}

// Names are the files Write writes into dir for a format.
func Names(dir, format string) []string {
	if format == "xlsx" {
		return []string{filepath.Join(dir, XLSXName)}
	}
	var out []string
	for _, s := range org.Schemas {
		out = append(out, filepath.Join(dir, CSVName(s.Kind)))
	}
	return append(out, filepath.Join(dir, InstructionsName))
}

// Write writes the templates into dir in the given format ("xlsx" or
// "csv") and returns the paths written.
func Write(dir, format string) ([]string, error) { return write(dir, format, TemplateSheets()) }

// LeaverNames are the files WriteLeavers writes into dir for a format.
func LeaverNames(dir, format string) []string {
	if format == "xlsx" {
		return []string{filepath.Join(dir, LeaversXLSXName)}
	}
	return []string{filepath.Join(dir, CSVName(org.KindLeavers)), filepath.Join(dir, LeaverInstructionsName)}
}

// WriteLeavers writes the leavers template into dir: one workbook, or
// leavers.csv and leavers-instructions.csv.
func WriteLeavers(dir, format string) ([]string, error) {
	sheets := LeaverSheets()
	switch format {
	case "xlsx":
		p := LeaverNames(dir, format)[0]
		return []string{p}, sheet.WriteXLSX(p, sheets...)
	case "csv":
		paths := LeaverNames(dir, format)
		for i, p := range paths {
			if err := sheet.WriteCSV(p, sheets[i], true); err != nil {
				return paths[:i], err
			}
		}
		return paths, nil
	}
	return nil, fmt.Errorf("unknown format %q (want xlsx or csv)", format)
}
