package view

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"
	"strconv"
	"strings"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/report"
)

// Outcomes writes the final summary table and the failed rows.
func Outcomes(w io.Writer, res *importer.Result) {
	counts := report.RowCounts(res)
	statuses := []importer.Status{importer.StatusCreated, importer.StatusUpdated, importer.StatusUnchanged, importer.StatusFailed, importer.StatusSkipped}
	if res.Count(importer.StatusDeleted)+res.Count(importer.StatusRestored) > 0 { // an offboarding or a restore
		statuses = []importer.Status{importer.StatusDeleted, importer.StatusRestored, importer.StatusCreated, importer.StatusUpdated, importer.StatusUnchanged, importer.StatusFailed, importer.StatusSkipped}
	}
	labels := make([]msg.Label, len(statuses))
	for i, s := range statuses {
		labels[i] = msg.Status(string(s))
	}
	tableHeader(w, labels, 11)
	for _, k := range plan.Kinds {
		if k == plan.KindUnit && counts[string(k)] == nil {
			continue // a sheet without units
		}
		fmt.Fprint(w, msg.PadRight(plan.KindLabel(k), 12))
		for _, s := range statuses {
			fmt.Fprintf(w, "%11d", counts[string(k)][string(s)])
		}
		fmt.Fprintln(w)
	}
	directoryOutcomes(w, counts, statuses)
	groupCounts(w, counts)
	shown := 0
	for _, oc := range res.Outcomes {
		if oc.Status != importer.StatusFailed && oc.Status != importer.StatusSkipped || oc.Change.BlockedBy == plan.UnitsUnavailable {
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

// tableHeader writes a summary table's two header lines, the English
// names over the Chinese ones (a label of both would not fit a column),
// each right-aligned in col terminal columns after the 12-column kind.
func tableHeader(w io.Writer, labels []msg.Label, col int) {
	fmt.Fprint(w, strings.Repeat(" ", 12))
	for _, l := range labels {
		fmt.Fprint(w, msg.PadLeft(l.EN, col))
	}
	fmt.Fprint(w, "\n"+strings.Repeat(" ", 12))
	for _, l := range labels {
		fmt.Fprint(w, msg.PadLeft(l.ZH, col))
	}
	fmt.Fprintln(w)
}
