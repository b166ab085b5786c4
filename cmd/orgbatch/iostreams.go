package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// IOStreams carries the command's input and outputs, and whether stdin and
// stderr are terminals (progress bars and colour only appear on a terminal;
// questions are only asked when both are one).
type IOStreams struct {
	In       io.Reader
	Out      io.Writer
	ErrOut   io.Writer
	InIsTTY  bool
	ErrIsTTY bool
	Quiet    bool
	// TermWidth is stderr's width in columns, asked at every redraw of a
	// bar (a terminal can be resized); nil or 0 is unknown.
	TermWidth  func() int
	lookupEnv  func(string) (string, bool)
	workingDir string
	answers    *bufio.Reader // In, read a line per question
}

// SystemIO returns the process's real streams.
func SystemIO() *IOStreams {
	wd, _ := os.Getwd()
	return &IOStreams{
		In:       os.Stdin,
		Out:      os.Stdout,
		ErrOut:   os.Stderr,
		InIsTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		ErrIsTTY: term.IsTerminal(int(os.Stderr.Fd())),
		TermWidth: func() int {
			w, _, err := term.GetSize(int(os.Stderr.Fd()))
			if err != nil {
				return 0
			}
			return w
		},
		lookupEnv:  os.LookupEnv,
		workingDir: wd,
	}
}

// TestIO returns streams backed by buffers, for command tests.
func TestIO() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{
		In:        &bytes.Buffer{},
		Out:       out,
		ErrOut:    errOut,
		lookupEnv: func(string) (string, bool) { return "", false },
	}, out, errOut
}

// Getenv reads an environment variable through the streams' lookup, so tests
// control the environment without touching the process's.
func (io *IOStreams) Getenv(key string) string {
	if io.lookupEnv == nil {
		return ""
	}
	v, _ := io.lookupEnv(key)
	return v
}

// WithEnv returns a copy of the streams that sees env as its environment.
func (io *IOStreams) WithEnv(env map[string]string) *IOStreams {
	c := *io
	c.lookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	return &c
}

// say tells the person at the terminal how things go, on stderr, unless
// --quiet.
func (io *IOStreams) say(format string, args ...any) {
	if !io.Quiet {
		fmt.Fprintf(io.ErrOut, format+"\n", args...)
	}
}

// termWidth is stderr's width in columns, 0 when unknown.
func (io *IOStreams) termWidth() int {
	if io.TermWidth == nil {
		return 0
	}
	return io.TermWidth()
}

// ShowProgress reports whether progress bars should be drawn.
func (io *IOStreams) ShowProgress() bool { return io.ErrIsTTY && !io.Quiet }

// CanPrompt reports whether someone can be asked: stdin and stderr are both
// terminals. A script, a pipe or a redirected stderr never is.
func (io *IOStreams) CanPrompt() bool { return io.InIsTTY && io.ErrIsTTY }

// errNoAnswer is a question that got no line back (stdin closed).
var errNoAnswer = errors.New("no answer")

// Ask prints question on stderr and returns the line typed, trimmed. It is
// the one place orgbatch reads an answer: tests drive it by setting In and
// InIsTTY/ErrIsTTY. Ctrl-C while waiting returns ctx.Err() (the reading
// goroutine is left to the process's exit).
func (io *IOStreams) Ask(ctx context.Context, question string) (string, error) {
	fmt.Fprint(io.ErrOut, question)
	if io.answers == nil {
		io.answers = bufio.NewReader(io.In)
	}
	type line struct {
		s   string
		err error
	}
	got := make(chan line, 1)
	go func() {
		s, err := io.answers.ReadString('\n')
		got <- line{s, err}
	}()
	select {
	case <-ctx.Done():
		fmt.Fprintln(io.ErrOut)
		return "", ctx.Err()
	case l := <-got:
		if l.err != nil && l.s == "" {
			fmt.Fprintln(io.ErrOut)
			return "", errNoAnswer
		}
		return strings.TrimSpace(l.s), nil
	}
}
