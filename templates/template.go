package templates

import (
	"path/filepath"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
)

// File names written by Write.
const (
	XLSXName         = "orgbatch-template.xlsx"
	InstructionsName = "instructions.csv"
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
		ds := DataSheet(s, [][]string{append(Example(s), org.ExampleNote)}, sheet.Column{Header: org.MarkerHeader, Width: 48})
		ds.DropdownRows = DropdownRows
		ds.Mark = func(r, c int) sheet.Mark { return sheet.MarkWarning }
		out = append(out, ds)
	}
	return append(out, Instructions())
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
