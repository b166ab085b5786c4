package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// An .xlsx is a zip of XML parts, and a few compressed megabytes can
// expand into gigabytes (a 2 MB workbook of 2 GiB took 7 GB of memory and
// 91 s before these limits). Before excelize reads a part, its size is
// checked against the zip directory (archive/zip refuses a part longer than
// the size it declares), the parts excelize decodes whole are checked for
// their number of elements, and a worksheet's XML is checked by the pass
// that reads its merged cells (xmlScan). excelize's own UnzipSizeLimit
// holds the total as well.
const (
	// maxPackage bounds all parts together, uncompressed: about ten times
	// a 100,000-user workbook.
	maxPackage = 1 << 30
	// maxStreamedPart bounds a worksheet or the shared strings, which
	// excelize streams from a temporary file when they are larger than
	// excelize.StreamChunkSize (16 MiB).
	maxStreamedPart = 512 << 20
	// maxOtherPart bounds any other part, which excelize holds in memory.
	maxOtherPart = 64 << 20
	// maxInMemory bounds what excelize holds in memory at once.
	maxInMemory = 256 << 20
)

// elementLimits bound the elements of the parts excelize decodes whole: a
// shared string costs it about 40 bytes, a style several hundred.
var elementLimits = map[string]int64{
	"xl/sharedstrings.xml": 1 << 24,
	"xl/styles.xml":        1 << 21,
	"xl/calcchain.xml":     1 << 22,
}

// excelizeOptions are the options excelize opens a workbook with: its own
// size limit, and a temporary directory of this workbook's own.
func excelizeOptions(tmp string) excelize.Options {
	return excelize.Options{UnzipSizeLimit: maxPackage, UnzipXMLSizeLimit: excelize.StreamChunkSize, TmpDir: tmp}
}

// checkPackage refuses a workbook whose parts exceed the limits above.
// A file that is not a zip is left to excelize to explain.
func checkPackage(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	defer zr.Close()
	var total, inMemory uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		name := partName(f.Name)
		streamed := strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml"
		limit := uint64(maxOtherPart)
		if streamed {
			limit = maxStreamedPart
		}
		if size > limit {
			return bombError(path, fmt.Sprintf("its part %s expands to %s, more than the %s allowed / 其中的 %s 解压后有 %s，超过上限 %s",
				f.Name, mib(size), mib(limit), f.Name, mib(size), mib(limit)))
		}
		if total += size; total > maxPackage {
			return bombError(path, fmt.Sprintf("it expands to more than %s / 解压后超过 %s", mib(maxPackage), mib(maxPackage)))
		}
		if !streamed || size <= excelize.StreamChunkSize {
			if inMemory += size; inMemory > maxInMemory {
				return bombError(path, fmt.Sprintf("the parts read into memory expand to more than %s / 需读入内存的部分解压后超过 %s", mib(maxInMemory), mib(maxInMemory)))
			}
		}
	}
	for _, f := range zr.File {
		if limit, ok := elementLimits[partName(f.Name)]; ok {
			if err := checkPart(f, limit); err != nil {
				return partError(path, "", fmt.Errorf("%s: %w", f.Name, err))
			}
		}
	}
	return nil
}

func checkPart(f *zip.File, limit int64) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xmlScan(rc, limit, nil)
}

func partName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

func mib(n uint64) string { return fmt.Sprintf("%d MiB", n>>20) }

func bombError(path, why string) error {
	en, zh, _ := strings.Cut(why, " / ")
	return &FileError{File: path, Msg: "the workbook is too large to read safely: " + en + " (a real sheet of this size is better saved as CSV) / 工作簿过大，无法安全读取：" + zh + "（这么大的表请另存为 CSV）"}
}

// partError explains a worksheet or part that xmlScan refused.
func partError(file, sheet string, err error) error {
	fe := &FileError{File: file, Sheet: sheet, Err: err}
	switch {
	case errors.Is(err, errIncomplete):
		fe.Msg = "the sheet is incomplete (damaged file?) / 工作表不完整（文件可能已损坏）"
	case errors.Is(err, errRows):
		fe.Msg = msgRows()
	case errors.Is(err, errCells):
		fe.Msg = msgCells(0)
	case errors.Is(err, errRowCells):
		fe.Msg = msgColumns(0)
	case errors.Is(err, errXMLDepth), errors.Is(err, errXMLToken), errors.Is(err, errXMLDTD),
		errors.Is(err, errXMLElems), errors.Is(err, errMerges):
		fe.Msg = "the workbook's XML is not what a spreadsheet program writes, and reading it could exhaust memory or time: refused / 工作簿的 XML 不是电子表格程序写出的，读取可能耗尽内存或时间，已拒绝"
	default:
		fe.Msg = "cannot read merged cells / 无法读取合并单元格"
	}
	return fe
}

// tempPrefix names the temporary directory excelize extracts a large
// worksheet into; Close removes it, on every path.
const tempPrefix = "orgbatch-xlsx-"

// newTempDir makes a workbook's temporary directory, first removing those
// that a killed run left behind (older than an hour: a workbook is open
// only while it is read).
func newTempDir() (string, error) {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), tempPrefix+"*"))
	for _, d := range old {
		if st, err := os.Stat(d); err == nil && st.IsDir() && time.Since(st.ModTime()) > time.Hour {
			os.RemoveAll(d) // best effort: another user's stays
		}
	}
	return os.MkdirTemp("", tempPrefix)
}
