// Package xlsxtest builds .xlsx packages from raw XML for tests: cases no
// spreadsheet program writes (error cells with cached values, damaged or
// hostile parts) without committing binary files.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
)

// Part is one file of the package. Body, when set, streams the content
// instead of Data (a part of gigabytes never needs to be in memory).
type Part struct {
	Name string
	Data string
	Body func(w io.Writer) error
	// Declared, when set, is the uncompressed size the zip directory
	// claims for Data: a part that says it expands to gigabytes without
	// the test writing them.
	Declared uint64
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRel  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

// Sheet is a one-sheet workbook (sheet name 成员) whose worksheet is
// <sheetData>rows</sheetData>merges, with shared strings sst (the <si>
// elements) and extra attributes on the workbook's <sheet> element.
func Sheet(rows, merges, sst, sheetAttr string) []Part {
	return []Part{
		{Name: "[Content_Types].xml", Data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{Name: "_rels/.rels", Data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{Name: "xl/workbook.xml", Data: `<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain + ` ` + nsRel + `><sheets><sheet name="成员" sheetId="1" r:id="rId1" ` + sheetAttr + `/></sheets></workbook>`},
		{Name: "xl/_rels/workbook.xml.rels", Data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{Name: "xl/worksheets/sheet1.xml", Data: WorksheetHead + rows + `</sheetData>` + merges + `</worksheet>`},
		{Name: "xl/sharedStrings.xml", Data: `<?xml version="1.0" encoding="UTF-8"?><sst ` + nsMain + `>` + sst + `</sst>`},
	}
}

// WorksheetHead opens a worksheet part up to its <sheetData>.
const WorksheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + nsMain + `><sheetData>`

// With returns parts with the part of the same name replaced by p (or p
// added).
func With(parts []Part, p Part) []Part {
	out := append([]Part(nil), parts...)
	for i := range out {
		if out[i].Name == p.Name {
			out[i] = p
			return out
		}
	}
	return append(out, p)
}

// Write writes the package as a zip to w.
func Write(w io.Writer, parts []Part) error {
	zw := zip.NewWriter(w)
	for _, p := range parts {
		if p.Declared > 0 {
			if err := writeRaw(zw, p); err != nil {
				return err
			}
			continue
		}
		fw, err := zw.Create(p.Name)
		if err != nil {
			return err
		}
		if p.Body != nil {
			err = p.Body(fw)
		} else {
			_, err = io.WriteString(fw, p.Data)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// Bytes is Write into memory.
func Bytes(parts []Part) []byte {
	var b bytes.Buffer
	if err := Write(&b, parts); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// writeRaw stores a deflated part whose directory entry declares
// p.Declared bytes.
func writeRaw(zw *zip.Writer, p Part) error {
	var c bytes.Buffer
	fw, err := flate.NewWriter(&c, flate.BestCompression)
	if err != nil {
		return err
	}
	io.WriteString(fw, p.Data)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(p.Data)),
		CompressedSize64: uint64(c.Len()), UncompressedSize64: p.Declared})
	if err != nil {
		return err
	}
	_, err = w.Write(c.Bytes())
	return err
}
