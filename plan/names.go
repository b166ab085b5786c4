package plan

import (
	"cmp"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/org"
)

// nameIndex finds entries of one of the tenant's lists by any of their
// names, compared as org.SegmentKey compares department names (spacing,
// case and character width do not matter).
type nameIndex struct {
	by      map[string][]int
	display []string // each entry's name for people
}

func newNameIndex(n int, names func(i int) []string, display func(i int) string) nameIndex {
	x := nameIndex{by: map[string][]int{}, display: make([]string, n)}
	for i := 0; i < n; i++ {
		x.display[i] = display(i)
		for _, name := range names(i) {
			if k := org.SegmentKey(name); k != "" && !slices.Contains(x.by[k], i) {
				x.by[k] = append(x.by[k], i)
			}
		}
	}
	return x
}

// find returns the entries that have the name.
func (x nameIndex) find(name string) []int { return x.by[org.SegmentKey(name)] }

// names are the display names of entries.
func (x nameIndex) names(is []int) []string {
	out := make([]string, len(is))
	for i, e := range is {
		out[i] = x.display[e]
	}
	return out
}

// close lists up to max entries whose names are close to name: one
// contains the other (first), or they are a few edits apart (a third of
// the length, at least one), closest first.
func (x nameIndex) close(name string, max int) []string {
	k := []rune(org.SegmentKey(name))
	type hit struct {
		name string
		d    int
	}
	best := map[string]int{}
	for key, is := range x.by {
		d := editDistance(k, []rune(key))
		switch {
		case containsRunes(k, []rune(key)):
			d = 0 // one name within the other: the closest kind
		case d > maxEdits(len(k), len([]rune(key))):
			continue
		}
		for _, i := range is {
			if old, ok := best[x.display[i]]; !ok || d < old {
				best[x.display[i]] = d
			}
		}
	}
	hits := make([]hit, 0, len(best))
	for n, d := range best {
		hits = append(hits, hit{n, d})
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.name, b.name)) })
	out := []string{}
	for _, h := range hits[:min(len(hits), max)] {
		out = append(out, h.name)
	}
	return out
}

func maxEdits(a, b int) int { return cmp.Or(min(a, b)/3, 1) }

func containsRunes(a, b []rune) bool {
	sa, sb := string(a), string(b)
	return len(a) > 0 && len(b) > 0 && (strings.Contains(sa, sb) || strings.Contains(sb, sa))
}

// editDistance is the Levenshtein distance of two rune strings.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
