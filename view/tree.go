package view

import (
	"bufio"
	"fmt"
	"io"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/tenant"
)

// Tree prints the tree view to w, one department per line with its member
// count. Hidden characters in names (textsafe.Terminal) are shown as U+FFFD
// so a name cannot drive the terminal.
func Tree(w io.Writer, t *tenant.Tree, maxDepth int) error {
	bw := bufio.NewWriter(w)
	for _, l := range exporter.TreeLines(t, maxDepth) {
		l.Name = textsafe.Terminal(l.Name)
		fmt.Fprintln(bw, l.Text())
	}
	return bw.Flush()
}
