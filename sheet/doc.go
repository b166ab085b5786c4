// Package sheet reads and writes spreadsheets — .xlsx workbooks and CSV
// files — as plain tables of trimmed text cells that remember where they came
// from (file, sheet, row number as Excel shows it).
//
// It knows nothing about Feishu or validation rules: it deals with the
// realities of files that people and other programs produce (BOMs, GBK/GB18030
// CSV from Chinese Excel and WPS, files mixing encodings, stray quotes,
// numbers typed into Excel, formula cells, full-width spaces, blank rows,
// hidden sheets, merged cells) so that the packages above it see clean
// strings, with the cells that could not be read as written marked
// (Row.Faults). It reads within Excel's limits and refuses workbooks built
// to exhaust memory (limits.go, xlsx_limits.go).
//
// Reading streams: a sheet is scanned row by row (excelize's Rows iterator,
// encoding/csv) and never held in memory whole, so validation of a 100,000-row
// workbook stays linear and small.
package sheet
