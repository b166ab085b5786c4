package sheet_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/orgbatch/orgbatch/sheet"
)

// fuzzAlphabet is what the mixed-encoding fuzz target writes cells with:
// common ideographs of names, departments and cities, digits and a few
// signs. (Latin letters are left out: a GBK cell that mixes them with a
// character valid as UTF-8 by accident — A女 reading AŮ — is a case the
// reader cannot tell, see encoding.go; so is the middle dot alone, see
// ambiguous.)
var fuzzAlphabet = []rune("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰技术中心研发部市场销售财务人事行政北京上海深圳杭州广州成都南京武汉正式实习外包男女0123456789/-·（）")

// mixedCSV turns fuzz input into a CSV file: each byte adds a character,
// ends a cell or a row, switches the next rows to GB18030 or back, or puts
// a stray 0xFF byte (valid in neither encoding) into the cell. It returns
// the file, the cells as written (rows after the header), which cells have
// a stray byte, and the non-ASCII bytes written in each encoding (-1 when
// a cell is ambiguous).
func mixedCSV(t *testing.T, prog []byte) (data []byte, rows [][]string, stray map[[2]int]bool, utf8Bytes, gbBytes int) {
	stray = map[[2]int]bool{}
	var out []byte
	out = append(out, "a,b,c,d\n"...)
	gbRow, gbNext := false, false
	var row []string
	var raw []byte // the current row, encoded
	var cell strings.Builder
	var cellRaw []byte
	encode := func(s string) []byte {
		if gbRow {
			return gb18030(t, s)
		}
		return []byte(s)
	}
	endCell := func() {
		// The evidence of each encoding; a file with an ambiguous cell
		// has no clear majority (-1).
		switch c := cell.String(); {
		case utf8Bytes < 0:
		case ambiguousRun(c):
			utf8Bytes, gbBytes = -1, -1
		case gbRow:
			gbBytes += len(encode(c)) - asciiCount(c)
		default:
			utf8Bytes += len(c) - asciiCount(c)
		}
		if len(row) > 0 {
			raw = append(raw, ',')
		}
		row = append(row, cell.String())
		raw = append(raw, cellRaw...)
		cell.Reset()
		cellRaw = nil
	}
	endRow := func() {
		endCell()
		out = append(append(out, raw...), '\n')
		rows = append(rows, row)
		row, raw = nil, nil
		gbRow = gbNext
	}
	for _, b := range prog {
		switch {
		case b < 0xC0:
			r := fuzzAlphabet[int(b)%len(fuzzAlphabet)]
			cell.WriteRune(r)
			cellRaw = append(cellRaw, encode(string(r))...)
		case b < 0xD0:
			endCell()
		case b < 0xE0:
			endRow()
		case b < 0xF0:
			gbNext = b&1 == 1
			if len(row) == 0 && cell.Len() == 0 {
				gbRow = gbNext
			}
		default:
			stray[[2]int{len(rows), len(row)}] = true
			cellRaw = append(cellRaw, 0xFF)
		}
	}
	if len(row) > 0 || cell.Len() > 0 || len(cellRaw) > 0 {
		endRow()
	}
	return out, rows, stray, utf8Bytes, gbBytes
}

func asciiCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			n++
		}
	}
	return n
}

// FuzzCSVMixedEncodings: whatever mix of UTF-8 rows, GB18030 rows and
// stray bytes a CSV holds, reading it is never silently wrong. Every cell
// reads back exactly as written or is a fault of its own; a cell with a
// stray byte is always a fault; no row is lost or merged; the file is read
// in the encoding of clearly most of its text.
func FuzzCSVMixedEncodings(f *testing.F) {
	name := []byte{0, 1, 0xC0, 0x90, 0x91, 0x92, 0xC0, 0x93, 0xD0}
	utf8File := append(append(append([]byte{}, name...), name...), name...)
	f.Add(utf8File)                                                                // UTF-8
	f.Add(append([]byte{0xE1}, utf8File...))                                       // GBK
	f.Add(append(append([]byte{}, utf8File...), 0xE1, 2, 3, 0xC0, 4, 0xD0))        // UTF-8, then a GBK row
	f.Add(append([]byte{0xE1}, append(utf8File, 0xE0, 5, 6, 0xD0, 7, 8, 0xD0)...)) // GBK, then UTF-8 rows
	f.Add(append(append([]byte{}, utf8File...), 9, 0xF0, 10, 0xD0))                // a stray byte
	f.Add([]byte{0xE1, 0xF0, 0xD0, 0xF0})                                          // only stray bytes
	f.Add([]byte{0x0B, 0xD0, 0xE1, 0x3C, 0xD0})                                    // 女 in GBK is valid UTF-8
	f.Fuzz(func(t *testing.T, prog []byte) {
		if len(prog) > 4096 {
			return
		}
		data, want, stray, u, g := mixedCSV(t, prog)
		enc, rows, err := scanFile(t, data)
		if err != nil {
			t.Fatalf("a well-formed CSV was refused: %v\n%q", err, data)
		}
		// Without stray bytes or ambiguous cells, the file is read in the
		// encoding of clearly most of its text (with them, every cell they
		// spoil is a fault).
		switch {
		case len(stray) > 0, u < 0:
		case u > 2*g+6 && enc != sheet.EncUTF8, g > 2*u+6 && enc != sheet.EncGB18030:
			t.Fatalf("read as %s with %d UTF-8 and %d GB18030 bytes", enc, u, g)
		}
		got := map[int]sheet.Row{}
		for _, r := range rows {
			got[r.Num] = r
		}
		for i, cells := range want {
			r, ok := got[i+2]
			if !ok {
				if strings.Join(cells, "") != "" || hasStray(stray, i) {
					t.Fatalf("row %d is missing", i+2)
				}
				continue
			}
			for j, c := range cells {
				v := r.Cell(j)
				if !utf8.ValidString(v) {
					t.Fatalf("row %d column %d is not UTF-8: %q", i+2, j, v)
				}
				faulted := hasFault(r, j)
				if stray[[2]int{i, j}] && !faulted {
					t.Fatalf("row %d column %d has a stray byte but no fault: %q", i+2, j, v)
				}
				if !faulted && v != sheet.CleanCell(c) && !ambiguous(c) {
					t.Fatalf("row %d column %d silently reads %q, written %q (file %s)", i+2, j, v, c, enc)
				}
			}
		}
		if len(rows) > len(want)+1 {
			t.Fatalf("%d rows read, %d written", len(rows), len(want)+1)
		}
	})
}

// ambiguous: a cell whose only non-ASCII characters are below U+0800 (the
// middle dot · alone) is the same bytes as a common ideograph in GBK
// (C2 B7 is 路 in GBK): in a file that is mostly GBK it reads as GBK, and
// the reader cannot know better. With an ideograph beside it, it is told
// apart (阿卜杜拉·买买提).
func ambiguous(cell string) bool {
	for _, r := range cell {
		if r >= 0x800 {
			return false
		}
	}
	return true
}

// ambiguousRun: the cell has a run of non-ASCII characters all below
// U+0800 (···), which the reader counts as weak evidence for GBK.
func ambiguousRun(cell string) bool {
	for _, run := range strings.FieldsFunc(cell, func(r rune) bool { return r < utf8.RuneSelf }) {
		if ambiguous(run) {
			return true
		}
	}
	return false
}

func hasFault(r sheet.Row, col int) bool {
	for _, f := range r.Faults {
		if f.Col == col {
			return true
		}
	}
	return false
}

func hasStray(stray map[[2]int]bool, row int) bool {
	for k := range stray {
		if k[0] == row {
			return true
		}
	}
	return false
}
