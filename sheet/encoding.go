package sheet

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A CSV's encoding is decided on evidence from the whole file, not from its
// first lines: Chinese Excel and WPS save "CSV" in GBK/GB18030, everything
// else in UTF-8, and a file assembled from both — rows pasted from another
// export, one stray byte from a copy out of a web page — must not be decoded
// whole in the encoding of its minority, where most of its text would be
// mojibake (张三 read as GBK is 寮犱笁).
//
// One streaming pass (64 KiB of memory) looks at every run of non-ASCII
// bytes and counts the bytes of runs that are valid UTF-8, and of runs that
// are not UTF-8 but valid GBK/GB18030. The file is GB18030 when the second
// count is larger, else UTF-8: UTF-8 text is almost never valid GBK by
// accident, and GBK text of more than one character is almost never valid
// UTF-8 (classify, in encoding_detect.go, weighs the runs that are). Each
// cell is then checked in the chosen encoding (csvText.cell): what is not
// valid there, or reads as the other encoding, is a fault of its cell
// (CELL_ENCODING), never a silent guess.

// Encodings a CSV is read in (Workbook.Encoding).
const (
	EncUTF8    = "UTF-8"
	EncUTF16LE = "UTF-16LE"
	EncUTF16BE = "UTF-16BE"
	EncGB18030 = "GB18030"
)

// csvText is how a CSV file's bytes become text.
type csvText struct {
	enc string
	bom int // bytes of byte-order mark to skip (UTF-8)
	gb  *encoding.Decoder
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// detectText decides how to read a CSV file (see above).
func detectText(path string) (*csvText, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, bomUTF16LE):
		return &csvText{enc: EncUTF16LE}, nil
	case bytes.HasPrefix(head, bomUTF16BE):
		return &csvText{enc: EncUTF16BE}, nil
	}
	if bytes.HasPrefix(head, bomUTF8) {
		return &csvText{enc: EncUTF8, bom: len(bomUTF8)}, nil // a BOM says UTF-8, whatever the rest holds
	}
	var st runStats
	if err := st.scan(br); err != nil {
		return nil, err
	}
	t := &csvText{enc: EncUTF8}
	if 2*st.gbk+st.ambiguous > 2*st.utf8 { // an ambiguous run is half the evidence
		t.enc = EncGB18030
	}
	return t, nil
}

// cell turns the raw bytes of one CSV field into text, with a fault when
// the field is not text in the file's encoding.
func (t *csvText) cell(raw string) (string, FaultKind, string) {
	if isASCII(raw) {
		return raw, FaultNone, ""
	}
	switch t.enc {
	case EncGB18030:
		return t.gbCell(raw)
	case EncUTF16LE, EncUTF16BE: // already UTF-8 from the transform
		return raw, lostChar(raw), ""
	}
	if !utf8.ValidString(raw) {
		if gbValid(raw) { // GBK text: its UTF-8 "parts" are accidents
			return maskNonASCII(raw), FaultEncoding, " [" + EncGB18030 + ": " + t.gbString(raw) + "]"
		}
		return strings.ToValidUTF8(raw, "\uFFFD"), FaultEncoding, "" // a stray byte
	}
	if looksMisreadGBK(raw) && gbPlausible(t.gbString(raw)) {
		return maskNonASCII(raw), FaultEncoding, " [" + EncGB18030 + ": " + t.gbString(raw) + "]"
	}
	return raw, lostChar(raw), ""
}

func (t *csvText) gbCell(raw string) (string, FaultKind, string) {
	if !gbValid(raw) {
		hint := ""
		if utf8.ValidString(raw) {
			hint = " [" + EncUTF8 + ": " + raw + "]"
		}
		return t.gbString(raw), FaultEncoding, hint
	}
	if utf8.ValidString(raw) && utf8Plausible(raw) {
		return maskNonASCII(raw), FaultEncoding, " [" + EncUTF8 + ": " + raw + "]"
	}
	s := t.gbString(raw)
	return s, lostChar(s), ""
}

func (t *csvText) gbString(raw string) string {
	if t.gb == nil {
		t.gb = simplifiedchinese.GB18030.NewDecoder()
	}
	s, err := t.gb.String(raw)
	if err != nil {
		return maskNonASCII(raw)
	}
	return s
}

func lostChar(s string) FaultKind {
	// U+FFFD is EF BF BD; Chinese text has no 0xEF byte, so this is
	// almost always one IndexByte.
	if i := strings.IndexByte(s, 0xEF); i >= 0 && strings.Contains(s[i:], "\uFFFD") {
		return FaultLostChar
	}
	return FaultNone
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// maskNonASCII replaces each run of non-ASCII bytes with one U+FFFD: a cell
// whose reading is in doubt carries no guess into reports or the failed
// rows file, where it would look like data.
func maskNonASCII(s string) string {
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			in = false
		case !in:
			b.WriteRune(utf8.RuneError)
			in = true
		}
	}
	return b.String()
}

// gbValid reports whether s is valid GB18030: ASCII, two-byte sequences
// (lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE) and four-byte sequences
// (0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39).
func gbValid(s string) bool {
	lead := func(c byte) bool { return c >= 0x81 && c <= 0xFE }
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < 0x80:
			i++
		case !lead(c) || i+1 >= len(s):
			return false
		case s[i+1] >= 0x40 && s[i+1] <= 0xFE && s[i+1] != 0x7F:
			i += 2
		case digit(s[i+1]) && i+3 < len(s) && lead(s[i+2]) && digit(s[i+3]):
			i += 4
		default:
			return false
		}
	}
	return true
}

// utf8Plausible: valid UTF-8 that reads as Chinese — every non-ASCII
// character a CJK ideograph or CJK or full-width punctuation (or the middle
// dot beside them), at least half of the ideographs common ones (GB2312). GBK text is valid UTF-8 by accident for
// about 2% of two-character names, but then reads as Latin, Greek or
// Cyrillic letters or as rare ideographs, never like this (measured on
// random GB2312 names: 2.5 in a million three-character names).
func utf8Plausible(s string) bool {
	ideographs, common, wide := 0, 0, 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
		case r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF:
			ideographs++
			if inGB2312(r) {
				common++
			}
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201C, r == 0x201D, r == 0x2026:
			wide++ // CJK and full-width punctuation
		case r == 0x00B7: // the middle dot of transliterated names, but two bytes: not alone
		default:
			return false
		}
	}
	return ideographs+wide > 0 && 2*common >= ideographs
}

// looksMisreadGBK: valid UTF-8 that GBK produces by accident — only
// two-byte sequences (U+0080–U+07FF: Latin, Greek, Cyrillic …) and no ASCII
// letter, as in a Chinese name (GBK 女 is UTF-8 Ů). Together with
// gbPlausible (the GBK reading is all common ideographs) this leaves real
// UTF-8 text alone: José keeps its ASCII letters, Иван or Νίκος read as
// rare characters in GBK. A cell of accented letters alone (é) is the
// exception, reported as a fault.
func looksMisreadGBK(s string) bool {
	for _, r := range s {
		if r >= 0x800 || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return false
		}
	}
	return true
}

// gbPlausible: GB18030 text whose non-ASCII characters are all common
// ideographs (GB2312).
func gbPlausible(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && !inGB2312(r) {
			return false
		}
	}
	return true
}

// gb2312 holds the 6,763 common ideographs of GB2312 (lead bytes
// 0xB0–0xF7), U+4E00–U+9FFF, as a bit set.
var gb2312 = func() (set [(0x9FFF - 0x4E00 + 64) / 64]uint64) {
	dec := simplifiedchinese.GBK.NewDecoder()
	for lead := 0xB0; lead <= 0xF7; lead++ {
		for trail := 0xA1; trail <= 0xFE; trail++ {
			s, err := dec.Bytes([]byte{byte(lead), byte(trail)})
			if r, _ := utf8.DecodeRune(s); err == nil && r >= 0x4E00 && r <= 0x9FFF {
				set[(r-0x4E00)/64] |= 1 << ((r - 0x4E00) % 64)
			}
		}
	}
	return set
}()

// inGB2312 reports whether r is a common ideograph (GB2312).
func inGB2312(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF && gb2312[(r-0x4E00)/64]&(1<<((r-0x4E00)%64)) != 0
}
