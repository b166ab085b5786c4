package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/rivo/uniseg"
)

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`)

// frames are the lines a bar drew into a fake terminal: what is left on
// screen after each carriage return, without escape codes.
func frames(out string) []string {
	var fs []string
	for _, line := range strings.Split(out, "\n") {
		for _, f := range strings.Split(line, "\r") {
			if f = ansi.ReplaceAllString(f, ""); strings.TrimSpace(f) != "" {
				fs = append(fs, f)
			}
		}
	}
	return fs
}

// fakeBar is a rowsBar drawing into a buffer as a terminal of width
// columns, on a clock the test moves.
func fakeBar(width *int, clock *time.Time) (*rowsBar, *bytes.Buffer) {
	var out bytes.Buffer
	return &rowsBar{out: &out, verb: "导入 importing", width: func() int { return *width }, now: func() time.Time { return *clock }}, &out
}

// TestRowsBarFitsTheTerminal: at every width the bar's line fits the
// terminal (a column to spare, so it never wraps), keeps the rows done /
// total and — while there is room — the failed and created counts, the
// rate and the time left, in both languages; a terminal made narrower
// mid-run gets lines that fit it from the next redraw on.
func TestRowsBarFitsTheTerminal(t *testing.T) {
	p := importer.Progress{Rows: 12000, RowsDone: 3000, Created: 2990, Failed: 10}
	tests := []struct {
		width int
		want  []string // parts on the line
		not   []string // parts left out
	}{
		{200, []string{"导入 importing", "3000/12000 行 rows", "新建 created 2990", "失败 failed 10", "100 行/秒 rows/s", "剩余 ETA 1m30s", "|██████"}, nil},
		{120, []string{"3000/12000 行 rows", "新建 created 2990", "失败 failed 10", "100 行/秒 rows/s", "剩余 ETA 1m30s"}, []string{"导入 importing"}},
		{80, []string{"3000/12000 行 rows", "失败 failed 10", "剩余 ETA 1m30s"}, []string{"导入 importing", "行/秒", "新建"}},
		{60, []string{"3000/12000 行 rows", "失败 failed 10"}, []string{"新建", "剩余", "行/秒"}},
		{40, []string{"3000/12000 行 rows"}, []string{"失败", "新建"}},
		{24, []string{"3000/12000"}, []string{"失败"}},
	}
	for _, tc := range tests {
		width, clock := tc.width, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
		b, out := fakeBar(&width, &clock)
		b.Update(importer.Progress{Rows: p.Rows})
		clock = clock.Add(30 * time.Second)
		b.Update(p)
		fs := frames(out.String())
		last := fs[len(fs)-1]
		for _, f := range fs {
			if w := uniseg.StringWidth(f); w > tc.width-1 {
				t.Errorf("width %d: a %d-column line %q", tc.width, w, f)
			}
		}
		for _, s := range tc.want {
			if !strings.Contains(last, s) {
				t.Errorf("width %d: %q lacks %q", tc.width, last, s)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(last, s) {
				t.Errorf("width %d: %q has %q", tc.width, last, s)
			}
		}
		if !strings.Contains(last, " 25%") {
			t.Errorf("width %d: %q is not at 25%%", tc.width, last)
		}
	}

	// Narrowed mid-run: the next line fits the new width.
	width, clock := 200, time.Now()
	b, out := fakeBar(&width, &clock)
	b.Update(p)
	width = 50
	out.Reset()
	clock = clock.Add(time.Second)
	b.Update(importer.Progress{Rows: 12000, RowsDone: 3100})
	for _, f := range frames(out.String()) {
		if uniseg.StringWidth(f) > 49 {
			t.Errorf("after narrowing to 50: %q", f)
		}
	}
}

// TestRowsBarEnds: finished, the bar is full; interrupted, it stays where
// the run stopped; not on a terminal, or with --quiet, there is none.
func TestRowsBarEnds(t *testing.T) {
	for _, tc := range []struct {
		done int
		want string
	}{{100, "100%"}, {37, " 37%"}} {
		width, clock := 100, time.Now()
		b, out := fakeBar(&width, &clock)
		b.Update(importer.Progress{Rows: 100, RowsDone: tc.done})
		b.Finish()
		fs := frames(out.String())
		if last := fs[len(fs)-1]; !strings.Contains(last, tc.want) || !strings.HasSuffix(out.String(), "\n") {
			t.Errorf("%d of 100 done, finished: %q", tc.done, out.String())
		}
		if tc.done < 100 && strings.Contains(out.String(), "100%") {
			t.Errorf("an interrupted bar went to 100%%: %q", out.String())
		}
	}
	io, _, errOut := TestIO()
	for _, tty := range []bool{false, true} {
		io.ErrIsTTY, io.Quiet = tty, tty
		b := newRowsBar(io, "导入 importing")
		b.Update(importer.Progress{Rows: 10, RowsDone: 5})
		b.Finish()
	}
	if errOut.Len() != 0 {
		t.Errorf("a bar when piped or quiet: %q", errOut.String())
	}
}
