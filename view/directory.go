package view

import (
	"fmt"
	"io"

	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/plan"
	"github.com/orgbatch/orgbatch/problem"
)

// The entries of the tenant's lists a plan creates first (employee types,
// job levels, families: --create-missing-*): their count beside the rows',
// and one line each.

// directoryFlag is the flag that lets the plan create each kind of entry.
var directoryFlag = map[plan.Kind]string{
	plan.KindEmployeeType: "--create-missing-types", plan.KindJobLevel: "--create-missing-levels", plan.KindJobFamily: "--create-missing-families",
}

func directoryCount(w io.Writer, p *plan.Plan) {
	if n := p.DirectoryCreates(); n > 0 {
		fmt.Fprintf(w, "%-12s%12d  人员类型、职级、序列（先于成员新建） employee types, job levels, families (created before the users)\n", "先建 first", n)
	}
}

func directoryLine(w io.Writer, c *plan.Change) {
	l := c.Origin
	where := problem.Problem{File: l.File, Sheet: l.Sheet, Row: l.Row, Column: l.Column}.Where()
	fmt.Fprintf(w, "%s %-10s %s  (%s, first named in %s)\n", actionCol(c.Action), c.Kind, textsafe.Terminal(c.Name), directoryFlag[c.Kind], textsafe.Terminal(where))
}
