package sheet

import (
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A sheet is read within Excel's own limits, so a file that no spreadsheet
// program could show — or a workbook built to expand into gigabytes — is
// refused in seconds and in bounded memory instead of being read for
// minutes into gigabytes. See xlsx_limits.go for the package sizes.
const (
	MaxRows      = excelize.TotalRows      // 1,048,576
	MaxColumns   = excelize.MaxColumns     // 16,384
	MaxCellChars = excelize.TotalCellChars // 32,767
	// MaxCells bounds rows × columns as read (a row's width is its last
	// non-empty cell): 64 columns on every one of Excel's rows. A worksheet
	// whose every row has one cell in column XFD is 40 MB of XML that
	// compresses to kilobytes and would otherwise cost 16,384 cells a row.
	MaxCells = 1 << 26
	// maxRecordBytes bounds one CSV record (a row).
	maxRecordBytes = 16 << 20
)

// sheetLimits counts what a scan has read against the limits.
type sheetLimits struct {
	file, sheet string
	cells       int64
}

// row checks a row's number and width.
func (l *sheetLimits) row(num, width int) error {
	if num > MaxRows {
		return l.refuse(0, "", msgRows())
	}
	if width > MaxColumns {
		return l.refuse(num, "", msgColumns(num))
	}
	if l.cells += int64(width); l.cells > MaxCells {
		return l.refuse(num, "", msgCells(num))
	}
	return nil
}

// cell checks a cell's length.
func (l *sheetLimits) cell(num, col int, s string) error {
	if len(s) <= MaxCellChars || utf8.RuneCountInString(s) <= MaxCellChars {
		return nil
	}
	return l.refuse(num, ColumnName(col), msgCellTooLong(num, ColumnName(col)))
}

func (l *sheetLimits) refuse(row int, col, msg string) error {
	return &FileError{File: l.file, Sheet: l.sheet, Row: row, Column: col, Msg: msg}
}

// The limits' messages, bilingual. A row number of 0 means "somewhere".
func msgRows() string {
	return fmt.Sprintf("the sheet has more than %d rows, Excel's limit / 工作表超过 Excel 的上限 %d 行", MaxRows, MaxRows)
}

func msgColumns(row int) string {
	if row == 0 {
		return fmt.Sprintf("a row has more than %d columns, Excel's limit / 有一行超过 Excel 的上限 %d 列", MaxColumns, MaxColumns)
	}
	return fmt.Sprintf("row %d has more than %d columns, Excel's limit / 第 %d 行超过 Excel 的上限 %d 列", row, MaxColumns, row, MaxColumns)
}

func msgCells(row int) string {
	if row == 0 {
		return fmt.Sprintf("the sheet has more than %d cells (rows × columns): too large to read / 工作表超过 %d 个单元格（行 × 列），过大无法读取", MaxCells, MaxCells)
	}
	return fmt.Sprintf("the sheet has more than %d cells (rows × columns) by row %d: too large to read / 到第 %d 行工作表已超过 %d 个单元格（行 × 列），过大无法读取", MaxCells, row, row, MaxCells)
}

func msgCellTooLong(row int, col string) string {
	return fmt.Sprintf("the cell at row %d, column %s has more than %d characters, Excel's limit / 第 %d 行 %s 列的单元格超过 Excel 的上限 %d 个字符", row, col, MaxCellChars, row, col, MaxCellChars)
}
