package tenant_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/tenant"
)

func unitsOrg(t *testing.T, csv string) *org.Org {
	t.Helper()
	p := filepath.Join(t.TempDir(), "units.csv")
	if err := os.WriteFile(p, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	o, ps := org.Load([]org.Input{{Path: p}})
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	return o
}

// TestForOrgReadsUnits: a sheet that uses units reads every page of the
// tenant's units, even when the tenant has no departments; one that does
// not, reads none; a tenant without units is a fact, not a failed read.
func TestForOrgReadsUnits(t *testing.T) {
	tn := start(t, sandbox.Options{})
	ctx := context.Background()
	for i := 0; i < feishu.UnitPageMax+5; i++ {
		if _, err := tn.api.CreateUnit(ctx, feishu.Unit{Name: string(rune('一' + i)), UnitType: "T"}); err != nil {
			t.Fatal(err)
		}
	}
	withUnits := unitsOrg(t, "unit_id,name,unit_type\nBU1,一,T\n")
	snap, err := tn.reader(2).ForOrg(ctx, withUnits, "")
	if err != nil {
		t.Fatal(err)
	}
	if !snap.Empty || !snap.UnitsRead || snap.UnitsUnavailable || len(snap.Units) != feishu.UnitPageMax+5 || snap.Pages[feishu.EPListUnits] != 2 {
		t.Fatalf("empty %v read %v unavailable %v, %d units in %d pages", snap.Empty, snap.UnitsRead, snap.UnitsUnavailable, len(snap.Units), snap.Pages[feishu.EPListUnits])
	}
	if got := snap.UnitsByName("一"); len(got) != 1 || got[0].UnitType != "T" {
		t.Errorf("by name: %+v", got)
	}
	if m := snap.MinCalls(); m[feishu.EPListUnits] != 2 {
		t.Errorf("minimum %v", m)
	}
	none := unitsOrg(t, "department_id,name,parent_department_id\nD,甲,0\n")
	snap, err = tn.reader(2).ForOrg(ctx, none, "")
	if err != nil || snap.UnitsRead || snap.Calls[feishu.EPListUnits] != 0 {
		t.Fatalf("a sheet without units read them: %v %v", snap.UnitsRead, err)
	}

	off := start(t, sandbox.Options{NoEnterprise: true})
	snap, err = off.reader(2).ForOrg(ctx, withUnits, "")
	if err != nil || !snap.UnitsRead || !snap.UnitsUnavailable {
		t.Fatalf("without units: read %v unavailable %v err %v", snap.UnitsRead, snap.UnitsUnavailable, err)
	}
	walked, err := off.reader(2).Walk(ctx, tenant.WalkOptions{Units: true})
	if err != nil || !walked.UnitsUnavailable {
		t.Fatalf("walk without units: %v %v", walked.UnitsUnavailable, err)
	}
}
