package sheet

import (
	"errors"

	"github.com/xuri/excelize/v2"
)

// rawValues asks excelize for the stored cell values, not the displayed
// ones: a mobile typed as a number stays 13800138000 instead of the
// "1.38E+10" that a General format would show, and date cells arrive as
// their serial number, which the org package turns into a date. Formula
// cells give their cached result.
var rawValues = excelize.Options{RawCellValue: true}

func scanXLSX(f *excelize.File, s *Sheet, fn func(Row) error) error {
	file, sheet := s.File, s.Name
	s.mergesOnce.Do(func() { s.merges, s.mergesErr = verticalMerges(file, sheet) })
	if err := s.mergesErr; err != nil {
		return partError(file, sheet, err)
	}
	var fills *fillSet
	if s.merges != nil {
		fills = &fillSet{byTop: s.merges}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	lim := sheetLimits{file: file, sheet: sheet}
	num := 0
	for rows.Next() {
		num++
		cols, err := rows.Columns(rawValues)
		if err != nil {
			return lim.excelize(num, err)
		}
		if err := lim.row(num, len(cols)); err != nil {
			return err
		}
		var faults []Fault
		for i, c := range cols {
			if c == "" {
				continue
			}
			if err := lim.cell(num, i, c); err != nil {
				return err
			}
			cols[i] = normalizeNumber(CleanCell(c))
			if lostChar(cols[i]) != FaultNone {
				faults = append(faults, Fault{Col: i, Kind: FaultLostChar})
			}
		}
		// A blank row stays blank inside a merged range: spare rows under a
		// merged department cell are not people. (A blank row starts no
		// fill, and fills past their bottom row expire at the next call.)
		if (Row{Cells: cols}).IsBlank() {
			continue
		}
		r := Row{Num: num, Cells: fills.apply(num, cols), Faults: faults}
		if err := callFn(fn, r); err != nil {
			return err
		}
	}
	return lim.excelize(num, rows.Error())
}

// excelize turns excelize's own limit errors into the limits' messages.
func (l *sheetLimits) excelize(num int, err error) error {
	switch {
	case errors.Is(err, excelize.ErrMaxRows):
		return l.row(MaxRows+1, 0)
	case errors.Is(err, excelize.ErrColumnNumber):
		return l.row(num, MaxColumns+1)
	}
	return err
}
