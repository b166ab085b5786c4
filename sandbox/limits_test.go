package sandbox

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// factsFiles are copies of ../shared/spec, the project's sourced API facts:
// the tables below are checked against them, and they against the source
// when it is at hand.
var factsFiles = []string{"testdata/spec/contact-v3-facts.md", "testdata/spec/contact-v3-facts-2.md"}

var (
	reEndpoint = regexp.MustCompile("(GET|POST|PATCH|PUT|DELETE)\\*{0,2} `(/[^`]*)`")
	reLimit    = regexp.MustCompile(`(\d+)/min & (\d+)/s|\d+ QPS|(\d+)/(min|s)\b|特殊频控`)
)

// documented reads, from the facts' endpoint tables, each endpoint's limit
// as the docs give it: a row naming exactly one endpoint, whose first
// limit is the endpoint's (a row may add a narrower one, such as the 1 QPS
// on user moves). "特殊频控" (non-standard) is reported as nil.
func documented(t *testing.T) map[feishu.Endpoint]feishu.Limit {
	t.Helper()
	out := map[feishu.Endpoint]feishu.Limit{}
	for _, f := range factsFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(line, "|") {
				continue
			}
			eps := reEndpoint.FindAllStringSubmatch(line, -1)
			lim := reLimit.FindStringSubmatch(line)
			if len(eps) != 1 || lim == nil {
				continue
			}
			path := strings.TrimPrefix(eps[0][2], "/open-apis")
			if !strings.HasPrefix(path, "/contact/") && !strings.HasPrefix(path, "/tenant/") {
				path = "/contact/v3" + path // "(All paths start with /open-apis/contact/v3.)"
			}
			ep := feishu.Endpoint(eps[0][1] + " " + strings.SplitN(path, "?", 2)[0])
			out[ep] = parseLimit(lim)
		}
	}
	return out
}

func parseLimit(m []string) feishu.Limit {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	switch {
	case m[0] == "特殊频控":
		return nil
	case m[1] != "":
		return feishu.Limit{{Count: atoi(m[2]), Per: time.Second}, {Count: atoi(m[1]), Per: time.Minute}}
	case strings.HasSuffix(m[0], "QPS"):
		return feishu.Limit{{Count: atoi(strings.Fields(m[0])[0]), Per: time.Second}}
	case m[4] == "min":
		return feishu.Limit{{Count: atoi(m[3]), Per: time.Minute}}
	}
	return feishu.Limit{{Count: atoi(m[3]), Per: time.Second}}
}

// TestLimitsAgreeWithTheFacts: the sandbox's limits and the client's are
// two copies, and each must be what the facts file says for every endpoint
// it documents; for the endpoints the docs leave non-standard both must
// make the same assumption; and both tables must name the same endpoints.
func TestLimitsAgreeWithTheFacts(t *testing.T) {
	facts := documented(t)
	if len(facts) < 30 {
		t.Fatalf("only %d endpoints read from the facts: the parser is broken", len(facts))
	}
	var checked []string
	for ep, fact := range facts {
		mine, ok1 := DocumentedLimits[ep]
		client, ok2 := feishu.EndpointLimits[ep]
		switch {
		case !ok1 && !ok2:
			continue // an endpoint orgbatch does not use
		case ok1 != ok2:
			t.Errorf("%s: in the sandbox's table %v, in the client's %v", ep, ok1, ok2)
		case fact == nil && !sameLimit(mine, client):
			t.Errorf("%s (特殊频控): sandbox %v, client %v: both must assume the same", ep, mine, client)
		case fact != nil && !sameLimit(mine, fact):
			t.Errorf("%s: the sandbox enforces %v, the docs say %v", ep, mine, fact)
		case fact != nil && !sameLimit(client, fact):
			t.Errorf("%s: the client paces to %v, the docs say %v", ep, client, fact)
		}
		checked = append(checked, string(ep))
	}
	for ep := range feishu.EndpointLimits {
		if _, ok := DocumentedLimits[ep]; !ok {
			t.Errorf("%s: paced by the client, not limited by the sandbox", ep)
		}
	}
	for ep := range DocumentedLimits {
		if _, ok := feishu.EndpointLimits[ep]; !ok {
			t.Errorf("%s: limited by the sandbox, unknown to the client", ep)
		}
	}
	slices.Sort(checked)
	t.Logf("%d endpoints checked against the facts: %s", len(checked), strings.Join(checked, "; "))
	if len(checked) < 20 {
		t.Errorf("only %d endpoints checked", len(checked))
	}
}

func sameLimit(a, b feishu.Limit) bool {
	key := func(l feishu.Limit) []string {
		var out []string
		for _, w := range l {
			out = append(out, strconv.Itoa(w.Count)+"/"+w.Per.String())
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

// TestFactsCopiesAreCurrent: the copies under testdata are the project's
// facts files, when those are at hand (beside the repository).
func TestFactsCopiesAreCurrent(t *testing.T) {
	for _, f := range factsFiles {
		src := filepath.Join("..", "..", "shared", "spec", filepath.Base(f))
		want, err := os.ReadFile(src)
		if err != nil {
			t.Skipf("%s not at hand: %v", src, err)
		}
		if got, _ := os.ReadFile(f); !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s: copy it again", f, src)
		}
	}
}
