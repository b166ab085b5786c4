package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// Workbook is an opened spreadsheet file: an xlsx workbook with its
// worksheets, or a CSV file holding a single sheet.
type Workbook struct {
	File   string
	Sheets []*Sheet
	// Encoding is the encoding a CSV is read in (EncUTF8, EncGB18030 …),
	// decided from the whole file; "" for a workbook.
	Encoding string
	xlsx     *excelize.File // nil for CSV
	tmp      string         // excelize's temporary directory for this workbook
	csv      *csvText
}

// Sheet is one table: a worksheet, or a whole CSV file (Name "").
type Sheet struct {
	File   string
	Name   string
	Hidden bool
	wb     *Workbook
	// A worksheet's vertical merges, read (and its XML checked) once.
	mergesOnce sync.Once
	merges     map[int][]mergeFill
	mergesErr  error
}

// FileError is a file that cannot be read as a spreadsheet. Its message names
// the file and says what to do, in Chinese and English.
type FileError struct {
	File   string
	Sheet  string
	Row    int    // where the problem is, when it is at a row (as Excel shows it)
	Column string // and a column (its letter)
	Msg    string // one line, bilingual
	Err    error  // the underlying cause, if any
}

func (e *FileError) Error() string {
	where := e.File
	if e.Sheet != "" {
		where += " [" + e.Sheet + "]"
	}
	if e.Row > 0 {
		where += " row " + itoa(e.Row)
	}
	if e.Column != "" {
		where += ", column " + e.Column
	}
	if e.Err != nil {
		return fmt.Sprintf("%s: %s (%v)", where, e.Msg, e.Err)
	}
	return where + ": " + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Open opens an .xlsx workbook or a CSV file. The kind is told by content,
// not by extension, so a workbook renamed to .csv is still read as a
// workbook, and a file that is neither gets one clear error. Only a file
// named .xlsx must be a workbook: text under that name is refused rather
// than read as CSV.
func Open(path string) (*Workbook, error) {
	head, err := readHead(path, 8)
	if err != nil {
		return nil, &FileError{File: path, Msg: "cannot read the file / 无法读取文件", Err: err}
	}
	switch {
	case bytes.HasPrefix(head, magicZip):
		return openXLSX(path)
	case bytes.HasPrefix(head, magicOLE):
		return nil, &FileError{File: path, Msg: "this is an old .xls or a password-protected workbook; save it as .xlsx without a password / 这是旧版 .xls 或加密的工作簿，请另存为无密码的 .xlsx"}
	case strings.EqualFold(filepath.Ext(path), ".xlsx"):
		return nil, &FileError{File: path, Msg: "not a valid .xlsx file (damaged or not a workbook) / 不是有效的 .xlsx 文件（已损坏或并非工作簿）"}
	case looksBinary(path):
		return nil, &FileError{File: path, Msg: "not a spreadsheet: expected .xlsx or CSV text / 不是表格文件：需要 .xlsx 或 CSV 文本"}
	}
	text, err := detectText(path)
	if err != nil {
		return nil, &FileError{File: path, Msg: "cannot read the file / 无法读取文件", Err: err}
	}
	wb := &Workbook{File: path, Encoding: text.enc, csv: text}
	wb.Sheets = []*Sheet{{File: path, wb: wb}}
	return wb, nil
}

func openXLSX(path string) (*Workbook, error) {
	if err := checkPackage(path); err != nil {
		return nil, err
	}
	tmp, err := newTempDir()
	if err != nil {
		return nil, &FileError{File: path, Msg: "cannot create a temporary directory / 无法创建临时目录", Err: err}
	}
	f, err := excelize.OpenFile(path, excelizeOptions(tmp))
	if err != nil {
		if f != nil {
			f.Close()
		}
		os.RemoveAll(tmp) // excelize may have extracted parts before failing
		if head, _ := readHead(path, 128); bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument")) {
			return nil, &FileError{File: path, Msg: "this is an OpenDocument (.ods) file; save it as .xlsx / 这是 OpenDocument（.ods）文件，请另存为 .xlsx"}
		}
		return nil, &FileError{File: path, Msg: "not a valid .xlsx file (damaged, truncated or not a workbook) / 不是有效的 .xlsx 文件（已损坏、不完整或并非工作簿）", Err: err}
	}
	wb := &Workbook{File: path, xlsx: f, tmp: tmp}
	for _, name := range f.GetSheetList() {
		visible, err := f.GetSheetVisible(name)
		if err != nil {
			visible = true
		}
		wb.Sheets = append(wb.Sheets, &Sheet{File: path, Name: name, Hidden: !visible, wb: wb})
	}
	if len(wb.Sheets) == 0 {
		wb.Close()
		return nil, &FileError{File: path, Msg: "the workbook has no worksheets / 工作簿中没有工作表"}
	}
	return wb, nil
}

// Close releases the workbook and removes the temporary files excelize
// made for its large parts. Callers defer it, so it runs on errors and
// after an interrupt (orgbatch turns Ctrl-C into a cancelled context, not
// an exit); a killed run's directory is removed by a later one.
func (w *Workbook) Close() error {
	if w.xlsx == nil {
		return nil
	}
	err := w.xlsx.Close()
	if rmErr := os.RemoveAll(w.tmp); err == nil {
		err = rmErr
	}
	return err
}

// IsCSV reports whether the workbook is a CSV file.
func (w *Workbook) IsCSV() bool { return w.xlsx == nil }

// Scan calls fn for every non-blank row of the sheet, in order, streaming.
// Returning ErrStop from fn ends the scan early without an error.
func (s *Sheet) Scan(fn func(Row) error) error {
	var err error
	if s.wb.xlsx == nil {
		err = scanCSV(s.File, s.wb.csv, fn)
	} else {
		err = scanXLSX(s.wb.xlsx, s, fn)
	}
	if errors.Is(err, ErrStop) {
		return nil
	}
	var ce callerError
	if errors.As(err, &ce) {
		return ce.err
	}
	var fe *FileError
	if err != nil && !errors.As(err, &fe) {
		return &FileError{File: s.File, Sheet: s.Name, Msg: "the sheet could not be read to the end (damaged file?) / 工作表无法完整读取（文件可能已损坏）", Err: err}
	}
	return err
}

// Encoding is the encoding the sheet's text is read in ("" for a
// worksheet, whose XML says it).
func (s *Sheet) Encoding() string { return s.wb.Encoding }

// Peek returns up to n non-blank rows from the top of the sheet.
func (s *Sheet) Peek(n int) ([]Row, error) {
	var rows []Row
	err := s.Scan(func(r Row) error {
		rows = append(rows, r)
		if len(rows) >= n {
			return ErrStop
		}
		return nil
	})
	return rows, err
}

// ErrStop ends a Scan early.
var ErrStop = errors.New("stop scanning")

// callerError marks errors returned by a Scan callback, so they are passed
// through untouched instead of being reported as a damaged file.
type callerError struct{ err error }

func (c callerError) Error() string { return c.err.Error() }
func (c callerError) Unwrap() error { return c.err }

// callFn runs the callback and tags its error.
func callFn(fn func(Row) error, r Row) error {
	if err := fn(r); err != nil {
		if errors.Is(err, ErrStop) {
			return err
		}
		return callerError{err}
	}
	return nil
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("is a directory")
	}
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:k], nil
}

// looksBinary reports NUL bytes in the first 8 KiB: text encodings that a
// CSV can be in (UTF-8, GB18030) never contain them; UTF-16 is handled by
// its BOM before this check matters.
func looksBinary(path string) bool {
	head, err := readHead(path, 8192)
	if err != nil {
		return false
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return false
	}
	return bytes.IndexByte(head, 0) >= 0
}
