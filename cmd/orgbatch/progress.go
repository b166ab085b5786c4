package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/rivo/uniseg"
	"github.com/schollz/progressbar/v3"
)

// phaseBar is a progress bar for one phase of work, drawn on stderr only
// when stderr is a terminal and --quiet is off; otherwise every method is
// a no-op (also on a nil *phaseBar). Finish may be called more than once.
type phaseBar struct {
	bar *progressbar.ProgressBar
}

func newPhaseBar(io *IOStreams, total int, description string) *phaseBar {
	if !io.ShowProgress() || total <= 0 {
		return &phaseBar{}
	}
	return &phaseBar{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(io.ErrOut),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("calls"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionUseANSICodes(true), // a redraw clears the line, whatever its width was
		progressbar.OptionOnCompletion(func() { io.ErrOut.Write([]byte("\n")) }),
	)}
}

// Set moves the bar to done of total.
func (p *phaseBar) Set(done, total int) {
	if p == nil || p.bar == nil {
		return
	}
	if int64(total) != p.bar.GetMax64() {
		p.bar.ChangeMax(total)
	}
	p.bar.Set(done)
}

// Describe changes the bar's label.
func (p *phaseBar) Describe(s string) {
	if p != nil && p.bar != nil {
		p.bar.Describe(s)
	}
}

// Finish ends the bar: full when its work is all done, else (interrupted)
// where it stopped — it never jumps to 100%.
func (p *phaseBar) Finish() {
	if p != nil && p.bar != nil {
		endBar(p.bar)
		p.bar = nil
	}
}

func endBar(b *progressbar.ProgressBar) {
	if b.State().CurrentNum >= b.GetMax64() {
		b.Finish()
	} else {
		b.Exit()
	}
}

// rowsBar is an import's bar: rows done of all, how many were created and
// failed, the rate and the time left, labelled in Chinese and English,
// and fitted to the terminal at every redraw — the bar shrinks, then the
// least needed parts are left out, so a narrow terminal never wraps it.
// Like phaseBar it is drawn only on a terminal; every method of a nil or
// undrawn *rowsBar is a no-op.
type rowsBar struct {
	out      io.Writer
	verb     string
	width    func() int // the terminal's columns (0 = unknown)
	now      func() time.Time
	throttle time.Duration
	start    time.Time
	bar      *progressbar.ProgressBar
	barWidth int
	last     importer.Progress
}

func newRowsBar(io *IOStreams, verb string) *rowsBar {
	if !io.ShowProgress() {
		return nil
	}
	return &rowsBar{out: io.ErrOut, verb: verb, width: io.termWidth, now: time.Now, throttle: 100 * time.Millisecond}
}

// Update redraws the bar at p.
func (b *rowsBar) Update(p importer.Progress) {
	if b == nil || p.Rows == 0 {
		return
	}
	if b.start.IsZero() {
		b.start = b.now()
	}
	b.last = p
	width := b.width()
	if width <= 0 {
		width = 80
	}
	desc, barWidth := fitBar(width, b.parts(p))
	if b.bar == nil || barWidth != b.barWidth {
		b.barWidth = barWidth
		b.bar = progressbar.NewOptions(p.Rows,
			progressbar.OptionSetWriter(b.out),
			progressbar.OptionSetWidth(barWidth),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionSetPredictTime(false), // ours, labelled, is in the text
			progressbar.OptionSetElapsedTime(false),
			progressbar.OptionUseANSICodes(true),
			progressbar.OptionThrottle(b.throttle),
			progressbar.OptionOnCompletion(func() { b.out.Write([]byte("\n")) }),
		)
	}
	b.bar.Describe(desc)
	b.bar.Set(p.RowsDone)
}

// Finish ends the bar: at 100% when every row is done, else where the
// run stopped.
func (b *rowsBar) Finish() {
	if b != nil && b.bar != nil {
		endBar(b.bar)
		b.bar = nil
	}
}

// barPart is one part of the bar's text; the parts are shown in order
// and left out, when the terminal is narrow, from the highest drop first.
type barPart struct {
	text string
	drop int // 0: never left out
}

func (b *rowsBar) parts(p importer.Progress) []barPart {
	parts := []barPart{
		{b.verb, 5},
		{fmt.Sprintf("%d/%d 行 rows", p.RowsDone, p.Rows), 0},
		{fmt.Sprintf("新建 created %d", p.Created), 3},
		{fmt.Sprintf("失败 failed %d", p.Failed), 1},
	}
	elapsed := b.now().Sub(b.start)
	if p.RowsDone == 0 || elapsed <= 0 {
		return parts
	}
	rate := float64(p.RowsDone) / elapsed.Seconds()
	eta := time.Duration(float64(p.Rows-p.RowsDone) / rate * float64(time.Second)).Round(time.Second)
	digits := 0
	if rate < 10 {
		digits = 1
	}
	return append(parts,
		barPart{fmt.Sprintf("%.*f 行/秒 rows/s", digits, rate), 4},
		barPart{"剩余 ETA " + eta.String(), 2})
}

// Widths of the bar: wide, narrower, and the least worth drawing.
var barWidths = []int{30, 20, 10}

// barOverhead is what progressbar draws besides the bar and the text:
// "\r 37% |" … "|  " text " ".
const barOverhead = 11

// fitBar picks the text and the bar's width that fit a terminal of width
// columns (one left free, so the cursor never wraps): all parts with the
// widest bar that fits, else fewer parts, else no bar, else the count cut.
func fitBar(width int, parts []barPart) (string, int) {
	for drop := 6; drop >= 0; drop-- {
		desc := joinParts(parts, drop)
		for _, bw := range barWidths {
			if barOverhead+bw+uniseg.StringWidth(desc) <= width-1 {
				return desc, bw
			}
		}
	}
	desc := joinParts(parts, 0)
	return truncateWidth(desc, width-1-barOverhead), 0
}

// joinParts joins the parts whose drop is below drop (or 0).
func joinParts(parts []barPart, drop int) string {
	var out []string
	for _, p := range parts {
		if p.drop == 0 || p.drop < drop {
			out = append(out, p.text)
		}
	}
	return strings.Join(out, " · ")
}

// truncateWidth cuts s to at most width terminal columns.
func truncateWidth(s string, width int) string {
	var b strings.Builder
	w := 0
	for _, r := range s {
		rw := uniseg.StringWidth(string(r))
		if w+rw > width {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	return b.String()
}
