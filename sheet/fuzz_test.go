package sheet_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/sheet"
)

// The readers must never panic, whatever the bytes: every failure is an
// error, and a damaged file's error is a *sheet.FileError.
//
//	go test ./sheet -run '^$' -fuzz FuzzReadCSV -fuzztime 60s
//	go test ./sheet -run '^$' -fuzz FuzzReadXLSX -fuzztime 60s
//	go test ./sheet -run '^$' -fuzz FuzzReadXLSXSheet -fuzztime 60s
//	go test ./sheet -run '^$' -fuzz FuzzCSVMixedEncodings -fuzztime 60s
//
// The seed corpus is every fixture under testdata/ plus the cases below
// and the files under testdata/fuzz/ (crashers found so far).

// readEverything opens a file and reads all of it the ways callers do.
func readEverything(t *testing.T, path string) {
	wb, err := sheet.Open(path)
	if err != nil {
		mustBeFileError(t, err)
		return
	}
	defer wb.Close()
	for _, s := range wb.Sheets {
		if _, err := s.Peek(10); err != nil {
			mustBeFileError(t, err)
			continue
		}
		last := 0
		err := s.Scan(func(r sheet.Row) error {
			if r.Num <= last {
				t.Fatalf("row number %d after %d", r.Num, last)
			}
			last = r.Num
			if r.IsBlank() {
				t.Fatalf("blank row %d", r.Num)
			}
			for _, c := range r.Cells {
				// Trimmed at the end (the front may keep a tab or CR
				// that an escaped formula start protected).
				if strings.TrimRightFunc(c, unicode.IsSpace) != c {
					t.Fatalf("cell %q is not trimmed", c)
				}
			}
			return nil
		})
		if err != nil {
			mustBeFileError(t, err)
		}
	}
}

func mustBeFileError(t *testing.T, err error) {
	t.Helper()
	var fe *sheet.FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *sheet.FileError", err, err)
	}
	if fe.Msg == "" {
		t.Fatalf("FileError without a message: %v", err)
	}
}

func fuzzFile(t *testing.T, name string, data []byte) string {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func addFixtures(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, err := filepath.Glob(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	addFixtures(f, "*.csv", "*.txt")
	for _, s := range []string{
		"",
		"\n",
		"\r\n\r\n",
		"\xEF\xBB\xBF",
		"\xFF\xFE",
		"\xFE\xFF",
		"\xFF\xFEa\x00",             // odd UTF-16
		"\xFF\xFE\x00\xD8,\x00",     // lone surrogate
		"a,b\n\"c",                  // unterminated quote
		"a,\"b\"c\",d\n",            // quote inside a quoted field
		"\"a\"\"\n\n\"\nb",          // quoted blank lines
		"a;b\tc,d\n",                //  mixed delimiters
		"\xd0\xd5\xc3\xfb,\xca\xd6", // GBK
		"\x81\x30\x81\x30,a",        // GB18030 four-byte
		"\x81",                      // a cut GB18030 byte
		"\xE4\xB8",                  // a cut UTF-8 rune
		"'=1+1,'+1,'-1,'@a\n",
		"\u3000,\u00a0,\u200b\n",
		"a\rb\rc",
		"\x00", // binary
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		readEverything(t, fuzzFile(t, "fuzz.csv", data))
	})
}

func FuzzReadXLSX(f *testing.F) {
	addFixtures(f, "*.xlsx", "*.xls", "*.ods")
	valid, err := os.ReadFile(filepath.Join("testdata", "users-excel.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range []int{0, 4, 30, 100, len(valid) / 2, len(valid) - 22} {
		f.Add(valid[:n])
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18)))) // an empty zip
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	f.Fuzz(func(t *testing.T, data []byte) {
		readEverything(t, fuzzFile(t, "fuzz.xlsx", data))
	})
}

// FuzzReadXLSXSheet fuzzes what is inside a well-formed package: the
// worksheet XML, the shared strings and the workbook's sheet list. Random
// bytes rarely get past a zip's checksums; this reaches the row and merge
// readers.
func FuzzReadXLSXSheet(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.3800138E10</v></c></row><row r="3"><c r="A3" t="str"><f>A1</f><v>x</v></c></row>`,
		`<mergeCells count="1"><mergeCell ref="A1:A3"/></mergeCells>`,
		`<si><t xml:space="preserve"> 张三　</t></si>`, `state="hidden"`)
	f.Add(`<row><c><v>1</v></c></row><row><c t="inlineStr"><is><t>a</t></is></c></row>`, ``, ``, ``)
	f.Add(`<row r="2"><c r="XFD2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>`,
		`<mergeCells><mergeCell ref="A1:XFD1048576"/><mergeCell ref="B2"/><mergeCell ref="Z9:A1"/><mergeCell ref=":"/></mergeCells>`, `<si><r><t>a</t></r><r><t>b</t></r></si>`, ``)
	f.Add(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`, ``, ``, ``)
	f.Add(`<row r="1"><c r="A1" t="s"><v>99</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="d"><v>2024-01-02T00:00:00Z</v></c></row>`, ``, ``, ``)
	f.Add(`<row r="1"><c r="A1" t="s"><v>-1</v></c><c r="A1"><v>x</v></c><c r="1A"><v>1</v></c></row>`, ``, `<si/>`, `state="veryHidden"`)
	for _, rows := range []string{
		`<row r="0"><c r="A0"><v>1</v></c></row>`,
		`<row r="-1"><c r="A1"><v>1</v></c></row>`,
		`<row r="1"><c r="AAAA1"><v>1</v></c><c r="XFE1"><v>1</v></c></row>`,
		`<row r="1"><c r="A1" t="s"><v>1e99</v></c><c r="B1" t="s"><v>abc</v></c><c r="C1" t="s"/></row>`,
		`<row r="1"><c r="A1" t="inlineStr"/><c r="B1" t="inlineStr"><is/></c><c r="C1" t="n"><v>NaN</v></c></row>`,
		`<row r="1"><c r="A1" s="999999"><v>45293</v></c><c r="B1" t="d"><v>garbage</v></c></row>`,
		`<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`,
		`<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>`,
		`<row r="1" spans="1:3"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1</f><v>1</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>2</v></c></row>`,
	} {
		f.Add(rows, `<mergeCells><mergeCell ref="A1:A3"/></mergeCells>`, `<si><t>a</t></si>`, ``)
	}
	f.Fuzz(func(t *testing.T, rows, merges, sst, sheetAttr string) {
		data := xlsxtest.Bytes(xlsxtest.Sheet(rows, merges, sst, sheetAttr))
		readEverything(t, fuzzFile(t, "fuzz.xlsx", data))
	})
}
