package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/org"
)

// loadAll writes each CSV (kind → content) and validates them together.
func loadAll(t *testing.T, files map[org.Kind]string) []string {
	t.Helper()
	dir := t.TempDir()
	var inputs []org.Input
	for k, content := range files {
		p := filepath.Join(dir, string(k)+".csv")
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, org.Input{Path: p, Kind: k})
	}
	o, ps := org.Load(inputs)
	ps = append(ps, Validate(o)...)
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s %d %s %s", strings.TrimSuffix(filepath.Base(p.File), ".csv"), p.Row, p.Column, p.Rule))
	}
	return out
}

// TestGroupsAcrossSheets: a members-cell value that reads as a mobile but
// is a users row's user_id is ambiguous; a member listed in the groups
// sheet and again in the membership sheet (the group named by name there)
// is repeated; 501 groups are too many.
func TestGroupsAcrossSheets(t *testing.T) {
	got := loadAll(t, map[org.Kind]string{
		org.KindUsers:        "user_id,name,mobile,department_ids,employee_type\n13900000002,甲,13900000009,0,1\nu1,乙,13900000008,0,1\n",
		org.KindGroups:       "group_id,name,members\nG1,研发,13900000002;u1\n",
		org.KindGroupMembers: "group_name,user_id\n研发,u1\n研发,u2\n",
	})
	want := []string{"group_members 2 user_id GROUP_MEMBER_REPEATED", "groups 2 members GROUP_MEMBER_AMBIGUOUS"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	var b strings.Builder
	b.WriteString("name\n")
	for i := range 501 {
		fmt.Fprintf(&b, "组%d\n", i)
	}
	got = loadAll(t, map[org.Kind]string{org.KindGroups: b.String()})
	if strings.Join(got, "|") != "groups 0  GROUP_TOO_MANY" {
		t.Errorf("501 groups: %q", got)
	}
}
