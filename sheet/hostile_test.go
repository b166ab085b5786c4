package sheet_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/internal/xlsxtest"
	"github.com/orgbatch/orgbatch/sheet"
)

// Hostile workbooks are generated here, in t.TempDir(), never committed.
// The tests check the refusal, not the time: the time and memory measured
// by hand are in the README (Safety → Input that is refused).

const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>手机号</t></is></c></row>`

// writeParts writes a workbook to a temp file.
func writeParts(t *testing.T, parts []xlsxtest.Part) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hostile.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xlsxtest.Write(f, parts); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// sheetBody is a worksheet part streamed from a generator.
func sheetBody(rows func(w io.Writer) error, tail string) xlsxtest.Part {
	return xlsxtest.Part{Name: "xl/worksheets/sheet1.xml", Body: func(w io.Writer) error {
		if _, err := io.WriteString(w, xlsxtest.WorksheetHead+header); err != nil {
			return err
		}
		if err := rows(w); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</sheetData>`+tail+`</worksheet>`)
		return err
	}}
}

func repeat(n int, format string) func(w io.Writer) error {
	return func(w io.Writer) error {
		for i := 2; i < n+2; i++ {
			if _, err := fmt.Fprintf(w, format, i); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestHostileWorkbooks: each class of workbook built to exhaust memory or
// time is refused with a clear FileError, whether at Open or at Scan.
func TestHostileWorkbooks(t *testing.T) {
	base := xlsxtest.Sheet(header, "", "", "")
	cases := []struct {
		name  string
		parts []xlsxtest.Part
		say   string
	}{
		{"a worksheet that expands to 2 GiB", xlsxtest.With(base, xlsxtest.Part{Name: "xl/worksheets/sheet1.xml",
			Data: xlsxtest.WorksheetHead + header + `</sheetData></worksheet>`, Declared: 2 << 30}), "expands to 2048 MiB"},
		{"parts that expand to more than 1 GiB together", append(xlsxtest.With(base, xlsxtest.Part{Name: "xl/worksheets/sheet1.xml",
			Data: "x", Declared: 500 << 20}), xlsxtest.Part{Name: "xl/worksheets/sheet2.xml", Data: "x", Declared: 500 << 20},
			xlsxtest.Part{Name: "xl/worksheets/sheet3.xml", Data: "x", Declared: 500 << 20}), "more than 1024 MiB"},
		{"a styles part of 100 MiB", append(base, xlsxtest.Part{Name: "xl/styles.xml", Data: "x", Declared: 100 << 20}), "xl/styles.xml expands to 100 MiB"},
		{"small parts held in memory, 300 MiB in all", append(base,
			xlsxtest.Part{Name: "xl/media/a.bin", Data: "x", Declared: 60 << 20}, xlsxtest.Part{Name: "xl/media/b.bin", Data: "x", Declared: 60 << 20},
			xlsxtest.Part{Name: "xl/media/c.bin", Data: "x", Declared: 60 << 20}, xlsxtest.Part{Name: "xl/media/d.bin", Data: "x", Declared: 60 << 20},
			xlsxtest.Part{Name: "xl/media/e.bin", Data: "x", Declared: 60 << 20}), "more than 256 MiB"},
		{"millions of styles", append(base, xlsxtest.Part{Name: "xl/styles.xml", Body: func(w io.Writer) error {
			io.WriteString(w, `<styleSheet><cellXfs>`)
			io.WriteString(w, strings.Repeat(`<xf/>`, 1<<21+1))
			_, err := io.WriteString(w, `</cellXfs></styleSheet>`)
			return err
		}}), "not what a spreadsheet program writes"},
		{"nesting a million deep", xlsxtest.With(base, sheetBody(func(w io.Writer) error {
			_, err := io.WriteString(w, strings.Repeat("<a>", 1<<20))
			return err
		}, "")), "not what a spreadsheet program writes"},
		{"a cell of 2 MiB", xlsxtest.With(base, sheetBody(func(w io.Writer) error {
			_, err := io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>`+strings.Repeat("a", 2<<20)+`</t></is></c></row>`)
			return err
		}, "")), "not what a spreadsheet program writes"},
		{"a DTD", xlsxtest.With(base, xlsxtest.Part{Name: "xl/worksheets/sheet1.xml",
			Data: `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaa">]>` + xlsxtest.WorksheetHead[len(`<?xml version="1.0" encoding="UTF-8"?>`):] + header + `</sheetData></worksheet>`}),
			"not what a spreadsheet program writes"},
		{"more merged ranges than cells", xlsxtest.With(base, sheetBody(repeat(0, ""), `<mergeCells>`+strings.Repeat(`<mergeCell ref="A1:A2"/>`, 1<<20+1)+`</mergeCells>`)),
			"not what a spreadsheet program writes"},
		{"a cell over 32,767 characters", xlsxtest.With(base, sheetBody(func(w io.Writer) error {
			_, err := io.WriteString(w, `<row r="2"><c r="B2" t="inlineStr"><is><t>`+strings.Repeat("长", sheet.MaxCellChars+1)+`</t></is></c></row>`)
			return err
		}, "")), "row 2, column B has more than 32767 characters"},
		{"a row past 1,048,576", xlsxtest.With(base, sheetBody(repeat(1, `<row r="1048577"><c r="A%d"><v>1</v></c></row>`), "")), "more than 1048576 rows"},
		{"rows without numbers past 1,048,576", xlsxtest.With(base, sheetBody(func(w io.Writer) error {
			_, err := io.WriteString(w, strings.Repeat(`<row/>`, sheet.MaxRows))
			return err
		}, "")), "more than 1048576 rows"},
		{"a column past XFD", xlsxtest.With(base, sheetBody(repeat(1, `<row r="%d"><c r="XFE2"><v>1</v></c></row>`), "")), "more than 16384 columns"},
		{"cells without numbers past XFD", xlsxtest.With(base, sheetBody(func(w io.Writer) error {
			_, err := io.WriteString(w, `<row r="2">`+strings.Repeat(`<c><v>1</v></c>`, sheet.MaxColumns+1)+`</row>`)
			return err
		}, "")), "more than 16384 columns"},
		{"every row as wide as Excel allows", xlsxtest.With(base, sheetBody(repeat(sheet.MaxCells/sheet.MaxColumns+1, `<row r="%[1]d"><c r="XFD%[1]d"><v>1</v></c></row>`), "")),
			"more than 67108864 cells"},
		{"a part longer than it says", xlsxtest.With(base, xlsxtest.Part{Name: "xl/worksheets/sheet1.xml",
			Data: xlsxtest.WorksheetHead + header + strings.Repeat(`<row/>`, 1000) + `</sheetData></worksheet>`, Declared: 100}), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("TMPDIR", t.TempDir())
			err := openAndScan(writeParts(t, c.parts))
			var fe *sheet.FileError
			if !errors.As(err, &fe) || !bilingual(fe.Msg) || !strings.Contains(fe.Msg, c.say) {
				t.Fatalf("error %v, want a FileError saying %q", err, c.say)
			}
			if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "orgbatch-xlsx-*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestWorkbookTempFilesRemoved: excelize extracts worksheets over 16 MiB to
// a temporary directory; it is removed on Close, and when opening fails
// after the extraction. A killed run's directory is removed by a later one.
func TestWorkbookTempFilesRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	// Over 16 MiB, cheaply: rows padded with comments.
	pad := "<!--" + strings.Repeat(" ", 1<<19) + "-->"
	big := sheetBody(repeat(34, `<row r="%[1]d"><c r="A%[1]d" t="inlineStr"><is><t>张三</t></is></c></row>`+pad), "")
	left := func() []string {
		l, _ := filepath.Glob(filepath.Join(tmp, "orgbatch-xlsx-*"))
		return l
	}
	path := writeParts(t, xlsxtest.With(xlsxtest.Sheet(header, "", "", ""), big))
	wb, err := sheet.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(tmp, "orgbatch-xlsx-*", "*")); len(files) == 0 {
		t.Fatal("excelize made no temporary file: the test does not test anything")
	}
	rows := 0
	if err := wb.Sheets[0].Scan(func(sheet.Row) error { rows++; return nil }); err != nil || rows != 35 {
		t.Fatalf("%d rows, %v", rows, err)
	}
	wb.Close()
	if l := left(); len(l) > 0 {
		t.Fatalf("after Close: %v", l)
	}
	// Opening fails after the big sheet was extracted (excelize decodes
	// the theme last, and this one is damaged).
	broken := append(xlsxtest.With(xlsxtest.Sheet(header, "", "", ""), big), xlsxtest.Part{Name: "xl/theme/theme1.xml", Data: `<a:theme xmlns:a="x"><a:themeElements`})
	if _, err := sheet.Open(writeParts(t, broken)); err == nil {
		t.Fatal("a damaged workbook opened")
	}
	if l := left(); len(l) > 0 {
		t.Fatalf("after a failed Open: %v", l)
	}
	// A directory a killed run left an hour ago goes at the next Open.
	stale := filepath.Join(tmp, "orgbatch-xlsx-killed")
	os.MkdirAll(stale, 0o700)
	old := timeAgo(2)
	os.Chtimes(stale, old, old)
	wb, err = sheet.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	wb.Close()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("stale directory kept: %v", err)
	}
}

func timeAgo(hours int) time.Time { return time.Now().Add(-time.Duration(hours) * time.Hour) }
