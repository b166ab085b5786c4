package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// xmlScan walks an XML part of a workbook at byte-search speed, before
// excelize's XML decoder sees it, and refuses what no spreadsheet program
// writes but what makes that decoder spend memory without bound: an
// element or a text of more than maxXMLToken bytes (held whole by the
// decoder), nesting deeper than maxXMLDepth (the decoder keeps a stack
// entry per level: a few compressed kilobytes of <a><a><a>… cost
// gigabytes), more elements than limit, or a DTD (which OOXML forbids). It
// also checks that the part is complete: its root element closes, or rows
// would be lost without a word where excelize's row iterator stops
// quietly. onStart, if set, sees every start tag (name and whole tag).
func xmlScan(r io.Reader, limit int64, onStart func(name, tag []byte) error) error {
	s := xmlScanner{r: r, limit: limit, onStart: onStart}
	return s.run()
}

const (
	maxXMLDepth = 128
	maxXMLToken = 1 << 20
	xmlChunk    = 1 << 20
)

var (
	errIncomplete = errors.New("the worksheet XML is incomplete")
	errXMLDepth   = fmt.Errorf("XML nested deeper than %d levels", maxXMLDepth)
	errXMLToken   = fmt.Errorf("an XML element or text longer than %d bytes", maxXMLToken)
	errXMLDTD     = errors.New("an XML document type declaration (DTD)")
	errXMLElems   = errors.New("too many XML elements")
)

type xmlScanner struct {
	r       io.Reader
	store   []byte
	buf     []byte // unread bytes (in store); buf[0] is where scanning resumes
	text    int    // bytes of the text being skipped
	eof     bool
	limit   int64
	elems   int64
	depth   int
	roots   int // root elements closed
	onStart func(name, tag []byte) error
}

// fill reads more input; it reports false at the end of the input.
func (s *xmlScanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if len(s.buf) > maxXMLToken {
		return false, errXMLToken
	}
	if cap(s.store) < len(s.buf)+xmlChunk {
		s.store = make([]byte, 0, len(s.buf)+2*xmlChunk)
	}
	s.store = append(s.store[:0], s.buf...) // copy moves overlapping bytes safely
	s.buf = s.store
	n, err := s.r.Read(s.buf[len(s.buf) : len(s.buf)+xmlChunk])
	s.buf = s.buf[:len(s.buf)+n]
	if errors.Is(err, io.EOF) {
		s.eof = true
		return n > 0, nil
	}
	return true, err
}

func (s *xmlScanner) run() error {
	for {
		i := bytes.IndexByte(s.buf, '<')
		if i < 0 {
			if s.text += len(s.buf); s.text > maxXMLToken {
				return errXMLToken // a text longer than any cell
			}
			s.buf = s.buf[:0]
			more, err := s.fill()
			if err != nil {
				return err
			}
			if !more {
				return s.finish()
			}
			continue
		}
		if s.text += i; s.text > maxXMLToken {
			return errXMLToken
		}
		s.text = 0
		s.buf = s.buf[i:]
		n, err := s.markup()
		if err != nil {
			return err
		}
		s.buf = s.buf[n:]
	}
}

// markup handles the markup at buf[0] == '<' and returns its length,
// reading more input as needed.
func (s *xmlScanner) markup() (int, error) {
	for {
		n, err := s.markupIn(s.buf)
		if err != nil || n > 0 {
			return n, err
		}
		more, err := s.fill()
		if err != nil {
			return 0, err
		}
		if !more {
			return 0, errIncomplete // the input ends inside a tag
		}
	}
}

// markupIn returns the length of the markup at b[0] == '<', or 0 when b
// does not hold all of it yet.
func (s *xmlScanner) markupIn(b []byte) (int, error) {
	switch {
	case len(b) < 2:
		return 0, nil
	case b[1] == '?':
		return endOf(b, "?>"), nil
	case b[1] == '!':
		if len(b) < 9 {
			return 0, nil
		}
		if bytes.HasPrefix(b, []byte("<!--")) {
			return endOf(b, "-->"), nil
		}
		if bytes.HasPrefix(b, []byte("<![CDATA[")) {
			return endOf(b, "]]>"), nil
		}
		return 0, errXMLDTD
	}
	end := tagEnd(b)
	if end == 0 {
		return 0, nil
	}
	tag := b[:end]
	if tag[1] == '/' {
		if s.depth--; s.depth < 0 {
			return 0, errIncomplete
		}
		if s.depth == 0 {
			s.roots++
		}
		return end, nil
	}
	if s.elems++; s.limit > 0 && s.elems > s.limit {
		return 0, errXMLElems
	}
	if s.onStart != nil {
		if err := s.onStart(tagName(tag), tag); err != nil {
			return 0, err
		}
	}
	if tag[end-2] == '/' { // <empty/>
		if s.depth == 0 {
			s.roots++
		}
		return end, nil
	}
	if s.depth++; s.depth > maxXMLDepth {
		return 0, errXMLDepth
	}
	return end, nil
}

// finish checks the part is one complete document.
func (s *xmlScanner) finish() error {
	if s.depth != 0 || s.roots == 0 {
		return errIncomplete
	}
	return nil
}

// endOf returns the length up to and including the terminator, or 0.
func endOf(b []byte, term string) int {
	if i := bytes.Index(b[2:], []byte(term)); i >= 0 {
		return 2 + i + len(term)
	}
	return 0
}

// tagEnd returns the length of the tag at b[0] == '<' up to its '>',
// which may not be inside an attribute value, or 0.
func tagEnd(b []byte) int {
	from := 0
	for {
		gt := bytes.IndexByte(b[from:], '>')
		if gt < 0 {
			return 0
		}
		gt += from
		tag := b[:gt]
		if bytes.IndexByte(tag, '\'') < 0 {
			if bytes.Count(tag, []byte{'"'})%2 == 0 {
				return gt + 1
			}
		} else if !inQuotes(tag) {
			return gt + 1
		}
		from = gt + 1
	}
}

// inQuotes reports whether the end of tag is inside an attribute value.
func inQuotes(tag []byte) bool {
	var q byte
	for _, c := range tag {
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		}
	}
	return q != 0
}

// tagName returns the local name of a start tag (without a prefix).
func tagName(tag []byte) []byte {
	name := tag[1:]
	if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return name
}
