package sheet

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/xuri/excelize/v2"
)

// Mark is how a written cell is highlighted.
type Mark int

// Cell highlights: validation problems and import statuses.
const (
	MarkNone    Mark = iota
	MarkError        // red: a problem to fix, a failed row
	MarkWarning      // amber: a warning, a skipped row
	MarkGood         // green: created
	MarkChanged      // blue: updated
	MarkMuted        // grey: unchanged
)

// Column describes one written column.
type Column struct {
	Header string
	// Width is the narrowest the column is; LayoutOf widens it for its
	// header and content. 0 = fit.
	Width    float64
	Text     bool     // number format "@", so Excel keeps leading zeros and long digits
	Required bool     // header drawn in red
	Choices  []string // dropdown list for the column's data cells
	// Wrap wraps the column's cells (at its Width) and makes their rows as
	// tall as the text: long prose such as instructions.
	Wrap bool
}

// OutSheet is one sheet to write. Its data rows are Rows, or — for a large
// sheet made on the fly rather than held — NumRows rows given by Row.
type OutSheet struct {
	Name    string
	Columns []Column
	Rows    [][]string
	// NumRows and Row stand for Rows when Rows is nil: Row(i) returns data
	// row i (0-based). Writers call it once per row, in order, and do not
	// keep the slice.
	NumRows int
	Row     func(i int) []string
	// Mark, if set, tells how to highlight data cell (row, col), both
	// 0-based. Writers ask about a row's cells right after getting the row.
	Mark func(row, col int) Mark
	// FreezeHeader marks a data table: its header row stays in view and
	// gets an autofilter (see LayoutOf).
	FreezeHeader bool
	// DropdownRows is how many data rows get the columns' dropdowns
	// (templates leave room for people to fill in); 0 means no dropdowns.
	DropdownRows int
}

// RowCount returns the number of data rows.
func (s OutSheet) RowCount() int {
	if s.Rows == nil && s.Row != nil {
		return s.NumRows
	}
	return len(s.Rows)
}

// RowAt returns data row i (see Row).
func (s OutSheet) RowAt(i int) []string {
	if s.Rows == nil && s.Row != nil {
		return s.Row(i)
	}
	return s.Rows[i]
}

// Headers returns the sheet's header texts.
func (s OutSheet) Headers() []string {
	h := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		h[i] = c.Header
	}
	return h
}

// WriteOptions say how a file is committed.
type WriteOptions struct {
	// NoReplace refuses to replace an existing file: the write fails with
	// an error matching fs.ErrExist (atomicfile.WriteNew).
	NoReplace bool
}

func (o WriteOptions) commit(path string, write func(w io.Writer) error) error {
	if o.NoReplace {
		return atomicfile.WriteNew(path, atomicfile.Private, write)
	}
	return atomicfile.Write(path, atomicfile.Private, write)
}

// WriteXLSX writes the sheets to one workbook at path, atomically, readable
// by the owner only (reports and exports hold personal data). Workbooks
// with dropdowns (templates: small) go through excelize cell by cell, as
// excelize keeps data validations only there; every other workbook is
// streamed (see writeStreamed), in memory that does not grow with its rows.
func WriteXLSX(path string, sheets ...OutSheet) error {
	return WriteXLSXWith(path, WriteOptions{}, sheets...)
}

// WriteXLSXWith is WriteXLSX with options.
func WriteXLSXWith(path string, o WriteOptions, sheets ...OutSheet) error {
	if !slices.ContainsFunc(sheets, hasDropdowns) {
		if err := checkSheetNames(sheets); err != nil {
			return err
		}
		return o.commit(path, func(w io.Writer) error { return writeStreamed(w, sheets) })
	}
	return writeExcelize(path, o, sheets)
}

// writeExcelize writes the workbook through excelize's worksheet model,
// cell by cell (the only way excelize keeps data validations; workbooks
// with dropdowns are templates: small). excelize's own temporary files go
// into a scratch directory beside path, so that those of a killed process
// are found and removed (atomicfile.RemoveStale) by the next one.
func writeExcelize(path string, o WriteOptions, sheets []OutSheet) error {
	tmpDir, release, err := atomicfile.TempDir(filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return err
	}
	defer release()
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	defer f.Close()
	f.ZipWriter = newSortedZip
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		if err := writeSheetDOM(f, st, s); err != nil {
			return fmt.Errorf("sheet %s: %w", s.Name, err)
		}
	}
	f.SetActiveSheet(0)
	return o.commit(path, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// cell is the style of data cell (r, c) of s: its mark, else wrap for a
// Wrap column, text for a text column, else none.
func (st *styles) cell(s OutSheet, r, c int) int {
	if s.Mark != nil {
		if m := s.Mark(r, c); m != MarkNone {
			return st.marks[m]
		}
	}
	return st.column(s, c)
}

func (st *styles) column(s OutSheet, c int) int {
	switch {
	case c >= len(s.Columns):
		return 0
	case s.Columns[c].Wrap:
		return st.wrap
	case s.Columns[c].Text:
		return st.text
	}
	return 0
}

// hasDropdowns: only templates (DropdownRows > 0) get dropdowns; large
// data sheets (exports, reports) are streamed without them.
func hasDropdowns(s OutSheet) bool {
	if s.DropdownRows == 0 {
		return false
	}
	for _, c := range s.Columns {
		if len(c.Choices) > 0 {
			return true
		}
	}
	return false
}

// writeSheetDOM writes a small sheet through excelize's worksheet model,
// laid out as LayoutOf says.
func writeSheetDOM(f *excelize.File, st *styles, s OutSheet) error {
	l := LayoutOf(s)
	if err := layoutDOM(f, st, s, l); err != nil {
		return err
	}
	for i, c := range s.Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		style := st.header
		if c.Required {
			style = st.headerRequired
		}
		if err := f.SetCellStr(s.Name, cell, c.Header); err != nil {
			return err
		}
		if err := f.SetCellStyle(s.Name, cell, cell, style); err != nil {
			return err
		}
	}
	for r := range s.RowCount() {
		row := s.RowAt(r)
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := f.SetCellStr(s.Name, cell, XLSXValue(v)); err != nil {
				return err
			}
			if style := st.cell(s, r, c); style != 0 {
				if err := f.SetCellStyle(s.Name, cell, cell, style); err != nil {
					return err
				}
			}
		}
		if ht := l.DataRowHeight(s, row); ht > 0 {
			if err := f.SetRowHeight(s.Name, r+2, ht); err != nil {
				return err
			}
		}
	}
	if l.Filter != "" {
		if err := f.AutoFilter(s.Name, l.Filter, nil); err != nil {
			return err
		}
	}
	return addDropdowns(f, s)
}

// layoutDOM sets the columns' widths and styles, the header's height and
// the frozen header.
func layoutDOM(f *excelize.File, st *styles, s OutSheet, l Layout) error {
	for i := range s.Columns {
		col := ColumnName(i)
		if err := f.SetColWidth(s.Name, col, col, l.Widths[i]); err != nil {
			return err
		}
		if style := st.column(s, i); style != 0 {
			if err := f.SetColStyle(s.Name, col, style); err != nil {
				return err
			}
		}
	}
	if err := f.SetRowHeight(s.Name, 1, l.HeaderHeight); err != nil {
		return err
	}
	if l.Freeze {
		return f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	return nil
}

func addDropdowns(f *excelize.File, s OutSheet) error {
	last := s.DropdownRows + 1
	for i, c := range s.Columns {
		if len(c.Choices) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		col := ColumnName(i)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, last))
		if err := dv.SetDropList(c.Choices); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "orgbatch", "请从下拉列表中选择 / choose a value from the list")
		if err := f.AddDataValidation(s.Name, dv); err != nil {
			return err
		}
	}
	return nil
}

// styles are the cell styles a workbook uses, registered once.
type styles struct {
	header, headerRequired, text, wrap int
	marks                              map[Mark]int
}

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{marks: map[Mark]int{}}
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	text := "@"
	headerFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
	st.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: headerFill, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, CustomNumFmt: &text})
	st.headerRequired = add(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Fill: headerFill, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, CustomNumFmt: &text})
	st.text = add(&excelize.Style{CustomNumFmt: &text})
	st.wrap = add(&excelize.Style{CustomNumFmt: &text, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	// A slice, not a map: styles are registered in a fixed order so the same
	// sheet always produces the same bytes (templates are compared to files).
	for _, mc := range []struct {
		m     Mark
		color string
	}{{MarkError, "FFC7CE"}, {MarkWarning, "FFEB9C"}, {MarkGood, "C6EFCE"}, {MarkChanged, "BDD7EE"}, {MarkMuted, "EDEDED"}} {
		m, color := mc.m, mc.color
		st.marks[m] = add(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}, CustomNumFmt: &text})
	}
	return st, err
}

// WriteCSV writes one sheet as CSV, atomically, owner-readable only. With
// bom, a UTF-8 byte-order mark leads the file so Excel opens it as UTF-8
// instead of the system code page.
func WriteCSV(path string, s OutSheet, bom bool, opts ...WriteOptions) error {
	var o WriteOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	return o.commit(path, func(w io.Writer) error {
		return EncodeCSV(w, s, bom)
	})
}

// EncodeCSV writes the CSV form of a sheet to w, every cell that a
// spreadsheet would run as a formula escaped (EscapeFormula; the reader
// undoes it).
func EncodeCSV(w io.Writer, s OutSheet, bom bool) error {
	if bom {
		if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	var rec []string
	write := func(cells []string) error {
		rec = rec[:0]
		for _, v := range cells {
			rec = append(rec, EscapeFormula(v)) // a CSV cell is evaluated: =… would run
		}
		return cw.Write(rec)
	}
	if err := write(s.Headers()); err != nil {
		return err
	}
	for i := range s.RowCount() {
		if err := write(s.RowAt(i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
