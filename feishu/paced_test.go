package feishu_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
)

func TestPagesEndOfListing(t *testing.T) {
	page := func(more bool, token string, items ...int) *feishu.Page[int] {
		return &feishu.Page[int]{HasMore: more, PageToken: token, Items: items}
	}
	cases := []struct {
		name    string
		pages   map[string]*feishu.Page[int]
		want    []int
		wantErr error
	}{
		{"one page", map[string]*feishu.Page[int]{"": page(false, "", 1, 2)}, []int{1, 2}, nil},
		{"three pages", map[string]*feishu.Page[int]{"": page(true, "a", 1), "a": page(true, "b", 2), "b": page(false, "", 3)}, []int{1, 2, 3}, nil},
		{"token on the last page is ignored", map[string]*feishu.Page[int]{"": page(false, "x", 1)}, []int{1}, nil},
		{"has_more without a token fails", map[string]*feishu.Page[int]{"": page(true, "", 1)}, []int{1}, feishu.ErrNoPageToken},
		{"empty listing", map[string]*feishu.Page[int]{"": page(false, "")}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []int
			err := feishu.Pages(context.Background(), func(_ context.Context, token string) (*feishu.Page[int], error) {
				p, ok := c.pages[token]
				if !ok {
					return nil, fmt.Errorf("asked for token %q", token)
				}
				return p, nil
			}, func(items []int) error { got = append(got, items...); return nil })
			if !errors.Is(err, c.wantErr) || fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("got %v, %v; want %v, %v", got, err, c.want, c.wantErr)
			}
		})
	}
}

func TestPagesStopsOnErrors(t *testing.T) {
	boom := errors.New("boom")
	err := feishu.Pages(context.Background(), func(context.Context, string) (*feishu.Page[int], error) { return nil, boom },
		func([]int) error { t.Fatal("no items on an error"); return nil })
	if !errors.Is(err, boom) {
		t.Errorf("fetch error: %v", err)
	}
	err = feishu.Pages(context.Background(), func(context.Context, string) (*feishu.Page[int], error) {
		return &feishu.Page[int]{HasMore: true, PageToken: "t"}, nil
	}, func([]int) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("each error: %v", err)
	}
}

// TestPacedCountsInTallies: every attempt of a paced call, retries
// included, is counted in the Tally of the context and in the one around
// it, and a 5xx marks the work ambiguous.
func TestPacedCountsInTallies(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{FailRate: 0.5, FaultSeed: 7})
	pacer := feishu.NewPacer(feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{}), feishu.WithBackoff(time.Microsecond, time.Millisecond), feishu.WithMaxAttempts(50))
	api := feishu.NewPaced(sandbox.NewClient(url), pacer)
	outer, inner := &feishu.Tally{}, &feishu.Tally{}
	ctx := feishu.WithTally(context.Background(), outer)
	srv.ResetStats()
	for i := range 10 {
		if _, err := api.Children(feishu.WithTally(ctx, inner), "0", false, 10, ""); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	// An attempt whose token request failed never reached the endpoint:
	// the sandbox counts at most the attempts.
	sent := srv.Stats().Endpoints[feishu.EPChildren]
	if inner.Attempts() != outer.Attempts() || inner.Attempts() < int(sent.Calls) || inner.Attempts() <= 10 {
		t.Errorf("tallies %d / %d attempts, sandbox %d calls (want > 10: some failed)", inner.Attempts(), outer.Attempts(), sent.Calls)
	}
	if got := inner.Successes()[feishu.EPChildren]; got != 10 || inner.ByEndpoint()[feishu.EPChildren] != inner.Attempts() {
		t.Errorf("%d successes (want 10), by endpoint %v", got, inner.ByEndpoint())
	}
	if !inner.Ambiguous() {
		t.Error("5xx answers did not mark the tally ambiguous")
	}
}

func TestTallyNotAmbiguousOnAnAnswer(t *testing.T) {
	_, url := sandboxtest.Start(t, sandbox.Options{})
	api := feishu.NewPaced(sandbox.NewClient(url), feishu.NewPacer(feishu.WithLimits(map[feishu.Endpoint]feishu.Limit{})))
	tally := &feishu.Tally{}
	_, err := api.GetDepartment(feishu.WithTally(context.Background(), tally), "nope")
	if !feishu.IsNotFound(err) || tally.Attempts() != 1 || tally.Ambiguous() || len(tally.Successes()) != 0 {
		t.Errorf("not found: %v, attempts %d, ambiguous %v, successes %v", err, tally.Attempts(), tally.Ambiguous(), tally.Successes())
	}
}
