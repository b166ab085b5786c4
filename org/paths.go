package org

import (
	"strings"

	"golang.org/x/text/width"
)

// Department paths name a department by the names from the top of the
// tree down: 总部/技术中心/前端组 — how Feishu's admin template and most HR
// exports write a person's department, and why a department name may never
// contain "/".

// RootPath names the root department (the company) in a path column.
const RootPath = "/"

// PathSeparators split a path; the full-width slash counts as a slash.
const PathSeparators = "/／"

// MaxPathDepth is the deepest path the API allows (25 levels).
const MaxPathDepth = 25

// MaxSegmentLen bounds one name in a path. The API documents no limit for
// department names; 100 characters is what the admin console accepts.
const MaxSegmentLen = 100

// SplitPaths splits a multi-path cell at ; and ； (a comma may be part of a
// department name, so it does not separate paths).
func SplitPaths(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' || r == '\n' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimFunc(p, isSpaceRune); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

// Path is a parsed department path.
type Path struct {
	Segments []string // names as written, trimmed
	// What was normalised while parsing, for warnings.
	EdgeSeparator bool // a leading or trailing separator was dropped
	FullWidth     bool // a full-width slash was read as a slash
	EmptySegment  bool // two separators in a row (an error: which level is missing?)
	BadSegment    string
}

// ParsePath parses one path. Leading and trailing separators are dropped,
// full-width slashes read as slashes and spaces around names trimmed (all
// reported as normalised); an empty name in the middle is an error.
func ParsePath(s string) Path {
	var p Path
	if s == RootPath || s == "／" {
		return p // the root itself
	}
	p.FullWidth = strings.ContainsRune(s, '／')
	parts := strings.Split(strings.ReplaceAll(s, "／", "/"), "/")
	for i, part := range parts {
		name := strings.TrimFunc(part, isSpaceRune)
		if name == "" {
			if i == 0 || i == len(parts)-1 {
				p.EdgeSeparator = p.EdgeSeparator || len(parts) > 1
				continue
			}
			p.EmptySegment = true
			continue
		}
		if CharCount(name) > MaxSegmentLen || strings.ContainsAny(name, "\t\r\n") {
			p.BadSegment = name
		}
		p.Segments = append(p.Segments, name)
	}
	return p
}

// String writes the path normalised.
func (p Path) String() string { return strings.Join(p.Segments, "/") }

// SegmentKey is how names are compared along a path: the same name written
// with other spacing, case or character width is the same department.
func SegmentKey(name string) string {
	name = width.Fold.String(name)
	name = strings.ToLower(name)
	return strings.Map(func(r rune) rune {
		if isSpaceRune(r) {
			return -1
		}
		return r
	}, name)
}

// PathKey is the comparison key of a whole path.
func PathKey(segments []string) string {
	keys := make([]string, len(segments))
	for i, s := range segments {
		keys[i] = SegmentKey(s)
	}
	return strings.Join(keys, "/")
}
