package msg

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"unicode"
)

// verbs maps each argument a format uses (1-based) to its verb, as fmt
// counts them: in order, or by an explicit index such as %[2]s.
func verbs(format string) (map[int]string, error) {
	re := regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?(?:\[(\d+)\])?([a-zA-Z%])`)
	out := map[int]string{}
	next := 1
	for _, m := range re.FindAllStringSubmatch(format, -1) {
		if m[3] == "%" {
			continue
		}
		idx := m[1] + m[2]
		if idx != "" {
			next, _ = strconv.Atoi(idx)
		}
		if v, ok := out[next]; ok && v != m[3] {
			return nil, fmt.Errorf("argument %d used as %%%s and %%%s", next, v, m[3])
		}
		out[next] = m[3]
		next++
	}
	return out, nil
}

func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func hasLatin(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// TestCatalogueComplete: every message has a Chinese and an English form,
// and both use the same arguments with the same verbs.
func TestCatalogueComplete(t *testing.T) {
	if len(IDs()) != int(RunTotals)+1 {
		t.Fatalf("%d messages in the catalogue, %d IDs", len(IDs()), int(RunTotals)+1)
	}
	for _, id := range IDs() {
		tx := id.Text()
		if !hasCJK(tx.ZH) || !hasLatin(tx.EN) || hasCJK(tx.EN) {
			t.Errorf("message %d: ZH %q, EN %q", id, tx.ZH, tx.EN)
			continue
		}
		zh, err1 := verbs(tx.ZH)
		en, err2 := verbs(tx.EN)
		if err1 != nil || err2 != nil || fmt.Sprint(zh) != fmt.Sprint(en) {
			t.Errorf("message %d: verbs %v (%v) in ZH %q, %v (%v) in EN %q", id, zh, err1, tx.ZH, en, err2, tx.EN)
		}
	}
}

func TestVerbs(t *testing.T) {
	for format, want := range map[string]string{
		"%s %d":               "map[1:s 2:d]",
		"%[2]s then %[1]d":    "map[1:d 2:s]",
		"100%% %q %.1f %-8s":  "map[1:q 2:f 3:s]",
		"%[3]s 中 %[2]s %[1]s": "map[1:s 2:s 3:s]",
	} {
		if got, err := verbs(format); err != nil || fmt.Sprint(got) != want {
			t.Errorf("verbs(%q) = %v, %v; want %s", format, got, err, want)
		}
	}
}

// TestLabels: every status and action has a Chinese name, and labels
// render Chinese first.
func TestLabels(t *testing.T) {
	for _, m := range []map[string]Label{statuses, actions} {
		for en, l := range m {
			if l.EN != en || !hasCJK(l.ZH) {
				t.Errorf("%s: %+v", en, l)
			}
		}
	}
	if got := Status("created").String(); got != "成功 created" {
		t.Errorf("created: %q", got)
	}
	if got := Status("nonesuch").String(); got != "nonesuch" {
		t.Errorf("an unknown status: %q", got)
	}
}

func TestFormatting(t *testing.T) {
	if got := NoUnfinished.F("import", "a.xlsx", "reports"); got != "reports 中没有 a.xlsx 的未完成 import 运行 / no unfinished import of a.xlsx in reports" {
		t.Errorf("NoUnfinished: %q", got)
	}
	if w := Width("成功 created"); w != 12 {
		t.Errorf("Width = %d", w)
	}
	if got := PadLeft("已更新", 8); got != "  已更新" {
		t.Errorf("PadLeft: %q", got)
	}
}
