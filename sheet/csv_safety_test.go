package sheet_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/sheet"
)

// scanFile opens and scans a CSV, returning its encoding, rows and error.
func scanFile(t *testing.T, data []byte) (string, []sheet.Row, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	wb, err := sheet.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer wb.Close()
	var rows []sheet.Row
	err = wb.Sheets[0].Scan(func(r sheet.Row) error {
		rows = append(rows, sheet.Row{Num: r.Num, Cells: append([]string(nil), r.Cells...), Faults: r.Faults})
		return nil
	})
	return wb.Encoding, rows, err
}

// fault is a test's view of a sheet.Fault: row, column and kind.
type fault struct {
	row, col int
	kind     sheet.FaultKind
}

func faultsOf(rows []sheet.Row) []fault {
	var out []fault
	for _, r := range rows {
		for _, f := range r.Faults {
			out = append(out, fault{r.Num, f.Col, f.Kind})
		}
	}
	return out
}

// utf8Rows is a realistic UTF-8 users file of n rows.
func utf8Rows(n int) string {
	names := []string{"张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十"}
	var b strings.Builder
	b.WriteString("姓名,手机号,部门,城市\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s%d,138%08d,技术中心/研发部,北京\n", names[i%len(names)], i, i)
	}
	return b.String()
}

// TestCSVEncodingFromTheWholeFile: the encoding is that of most of the
// file; a stray byte or a few rows in the other encoding are faults of
// their cells, never the reason to decode everything else as mojibake
// (张三 read as GBK is 寮犱笁).
func TestCSVEncodingFromTheWholeFile(t *testing.T) {
	body := utf8Rows(300)
	gbkRow := gb18030(t, "王五,13900000000,技术中心,深圳\n")
	cases := []struct {
		name   string
		data   []byte
		enc    string
		faults []fault
		cell   [3]any // row, column, value
	}{
		{"stray 0xA0", []byte(body + "赵\xa0六,13700000000,D1,上海\n"), sheet.EncUTF8,
			[]fault{{302, 0, sheet.FaultEncoding}}, [3]any{302, 0, "赵\uFFFD六"}},
		{"stray 0xFF", []byte(body + "赵六,13700000000,D1,上\xff海\n"), sheet.EncUTF8,
			[]fault{{302, 3, sheet.FaultEncoding}}, [3]any{302, 3, "上\uFFFD海"}},
		{"stray byte at the very start", []byte("\xa0" + body), sheet.EncUTF8,
			[]fault{{1, 0, sheet.FaultEncoding}}, [3]any{2, 0, "张三0"}},
		{"a GBK row in a UTF-8 file", append([]byte(body), gbkRow...), sheet.EncUTF8,
			[]fault{{302, 0, sheet.FaultEncoding}, {302, 2, sheet.FaultEncoding}, {302, 3, sheet.FaultEncoding}}, [3]any{302, 0, "\uFFFD"}},
		{"GBK rows pasted in the middle", []byte(utf8Rows(100) + string(gbkRow) + strings.SplitN(utf8Rows(100), "\n", 2)[1]), sheet.EncUTF8,
			[]fault{{102, 0, sheet.FaultEncoding}, {102, 2, sheet.FaultEncoding}, {102, 3, sheet.FaultEncoding}}, [3]any{103, 0, "张三0"}},
		{"a GBK file", gb18030(t, body), sheet.EncGB18030, nil, [3]any{2, 0, "张三0"}},
		{"a UTF-8 row in a GBK file", append(gb18030(t, body), "钱七,13900000000,技术中心,杭州\n"...), sheet.EncGB18030,
			[]fault{{302, 0, sheet.FaultEncoding}, {302, 2, sheet.FaultEncoding}, {302, 3, sheet.FaultEncoding}}, [3]any{302, 0, "\uFFFD"}},
		// 女 in GBK (C5 AE) is valid UTF-8 (Ů): in a file that holds GBK
		// rows, it is not taken for UTF-8.
		{"a GBK cell valid as UTF-8", append([]byte(body), gb18030(t, "王五,13900000000,技术中心,女\n")...), sheet.EncUTF8,
			[]fault{{302, 0, sheet.FaultEncoding}, {302, 2, sheet.FaultEncoding}, {302, 3, sheet.FaultEncoding}}, [3]any{302, 3, "\uFFFD"}},
		{"Latin letters stay UTF-8 in a mixed file", append([]byte(body+"José Müller,13700000000,D1,Zürich\n"), gbkRow...), sheet.EncUTF8,
			[]fault{{303, 0, sheet.FaultEncoding}, {303, 2, sheet.FaultEncoding}, {303, 3, sheet.FaultEncoding}}, [3]any{302, 0, "José Müller"}},
		{"U+FFFD already in the text", []byte(body + "孙\uFFFD八,13700000000,D1,上海\n"), sheet.EncUTF8,
			[]fault{{302, 0, sheet.FaultLostChar}}, [3]any{302, 0, "孙\uFFFD八"}},
		{"a UTF-8 BOM wins over GBK rows", append([]byte("\xEF\xBB\xBF"+utf8Rows(2)), gb18030(t, utf8Rows(50))...), sheet.EncUTF8,
			nil, [3]any{2, 0, "张三0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			enc, rows, err := scanFile(t, c.data)
			if err != nil {
				t.Fatal(err)
			}
			if enc != c.enc {
				t.Fatalf("read as %s, want %s", enc, c.enc)
			}
			got := faultsOf(rows)
			if c.name == "a UTF-8 BOM wins over GBK rows" {
				if len(got) < 50 {
					t.Fatalf("%d faults, want the GBK rows' cells", len(got))
				}
			} else if !reflect.DeepEqual(got, c.faults) {
				t.Errorf("faults %v, want %v", got, c.faults)
			}
			for _, r := range rows {
				if r.Num == c.cell[0].(int) && r.Cell(c.cell[1].(int)) != c.cell[2].(string) {
					t.Errorf("row %d column %d = %q, want %q", r.Num, c.cell[1], r.Cell(c.cell[1].(int)), c.cell[2])
				}
				for _, cell := range r.Cells {
					if strings.ContainsAny(cell, "寮犱笁") {
						t.Errorf("row %d is mojibake: %q", r.Num, r.Cells)
					}
				}
			}
		})
	}
}

// TestCSVEncodingHints: a faulted cell's problem can say what it would
// read as in the other encoding.
func TestCSVEncodingHints(t *testing.T) {
	_, rows, err := scanFile(t, append([]byte(utf8Rows(20)), gb18030(t, "王五,1,D,深圳\n")...))
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if len(last.Faults) == 0 || last.Faults[0].Detail != " [GB18030: 王五]" {
		t.Errorf("faults %+v", last.Faults)
	}
	_, rows, err = scanFile(t, append(gb18030(t, utf8Rows(20)), "钱七,1,D,杭州\n"...))
	if err != nil {
		t.Fatal(err)
	}
	last = rows[len(rows)-1]
	if len(last.Faults) == 0 || last.Faults[0].Detail != " [UTF-8: 钱七]" {
		t.Errorf("faults %+v", last.Faults)
	}
}

// TestCSVQuotes: a quote that does not end where a spreadsheet ends it
// never swallows the rows after it.
func TestCSVQuotes(t *testing.T) {
	const head = "姓名,手机号,部门,职务\n"
	const tail = "李四,13800000002,D1,工程师\n王五,13800000003,D1,工程师\n"
	cases := []struct {
		name   string
		data   string
		rows   int     // rows read (when not refused)
		faults []fault // quote faults
		refuse string  // part of the refusal
		row    int     // the row it names
	}{
		{"closed quotes", head + "\"张,三\",\"1\"\"2\",\"D1\nD2\",\"经理\r\n（兼）\"\n" + tail, 3, nil, "", 0},
		{"a quote inside an unquoted cell", head + "张三,13800000001,D1,5\" 屏幕\n" + tail, 3, nil, "", 0},
		{"text after the closing quote", head + "张三,13800000001,D1,\"工程师\"经理\n" + tail, 3,
			[]fault{{2, 3, sheet.FaultQuote}}, "", 0},
		{"never closed", head + "张三,13800000001,D1,\"工程师\n" + tail, 0, nil, "never closed: the 2 lines after it", 2},
		{"never closed, last line", head + tail + "张三,\"13800000001,D1,工程师", 0, nil, "never closed: the 0 lines after it", 4},
		{"closes rows later", head + "张三,13800000001,D1,\"工程师\n" + tail + "赵六,13800000004,D1,工程师\"\n", 0, nil, "looks like a row of its own", 2},
		{"multi-line with text after the quote", head + "张三,13800000001,D1,\"工程师\n经理\"（兼）\n" + tail, 0, nil, "text follows its closing quote", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, rows, err := scanFile(t, []byte(c.data))
			if c.refuse != "" {
				var fe *sheet.FileError
				if !errors.As(err, &fe) || !strings.Contains(fe.Msg, c.refuse) || fe.Row != c.row || fe.Column == "" || !bilingual(fe.Msg) {
					t.Fatalf("error %v, want a refusal at row %d saying %q", err, c.row, c.refuse)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != c.rows+1 || rows[len(rows)-1].Num != c.rows+1 {
				t.Errorf("%d rows (last %d), want %d", len(rows)-1, rows[len(rows)-1].Num, c.rows)
			}
			if got := faultsOf(rows); !reflect.DeepEqual(got, c.faults) {
				t.Errorf("faults %v, want %v", got, c.faults)
			}
		})
	}
}

// TestCSVLimits: a CSV beyond what Excel can show is refused, naming the
// row (and column).
func TestCSVLimits(t *testing.T) {
	long := strings.Repeat("长", sheet.MaxCellChars+1)
	cases := []struct {
		name, data, say string
		row             int
	}{
		{"a cell over 32,767 characters", "姓名,备注\n张三," + long + "\n", "32767 characters", 2},
		{"a cell of bytes that no encoding fits in 32,767 characters", "姓名,备注\n张三," + strings.Repeat("x", 4*sheet.MaxCellChars+1) + "\n", "32767 characters", 2},
		{"more than 16,384 columns", "姓名\n" + strings.Repeat("a,", sheet.MaxColumns) + "a\n", "16384 columns", 2},
		{"more than 1,048,576 rows", "姓名\n" + strings.Repeat("a\n", sheet.MaxRows), "1048576 rows", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := scanFile(t, []byte(c.data))
			var fe *sheet.FileError
			if !errors.As(err, &fe) || !strings.Contains(fe.Msg, c.say) || fe.Row != c.row || !bilingual(fe.Msg) {
				t.Fatalf("error %v, want a refusal at row %d saying %q", err, c.row, c.say)
			}
		})
	}
	// At the limits, everything is read.
	_, rows, err := scanFile(t, []byte("姓名,备注\n张三,"+long[:len(long)-3]+"\n"))
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
}

// BenchmarkScanCSV100k: a 100,000-row CSV (the encoding pass included).
func BenchmarkScanCSV100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.csv")
	os.WriteFile(path, []byte(utf8Rows(100000)), 0o600)
	for b.Loop() {
		wb, err := sheet.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		wb.Sheets[0].Scan(func(sheet.Row) error { n++; return nil })
		if n != 100001 {
			b.Fatal(n)
		}
	}
}
