package view

import (
	"fmt"
	"io"
	"strconv"

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
	fmt.Fprintf(w, "%-12s", "")
	for _, s := range statuses {
		fmt.Fprintf(w, "%11s", s)
	}
	fmt.Fprintln(w)
	for _, k := range plan.Kinds {
		if k == plan.KindUnit && counts[string(k)] == nil {
			continue // a sheet without units
		}
		fmt.Fprintf(w, "%-12s", plan.KindLabel(k))
		for _, s := range statuses {
			fmt.Fprintf(w, "%11d", counts[string(k)][string(s)])
		}
		fmt.Fprintln(w)
	}
	directoryOutcomes(w, counts, statuses)
	shown := 0
	for _, oc := range res.Outcomes {
		if oc.Status != importer.StatusFailed && oc.Status != importer.StatusSkipped || oc.Change.BlockedBy == plan.UnitsUnavailable {
			continue // a tenant without units is said once, in the plan
		}
		if shown == 0 {
			fmt.Fprintln(w)
		}
		if shown++; shown > 20 {
			fmt.Fprintf(w, "… (see the report for all %d)\n", res.Count(importer.StatusFailed)+res.Count(importer.StatusSkipped))
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
		case oc.Change.Record.T != nil:
			row = fmt.Sprintf(" (row %d)", oc.Change.Record.Num)
		}
		fmt.Fprintf(w, "%-8s %s %s%s: %s %s\n", oc.Status, oc.Change.Kind, textsafe.Terminal(key), row, code, textsafe.Terminal(oc.Message))
	}
}
