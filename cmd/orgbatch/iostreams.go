package main

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams carries the command's input and outputs, and whether stderr is a
// terminal (progress bars and colour only appear on a terminal).
type IOStreams struct {
	In         io.Reader
	Out        io.Writer
	ErrOut     io.Writer
	ErrIsTTY   bool
	Quiet      bool
	lookupEnv  func(string) (string, bool)
	workingDir string
}

// SystemIO returns the process's real streams.
func SystemIO() *IOStreams {
	wd, _ := os.Getwd()
	return &IOStreams{
		In:         os.Stdin,
		Out:        os.Stdout,
		ErrOut:     os.Stderr,
		ErrIsTTY:   term.IsTerminal(int(os.Stderr.Fd())),
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

// ShowProgress reports whether progress bars should be drawn.
func (io *IOStreams) ShowProgress() bool { return io.ErrIsTTY && !io.Quiet }
