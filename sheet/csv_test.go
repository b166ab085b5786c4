package sheet_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sheet"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// scanBytes writes data to a temp file with the given name and scans it.
func scanBytes(t *testing.T, name string, data []byte) ([]sheet.Row, *sheet.Workbook) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	wb, err := sheet.Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { wb.Close() })
	var rows []sheet.Row
	if err := wb.Sheets[0].Scan(func(r sheet.Row) error {
		rows = append(rows, sheet.Row{Num: r.Num, Cells: append([]string(nil), r.Cells...), Faults: r.Faults})
		return nil
	}); err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return rows, wb
}

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16(t *testing.T, s string, big bool) []byte {
	t.Helper()
	e := unicode.LittleEndian
	if big {
		e = unicode.BigEndian
	}
	b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCSVEncodings: the encoding is detected from the bytes, no flag.
func TestCSVEncodings(t *testing.T) {
	const text = "姓名,手机号,备注\r\n张三,13800138000,　全角空格　\r\n"
	// 𠀀 (U+20000) is outside GBK: GB18030 encodes it in four bytes.
	const rare = "姓名,手机号\r\n𠀀喆,13800138000\r\n"
	want := [][]string{{"姓名", "手机号", "备注"}, {"张三", "13800138000", "全角空格"}}
	wantRare := [][]string{{"姓名", "手机号"}, {"𠀀喆", "13800138000"}}
	cases := []struct {
		name string
		data []byte
		want [][]string
	}{
		{"utf8.csv", []byte(text), want},
		{"utf8-bom.csv", append([]byte("\xEF\xBB\xBF"), text...), want},
		{"gbk.csv", gb18030(t, text), want},
		{"gb18030.csv", gb18030(t, rare), wantRare},
		{"utf16le.txt", utf16(t, strings.ReplaceAll(text, ",", "\t"), false), want},
		{"utf16be.txt", utf16(t, strings.ReplaceAll(text, ",", "\t"), true), want},
		// A BOM that a tool pasted in front of a cell is trimmed.
		{"stray-bom.csv", []byte("\uFEFF\uFEFF姓名,手机号,备注\n张三,13800138000\u200b,全角空格\n"), want},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, wb := scanBytes(t, c.name, c.data)
			if !wb.IsCSV() {
				t.Fatal("not read as CSV")
			}
			var got [][]string
			for _, r := range rows {
				got = append(got, r.Cells)
			}
			if len(got) == 2 && len(got[1]) == 2 && len(c.want[1]) == 3 {
				got[1] = append(got[1], "")
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestCSVLargeUTF8 is a UTF-8 file without BOM bigger than the sniffed
// head, cut in the middle of a Chinese character: still UTF-8, not
// GB18030.
func TestCSVLargeUTF8(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("姓名,部门\n")
	for i := 0; b.Len() < 3<<20; i++ {
		b.WriteString("张三丰,技术中心研发部\n")
	}
	for _, size := range []int{64<<10 + 1, 64<<10 + 2, 1<<20 + 1, 1<<20 + 2, b.Len()} {
		data := b.Bytes()[:size]
		data = data[:bytes.LastIndexByte(data, '\n')+1]
		// Put a multi-byte character across the boundary of every head size
		// the reader might use.
		rows, _ := scanBytes(t, "big.csv", data)
		if rows[0].Cell(0) != "姓名" || rows[1].Cell(0) != "张三丰" || rows[len(rows)-1].Cell(1) != "技术中心研发部" {
			t.Fatalf("size %d: read as %q / %q", size, rows[0].Cells, rows[len(rows)-1].Cells)
		}
	}
	// The same, cut at every byte offset near 64 KiB and 1 MiB: the first
	// rows must read the same whatever the file length.
	line := "张三丰,技术中心研发部\n"
	for _, boundary := range []int{64 << 10, 1 << 20} {
		for shift := 0; shift < 3; shift++ {
			var d bytes.Buffer
			d.WriteString(strings.Repeat("x", shift) + "姓名,部门\n")
			for d.Len() < boundary+len(line) {
				d.WriteString(line)
			}
			rows, _ := scanBytes(t, "cut.csv", d.Bytes())
			if got := rows[1].Cell(1); got != "技术中心研发部" {
				t.Fatalf("boundary %d shift %d: decoded %q", boundary, shift, got)
			}
		}
	}
}

func TestCSVDelimiter(t *testing.T) {
	cases := []struct {
		name, data string
		want       []string
	}{
		{"comma", "姓名,手机号,部门\nA,1,D\n", []string{"A", "1", "D"}},
		{"semicolon", "姓名;手机号;部门\nA;1;D\n", []string{"A", "1", "D"}},
		{"tab", "姓名\t手机号\t部门\nA\t1\tD\n", []string{"A", "1", "D"}},
		// Commas inside a quoted header do not count.
		{"quoted commas", "\"a,b,c,d\";手机号;部门\nA;1;D\n", []string{"A", "1", "D"}},
		// Only the first line decides.
		{"first line", "姓名,手机号,部门\n\"A;B;C;D\",1,D\n", []string{"A;B;C;D", "1", "D"}},
		{"one column", "姓名\n张三\n", []string{"张三"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, _ := scanBytes(t, "d.csv", []byte(c.data))
			if len(rows) != 2 || !reflect.DeepEqual(rows[1].Cells, c.want) {
				t.Errorf("got %v, want row 2 %q", rows, c.want)
			}
		})
	}
}

// TestCSVRowNumbers: Row.Num is the row Excel shows for the record:
// blank lines (skipped) still count, a quoted line break does not start a
// new row.
func TestCSVRowNumbers(t *testing.T) {
	cases := []struct {
		name, data string
		want       []int
	}{
		{"plain", "a\nb\nc\n", []int{1, 2, 3}},
		{"no final newline", "a\nb", []int{1, 2}},
		{"empty line", "a\n\nb\n", []int{1, 3}},
		{"empty CRLF lines", "a\r\n\r\n\r\nb\r\n", []int{1, 4}},
		{"leading empty lines", "\n\na\nb\n", []int{3, 4}},
		{"commas only", "a,b\n,\n , \nc,d\n", []int{1, 4}},
		{"spaces only", "a\n   \n\u3000\nb\n", []int{1, 4}},
		{"quoted line break", "a,\"x\ny\"\nb,c\n", []int{1, 2}},
		{"quoted line break then empty line", "h\na,\"x\r\ny\r\nz\"\r\n\r\nb\r\n", []int{1, 2, 4}},
		{"quoted line break in first field", "\"x\ny\",a\n\nb\n", []int{1, 3}},
		{"quoted empty lines", "\"x\n\n\ny\"\nb\n", []int{1, 2}},
		{"trailing empty lines", "a\nb\n\n\n", []int{1, 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, _ := scanBytes(t, "n.csv", []byte(c.data))
			var got []int
			for _, r := range rows {
				got = append(got, r.Num)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("row numbers %v, want %v (rows %v)", got, c.want, rows)
			}
		})
	}
}

func TestCSVQuoting(t *testing.T) {
	data := "姓名,备注,部门\r\n" +
		"\"张,三\",\"说\"\"你好\"\"\",\"D1\r\nD2\"\r\n" +
		// Lazy quotes: a stray quote inside an unquoted field is kept.
		"李四,5\" 屏幕,D3\r\n" +
		// A record with fewer and one with more fields than the header.
		"王五\r\n" +
		"赵六,a,b,c,d\r\n"
	rows, _ := scanBytes(t, "q.csv", []byte(data))
	want := []sheet.Row{
		{Num: 1, Cells: []string{"姓名", "备注", "部门"}},
		{Num: 2, Cells: []string{"张,三", `说"你好"`, "D1\nD2"}},
		{Num: 3, Cells: []string{"李四", `5" 屏幕`, "D3"}},
		{Num: 4, Cells: []string{"王五"}},
		{Num: 5, Cells: []string{"赵六", "a", "b", "c", "d"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got\n%v\nwant\n%v", rows, want)
	}
}

// TestCSVKeepsText: a CSV cell is text; nothing is reinterpreted as a
// number. Scientific notation from an Excel display stays as written so
// that org.ParseMobile can say what happened.
func TestCSVKeepsText(t *testing.T) {
	rows, _ := scanBytes(t, "t.csv", []byte("手机号,工号,日期,值\n1.38E+10,000123,2024/1/2,'=1+1\n"))
	want := []string{"1.38E+10", "000123", "2024/1/2", "=1+1"}
	if !reflect.DeepEqual(rows[1].Cells, want) {
		t.Errorf("got %q, want %q", rows[1].Cells, want)
	}
}

func TestEmptyCSV(t *testing.T) {
	for _, data := range []string{"", "\n\n", "\xEF\xBB\xBF", ",,,\r\n,,\r\n", "\xFF\xFE"} {
		rows, wb := scanBytes(t, "empty.csv", []byte(data))
		if len(rows) != 0 || !wb.IsCSV() || len(wb.Sheets) != 1 || wb.Sheets[0].Name != "" {
			t.Errorf("%q: %d rows", data, len(rows))
		}
	}
}
