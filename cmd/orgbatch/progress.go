package main

import (
	"time"

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

// Finish completes the bar.
func (p *phaseBar) Finish() {
	if p != nil && p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}
