package plan

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

var update = flag.Bool("update", false, "rewrite the golden plans under testdata/golden")

// goldenCases are sheets planned against a tenant snapshot: each case's
// plan.json is compared with the file under
// testdata/golden/<case>/ (go test ./plan -update rewrites them).
var goldenCases = []struct {
	name   string
	inputs []string // relative, so problems name stable files
	tenant string   // a tenant.Snapshot as JSON; "" = an empty tenant
	opts   Options
}{
	{name: "company-empty", inputs: []string{"../samples/company.xlsx"}, opts: Options{TokenSalt: "golden"}},
	{name: "hr-paths-empty", inputs: []string{"../samples/hr/users-by-path.xlsx"}, opts: Options{TokenSalt: "golden"}},
	{name: "changed", inputs: []string{"testdata/golden/changed/departments.csv", "testdata/golden/changed/users.csv"},
		tenant: "testdata/golden/changed/tenant.json", opts: Options{TokenSalt: "golden"}},
	{name: "changed-renames", inputs: []string{"testdata/golden/changed/departments.csv", "testdata/golden/changed/users.csv"},
		tenant: "testdata/golden/changed/tenant.json", opts: Options{TokenSalt: "golden", AcceptRenames: true}},
}

func TestGoldenPlans(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.name, func(t *testing.T) {
			var in []org.Input
			for _, p := range gc.inputs {
				in = append(in, org.Input{Path: p})
			}
			o, ps := org.Load(in)
			ps = append(ps, validate.Validate(o)...)
			snap := tenant.New()
			if gc.tenant == "" { // an empty tenant with the sample company's schema, as sandboxes have it
				snap = tenant.WithDirectory(*samplegen.Directory())
			}
			if gc.tenant != "" {
				data, err := os.ReadFile(gc.tenant)
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(data, snap); err != nil {
					t.Fatal(err)
				}
			}
			p := BuildWith(o, ps, snap, gc.opts)
			var js bytes.Buffer
			if err := WriteJSON(&js, p); err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", "golden", gc.name, "plan.json"), js.Bytes())
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./plan -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./plan -update rewrites it); got:\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line, for a readable failure.
func firstDiff(want, got []byte) string {
	w, g := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := range max(len(w), len(g)) {
		var a, b []byte
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if !bytes.Equal(a, b) {
			return "line " + itoa(i+1) + "\n  want: " + string(a) + "\n  got:  " + string(b)
		}
	}
	return ""
}
