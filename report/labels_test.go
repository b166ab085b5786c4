package report_test

import (
	"testing"
	"unicode"

	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/plan"
)

// TestStatusAndActionLabels: every status and action a report cell or a
// summary shows is labelled in Chinese and English ("成功 created").
func TestStatusAndActionLabels(t *testing.T) {
	var labels []string
	for _, s := range []importer.Status{importer.StatusCreated, importer.StatusUpdated, importer.StatusUnchanged, importer.StatusFailed,
		importer.StatusSkipped, importer.StatusDeleted, importer.StatusRestored, importer.StatusAdded, importer.StatusRemoved,
		importer.StatusDone, importer.StatusInterrupted} {
		labels = append(labels, s.Label())
	}
	for _, a := range append(plan.Actions, plan.ActionDelete, plan.ActionRestore, plan.ActionRemove) {
		labels = append(labels, a.Label())
	}
	for _, k := range append(append([]plan.Kind{}, plan.Kinds...), plan.KindGroup, plan.KindMember, plan.KindEmployeeType, plan.KindJobLevel, plan.KindJobFamily) {
		labels = append(labels, plan.KindLabel(k))
	}
	for _, l := range labels {
		r := []rune(l)
		if len(r) == 0 || !unicode.Is(unicode.Han, r[0]) || !unicode.Is(unicode.Latin, r[len(r)-1]) {
			t.Errorf("label %q", l)
		}
	}
}
