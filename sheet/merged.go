package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// HR sheets often merge one department cell over all the people in it.
// Excel stores the value only in the top cell of a merged range; a person
// reading the sheet sees it on every row. orgbatch fills the value of a
// merged range down its column(s) so each row carries what the reader sees.
// Horizontal merges add nothing: the cells right of the first stay empty,
// exactly as stored.
//
// The merge list sits after the cell data in the worksheet XML and excelize
// only exposes it by loading the whole sheet into memory, which would defeat
// streaming. So it is found here with one pass of byte search over the
// decompressed part (much cheaper than XML-decoding it), the pass that also
// checks the part before excelize reads it (xmlScan). It runs once per
// sheet, whatever the number of scans.

// mergeFill is one vertical merged range: columns c1..c2 (0-based), rows
// top..bottom (1-based).
type mergeFill struct{ c1, c2, top, bottom int }

// fillSet applies merged ranges to rows as they stream past.
type fillSet struct {
	byTop  map[int][]mergeFill
	active []activeFill
}

type activeFill struct {
	col, bottom int
	value       string
}

func (s *fillSet) apply(rowNum int, cols []string) []string {
	if s == nil {
		return cols
	}
	for _, m := range s.byTop[rowNum] {
		for c := m.c1; c <= m.c2; c++ {
			if c < len(cols) && cols[c] != "" {
				s.active = append(s.active, activeFill{col: c, bottom: m.bottom, value: cols[c]})
			}
		}
	}
	kept := s.active[:0]
	for _, a := range s.active {
		if rowNum > a.bottom {
			continue
		}
		kept = append(kept, a)
		for len(cols) <= a.col {
			cols = append(cols, "")
		}
		if cols[a.col] == "" {
			cols[a.col] = a.value
		}
	}
	s.active = kept
	return cols
}

// verticalMerges returns the merged ranges of a worksheet that span more
// than one row by their top row, or nil when there are none.
func verticalMerges(file, sheet string) (map[int][]mergeFill, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	part, err := sheetPart(&zr.Reader, sheet)
	if err != nil || part == nil {
		return nil, err
	}
	rc, err := part.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	refs, err := scanMergeRefs(rc)
	if err != nil {
		return nil, err
	}
	byTop := map[int][]mergeFill{}
	for _, ref := range refs {
		a, b, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil || r2 <= r1 {
			continue
		}
		byTop[r1] = append(byTop[r1], mergeFill{c1 - 1, c2 - 1, r1, r2})
	}
	if len(byTop) == 0 {
		return nil, nil
	}
	return byTop, nil
}

// What a worksheet part may hold before excelize reads it: excelize builds
// a whole row in memory before returning it (a row of 35 million cells in
// 500 MB of XML is a 560 MB slice), and spends about a microsecond on
// every element, cell or not.
const (
	maxMerges        = 1 << 20
	maxSheetElements = 1 << 26 // about 15 columns on every one of Excel's rows
)

var (
	errMerges   = fmt.Errorf("more than %d merged ranges", maxMerges)
	errRowCells = fmt.Errorf("a row with more than %d cells", MaxColumns)
	errRows     = fmt.Errorf("more than %d rows", MaxRows)
	errCells    = fmt.Errorf("more than %d cells", MaxCells)
)

// scanMergeRefs finds every ref="…" of a <mergeCell> element in a
// worksheet part, checking the part on the way: xmlScan's checks, Excel's
// limits on rows and on cells in a row, MaxCells (rows × their width, as
// excelize returns them) and maxSheetElements.
func scanMergeRefs(r io.Reader) ([]string, error) {
	var refs []string
	rows, col, width, cells := 0, 0, 0, 0
	err := xmlScan(r, maxSheetElements, func(name, tag []byte) error {
		switch string(name) {
		case "c":
			if col = cellColumn(tag, col+1); col > MaxColumns {
				return errRowCells
			}
			width = max(width, col)
		case "row":
			if cells += width; cells > MaxCells {
				return errCells
			}
			if rows, col, width = rows+1, 0, 0; rows > MaxRows {
				return errRows
			}
		case "mergeCell":
			if len(refs) >= maxMerges {
				return errMerges
			}
			if _, rest, ok := bytes.Cut(tag, []byte(`ref="`)); ok {
				if v, _, ok := bytes.Cut(rest, []byte(`"`)); ok {
					refs = append(refs, string(v))
				}
			}
		}
		return nil
	})
	if err == nil && cells+width > MaxCells {
		err = errCells
	}
	if err != nil {
		return nil, err
	}
	return refs, nil
}

// cellColumn returns the 1-based column of a <c> tag's r="B7" attribute,
// or next when it has none (a cell without r follows the one before).
func cellColumn(tag []byte, next int) int {
	_, ref, ok := bytes.Cut(tag, []byte(` r="`))
	if !ok {
		return next
	}
	n := 0
	for _, c := range ref {
		if c < 'A' || c > 'Z' {
			break
		}
		if n = n*26 + int(c-'A'+1); n > MaxColumns {
			break
		}
	}
	if n == 0 {
		return next
	}
	return n
}

// sheetPart finds the zip entry of a worksheet by its name, through
// xl/workbook.xml and its relationships.
func sheetPart(zr *zip.Reader, sheet string) (*zip.File, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(files["xl/workbook.xml"], &wb); err != nil {
		return nil, err
	}
	if err := decodePart(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		if !strings.EqualFold(s.Name, sheet) {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID != s.RID {
				continue
			}
			target := r.Target
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			return files[target], nil
		}
	}
	return nil, nil
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}
