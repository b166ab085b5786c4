package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// csvParser reads CSV records the way spreadsheet programs do (RFC 4180,
// with Excel's leniency), on the file's raw bytes: the delimiter, quotes
// and line breaks are ASCII in UTF-8 and GB18030 alike, so each field is
// decoded on its own afterwards and a field in another encoding stays a
// fault of that field.
//
//   - A quote inside an unquoted field is an ordinary character (5" 屏幕).
//   - In a quoted field "" is a quote; the field may span lines.
//   - Text after a closing quote ("abc"def) ends, like Excel, at the next
//     delimiter, and the field is reported (FaultQuote), instead of
//     encoding/csv's LazyQuotes reading on into the following rows.
//   - A quote that is never closed, or that closes only after lines that
//     look like rows of their own, is refused with the row where it opens:
//     the rows it swallows would silently not be imported.
//
// CR LF reads as LF, a final CR is dropped, as encoding/csv does.
type csvParser struct {
	r     *bufio.Reader
	comma byte
	line  int // physical lines read so far
	width int // fields of the first record (0 until it is read)
	rec   []byte
	ends  []int
	bad   []int // fields with text after their closing quote
	long  []byte
	out   []string
}

// quoteError is a quoted field that does not end where a spreadsheet would
// end it.
type quoteError struct {
	field    int  // 0-based
	openLine int  // physical line where the quote opens
	endLine  int  // the line where it closes (or the last line)
	unclosed bool // the file ends inside the quotes
	rowLike  int  // a line inside the quotes that looks like a row
	junk     bool // a multi-line field with text after its closing quote
}

func (e *quoteError) Error() string { return "unbalanced quote" }

var (
	errRecordTooLong = errors.New("record too long")
	errFieldTooLong  = errors.New("field too long")
	errTooManyFields = errors.New("too many fields")
)

func newCSVParser(r io.Reader, comma byte) *csvParser {
	return &csvParser{r: bufio.NewReaderSize(r, 64<<10), comma: comma}
}

// readLine returns the next physical line with its line break as "\n"
// (none at the end of the file), or io.EOF.
func (p *csvParser) readLine() ([]byte, error) {
	line, err := p.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		p.long = append(p.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(p.long) > maxRecordBytes {
				return nil, errRecordTooLong
			}
			line, err = p.r.ReadSlice('\n')
			p.long = append(p.long, line...)
		}
		line = p.long
	}
	if len(line) == 0 && err != nil {
		return nil, err
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	p.line++
	n := len(line)
	switch {
	case n >= 2 && line[n-2] == '\r' && line[n-1] == '\n':
		line[n-2] = '\n'
		line = line[:n-1]
	case err != nil && line[n-1] == '\r':
		line = line[:n-1]
	}
	return line, nil
}

// read returns the next record's fields (valid until the next call) and
// the fields with a quote fault, or io.EOF after the last record.
func (p *csvParser) read() ([]string, []int, error) {
	line, err := p.readLine()
	if err != nil {
		return nil, nil, err
	}
	p.rec, p.ends, p.bad = p.rec[:0], p.ends[:0], p.bad[:0]
	for pos := 0; ; {
		if pos < len(line) && line[pos] == '"' {
			if line, pos, err = p.quoted(line, pos+1); err != nil {
				return nil, nil, err
			}
		} else {
			i := bytes.IndexByte(line[pos:], p.comma)
			if i < 0 {
				i = len(line) - pos
			}
			p.rec = append(p.rec, bytes.TrimSuffix(line[pos:pos+i], []byte{'\n'})...)
			pos += i
		}
		if err := p.endField(); err != nil {
			return nil, nil, err
		}
		if pos >= len(line) || line[pos] != p.comma {
			break
		}
		pos++ // the delimiter: another field follows, maybe empty
	}
	if p.width == 0 {
		p.width = len(p.ends)
	}
	s := string(p.rec)
	p.out = p.out[:0]
	start := 0
	for _, end := range p.ends {
		p.out = append(p.out, s[start:end])
		start = end
	}
	return p.out, p.bad, nil
}

func (p *csvParser) endField() error {
	start := 0
	if n := len(p.ends); n > 0 {
		start = p.ends[n-1]
	}
	switch {
	case len(p.rec)-start > 4*MaxCellChars: // more than MaxCellChars in any encoding
		return errFieldTooLong
	case len(p.rec) > maxRecordBytes:
		return errRecordTooLong
	case len(p.ends) >= MaxColumns:
		return errTooManyFields
	}
	p.ends = append(p.ends, len(p.rec))
	return nil
}

// quoted reads a quoted field whose text starts at line[pos], across as
// many lines as it spans, and returns the line and position after it.
func (p *csvParser) quoted(line []byte, pos int) ([]byte, int, error) {
	q := &quoteError{field: len(p.ends), openLine: p.line}
	for {
		i := bytes.IndexByte(line[pos:], '"')
		if i < 0 {
			// The field goes on on the next line. A line inside the quotes
			// with as many delimiters as a row is probably one.
			part := line[pos:]
			if q.rowLike == 0 && p.width > 2 && bytes.Count(part, []byte{p.comma}) >= p.width-1 {
				q.rowLike = p.line
			}
			p.rec = append(p.rec, part...)
			if len(p.rec) > maxRecordBytes {
				return nil, 0, errRecordTooLong
			}
			next, err := p.readLine()
			if errors.Is(err, io.EOF) {
				q.unclosed, q.endLine = true, p.line
				return nil, 0, q
			}
			if err != nil {
				return nil, 0, err
			}
			line, pos = next, 0
			continue
		}
		p.rec = append(p.rec, line[pos:pos+i]...)
		pos += i + 1
		if pos < len(line) && line[pos] == '"' { // "" is a quote
			p.rec = append(p.rec, '"')
			pos++
			continue
		}
		q.endLine = p.line
		if pos == len(line) || line[pos] == p.comma || line[pos] == '\n' {
			if q.rowLike > 0 {
				return nil, 0, q
			}
			return line, pos, nil
		}
		// Text after the closing quote: like Excel, it belongs to the field
		// up to the next delimiter, and the field is reported. A field that
		// spans lines and ends like this has lost its real closing quote.
		if q.endLine > q.openLine || q.rowLike > 0 {
			q.junk = true
			return nil, 0, q
		}
		p.bad = append(p.bad, q.field)
		p.rec = append(p.rec, '"')
		j := bytes.IndexByte(line[pos:], p.comma)
		if j < 0 {
			j = len(line) - pos
		}
		p.rec = append(p.rec, bytes.TrimSuffix(line[pos:pos+j], []byte{'\n'})...)
		return line, pos + j, nil
	}
}
