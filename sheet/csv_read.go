package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The header aliases are dynamic (any column order, Chinese or English
// names), which gocsv's struct-tag mapping cannot express, so sheets are read
// with encoding/csv.

// sniffSize is how much of a CSV is inspected to tell its encoding and
// delimiter. Chinese HR files have Chinese headers, so the first lines
// decide.
const sniffSize = 1 << 20

func scanCSV(path string, fn func(Row) error) error {
	f, err := os.Open(path)
	if err != nil {
		return &FileError{File: path, Msg: "cannot read the file / 无法读取文件", Err: err}
	}
	defer f.Close()
	// The buffer must hold the whole sniffed head: Peek returns no more
	// than the buffer size, and a shorter head would be taken for the whole
	// file (a UTF-8 rune cut at its end would then look like GB18030).
	br := bufio.NewReaderSize(f, sniffSize)
	head, _ := br.Peek(sniffSize)
	text, err := decodeCSV(br, head)
	if err != nil {
		return &FileError{File: path, Msg: "cannot decode the file's text / 无法识别文件编码", Err: err}
	}
	cr := csv.NewReader(text)
	cr.Comma = sniffDelimiter(head)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	num := 0
	line := 0 // the last physical line of the previous record
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		num++
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &FileError{File: path, Msg: "the CSV is malformed near row " + itoa(num) + " / CSV 格式错误（第 " + itoa(num) + " 行附近）", Err: err}
			}
			return err
		}
		// encoding/csv skips empty lines, which Excel shows as rows: count
		// them so row numbers stay those Excel shows. A record may span
		// several lines (a quoted line break), which Excel shows as one row.
		start, _ := cr.FieldPos(0)
		if start > line+1 {
			num += start - line - 1
		}
		last := len(rec) - 1
		end, _ := cr.FieldPos(last)
		line = end + strings.Count(rec[last], "\n")
		cells := make([]string, len(rec))
		for i, c := range rec {
			cells[i] = CleanCell(c)
		}
		r := Row{Num: num, Cells: cells}
		if r.IsBlank() {
			continue
		}
		if err := callFn(fn, r); err != nil {
			return err
		}
	}
}

// decodeCSV returns a UTF-8 reader for the file: UTF-8 with or without a
// BOM, UTF-16 with a BOM (Excel's "Unicode text"), or else GB18030 — the
// superset of GBK that Chinese Excel and WPS use for "CSV" — when the first
// megabyte is not valid UTF-8.
func decodeCSV(r io.Reader, head []byte) (io.Reader, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		if _, err := io.ReadFull(r, make([]byte, 3)); err != nil {
			return nil, err
		}
		return r, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		return transform.NewReader(r, dec), nil
	case validUTF8Prefix(head):
		return r, nil
	default:
		return transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder()), nil
	}
}

// validUTF8Prefix checks a prefix that may end inside a multi-byte rune.
func validUTF8Prefix(b []byte) bool {
	whole := len(b) < sniffSize // the whole file is here: no cut rune to excuse
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		if whole {
			return false
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// sniffDelimiter picks ',' ';' or tab by counting them, outside quotes, on
// the first line. Excel writes ';' in locales with a decimal comma and tab
// for "Unicode text".
func sniffDelimiter(head []byte) rune {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return '\t' // Excel's UTF-16 "Unicode text" is tab-separated
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		if c == ',' || c == ';' || c == '\t' {
			counts[c]++
		}
	}
	best, bestN := byte(','), counts[',']
	for _, c := range []byte{';', '\t'} {
		if counts[c] > bestN {
			best, bestN = c, counts[c]
		}
	}
	return rune(best)
}
