package main

import (
	"os"

	"github.com/orgbatch/orgbatch/org"
	"github.com/spf13/cobra"
)

// inputFlags are the flags every command that reads sheets shares.
type inputFlags struct {
	departments []string
	users       []string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.departments, "departments", nil, "a CSV (or workbook) that holds departments, whatever its headers")
	cmd.Flags().StringArrayVar(&f.users, "users", nil, "a CSV (or workbook) that holds users, whatever its headers")
}

// inputs turns positional files and the kind flags into org inputs.
func (f *inputFlags) inputs(args []string) ([]org.Input, error) {
	var in []org.Input
	for _, a := range args {
		in = append(in, org.Input{Path: a})
	}
	for _, d := range f.departments {
		in = append(in, org.Input{Path: d, Kind: org.KindDepartments})
	}
	for _, u := range f.users {
		in = append(in, org.Input{Path: u, Kind: org.KindUsers})
	}
	if len(in) == 0 {
		return nil, usageError("no input files: give a workbook or CSV files (see --help)")
	}
	for _, i := range in {
		if _, err := os.Stat(i.Path); err != nil {
			return nil, usageError("cannot open %s: %v", i.Path, err)
		}
	}
	return in, nil
}

// ensureReportDir creates the report directory, private to the owner.
func ensureReportDir(dir string) error {
	return os.MkdirAll(dir, 0o700)
}
