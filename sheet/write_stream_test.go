package sheet_test

import (
	"archive/zip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sheet"
	"github.com/xuri/excelize/v2"
)

// TestStreamedXLSXText: text XML cannot hold comes out as U+FFFD, XML's
// own characters and line breaks survive, and a value past Excel's 32,767
// characters is cut there; rows come from Row when Rows is nil.
func TestStreamedXLSXText(t *testing.T) {
	long := strings.Repeat("长", 40000)
	values := []string{"a & b <c> \"d\" 'e'", "x\r\ny", "bell\x07 nul\x00 \uFFFE", " 两端 ", long, "\xff\xfebad"}
	want := []string{"a & b <c> \"d\" 'e'", "x\r\ny", "bell\uFFFD nul\uFFFD \uFFFD", " 两端 ", strings.Repeat("长", 32767), "\uFFFD\uFFFDbad"}
	cols := make([]sheet.Column, len(values))
	for i := range cols {
		cols[i] = sheet.Column{Header: string(rune('A' + i))}
	}
	path := filepath.Join(t.TempDir(), "t.xlsx")
	s := sheet.OutSheet{Name: "t & <t>", Columns: cols, NumRows: 2, Row: func(i int) []string {
		if i == 1 {
			return []string{"second"}
		}
		return values
	}}
	if err := sheet.WriteXLSX(path, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "t & <t>" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("t & <t>")
	if err != nil || len(rows) != 3 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	for i, w := range want {
		if rows[1][i] != w {
			t.Errorf("cell %d = %.40q, want %.40q", i, rows[1][i], w)
		}
	}
	if rows[2][0] != "second" {
		t.Errorf("row 3 = %q", rows[2])
	}
	// The parts are in one fixed order, the sheets last.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
	}
	if got := strings.Join(names, " "); got != "[Content_Types].xml _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels xl/styles.xml xl/worksheets/sheet1.xml" {
		t.Errorf("parts %s", got)
	}
}
