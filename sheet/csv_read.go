package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The header aliases are dynamic (any column order, Chinese or English
// names), which gocsv's struct-tag mapping cannot express, and a field in
// another encoding or with a stray quote must be reported rather than read
// on, which encoding/csv cannot do: sheets are read with csvParser.

// sniffSize is how much of a CSV is inspected to tell its delimiter.
const sniffSize = 64 << 10

func scanCSV(path string, text *csvText, fn func(Row) error) error {
	f, err := os.Open(path)
	if err != nil {
		return &FileError{File: path, Msg: "cannot read the file / 无法读取文件", Err: err}
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, sniffSize)
	head, _ := br.Peek(sniffSize)
	var r io.Reader = br
	switch text.enc {
	case EncUTF16LE, EncUTF16BE:
		r = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	default:
		br.Discard(text.bom)
		head = head[min(text.bom, len(head)):]
	}
	p := newCSVParser(r, byte(sniffDelimiter(head)))
	lim := sheetLimits{file: path}
	for num := 1; ; num++ {
		fields, badQuotes, err := p.read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(path, num, p, err)
		}
		if err := lim.row(num, len(fields)); err != nil {
			return err
		}
		r, err := csvRow(text, &lim, num, fields, badQuotes)
		if err != nil {
			return err
		}
		if r.IsBlank() {
			continue
		}
		if err := callFn(fn, r); err != nil {
			return err
		}
	}
}

// csvRow decodes and cleans a record's fields into a row.
func csvRow(text *csvText, lim *sheetLimits, num int, fields []string, badQuotes []int) (Row, error) {
	r := Row{Num: num, Cells: make([]string, len(fields))}
	for i, raw := range fields {
		c, fault, detail := text.cell(raw)
		if err := lim.cell(num, i, c); err != nil {
			return r, err
		}
		r.Cells[i] = CleanCell(c)
		if fault != FaultNone {
			r.Faults = append(r.Faults, Fault{Col: i, Kind: fault, Detail: detail})
		}
	}
	for _, i := range badQuotes {
		if !r.hasFault(i) {
			r.Faults = append(r.Faults, Fault{Col: i, Kind: FaultQuote})
		}
	}
	return r, nil
}

func (r Row) hasFault(col int) bool {
	for _, f := range r.Faults {
		if f.Col == col {
			return true
		}
	}
	return false
}

// csvError explains why a CSV cannot be read, at the row where it happens.
func csvError(path string, num int, p *csvParser, err error) error {
	fe := &FileError{File: path, Row: num, Err: err}
	var q *quoteError
	switch {
	case errors.As(err, &q):
		fe.Column, fe.Err = ColumnName(q.field), nil
		fe.Msg = quoteMessage(num, q)
	case errors.Is(err, errTooManyFields):
		fe.Msg = msgColumns(num)
	case errors.Is(err, errFieldTooLong):
		fe.Column = ColumnName(len(p.ends))
		fe.Msg = msgCellTooLong(num, fe.Column)
	case errors.Is(err, errRecordTooLong):
		fe.Msg = fmt.Sprintf("row %d is longer than %d MiB / 第 %d 行超过 %d MiB", num, maxRecordBytes>>20, num, maxRecordBytes>>20)
	default:
		fe.Msg = "the file could not be read to the end / 文件无法完整读取"
	}
	return fe
}

// quoteMessage says where a quote went wrong and what it does to the rows
// after it: a spreadsheet program would show them inside one cell.
func quoteMessage(num int, q *quoteError) string {
	col := ColumnName(q.field)
	lines := q.endLine - q.openLine
	switch {
	case q.unclosed:
		return fmt.Sprintf("the quote that opens the cell at row %d, column %s is never closed: the %d lines after it would all be read into that one cell. Add the closing quote, or remove the stray one / 第 %d 行 %s 列单元格开头的引号一直没有闭合：其后 %d 行都会被读进这一个单元格。请补上结束引号，或删除多余的引号",
			num, col, lines, num, col, lines)
	case q.rowLike > 0:
		return fmt.Sprintf("the quote that opens the cell at row %d, column %s closes only %d lines later, and line %d of the file inside it looks like a row of its own: a closing quote is probably missing / 第 %d 行 %s 列单元格开头的引号在 %d 行之后才闭合，其中文件第 %d 行看起来是独立的一行：可能缺少结束引号",
			num, col, lines, q.rowLike, num, col, lines, q.rowLike)
	default:
		return fmt.Sprintf("the quoted cell at row %d, column %s runs over %d lines and text follows its closing quote: a quote is probably missing or doubled / 第 %d 行 %s 列带引号的单元格跨了 %d 行，且结束引号之后还有字符：可能缺少或多了一个引号",
			num, col, lines, num, col, lines)
	}
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
