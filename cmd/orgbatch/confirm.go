package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"strconv"
	"strings"

	"github.com/orgbatch/orgbatch/guard"
	"github.com/orgbatch/orgbatch/plan"
)

// One mechanism confirms every write to a tenant (import, diff --prune):
// a writeGate. A real run passes it before its first write; a dry run
// previews it (prints what a real run would need) and never asks.
//
//   - y/N: every tenant but the embedded sandbox (--sandbox) is named —
//     base URL, app_id, the tenant's name when the app may read it — with
//     the plan's counts, and asked about on a terminal; without one, --yes.
//   - counted: a wide or destructive part (package guard decides which)
//     goes ahead only when the operator states its exact number: typed
//     when asked, or on its flag (--confirm-changes, --delete-count,
//     --delete-department-count). A flag stating another number refuses,
//     wide or not, so a script pins what it expects.
//
// A refusal is exit 2 with nothing written (3 for Ctrl-C while asking).

// countFlag is a flag that states a number of entities; unset until given.
type countFlag struct {
	n   int
	set bool
}

func (c *countFlag) String() string {
	if !c.set {
		return ""
	}
	return strconv.Itoa(c.n)
}

func (c *countFlag) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return msg.BadCount.Err(s)
	}
	c.n, c.set = n, true
	return nil
}

func (c *countFlag) Type() string { return "N" }

// counted is one wide or destructive part of a run.
type counted struct {
	N        int       // how many entities the run touches this way
	Required bool      // over the guard's thresholds: N must be stated
	Flag     string    // the flag that states N
	Given    countFlag // its value
	What     string    // what N counts, zh and en
	Detail   []string  // why N must be stated: counts, a sample
}

// writeGate is what a run must have confirmed before its first write.
type writeGate struct {
	// Target names a tenant that needs a y/N: every one but the embedded
	// sandbox, which leaves it empty.
	Target  string
	Summary string // the plan's counts
	Yes     bool   // --yes
	Counts  []counted
}

// refused is the error of a confirmation that was refused or missing.
func refused(id msg.ID, args ...any) error {
	t := id.Text()
	zh, en := fmt.Sprintf(t.ZH, args...), fmt.Sprintf(t.EN, args...)
	nw := msg.NothingWritten.Text()
	return &ExitError{Code: ExitUsage, Err: errors.New(msg.Join(fmt.Sprintf(nw.ZH, zh), fmt.Sprintf(nw.EN, en)))}
}

// mismatch refuses a count flag that states another number than the run's.
func (g *writeGate) mismatch() error {
	for _, c := range g.Counts {
		if c.Given.set && c.Given.n != c.N {
			return refused(msg.CountMismatch, c.Flag, c.Given.n, c.N, c.What)
		}
	}
	return nil
}

// missing lists the required counts no flag states.
func (g *writeGate) missing() []counted {
	var out []counted
	for _, c := range g.Counts {
		if c.Required && !c.Given.set {
			out = append(out, c)
		}
	}
	return out
}

func printDetail(io *IOStreams, cs []counted) {
	for _, c := range cs {
		for _, l := range c.Detail {
			fmt.Fprintln(io.ErrOut, l)
		}
		fmt.Fprintf(io.ErrOut, "  → 确认 confirm: %s %d, or type %d when asked\n", c.Flag, c.N, c.N)
	}
}

// preview is the dry run's side of the gate: it says what a real run
// would need and never asks. Only a count flag that states a wrong number
// fails it.
func (g *writeGate) preview(io *IOStreams) error {
	if err := g.mismatch(); err != nil {
		return err
	}
	printDetail(io, g.missing())
	if g.Target != "" && !g.Yes {
		fmt.Fprintf(io.ErrOut, "写入前会询问 a real run asks before writing to %s (not on a terminal: add --yes)\n", g.Target)
	}
	return nil
}

// pass returns nil when the run may write.
func (g *writeGate) pass(ctx context.Context, io *IOStreams) error {
	if err := g.mismatch(); err != nil {
		return err
	}
	missing := g.missing()
	askYes := g.Target != "" && !g.Yes
	if g.Target != "" {
		fmt.Fprintf(io.ErrOut, "\n即将写入 about to write to: %s\n计划 plan: %s\n", g.Target, g.Summary)
	}
	printDetail(io, missing)
	if !askYes && len(missing) == 0 {
		return nil
	}
	if !io.CanPrompt() {
		var need []string
		if askYes {
			need = append(need, "--yes")
		}
		for _, c := range missing {
			need = append(need, fmt.Sprintf("%s %d", c.Flag, c.N))
		}
		return refused(msg.NotAsked, strings.Join(need, " "))
	}
	if askYes {
		a, err := io.Ask(ctx, "写入这个租户？ Write to this tenant? [y/N] ")
		if err != nil {
			return askFailed(ctx, err)
		}
		if !isYes(a) {
			return refused(msg.NotConfirmed)
		}
	}
	for _, c := range missing {
		a, err := io.Ask(ctx, fmt.Sprintf("输入数量以确认 to confirm, type the number of %s (%d): ", c.What, c.N))
		if err != nil {
			return askFailed(ctx, err)
		}
		if a != strconv.Itoa(c.N) {
			return refused(msg.TypedOther, a, c.N)
		}
	}
	return nil
}

func isYes(a string) bool {
	switch strings.ToLower(a) {
	case "y", "yes", "是", "是的":
		return true
	}
	return false
}

func askFailed(ctx context.Context, err error) error {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return interrupted(msg.InterruptedBeforeWriting)
	}
	return refused(msg.NoAnswer)
}

// changesCount is the counted confirmation of an import plan's renames,
// moves, re-types and contact changes (package guard).
func changesCount(ch guard.Changes, given countFlag) counted {
	c := counted{N: ch.Count, Required: ch.Wide(), Flag: "--confirm-changes", Given: given,
		What: "修改的现有成员和部门 existing users and departments changed"}
	if !c.Required {
		return c
	}
	c.Detail = append(c.Detail, fmt.Sprintf("\n大范围修改 wide changes: the plan changes %d existing users and departments this way (a group is wide past %d and %.0f%% of those matched, or past %d):",
		ch.Count, guard.Handful, guard.ChangeShare*100, guard.ChangeCeiling))
	for _, g := range ch.Groups {
		mark := ""
		if g.Wide {
			mark = "  ← wide 大范围"
		}
		c.Detail = append(c.Detail, fmt.Sprintf("  %-10s %-8s %d of %d matched (%.0f%%)%s", g.Kind, g.Category, g.N, g.Of, 100*float64(g.N)/float64(max(g.Of, 1)), mark))
		if !g.Wide {
			continue
		}
		for _, s := range g.Sample {
			c.Detail = append(c.Detail, "      "+sampleLine(s, g.Category))
		}
		if g.N > len(g.Sample) {
			c.Detail = append(c.Detail, fmt.Sprintf("      … %d more (see plan.xlsx)", g.N-len(g.Sample)))
		}
	}
	return c
}

// sampleLine shows one change's fields of a category: "u0001 张三: name 张三 → 李四 (users.csv row 2)".
func sampleLine(c *plan.Change, cat guard.Category) string {
	var fs []string
	for _, f := range c.Fields {
		if guard.CategoryOf(c.Kind, f.Field) == cat {
			fs = append(fs, fmt.Sprintf("%s %s → %s", f.Field, f.Old, f.New))
		}
	}
	s := fmt.Sprintf("%s %s: %s", c.Key, c.Name, strings.Join(fs, ", "))
	if c.Record.T != nil {
		s += fmt.Sprintf("  (%s row %d)", c.Record.T.File, c.Record.Num)
	}
	return s
}

// deleteCount is the counted confirmation of deleting n of the total
// entities of a kind the tenant has (package guard); noun names them.
func deleteCount(n, total int, flag, noun string, given countFlag) counted {
	c := counted{N: n, Required: guard.DeleteNeedsCount(n, total), Flag: flag, Given: given, What: noun + " to delete"}
	if c.Required {
		c.Detail = []string{fmt.Sprintf("\n删除 deleting %d of %d %s (more than %d, or more than %.0f%%, needs its number)",
			n, total, noun, guard.Handful, guard.DeleteShare*100)}
	}
	return c
}
