package sheet

import (
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
	if err != nil {
		return &FileError{File: file, Sheet: sheet, Msg: "cannot read merged cells / 无法读取合并单元格", Err: err}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	num := 0
	for rows.Next() {
		num++
		cols, err := rows.Columns(rawValues)
		if err != nil {
			return err
		}
		for i, c := range cols {
			cols[i] = normalizeNumber(CleanCell(c))
		}
		cols = fills.apply(num, cols)
		r := Row{Num: num, Cells: cols}
		if r.IsBlank() {
			continue
		}
		if err := callFn(fn, r); err != nil {
			return err
		}
	}
	return rows.Error()
}
