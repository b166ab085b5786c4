package main

import (
	"github.com/orgbatch/orgbatch/plan"
	"github.com/spf13/cobra"
)

// createMissingFlags are --create-missing-*: which names of the tenant's
// lists (employee types, job levels and families, job titles, work
// cities) that the tenant lacks are created instead of being errors.
type createMissingFlags struct{ plan.CreateMissing }

func (f *createMissingFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&f.Types, "create-missing-types", false, "create the custom employee types the sheet names and the tenant lacks (shown in the plan, before the users that need them)")
	fl.BoolVar(&f.Levels, "create-missing-levels", false, "create the job levels the sheet names and the tenant lacks")
	fl.BoolVar(&f.Families, "create-missing-families", false, "create the job families (and parent families of a path) the sheet names and the tenant lacks")
	fl.BoolVar(&f.Titles, "create-missing-titles", false, "send job titles the tenant lacks as written (Feishu creates them) instead of refusing them")
	fl.BoolVar(&f.Cities, "create-missing-cities", false, "send work cities the tenant lacks as written (Feishu creates them) instead of refusing them")
}
