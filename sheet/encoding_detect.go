package sheet

import (
	"encoding/binary"
	"io"
	"unicode/utf8"
)

// The whole-file pass that decides a CSV's encoding (see encoding.go).

// runStats counts the bytes of maximal non-ASCII runs by what they are.
type runStats struct {
	utf8, gbk, ambiguous, neither int64
}

// maxRun bounds the bytes of one run kept across reads; a longer run (no
// ASCII byte in 64 KiB: not a CSV of names) is judged in pieces.
const maxRun = 64 << 10

func (st *runStats) scan(r io.Reader) error {
	buf := make([]byte, 64<<10)
	var carry []byte // a run cut by the end of buf
	var prev byte    // the ASCII byte before the run
	for {
		n, err := r.Read(buf)
		b := buf[:n]
		for i := 0; i < len(b); {
			if b[i] < utf8.RuneSelf {
				if len(carry) > 0 {
					st.classify(prev, carry, b[i])
					carry = carry[:0]
				}
				i = skipASCII(b, i)
				prev = b[i-1]
				continue
			}
			j := i
			for j < len(b) && b[j] >= utf8.RuneSelf {
				j++
			}
			if j == len(b) || len(carry)+j-i > maxRun {
				carry = append(carry, b[i:j]...)
				if len(carry) > maxRun {
					st.classify(prev, carry, 0)
					carry = carry[:0]
				}
			} else if len(carry) > 0 {
				st.classify(prev, append(carry, b[i:j]...), b[j])
				carry = carry[:0]
			} else {
				st.classify(prev, b[i:j], b[j])
			}
			i = j
		}
		if err == io.EOF {
			if len(carry) > 0 {
				st.classify(prev, carry, 0)
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// skipASCII returns the index of the first non-ASCII byte of b from i on,
// eight bytes at a time.
func skipASCII(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// classify counts one run of non-ASCII bytes between the ASCII bytes
// prev and next (0 at the ends of the file). A run valid in both that
// reads as Chinese in GBK and as a few Latin or Cyrillic letters without
// an ASCII letter beside them in UTF-8 (GBK 姚 is UTF-8 Ҧ) is ambiguous:
// it counts half, for GBK.
// A run valid in neither counts for the one in which at most one byte in
// eight is invalid (text with a stray byte), UTF-8 first.
func (st *runStats) classify(prev byte, run []byte, next byte) {
	n := int64(len(run))
	switch {
	case utf8.Valid(run) && gbCommonPairs(run) && !isLetter(prev) && !isLetter(next) && utf8TwoByte(run):
		st.ambiguous += n
	case utf8.Valid(run):
		st.utf8 += n
	case gbRun(run, next):
		st.gbk += n
	default:
		if bad := utf8Invalid(run); 8*bad <= n {
			st.utf8 += n - bad
			st.neither += bad
		} else if bad := gbInvalid(run); 8*bad <= n {
			st.gbk += n - bad
			st.neither += bad
		} else {
			st.neither += n
		}
	}
}

// gbCommonPairs reports whether run is pairs of bytes that are common
// ideographs in GBK (GB2312: lead 0xB0–0xF7, trail 0xA1–0xFE).
func gbCommonPairs(run []byte) bool {
	if len(run)%2 != 0 {
		return false
	}
	for i := 0; i < len(run); i += 2 {
		if run[i] < 0xB0 || run[i] > 0xF7 || run[i+1] < 0xA1 || run[i+1] == 0xFF {
			return false
		}
	}
	return true
}

// utf8TwoByte reports whether valid UTF-8 holds only two-byte sequences.
func utf8TwoByte(run []byte) bool {
	for _, c := range run {
		if c >= 0xE0 {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// utf8Invalid counts the bytes of b that are not part of a valid UTF-8
// sequence.
func utf8Invalid(b []byte) int64 {
	var bad int64
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		b = b[size:]
	}
	return bad
}

// gbInvalid counts the bytes of a run of non-ASCII bytes that are not
// part of a GBK two-byte sequence.
func gbInvalid(b []byte) int64 {
	var bad int64
	for i := 0; i < len(b); {
		if b[i] == 0x80 || b[i] == 0xFF || i+1 == len(b) || b[i+1] == 0xFF {
			bad++
			i++
			continue
		}
		i += 2
	}
	return bad
}

// gbRun reports whether a run of non-ASCII bytes is GBK/GB18030 two-byte
// sequences. Its last lead byte may take an ASCII trail (0x40–0x7E) or
// start a four-byte GB18030 sequence (a digit next).
func gbRun(run []byte, next byte) bool {
	for i := 0; i < len(run); i += 2 {
		if run[i] == 0x80 || run[i] == 0xFF {
			return false
		}
		if i+1 == len(run) {
			return next >= 0x40 && next <= 0x7E || next >= '0' && next <= '9'
		}
		if run[i+1] == 0xFF {
			return false
		}
	}
	return true
}
