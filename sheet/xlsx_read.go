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

func scanXLSX(f *excelize.File, file, sheet string, fn func(Row) error) error {
	fills, err := verticalMerges(file, sheet)
	if errors.Is(err, errIncomplete) {
		return &FileError{File: file, Sheet: sheet, Msg: "the sheet is incomplete (damaged file?) / 工作表不完整（文件可能已损坏）", Err: err}
	}
	if err != nil {
		return &FileError{File: file, Sheet: sheet, Msg: "cannot read merged cells / 无法读取合并单元格", Err: err}
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
			return err
		}
		if err := lim.row(num, len(cols)); err != nil {
			return err
		}
		var faults []Fault
		for i, c := range cols {
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
	return rows.Error()
}
