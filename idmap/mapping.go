package idmap

import (
	"github.com/orgbatch/orgbatch/internal/msg"
	"path/filepath"

	"github.com/orgbatch/orgbatch/sheet"
)

// The mapping's files in the run folder.
const (
	MappingXLSX = "mapping.xlsx"
	MappingCSV  = "mapping.csv"
)

// MappingColumns follow the input's columns in the mapping.
var MappingColumns = []sheet.Column{
	{Header: "用户ID (user_id)", Width: 20, Text: true},
	{Header: "开放ID (open_id)", Width: 38, Text: true},
	{Header: "联合ID (union_id)", Width: 38, Text: true},
	{Header: "状态 (status)", Width: 11},
	{Header: "说明 (note)", Width: 50, Wrap: true},
}

var statusMarks = map[string]sheet.Mark{
	StatusActive:   sheet.MarkGood,
	StatusResigned: sheet.MarkWarning,
	StatusNotFound: sheet.MarkMuted,
	StatusConflict: sheet.MarkError,
	StatusInvalid:  sheet.MarkError,
}

// MappingSheet is the input's rows as written, each with its IDs, status
// and note. The writers escape against formula injection what needs it
// (CSV cells; see sheet.EncodeCSV): the mapping is opened in Excel and
// joined elsewhere.
func MappingSheet(in *Input, results []Result) sheet.OutSheet {
	width := len(in.Header)
	cols := make([]sheet.Column, 0, width+len(MappingColumns))
	for _, h := range in.Header {
		cols = append(cols, sheet.Column{Header: h, Text: true})
	}
	cols = append(cols, MappingColumns...)
	rows := make([][]string, len(in.Rows))
	for i, r := range in.Rows {
		row := make([]string, width, width+len(MappingColumns))
		copy(row, r.Cells)
		res := results[i]
		rows[i] = append(row, res.UserID, res.OpenID, res.UnionID, msg.Status(res.Status).String(), res.Note)
	}
	statusCol := width + 3
	return sheet.OutSheet{Name: "映射 mapping", Columns: cols, Rows: rows, FreezeHeader: true,
		Mark: func(r, c int) sheet.Mark {
			if c == statusCol {
				return statusMarks[results[r].Status]
			}
			return sheet.MarkNone
		}}
}

// WriteMapping writes mapping.xlsx and mapping.csv (UTF-8 with a BOM)
// into dir, atomically, owner-only.
func WriteMapping(dir string, in *Input, results []Result) ([]string, error) {
	s := MappingSheet(in, results)
	x, c := filepath.Join(dir, MappingXLSX), filepath.Join(dir, MappingCSV)
	if err := sheet.WriteXLSX(x, s); err != nil {
		return nil, err
	}
	if err := sheet.WriteCSV(c, s, true); err != nil {
		return []string{x}, err
	}
	return []string{x, c}, nil
}
