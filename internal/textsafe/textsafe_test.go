package textsafe

import (
	"testing"
	"unicode"
)

func TestHidden(t *testing.T) {
	hidden := []rune{0x00, '\t', '\n', '\r', 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0xad, 0x061c, 0x180e,
		0x200b, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2060, 0x2064, 0x2066, 0x2069,
		0x3164, 0xfeff, 0xffa0, 0xfff9, 0xe0001, 0xe007f}
	visible := []rune{' ', 'a', '~', 0xa0, 0xe9, '张', 0x3000, 0x200c, 0x200d, 0x2065, 0x206a, 0xfe0f,
		0xfffd, 0x1f600, 0xe0100, 0x20000}
	for _, r := range hidden {
		if !Hidden(r) {
			t.Errorf("%s is not hidden", Name(r))
		}
	}
	for _, r := range visible {
		if Hidden(r) {
			t.Errorf("U+%04X is hidden", r)
		}
	}
	// Every control character is hidden.
	for r := rune(0); r <= 0x10ffff; r++ {
		if unicode.IsControl(r) && !Hidden(r) {
			t.Errorf("control U+%04X is not hidden", r)
		}
	}
}

func TestFindHidden(t *testing.T) {
	cases := []struct {
		s          string
		lineBreaks bool
		r          rune
		pos        int
	}{
		{"张三", false, 0, 0},
		{"abc", false, 0, 0},
		{"", false, 0, 0},
		{"a\x1b[31m", false, 0x1b, 2},
		{"张\u202e三", false, 0x202e, 2},
		{"D1\nD2", false, '\n', 3},
		{"D1\nD2", true, 0, 0},
		{"D1\r\nD2\tD3", true, '\t', 7},
		{"u\u200b1", true, 0x200b, 2},
		{"ab\u0085", true, 0x85, 3},
	}
	for _, c := range cases {
		r, pos, found := FindHidden(c.s, c.lineBreaks)
		if found != (c.r != 0) || r != c.r || pos != c.pos {
			t.Errorf("FindHidden(%q, %v) = %U, %d, %v; want %U, %d", c.s, c.lineBreaks, r, pos, found, c.r, c.pos)
		}
	}
}

func TestTerminal(t *testing.T) {
	cases := map[string]string{
		"张三":                 "张三",
		"坏\x1b[2J名":          "坏\uFFFD[2J名",
		"\u202eu005":         "\uFFFDu005",
		"two\nlines\r\ttab":  "two\uFFFDlines\uFFFD\uFFFDtab",
		"C1 \u009b31m":       "C1 \uFFFD31m",
		"keep \u200d joiner": "keep \u200d joiner",
	}
	for in, want := range cases {
		if got := Terminal(in); got != want {
			t.Errorf("Terminal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestName(t *testing.T) {
	for r, want := range map[rune]string{0x1b: "U+001B ESC", 0x202e: "U+202E RIGHT-TO-LEFT OVERRIDE", 0x81: "U+0081 control character", 0x2062: "U+2062 invisible character"} {
		if got := Name(r); got != want {
			t.Errorf("Name(%U) = %q, want %q", r, got, want)
		}
	}
}

func BenchmarkFindHidden(b *testing.B) {
	cells := []string{"u0001", "张三", "13800138000", "zhangsan@example.com", "星辰科技/技术中心/前端组"}
	for b.Loop() {
		for _, c := range cells {
			FindHidden(c, false)
		}
	}
}
