package sheet

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

func TestCleanCell(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"张三", "张三"},
		{"  张三  ", "张三"},
		{"\u3000张三\u3000", "张三"},
		{" \u3000 张 三 \u3000 ", "张 三"}, // inner spaces stay
		{"\t13800138000\r\n", "13800138000"},
		{"\u00a0D100\u00a0", "D100"},
		{"\u200bu001\u200c\u200d\u2060", "u001"},
		{"\ufeff用户ID", "用户ID"},
		{"'=1+1", "=1+1"}, // orgbatch's own formula escape is undone
		{" '+8613800138000 ", "+8613800138000"},
		{"'-5", "-5"},
		{"'@SUM(A1)", "@SUM(A1)"},
		{"'abc", "'abc"}, // an apostrophe before text is the person's
		{"'", "'"},
		{"''=1", "'=1"}, // EscapeFormula("'=1") is "''=1": one apostrophe comes off
	}
	for _, c := range cases {
		if got := CleanCell(c.in); got != c.want {
			t.Errorf("CleanCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestEscapeFormula(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"张三", "张三"},
		{"=1+1", "'=1+1"},
		{"+8613800138000", "'+8613800138000"},
		{"-5", "'-5"},
		{"@cmd", "'@cmd"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=b", "a=b"},
		// A value that already looks escaped gets one more apostrophe.
		{"'=1", "''=1"},
		{"''+1", "'''+1"},
		{"'abc", "'abc"},
		{"'", "'"},
	}
	for _, c := range cases {
		got := EscapeFormula(c.in)
		if got != c.want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", c.in, got, c.want)
		}
		if back := UnescapeFormula(got); back != c.in {
			t.Errorf("UnescapeFormula(EscapeFormula(%q)) = %q", c.in, back)
		}
	}
}

func TestNormalizeNumber(t *testing.T) {
	cases := []struct{ in, want string }{
		// Scientific notation of exact integers (Java's Double.toString,
		// Go's %G …) back to digits.
		{"1.3800138E10", "13800138000"},
		{"1.3800138e+10", "13800138000"},
		{"1.3800138E+010", "13800138000"},
		{"4.5293E4", "45293"},
		{"8.6138001380E12", "8613800138000"},
		{"1.3800138E+10", "13800138000"}, // more digits than Excel shows
		// Excel's display form of a long number stays as it is: text a
		// person pasted, whose digits are lost (org.ParseMobile says so).
		{"1.38E+10", "1.38E+10"},
		{"1.38001E+10", "1.38001E+10"},
		{"1E+10", "1E+10"},
		{"8.61381E+12", "8.61381E+12"},
		// A zero fraction.
		{"1.0", "1"},
		{"45293.0", "45293"},
		{"13800138000.0", "13800138000"},
		{"0.0", "0"},
		{"10.00", "10"},
		// Codes without a decimal point are not a writer's number form.
		{"1E5", "1E5"},
		{"12E3", "12E3"},
		{"1e3", "1e3"},
		{"1E0", "1E0"},
		// Unchanged: not integral, negative, too many digits, not a number.
		{"45293.5", "45293.5"},
		{"1.5E0", "1.5E0"},
		{"-1.0", "-1.0"},
		{"-1E3", "-1E3"},
		{"1E15", "1E15"},
		{"1.234567890123456789E18", "1.234567890123456789E18"},
		{"1E400", "1E400"},
		{"13800138000", "13800138000"},
		{"000123", "000123"},
		{"1", "1"},
		{"12", "12"},
		{"2024.1.2", "2024.1.2"},
		{"2024-01-02", "2024-01-02"},
		{"E10", "E10"},
		{"1e", "1e"},
		{"abc", "abc"},
		{"D1.0", "D1.0"},
		{"1.0 ", "1.0 "},
		{"1.", "1."},
		{".0", ".0"},
		{"1.0.0", "1.0.0"},
		{"1.0E", "1.0E"},
		{"9.99999999999999E14", "999999999999999"},
		{"1.0E15", "1.0E15"},
		{"1.0E300", "1.0E300"},
		{"NaN", "NaN"},
		{"Inf", "Inf"},
		{"0x1p4", "0x1p4"},
		{"1_000.0", "1_000.0"},
	}
	for _, c := range cases {
		if got := normalizeNumber(c.in); got != c.want {
			t.Errorf("normalizeNumber(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSniffDelimiter(t *testing.T) {
	cases := []struct {
		head string
		want rune
	}{
		{"", ','},
		{"a", ','},
		{"a,b,c\n", ','},
		{"a;b;c\n", ';'},
		{"a\tb\tc\n", '\t'},
		{"a;b,c;d\n", ';'},
		{"a,b;c,d\n", ','},
		{"a,b\nc;d;e;f;g\n", ','},      // the first line decides
		{"\"a;b;c\",d,e\n", ','},       // quoted delimiters do not count
		{"\"a\nb;c;d\",e,f\n", ','},    // nor a quoted line break
		{"\xFF\xFEa\x00,\x00", '\t'},   // UTF-16: Excel's Unicode text
		{"\xFE\xFF\x00a\x00,", '\t'},   // big-endian
		{"a;b\tc\td\n", '\t'},          // the most frequent wins
		{"a,b;c\n", ','},               // ties go to the comma
		{"\xEF\xBB\xBFa;b;c\r\n", ';'}, // after a BOM
	}
	for _, c := range cases {
		if got := sniffDelimiter([]byte(c.head)); got != c.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", c.head, got, c.want)
		}
	}
}

func TestScanMergeRefs(t *testing.T) {
	const head = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	merges := `<mergeCells count="3"><mergeCell ref="F2:F3"/><x:mergeCell ref="A1:B1" /><mergeCell ref="C5:D9"></mergeCell></mergeCells>`
	cases := []struct {
		name string
		xml  string
		want []string
		err  bool
	}{
		{"none", head + `</sheetData></worksheet>`, nil, false},
		{"some", head + `</sheetData>` + merges + `</worksheet>`, []string{"F2:F3", "A1:B1", "C5:D9"}, false},
		{"prefixed root", `<x:worksheet xmlns:x="main"><x:sheetData/><x:mergeCells><x:mergeCell ref="A1:A2" /></x:mergeCells></x:worksheet>` + "\r\n", []string{"A1:A2"}, false},
		{"empty root", `<worksheet xmlns="main"/>`, nil, false},
		{"empty root, no attributes", `<worksheet/>` + "\n", nil, false},
		{"empty root, line breaks", "<x:worksheet\n\txmlns:x=\"main\"\n/>", nil, false},
		{"chart sheet", `<chartsheet xmlns="main"><drawing r:id="rId1"/></chartsheet>`, nil, false},
		{"ends in a cell", head + `<row r="1"><c r="A1"/>`, nil, true},
		{"truncated", head + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"/>`, nil, true},
		{"truncated in merges", head + `</sheetData><mergeCells count="1"><mergeCell ref="F2:F3"/>`, nil, true},
		{"empty", ``, nil, true},
	}
	for _, c := range cases {
		got, err := scanMergeRefs(strings.NewReader(c.xml))
		if (err != nil) != c.err || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, %v; want %q, error %v", c.name, got, err, c.want, c.err)
		}
	}
}

// TestScanMergeRefsChunks: a merge list after megabytes of cell data, with
// elements across every read boundary, is found whole, once.
func TestScanMergeRefsChunks(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<worksheet><sheetData>`)
	for i := 1; b.Len() < 3<<20; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>张三</t></is></c></row>`, i, i)
	}
	b.WriteString(`</sheetData><mergeCells count="300">`)
	var want []string
	for i := 1; i <= 300; i++ {
		ref := fmt.Sprintf("A%d:B%d", i*2, i*2+1)
		want = append(want, ref)
		fmt.Fprintf(&b, `<mergeCell ref="%s"/>`, ref)
	}
	b.WriteString(`</mergeCells></worksheet>`)
	data := b.String()
	// Shift the data so the merge list falls on different chunk offsets.
	for _, pad := range []int{0, 1, 7, 13, 511, 512, 513} {
		xml := strings.Repeat(" ", pad) + data
		// One byte at a time over the merge list (a whole document: the
		// rows are cut to keep it quick).
		small := strings.Repeat(" ", pad) + `<worksheet><sheetData><row r="1"/></sheetData>` + data[strings.Index(data, "<mergeCells"):]
		for name, r := range map[string]interface{ Read([]byte) (int, error) }{
			"whole":    strings.NewReader(xml),
			"half":     iotest.HalfReader(strings.NewReader(xml)),
			"one byte": iotest.OneByteReader(strings.NewReader(small)),
		} {
			got, err := scanMergeRefs(r)
			if err != nil {
				t.Fatalf("pad %d %s: %v", pad, name, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("pad %d %s: %d refs, want %d (first %q)", pad, name, len(got), len(want), got[:min(3, len(got))])
			}
		}
	}
}

func TestFillSet(t *testing.T) {
	// F2:F4 (one column, three rows), B6:C7 (two columns), D9:E9
	// (horizontal: never in a fillSet, see verticalMerges).
	s := &fillSet{byTop: map[int][]mergeFill{
		2: {{c1: 5, c2: 5, top: 2, bottom: 4}},
		6: {{c1: 1, c2: 2, top: 6, bottom: 7}},
	}}
	rows := []struct {
		num      int
		in, want []string
	}{
		{1, []string{"h0", "h1", "h2", "h3", "h4", "h5"}, []string{"h0", "h1", "h2", "h3", "h4", "h5"}},
		{2, []string{"a", "", "", "", "", "D100"}, []string{"a", "", "", "", "", "D100"}},
		{3, []string{"b"}, []string{"b", "", "", "", "", "D100"}},
		{4, []string{"c", "", "", "", "", ""}, []string{"c", "", "", "", "", "D100"}},
		{5, []string{"d"}, []string{"d"}},
		{6, []string{"e", "X", "Y"}, []string{"e", "X", "Y"}},
		{7, []string{"f"}, []string{"f", "X", "Y"}},
		{8, []string{"g"}, []string{"g"}},
	}
	for _, r := range rows {
		if got := s.apply(r.num, r.in); !reflect.DeepEqual(got, r.want) {
			t.Errorf("row %d: %q, want %q", r.num, got, r.want)
		}
	}
	var nilSet *fillSet
	if got := nilSet.apply(1, []string{"a"}); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("nil fillSet changed the row: %q", got)
	}
}
