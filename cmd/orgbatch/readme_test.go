package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/problem"
)

// TestReadmeRuleListIsTheRuleTable: the README's rule list is exactly what
// `orgbatch rules --markdown` prints.
func TestReadmeRuleListIsTheRuleTable(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	begin, end := strings.Index(readme, "<!-- rules:begin -->\n"), strings.Index(readme, "<!-- rules:end -->")
	if begin < 0 || end < begin {
		t.Fatal("README has no rules:begin/rules:end markers")
	}
	var want bytes.Buffer
	problem.WriteMarkdown(&want)
	if got := readme[begin+len("<!-- rules:begin -->\n") : end]; got != want.String() {
		t.Errorf("README rule list is stale: paste the output of `orgbatch rules --markdown` between the markers")
	}
}

// TestReadmeCommandsExist: the two README commands are the ones the
// project supports (CI runs the second through .ci/run).
func TestReadmeCommandsExist(t *testing.T) {
	data, _ := os.ReadFile("../../README.md")
	ci, _ := os.ReadFile("../../.ci/run")
	for _, cmd := range []string{"go run ./cmd/orgbatch import samples/company.xlsx --sandbox", "go vet ./... && go test -race ./..."} {
		if !strings.Contains(string(data), cmd) {
			t.Errorf("README lacks %q", cmd)
		}
	}
	if !strings.Contains(string(ci), "go vet ./... && go test -race ./...") {
		t.Error(".ci/run does not run the README's test command")
	}
}
