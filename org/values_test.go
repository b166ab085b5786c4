package org_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/org"
)

func TestParseMobile(t *testing.T) {
	cases := []struct {
		in       string
		e164     string // "" = invalid
		mainland bool
		hint     org.MobileHint
	}{
		// Mainland China, as people type it.
		{"13800138000", "+8613800138000", true, org.HintNone},
		{"+8613800138000", "+8613800138000", true, org.HintNone},
		{"+86 138 0013 8000", "+8613800138000", true, org.HintNone},
		{"+86-138-0013-8000", "+8613800138000", true, org.HintNone},
		{"8613800138000", "+8613800138000", true, org.HintNone},
		{"86 13800138000", "+8613800138000", true, org.HintNone},
		{"008613800138000", "+8613800138000", true, org.HintNone},
		{"0086 138 0013 8000", "+8613800138000", true, org.HintNone},
		{"138-0013-8000", "+8613800138000", true, org.HintNone},
		{"138 0013 8000", "+8613800138000", true, org.HintNone},
		{"(+86) 13800138000", "+8613800138000", true, org.HintNone},
		{"１３８００１３８０００", "+8613800138000", true, org.HintNone}, // full-width digits
		{"138\u00a00013\u00a08000", "+8613800138000", true, org.HintNone},
		{"138\u30000013\u30008000", "+8613800138000", true, org.HintNone},
		{"19912345678", "+8619912345678", true, org.HintNone},
		// Elsewhere: + and the country code.
		{"+852 5123 4567", "+85251234567", false, org.HintNone},
		{"+85251234567", "+85251234567", false, org.HintNone},
		{"00852 5123 4567", "+85251234567", false, org.HintNone},
		{"+65 8123 4567", "+6581234567", false, org.HintNone},
		{"+1 (415) 555-0100", "+14155550100", false, org.HintNone},
		{"+44 7911 123456", "+447911123456", false, org.HintNone},
		{"+886 912 345 678", "+886912345678", false, org.HintNone},
		// Invalid lengths and prefixes.
		{"", "", false, org.HintNone},
		{"1380013800", "", false, org.HintNone},     // 10 digits
		{"138001380001", "", false, org.HintNone},   // 12 digits
		{"12800138000", "", false, org.HintNone},    // no mainland mobile starts 12
		{"+86 1380013800", "", false, org.HintNone}, // +86 needs a mainland mobile
		{"+86 12800138000", "", false, org.HintNone},
		{"861380013800", "", false, org.HintNone},
		{"+12345", "", false, org.HintNone},                  // too short
		{"+1234567890123456", "", false, org.HintNone},       // too long
		{"+0123456789", "", false, org.HintNone},             // no country code 0
		{"85251234567", "", false, org.HintNone},             // Hong Kong without +
		{"010-12345678", "", false, org.HintNone},            // a landline
		{"13800138000 转 123", "", false, org.HintNone},       // an extension
		{"13800138000;13900139000", "", false, org.HintNone}, // two numbers
		{"abc", "", false, org.HintNone},
		// Excel's scientific notation: the number is lost, and the hint
		// says why.
		{"1.38E+10", "", false, org.HintScientific},
		{"1.38001E+10", "", false, org.HintScientific},
		{"1.38e10", "", false, org.HintScientific},
		{"1E+10", "", false, org.HintScientific},
		{"8.61381E+12", "", false, org.HintScientific},
		{"１.３８Ｅ＋１０", "", false, org.HintScientific},
	}
	for _, c := range cases {
		m, hint, ok := org.ParseMobile(c.in)
		if ok != (c.e164 != "") || m.E164 != c.e164 || m.Mainland != c.mainland || hint != c.hint {
			t.Errorf("ParseMobile(%q) = %+v, %q, %v; want %q mainland=%v hint %q", c.in, m, hint, ok, c.e164, c.mainland, c.hint)
		}
	}
}

func TestLocalMobile(t *testing.T) {
	for in, want := range map[string]string{
		"+8613800138000": "13800138000",
		"+85251234567":   "+85251234567",
		"+861234":        "+861234",
		"":               "",
	} {
		if got := org.LocalMobile(in); got != want {
			t.Errorf("LocalMobile(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, org.China) }
	jan2 := day(2024, 1, 2)
	cases := []struct {
		in   string
		want time.Time // zero = invalid
	}{
		// Excel date cells: serial numbers.
		{"45293", jan2},
		{"45293.0", jan2},
		{"45293.75", jan2}, // a date-time: the day (eight characters, not yyyymmdd)
		{"45293.25", jan2},
		{"45293.5", jan2},
		{"45292.999", day(2024, 1, 1)},
		{"1", day(1899, 12, 31)},
		{"61", day(1900, 3, 1)},
		{"43831", day(2020, 1, 1)},
		{"2958465", day(9999, 12, 31)},
		{"0", time.Time{}},
		{"0.5", time.Time{}},
		{"2958466", time.Time{}},
		{"-1", time.Time{}},
		{"1e400", time.Time{}},
		// Text dates in the usual forms.
		{"2024-01-02", jan2},
		{"2024/1/2", jan2},
		{"2024/01/02", jan2},
		{"2024-1-2", jan2},
		{"2024.1.2", jan2},
		{"2024.01.02", jan2},
		{"2024年1月2日", jan2},
		{"2024年01月02日", jan2},
		{"20240102", jan2},
		{"２０２４－０１－０２", jan2}, // full-width
		{"2024/1/2 9:30", jan2},
		{"2024/1/2 09:30:00", jan2},
		{"2024-01-02 15:04:05", jan2},
		{"2024-01-02T15:04:05+08:00", jan2},
		{"2024-01-01T16:00:00Z", jan2}, // midnight in China, in UTC
		{"2024-01-01T16:00:00.000Z", jan2},
		{"2024-02-29", day(2024, 2, 29)},
		// Not dates.
		{"", time.Time{}},
		{"garbage", time.Time{}},
		{"2023-02-29", time.Time{}},
		{"2024-13-01", time.Time{}},
		{"2024/1/32", time.Time{}},
		{"2024-01", time.Time{}},
		{"02/01/2024", time.Time{}},
		{"1/2/2024", time.Time{}},
		{"2024年1月", time.Time{}},
		{"20241301", time.Time{}},
		{"明天", time.Time{}},
	}
	for _, c := range cases {
		got, ok := org.ParseDate(c.in)
		if ok != !c.want.IsZero() || !got.Equal(c.want) || (ok && got.Location() != org.China) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
	if got := org.FormatDate(jan2); got != "2024-01-02" {
		t.Errorf("FormatDate = %q", got)
	}
	if got := org.FormatDate(time.Date(2024, 1, 1, 16, 0, 0, 0, time.UTC)); got != "2024-01-02" {
		t.Errorf("FormatDate of a UTC instant = %q, want the day in China", got)
	}
}

func TestParseEmployeeType(t *testing.T) {
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"1", 1, true}, {"2", 2, true}, {"3", 3, true}, {"4", 4, true}, {"5", 5, true},
		{"正式", 1, true}, {"正式员工", 1, true}, {"全职", 1, true}, {"Regular", 1, true},
		{"实习", 2, true}, {"实习生", 2, true}, {"INTERN", 2, true},
		{"外包", 3, true}, {"outsourcing", 3, true},
		{"劳务", 4, true}, {"劳务派遣", 4, true}, {"labor", 4, true},
		{"顾问", 5, true}, {"Consultant", 5, true},
		{"0", 0, false}, {"6", 6, false}, {"-1", -1, false},
		{"", 0, false}, {"兼职", 0, false}, {"1.5", 0, false},
	}
	for _, c := range cases {
		got, ok := org.ParseEmployeeType(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseEmployeeType(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for i := 1; i <= 5; i++ {
		if n, ok := org.ParseEmployeeType(org.EmployeeTypeNames[i]); !ok || n != i {
			t.Errorf("EmployeeTypeNames[%d] %q parses as %d", i, org.EmployeeTypeNames[i], n)
		}
	}
}

func TestParseGender(t *testing.T) {
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"0", 0, true}, {"1", 1, true}, {"2", 2, true}, {"3", 3, true},
		{"保密", 0, true}, {"未知", 0, true}, {"secret", 0, true}, {"Unknown", 0, true},
		{"男", 1, true}, {"Male", 1, true}, {"M", 1, true}, {"m", 1, true},
		{"女", 2, true}, {"FEMALE", 2, true}, {"f", 2, true},
		{"其他", 3, true}, {"other", 3, true},
		{"4", 4, false}, {"-1", -1, false}, {"", 0, false}, {"男性", 0, false}, {"x", 0, false},
	}
	for _, c := range cases {
		got, ok := org.ParseGender(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseGender(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for i, name := range org.GenderNames {
		if n, ok := org.ParseGender(name); !ok || n != i {
			t.Errorf("GenderNames[%d] %q parses as %d", i, name, n)
		}
	}
}

func TestParseBool(t *testing.T) {
	cases := []struct {
		in       string
		want, ok bool
	}{
		{"是", true, true}, {"true", true, true}, {"TRUE", true, true}, {"Yes", true, true}, {"y", true, true}, {"1", true, true}, {"创建", true, true},
		{"否", false, true}, {"false", false, true}, {"FALSE", false, true}, {"no", false, true}, {"N", false, true}, {"0", false, true}, {"不创建", false, true},
		{"", false, false}, {"maybe", false, false}, {"2", false, false}, {"对", false, false},
	}
	for _, c := range cases {
		got, ok := org.ParseBool(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseBool(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseOrder(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"10", 10, true}, {"000123", 123, true},
		{"", 0, false}, {"-1", 0, false}, {"1.5", 0, false}, {"1e3", 0, false}, {"abc", 0, false},
		{"99999999999999999999", 0, false}, // overflows int64
	}
	for _, c := range cases {
		got, ok := org.ParseOrder(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseOrder(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestSplitList(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"D1", []string{"D1"}},
		{"D1;D2", []string{"D1", "D2"}},
		{"D1,D2", []string{"D1", "D2"}},
		{"D1；D2", []string{"D1", "D2"}},
		{"D1，D2", []string{"D1", "D2"}},
		{"D1、D2", []string{"D1", "D2"}},
		{"D1\nD2", []string{"D1", "D2"}},
		{"D1\r\nD2", []string{"D1", "D2"}},
		{"D1;D2,D3；D4，D5、D6\nD7", []string{"D1", "D2", "D3", "D4", "D5", "D6", "D7"}},
		{" D1 ; D2 ", []string{"D1", "D2"}},
		{"\u3000D1\u3000；\u3000D2", []string{"D1", "D2"}},
		{"D1;;D2;", []string{"D1", "D2"}},
		{";,；，、", nil},
		{"D1;D1", []string{"D1", "D1"}}, // repeats are validation's to report
		{"技术 中心", []string{"技术 中心"}},
	}
	for _, c := range cases {
		got := org.SplitList(c.in)
		if len(got) != len(c.want) || (len(got) > 0 && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("SplitList(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for _, s := range []string{"a@example.com", "zhang.san+hr@mail.example.cn", "o'neil@example.org", "a_b-c%d@sub-domain.example.co.uk"} {
		if !org.ValidEmail(s) {
			t.Errorf("ValidEmail(%q) = false", s)
		}
	}
	for _, s := range []string{"", "a", "a@", "@example.com", "a@example", "a@@example.com", "a b@example.com", "张三 <a@example.com>", "a@example.c", "a@example.com.", "a@exa_mple.com"} {
		if org.ValidEmail(s) {
			t.Errorf("ValidEmail(%q) = true", s)
		}
	}
	if got := org.NormalizeEmail("Zhang.San@Example.COM"); got != "zhang.san@example.com" {
		t.Errorf("NormalizeEmail = %q", got)
	}
}

func TestCharCount(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "张三": 2, "𠀀": 1, "Ａ": 1} {
		if got := org.CharCount(s); got != want {
			t.Errorf("CharCount(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestValidEmailDomainLabels(t *testing.T) {
	for addr, want := range map[string]bool{"a@b.co": true, "a.b@x-y.example.com": true, "a@-.com": false, "a@b-.com": false, "a@.com": false, "a@b": false} {
		if got := org.ValidEmail(addr); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestDateCell(t *testing.T) {
	for in, want := range map[string]string{
		"45474": "2024-07-01", "45474.75": "2024-07-01", "45474.0": "2024-07-01",
		"20240701": "20240701", "2024/7/1": "2024/7/1", "0": "0", "-3": "-3", "abc": "abc", "": "",
		"3000000": "3000000", // past 9999-12-31: validation reports it as written
	} {
		if got := org.DateCell(in); got != want {
			t.Errorf("DateCell(%q) = %q, want %q", in, got, want)
		}
	}
}
