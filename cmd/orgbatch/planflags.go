package main

import (
	"github.com/orgbatch/orgbatch/plan"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// planningFlags are the flags that shape an import's plan, shared by import
// and rehearse (a rehearsal plans as the import will).
type planningFlags struct {
	NoCreate bool
	Renames  bool
	Create   createMissingFlags
	Groups   groupFlags
	IDType   userIDTypeFlag
}

func (p *planningFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&p.NoCreate, "no-create-departments", false, "a department path naming a department found nowhere is an error, instead of creating it / 部门路径中哪里都找不到的部门视为错误，而不是创建它")
	f.BoolVar(&p.Renames, "accept-renames", false, "let a row without user_id that matches a Feishu user by mobile or email but has another name rename them (otherwise a conflict) / 没有 user_id、按手机号或邮箱匹配到飞书成员但姓名不同的行，允许给此人改名（否则视为冲突）")
	p.Create.register(cmd)
	p.Groups.register(cmd)
	p.IDType.register(cmd)
}

func (p *planningFlags) check() error {
	if err := p.Groups.check(); err != nil {
		return err
	}
	return p.IDType.check()
}

// options are the plan options the flags give.
func (p *planningFlags) options(in inputFlags) plan.Options {
	return plan.Options{NoCreateDepartments: p.NoCreate, PathRoot: in.pathRoot, AcceptRenames: p.Renames,
		CreateMissing: p.Create.CreateMissing, RemoveMembers: p.Groups.remove}
}

// notPlanShaping are the flags of import and rehearse that do not change
// what the plan does: where and how to talk to the tenant, where to write
// the run, how to confirm, and the input files' names (their contents
// are hashed apart).
var notPlanShaping = map[string]bool{
	"sandbox": true, "sandbox-state": true, "sandbox-seed": true, "base-url": true, "domain": true, "app-id": true,
	"app-secret": true, "app-secret-stdin": true, "config": true, "rate-scale": true, "timeout": true,
	"report": true, "tz": true, "workers": true, "verbose": true, "help": true, "yes": true, "dry-run": true, "resume": true,
	"confirm-changes": true, "remove-member-count": true, "rehearsed": true,
	"departments": true, "users": true, "units": true, "groups": true, "group-members": true, "map-file": true,
}

// planShaping is every other flag's value, by name: what a rehearsal
// records and `import --rehearsed` compares.
func planShaping(fs *pflag.FlagSet) map[string]string {
	out := map[string]string{}
	fs.VisitAll(func(f *pflag.Flag) {
		if !notPlanShaping[f.Name] {
			out["--"+f.Name] = f.Value.String()
		}
	})
	return out
}

// changedShaping are the plan-shaping flags given on the command line, as
// it spells them (a bool flag by its name, others --name=value), sorted:
// the flags `import --rehearsed` must be given again.
func changedShaping(fs *pflag.FlagSet) []string {
	var out []string
	fs.Visit(func(f *pflag.Flag) {
		switch {
		case notPlanShaping[f.Name]:
		case f.Value.Type() == "bool" && f.Value.String() == "true":
			out = append(out, "--"+f.Name)
		default:
			out = append(out, "--"+f.Name+"="+f.Value.String())
		}
	})
	return out
}

// hashedInputs are the files whose content a rehearsal holds to: the
// sheets, and the header mapping file.
func hashedInputs(files []string, in inputFlags) []string {
	if in.mapFile != "" {
		return append(append([]string(nil), files...), in.mapFile)
	}
	return files
}
