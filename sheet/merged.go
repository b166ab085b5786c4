package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
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
// decompressed part (much cheaper than XML-decoding it).

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
// than one row, or nil when there are none.
func verticalMerges(file, sheet string) (*fillSet, error) {
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
	set := &fillSet{byTop: map[int][]mergeFill{}}
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
		set.byTop[r1] = append(set.byTop[r1], mergeFill{c1 - 1, c2 - 1, r1, r2})
	}
	if len(set.byTop) == 0 {
		return nil, nil
	}
	return set, nil
}

// errIncomplete is a worksheet part whose XML breaks off.
var errIncomplete = errors.New("the worksheet XML is incomplete")

// scanMergeRefs finds every ref="…" of a <mergeCell> element in a stream,
// and checks that the stream is a complete sheet part.
func scanMergeRefs(r io.Reader) ([]string, error) {
	const tag = "mergeCell "
	const overlap = 512
	var refs []string
	buf := make([]byte, 0, 1<<20+overlap)
	chunk := make([]byte, 1<<20)
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		for {
			i := bytes.Index(buf, []byte(tag))
			if i < 0 {
				break
			}
			end := bytes.IndexByte(buf[i:], '>')
			if end < 0 {
				break // element continues in the next chunk
			}
			elem := string(buf[i : i+end])
			if _, rest, ok := strings.Cut(elem, `ref="`); ok {
				if v, _, ok := strings.Cut(rest, `"`); ok {
					refs = append(refs, v)
				}
			}
			buf = buf[i+end:]
		}
		if len(buf) > overlap {
			buf = append(buf[:0], buf[len(buf)-overlap:]...)
		}
		if err == io.EOF {
			// excelize's row iterator stops quietly where a sheet's XML
			// breaks off; the part must end with its closing tag
			// (</worksheet>, </x:worksheet>, </chartsheet>…), or rows
			// would be lost without a word.
			if !completeSheet(buf) {
				return nil, errIncomplete
			}
			return refs, nil
		}
		if err != nil {
			return nil, err
		}
	}
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

// completeSheet reports whether the tail of a sheet part ends its root
// element: </worksheet> (any prefix), or an empty <worksheet …/>.
func completeSheet(tail []byte) bool {
	tail = bytes.TrimRight(tail, " \t\r\n")
	if bytes.HasSuffix(tail, []byte("sheet>")) {
		return true
	}
	if !bytes.HasSuffix(tail, []byte("/>")) {
		return false
	}
	i := bytes.LastIndexByte(tail, '<')
	if i < 0 {
		return true // one root element longer than the tail
	}
	name := tail[i+1:]
	if j := bytes.IndexAny(name, " \t\r\n/"); j >= 0 {
		name = name[:j]
	}
	return bytes.HasSuffix(name, []byte("sheet"))
}
