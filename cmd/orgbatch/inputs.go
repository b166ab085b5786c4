package main

import (
	"github.com/orgbatch/orgbatch/internal/msg"
	"github.com/orgbatch/orgbatch/view"
	"os"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/spf13/cobra"
)

// inputFlags are the flags every command that reads sheets shares.
type inputFlags struct {
	departments []string
	users       []string
	units       []string
	// User groups: CSVs of groups and of group members.
	groups, groupMembers []string
	mappingFlags
	pathRoot string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.departments, "departments", nil, "a CSV (or workbook) that holds departments, whatever its headers / 存放部门的 CSV（或工作簿），表头不限")
	cmd.Flags().StringArrayVar(&f.users, "users", nil, "a CSV (or workbook) that holds users, whatever its headers / 存放成员的 CSV（或工作簿），表头不限")
	cmd.Flags().StringArrayVar(&f.units, "units", nil, "a CSV (or workbook) that holds units (单位), whatever its headers")
	cmd.Flags().StringArrayVar(&f.groups, "groups", nil, "a CSV (or workbook) that holds user groups, whatever its headers / 存放用户组的 CSV（或工作簿），表头不限")
	cmd.Flags().StringArrayVar(&f.groupMembers, "group-members", nil, "a CSV (or workbook) that holds group memberships, whatever its headers / 存放用户组成员的 CSV（或工作簿），表头不限")
	cmd.Flags().StringVar(&f.pathRoot, "path-root", "", "the company name that starts every department path (it is the root, not a department) / 每条部门路径开头的公司名（它是根，不是部门）")
	f.mappingFlags.register(cmd)
}

// load reads and validates the inputs: the offline part every command
// that reads sheets shares.
func (f *inputFlags) load(args []string) (*org.Org, []problem.Problem, error) {
	inputs, err := f.inputs(args)
	if err != nil {
		return nil, nil, err
	}
	m, err := f.mapping()
	if err != nil {
		return nil, nil, err
	}
	o, ps := org.LoadWith(inputs, org.LoadOptions{Mapping: m})
	ps = append(ps, validate.ValidateWith(o, validate.Options{PathRoot: f.pathRoot})...)
	problem.Sort(ps)
	return o, ps, nil
}

// sheets are the inputs of an import or a rehearsal, read and validated.
type sheets struct {
	files    []string // the input files, as fileList names them
	org      *org.Org
	problems []problem.Problem
	mapping  map[string]string // the header mapping used (printMapping)
	errors   int
}

// read loads the inputs and says what they hold (the mapping used, the
// rows, the number of problems); unreadable sheets are printed and
// refused.
func (f *inputFlags) read(io *IOStreams, args []string) (*sheets, error) {
	inputs, err := f.inputs(args)
	if err != nil {
		return nil, err
	}
	o, ps, err := f.load(args)
	if err != nil {
		return nil, err
	}
	s := &sheets{files: fileList(inputs), org: o, problems: ps, mapping: printMapping(io, o), errors: sayRead(io, o, ps)}
	if problem.Unreadable(ps) {
		view.Problems(io.ErrOut, ps)
		return nil, &ExitError{Code: ExitUsage}
	}
	return s, nil
}

// refuse prints the sheets' problems and refuses them with why.
func (s *sheets) refuse(io *IOStreams, why msg.ID) error {
	view.Problems(io.ErrOut, s.problems)
	return usageError(why)
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
	for _, u := range f.units {
		in = append(in, org.Input{Path: u, Kind: org.KindUnits})
	}
	for _, g := range f.groups {
		in = append(in, org.Input{Path: g, Kind: org.KindGroups})
	}
	for _, m := range f.groupMembers {
		in = append(in, org.Input{Path: m, Kind: org.KindGroupMembers})
	}
	if len(in) == 0 {
		return nil, usageError(msg.NoInputFiles)
	}
	for _, i := range in {
		if _, err := os.Stat(i.Path); err != nil {
			return nil, usageWrap(err, msg.CannotOpen, i.Path)
		}
	}
	return in, nil
}

// ensureReportDir creates the report directory, private to the owner.
func ensureReportDir(dir string) error {
	return os.MkdirAll(dir, 0o700)
}
