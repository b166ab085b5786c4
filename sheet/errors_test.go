package sheet_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/orgbatch/orgbatch/sheet"
)

// openAndScan opens a file and scans every sheet, returning the first
// error. A file that is not a spreadsheet must fail in one of the two
// places with a *sheet.FileError.
func openAndScan(path string) error {
	wb, err := sheet.Open(path)
	if err != nil {
		return err
	}
	defer wb.Close()
	for _, s := range wb.Sheets {
		if err := s.Scan(func(sheet.Row) error { return nil }); err != nil {
			return err
		}
	}
	return nil
}

// checkFileError asserts a clear, bilingual, one-line message naming the
// file.
func checkFileError(t *testing.T, path string, err error, wantMsg string) {
	t.Helper()
	var fe *sheet.FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *sheet.FileError", err, err)
	}
	if fe.File != path {
		t.Errorf("FileError.File = %q, want %q", fe.File, path)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("message %q does not name the file", err.Error())
	}
	if !bilingual(fe.Msg) {
		t.Errorf("message %q is not bilingual (English / 中文)", fe.Msg)
	}
	if strings.ContainsAny(fe.Msg, "\n\r") || strings.Contains(err.Error(), "goroutine") || strings.Contains(err.Error(), "panic") {
		t.Errorf("message %q is not one clean line", err.Error())
	}
	if wantMsg != "" && !strings.Contains(fe.Msg, wantMsg) {
		t.Errorf("message %q does not say %q", fe.Msg, wantMsg)
	}
}

func bilingual(s string) bool {
	en, zh, _ := strings.Cut(s, " / ")
	hasLatin := strings.IndexFunc(en, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0
	hasHan := strings.IndexFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	return hasLatin && hasHan
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range sortedKeys(files) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

// replacePart rewrites one part of a valid workbook.
func replacePart(t *testing.T, src []byte, part string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(data)
	}
	if _, ok := files[part]; !ok {
		t.Fatalf("no part %s", part)
	}
	files[part] = edit(files[part])
	return zipOf(t, files)
}

func TestUnreadableFiles(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join("testdata", "users-excel.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	xls, err := os.ReadFile(filepath.Join("testdata", "users-libreoffice.xls"))
	if err != nil {
		t.Fatal(err)
	}
	ods, err := os.ReadFile(filepath.Join("testdata", "users-libreoffice.ods"))
	if err != nil {
		t.Fatal(err)
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)

	const (
		notXLSX  = "not a valid .xlsx"
		oldXLS   = "old .xls"
		notSheet = "not a spreadsheet"
	)
	cases := []struct {
		name string // file name, extension included
		data []byte
		want string // part of the English message; "" = any
	}{
		{"text.xlsx", []byte("姓名,手机号\n张三,13800138000\n"), notXLSX},
		{"empty.xlsx", nil, notXLSX},
		{"html-export.xlsx", []byte("<html><body><table><tr><td>姓名</td></tr></table></body></html>"), notXLSX},
		{"truncated-10.xlsx", valid[:10], notXLSX},
		{"truncated-100.xlsx", valid[:100], notXLSX},
		{"truncated-half.xlsx", valid[:len(valid)/2], notXLSX},
		{"truncated-end.xlsx", valid[:len(valid)-10], notXLSX},
		{"truncated-renamed.csv", valid[:len(valid)/2], notXLSX}, // told by content
		{"notes.zip.xlsx", zipOf(t, map[string]string{"readme.txt": "hello"}), ""},
		{"document.docx.xlsx", zipOf(t, map[string]string{
			"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
			"word/document.xml":   `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
		}), ""},
		{"old.xls", xls, oldXLS},
		{"old-renamed.xlsx", xls, oldXLS},
		{"encrypted.xlsx", ole, oldXLS},
		{"calc.ods", ods, "OpenDocument"},
		{"binary.csv", []byte("\x00\x01\x02PDF\x00garbage"), notSheet},
		{"scan.pdf", append([]byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), 0, 0, 0), notSheet},
		{"broken-workbook.xlsx", replacePart(t, valid, "xl/workbook.xml", func(s string) string { return s[:len(s)/2] }), ""},
		{"broken-sheet.xlsx", replacePart(t, valid, "xl/worksheets/sheet1.xml", func(s string) string { return s[:len(s)*2/3] }), ""},
		{"broken-rels.xlsx", replacePart(t, valid, "xl/_rels/workbook.xml.rels", func(s string) string { return s[:len(s)/2] }), ""},
		{"too-many-rows.xlsx", replacePart(t, valid, "xl/worksheets/sheet1.xml", func(s string) string {
			return strings.Replace(s, `<row r="5"`, `<row r="99999999"`, 1)
		}), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.name)
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			err := openAndScan(path)
			if err == nil {
				t.Fatal("read without an error")
			}
			checkFileError(t, path, err, c.want)
		})
	}
}

func TestUnreadablePaths(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, path string }{
		{"directory", dir},
		{"directory named .xlsx", mkdir(t, filepath.Join(dir, "d.xlsx"))},
		{"missing", filepath.Join(dir, "missing.xlsx")},
		{"missing csv", filepath.Join(dir, "missing.csv")},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := sheet.Open(c.path)
			if err == nil {
				t.Fatal("opened")
			}
			checkFileError(t, c.path, err, "cannot read the file")
		})
	}
}

func mkdir(t *testing.T, p string) string {
	t.Helper()
	if err := os.Mkdir(p, 0o700); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWorkbookRenamedToCSV: the kind is told by content, so an .xlsx saved
// under a .csv name still reads as a workbook.
func TestWorkbookRenamedToCSV(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "users-wps.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "users.csv")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	sheets, isCSV := readAll(t, path)
	if isCSV || len(sheets) != 2 || len(sheets[0].Rows) != len(wantUsers) {
		t.Errorf("read as CSV=%v: %s", isCSV, dump(sheets))
	}
}

// TestFileErrorText pins the form of the message.
func TestFileErrorText(t *testing.T) {
	cause := errors.New("unexpected EOF")
	e := &sheet.FileError{File: "a.xlsx", Sheet: "成员", Msg: "damaged / 已损坏", Err: cause}
	if got, want := e.Error(), "a.xlsx [成员]: damaged / 已损坏 (unexpected EOF)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, cause) {
		t.Error("Unwrap does not give the cause")
	}
	e = &sheet.FileError{File: "a.csv", Msg: "bad / 坏"}
	if got, want := e.Error(), "a.csv: bad / 坏"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
