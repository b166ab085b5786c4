package view

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/msg"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/report"
)

// Outcomes writes the final summary table and the failed rows.
func Outcomes(w io.Writer, res *importer.Result) {
	counts := report.RowCounts(res)
	outcomeTable(w, counts, outcomeLines(counts))
	shown := 0
	for _, oc := range res.Outcomes {
		if oc.Status != importer.StatusFailed && oc.Status != importer.StatusSkipped || oc.Change.BlockedBy == plan.UnitsUnavailable {
			// interrupted rows are not rows to fix: the resume does them
			continue // a tenant without units is said once, in the plan
		}
		if shown == 0 {
			fmt.Fprintln(w)
		}
		if shown++; shown > 20 {
			fmt.Fprintf(w, "… (%s)\n", msg.SeeReportForAll.F(res.Count(importer.StatusFailed)+res.Count(importer.StatusSkipped)))
			break
		}
		code := oc.Rule
		if oc.Code != 0 {
			code = strconv.Itoa(oc.Code)
		}
		key, row := oc.Change.Key, "" // departments an offboarding deletes have no row
		switch {
		case oc.Change.IsDirectory(): // no row of its own: where it was first named
			key, row = oc.Change.Name, fmt.Sprintf(" (row %d)", oc.Change.Origin.Row)
		case rowOf(oc.Change) > 0: // a group member's row may be a groups sheet's members cell
			row = fmt.Sprintf(" (row %d)", rowOf(oc.Change))
		}
		fmt.Fprintf(w, "%s %s %s%s: %s %s\n", msg.PadRight(oc.Status.Label(), 12), oc.Change.Kind, textsafe.Terminal(key), row, code, textsafe.Terminal(oc.Message))
	}
}

// outcomeLine is one line of the final table: a label and the kinds whose
// rows it counts.
type outcomeLine struct {
	label string
	kinds []plan.Kind
}

// outcomeLines are the final table's lines: departments and users always,
// the others when the run had such rows.
func outcomeLines(counts map[string]map[string]int) []outcomeLine {
	var lines []outcomeLine
	for _, k := range plan.Kinds {
		if k == plan.KindUnit && counts[string(k)] == nil {
			continue // a sheet without units
		}
		lines = append(lines, outcomeLine{plan.KindLabel(k), []plan.Kind{k}})
	}
	lines = append(lines, outcomeLine{msg.Kind("directory").String(), plan.DirectoryKinds},
		outcomeLine{plan.KindLabel(plan.KindGroup), []plan.Kind{plan.KindGroup}}, outcomeLine{plan.KindLabel(plan.KindMember), []plan.Kind{plan.KindMember}})
	return slices.DeleteFunc(lines, func(l outcomeLine) bool {
		return len(l.kinds) > 0 && l.kinds[0] != plan.KindDepartment && l.kinds[0] != plan.KindUser && total(counts, l.kinds) == 0
	})
}

// outcomeStatuses are the table's columns in order: the usual five, and
// the others when some row has them.
var outcomeStatuses = []struct {
	s      importer.Status
	always bool
}{
	{importer.StatusDeleted, false}, {importer.StatusRestored, false},
	{importer.StatusCreated, true}, {importer.StatusUpdated, true},
	{importer.StatusAdded, false}, {importer.StatusRemoved, false},
	{importer.StatusUnchanged, true}, {importer.StatusFailed, true}, {importer.StatusSkipped, true},
	{importer.StatusInterrupted, false},
}

// outcomeTable writes the counts as a table, every line in the same
// columns (labels padded by their width on a terminal: a Chinese
// character takes two).
func outcomeTable(w io.Writer, counts map[string]map[string]int, lines []outcomeLine) {
	var cols []importer.Status
	for _, st := range outcomeStatuses {
		if st.always || slices.ContainsFunc(lines, func(l outcomeLine) bool { return sum(counts, l.kinds, st.s) > 0 }) {
			cols = append(cols, st.s)
		}
	}
	const labelWidth, colWidth = 16, 12
	labels := make([]msg.Label, len(cols))
	for i, s := range cols {
		labels[i] = msg.Status(string(s))
	}
	tableHeader(w, labels, labelWidth, colWidth)
	for _, l := range lines {
		fmt.Fprint(w, padRight(l.label, labelWidth))
		for _, s := range cols {
			fmt.Fprintf(w, "%*d", colWidth, sum(counts, l.kinds, s))
		}
		fmt.Fprintln(w)
	}
}

func sum(counts map[string]map[string]int, kinds []plan.Kind, s importer.Status) int {
	n := 0
	for _, k := range kinds {
		n += counts[string(k)][string(s)]
	}
	return n
}

func total(counts map[string]map[string]int, kinds []plan.Kind) int {
	n := 0
	for _, k := range kinds {
		for _, c := range counts[string(k)] {
			n += c
		}
	}
	return n
}

// padRight pads s with spaces to width terminal columns.
func padRight(s string, width int) string {
	if n := uniseg.StringWidth(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s + " "
}

// tableHeader writes a summary table's two header lines, the English
// names over the Chinese ones (a label of both would not fit a column),
// each right-aligned in col terminal columns after the label's.
func tableHeader(w io.Writer, labels []msg.Label, label, col int) {
	fmt.Fprint(w, strings.Repeat(" ", label))
	for _, l := range labels {
		fmt.Fprint(w, msg.PadLeft(l.EN, col))
	}
	fmt.Fprint(w, "\n"+strings.Repeat(" ", label))
	for _, l := range labels {
		fmt.Fprint(w, msg.PadLeft(l.ZH, col))
	}
	fmt.Fprintln(w)
}
