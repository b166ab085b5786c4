package view

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/tenant"
	"github.com/orgbatch/orgbatch/validate"
)

var update = flag.Bool("update", false, "rewrite the golden renderings under testdata/golden")

// TestGoldenPlans renders the plan golden cases of package plan (sheets
// planned against a tenant snapshot) for the console, compared with
// testdata/golden/plan-<case>.txt (go test ./view -update rewrites them).
func TestGoldenPlans(t *testing.T) {
	changed := []string{"../plan/testdata/golden/changed/departments.csv", "../plan/testdata/golden/changed/users.csv"}
	cases := []struct {
		name   string
		inputs []string
		tenant string
		opts   plan.Options
	}{
		{"company-empty", []string{"../samples/company.xlsx"}, "", plan.Options{TokenSalt: "golden"}},
		{"hr-paths-empty", []string{"../samples/hr/users-by-path.xlsx"}, "", plan.Options{TokenSalt: "golden"}},
		{"changed", changed, "../plan/testdata/golden/changed/tenant.json", plan.Options{TokenSalt: "golden"}},
		{"changed-renames", changed, "../plan/testdata/golden/changed/tenant.json", plan.Options{TokenSalt: "golden", AcceptRenames: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var in []org.Input
			for _, p := range c.inputs {
				in = append(in, org.Input{Path: p})
			}
			o, ps := org.Load(in)
			ps = append(ps, validate.Validate(o)...)
			snap := tenant.New()
			if c.tenant == "" { // an empty tenant with the sample company's schema, as sandboxes have it
				snap = tenant.WithDirectory(*samplegen.Directory())
			}
			if c.tenant != "" {
				data, err := os.ReadFile(c.tenant)
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(data, snap); err != nil {
					t.Fatal(err)
				}
			}
			var out bytes.Buffer
			Plan(&out, plan.BuildWith(o, ps, snap, c.opts))
			golden := filepath.Join("testdata", "golden", "plan-"+c.name+".txt")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s differs (go test ./view -update rewrites it):\n%s", golden, out.String())
			}
		})
	}
}
