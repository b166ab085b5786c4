package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A streamed workbook is written part by part straight into the zip, in a
// fixed order — content types, relationships, workbook, styles, then each
// sheet — and each sheet's rows are encoded into its zip entry as they
// come: nothing holds a whole sheet, so memory does not grow with the rows,
// and the same sheets always give the same bytes. It is plain
// SpreadsheetML: inline string cells (every value stays text, nothing
// becomes a formula), the styles of newStyles in the same order, column
// widths and styles, and a frozen header row.

// Style indexes of a streamed workbook (cellXfs in stylesXML).
const (
	xfHeader         = 1
	xfHeaderRequired = 2
	xfText           = 3
	xfMarks          = 4           // MarkError … MarkMuted follow in Mark order
	xfWrap           = xfMarks + 5 // text, wrapped, top-aligned: Wrap columns
)

// maxCellChars is Excel's limit on a cell's text; longer values are cut.
const maxCellChars = 32767

// maxSheetName is Excel's limit on a sheet name, in characters.
const maxSheetName = 31

// writeStreamed writes the workbook of sheets to w.
func writeStreamed(w io.Writer, sheets []OutSheet) error {
	if err := checkSheetNames(sheets); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed) // deflate, not the sheet, is the cost of a large report
	})
	parts := []struct {
		name string
		data string
	}{
		{"[Content_Types].xml", contentTypesXML(len(sheets))},
		{"_rels/.rels", rootRelsXML},
		{"xl/workbook.xml", workbookXML(sheets)},
		{"xl/_rels/workbook.xml.rels", workbookRelsXML(len(sheets))},
		{"xl/styles.xml", stylesXML},
	}
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.data); err != nil {
			return err
		}
	}
	for i, s := range sheets {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), Method: zip.Deflate})
		if err != nil {
			return err
		}
		if err := encodeSheet(fw, s, i == 0); err != nil {
			return fmt.Errorf("sheet %s: %w", s.Name, err)
		}
	}
	return zw.Close()
}

// checkSheetNames refuses the names Excel refuses: empty, over 31
// characters, with one of : \ / ? * [ ], starting or ending with ', or the
// same as another sheet's (ignoring case).
func checkSheetNames(sheets []OutSheet) error {
	seen := map[string]bool{}
	for _, s := range sheets {
		n := s.Name
		switch {
		case n == "" || utf8.RuneCountInString(n) > maxSheetName:
			return fmt.Errorf("sheet name %q: must have 1 to %d characters", n, maxSheetName)
		case strings.ContainsAny(n, `:\/?*[]`):
			return fmt.Errorf("sheet name %q: must not contain any of : \\ / ? * [ ]", n)
		case strings.HasPrefix(n, "'") || strings.HasSuffix(n, "'"):
			return fmt.Errorf("sheet name %q: must not start or end with '", n)
		case seen[strings.ToLower(n)]:
			return fmt.Errorf("sheet name %q is used twice", n)
		}
		seen[strings.ToLower(n)] = true
	}
	return nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const rootRelsXML = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`

func contentTypesXML(n int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i)
	}
	b.WriteString(`</Types>`)
	return b.String()
}

func workbookXML(sheets []OutSheet) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escapeAttr(s.Name), i+1, i+1)
	}
	b.WriteString(`</sheets>`)
	// Excel names each autofilter's range (hidden); without the name it
	// may drop the filter when the file is saved again.
	var names []string
	for i, s := range sheets {
		if f := filterRef(s); f != "" {
			names = append(names, fmt.Sprintf(`<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s</definedName>`, i, escapeAttr(absoluteRef(s.Name, f))))
		}
	}
	if names != nil {
		b.WriteString(`<definedNames>` + strings.Join(names, "") + `</definedNames>`)
	}
	b.WriteString(`</workbook>`)
	return b.String()
}

func workbookRelsXML(n int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+1)
	b.WriteString(`</Relationships>`)
	return b.String()
}

// markFills are the fill colours of MarkError … MarkMuted, as newStyles
// registers them for the cell-by-cell path.
var markFills = []string{"FFC7CE", "FFEB9C", "C6EFCE", "BDD7EE", "EDEDED"}

// stylesXML: fonts (normal, bold, bold red), fills (the two defaults, the
// header's, one per mark), and the cell formats: default, header, required
// header, text, then one per mark. numFmtId 49 is the built-in "@" (text).
var stylesXML = func() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="11"/><color rgb="FFC00000"/><name val="Calibri"/><family val="2"/></font></fonts>`)
	fill := func(rgb string) string {
		return `<fill><patternFill patternType="solid"><fgColor rgb="FF` + rgb + `"/><bgColor indexed="64"/></patternFill></fill>`
	}
	fmt.Fprintf(&b, `<fills count="%d"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>%s`, 3+len(markFills), fill("DDEBF7"))
	for _, c := range markFills {
		b.WriteString(fill(c))
	}
	b.WriteString(`</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	header := func(font int) string {
		return fmt.Sprintf(`<xf numFmtId="49" fontId="%d" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyAlignment="1">`+
			`<alignment vertical="center" wrapText="1"/></xf>`, font)
	}
	fmt.Fprintf(&b, `<cellXfs count="%d"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>%s%s`, xfWrap+1, header(1), header(2))
	b.WriteString(`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)
	for i := range markFills {
		fmt.Fprintf(&b, `<xf numFmtId="49" fontId="0" fillId="%d" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>`, 3+i)
	}
	b.WriteString(`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`)
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.String()
}()

// encodeSheet writes one worksheet part as LayoutOf lays it out: the view
// (first sheet selected, header frozen), the columns, the header row and
// every data row, and the autofilter.
func encodeSheet(w io.Writer, s OutSheet, selected bool) error {
	l := LayoutOf(s)
	bw := bufio.NewWriterSize(w, 64<<10)
	buf := make([]byte, 0, 4096)
	buf = append(buf, xmlHeader+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView`...)
	if selected {
		buf = append(buf, ` tabSelected="1"`...)
	}
	buf = append(buf, ` workbookViewId="0">`...)
	if l.Freeze {
		buf = append(buf, `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>`...)
	}
	buf = append(buf, `</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	colStyle := make([]int, len(s.Columns))
	if len(s.Columns) > 0 {
		buf = append(buf, `<cols>`...)
		for i, c := range s.Columns {
			buf = fmt.Appendf(buf, `<col min="%d" max="%d" width="%s" customWidth="1"`, i+1, i+1, formatFloat(l.Widths[i]))
			switch {
			case c.Wrap:
				colStyle[i] = xfWrap
			case c.Text:
				colStyle[i] = xfText
			}
			if colStyle[i] != 0 {
				buf = fmt.Appendf(buf, ` style="%d"`, colStyle[i])
			}
			buf = append(buf, `/>`...)
		}
		buf = append(buf, `</cols>`...)
	}
	buf = append(buf, `<sheetData>`...)
	cols := newColumnNames(len(s.Columns))
	header := make([]int, len(s.Columns))
	for i, c := range s.Columns {
		header[i] = xfHeader
		if c.Required {
			header[i] = xfHeaderRequired
		}
	}
	buf = appendRow(buf, cols, 1, l.HeaderHeight, s.Headers(), func(c int) int { return header[c] }, nil)
	wrapped := s.wrapped()
	for r := range s.RowCount() {
		row := s.RowAt(r)
		style := func(c int) int {
			st := 0
			if c < len(colStyle) {
				st = colStyle[c]
			}
			if s.Mark != nil {
				if m := s.Mark(r, c); m > MarkNone && int(m) <= len(markFills) {
					st = xfMarks + int(m) - 1
				}
			}
			return st
		}
		ht := 0.0
		if wrapped {
			ht = l.DataRowHeight(s, row)
		}
		buf = appendRow(buf, cols, r+2, ht, row, style, colStyle)
		if len(buf) >= 32<<10 {
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, `</sheetData>`...)
	if l.Filter != "" {
		buf = append(buf, `<autoFilter ref="`+l.Filter+`"/>`...)
	}
	buf = append(buf, `</worksheet>`...)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// appendRow encodes row num, ht points tall (0: the default height). A
// cell is left out when it is empty and has its column's style (or none):
// Excel shows it the same. Every value is an inline string — text that is
// never a formula —, so only a value that looks escaped ('=…) is escaped
// (XLSXValue), for the reader to give it back exactly.
func appendRow(buf []byte, cols *columnNames, num int, ht float64, cells []string, style func(int) int, colStyle []int) []byte {
	buf = append(buf, `<row r="`...)
	buf = strconv.AppendInt(buf, int64(num), 10)
	if ht > 0 {
		buf = append(buf, `" ht="`...)
		buf = strconv.AppendFloat(buf, ht, 'f', -1, 64)
		buf = append(buf, `" customHeight="1`...)
	}
	buf = append(buf, `">`...)
	for c, v := range cells {
		st := style(c)
		if v == "" && (st == 0 || (c < len(colStyle) && st == colStyle[c])) {
			continue
		}
		buf = append(buf, `<c r="`...)
		buf = append(buf, cols.name(c)...)
		buf = strconv.AppendInt(buf, int64(num), 10)
		buf = append(buf, '"')
		if st != 0 {
			buf = append(buf, ` s="`...)
			buf = strconv.AppendInt(buf, int64(st), 10)
			buf = append(buf, '"')
		}
		if v == "" {
			buf = append(buf, `/>`...)
			continue
		}
		v = XLSXValue(v)
		buf = append(buf, ` t="inlineStr"><is><t`...)
		if first, last := v[0], v[len(v)-1]; isXMLSpace(first) || isXMLSpace(last) {
			buf = append(buf, ` xml:space="preserve"`...)
		}
		buf = append(buf, '>')
		buf = appendText(buf, v)
		buf = append(buf, `</t></is></c>`...)
	}
	return append(buf, `</row>`...)
}

// sortedZip makes excelize's output byte-for-byte reproducible (the
// cell-by-cell path of small workbooks with dropdowns, i.e. templates):
// excelize writes the package parts in the order of a map walk, which
// changes from run to run. Parts are collected and written sorted by name
// when the workbook is closed, so the same sheets always give the same file
// (the committed templates are compared with what the command writes).
type sortedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{w: w, parts: map[string]*bytes.Buffer{}}
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		z.parts[p] = bytes.NewBuffer(data)
		return nil
	})
}

func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	sort.Strings(names)
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := z.parts[n].WriteTo(w); err != nil {
			return err
		}
	}
	return zw.Close()
}
