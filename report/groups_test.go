package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/importer"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/orgbatch/orgbatch/view"
)

// The fake's groups: a create answers the custom ID (or one made from the
// name); a batch answers 0 for every member but u2 (42005, already a
// member) and n2 (42006, resigned meanwhile).
func (fakeAPI) CreateGroup(_ context.Context, g feishu.GroupCreate) (string, error) {
	if g.GroupID != "" {
		return g.GroupID, nil
	}
	return "g-" + g.Name, nil
}
func (fakeAPI) PatchGroup(context.Context, string, feishu.GroupPatch) error { return nil }
func (fakeAPI) GetGroup(context.Context, string) (*feishu.Group, error)     { return nil, nil }
func (fakeAPI) Groups(context.Context, int, int, string) (*feishu.Page[feishu.Group], error) {
	return &feishu.Page[feishu.Group]{}, nil
}
func (fakeAPI) AddGroupMembers(_ context.Context, _ string, ms []feishu.GroupMember) ([]feishu.MemberResult, error) {
	out := make([]feishu.MemberResult, len(ms))
	for i, m := range ms {
		out[i] = feishu.MemberResult{MemberID: m.MemberID, Code: map[string]int{"u2": 42005, "n2": 42006}[m.MemberID]}
	}
	return out, nil
}
func (fakeAPI) RemoveGroupMembers(context.Context, string, []feishu.GroupMember) ([]feishu.MemberResult, error) {
	return nil, nil
}

// TestGoldenGroupReports: the plan golden case "groups" (a group of each
// kind, members by user_id, email and mobile, a removal) planned, run
// against the fake, and every report file compared with groups.txt.
func TestGoldenGroupReports(t *testing.T) {
	var in []org.Input
	for _, name := range []string{"users.csv", "groups.csv", "group_members.csv"} {
		in = append(in, org.Input{Path: "../plan/testdata/golden/groups/" + name})
	}
	o, ps := org.Load(in)
	ps = append(ps, validate.Validate(o)...)
	snap := tenant.New()
	data, err := os.ReadFile("../plan/testdata/golden/groups/tenant.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, snap); err != nil {
		t.Fatal(err)
	}
	p := plan.BuildWith(o, ps, snap, plan.Options{TokenSalt: "golden", RemoveMembers: true})
	res, err := importer.Run(context.Background(), p, importer.Options{API: fakeAPI{}, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, _, err := report.WritePlan(dir, o, p); err != nil {
		t.Fatal(err)
	}
	sum := report.Summary{Target: "fake", Started: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC), Rows: report.RowCounts(res)}
	if _, err := report.WriteImport(dir, o, res, sum); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	view.Outcomes(&out, res)
	out.WriteString("\n")
	dumpDir(t, &out, dir, "plan.json")
	compareGolden(t, "groups.txt", bytes.ReplaceAll(out.Bytes(), []byte(dir), []byte("<run>")))
}
