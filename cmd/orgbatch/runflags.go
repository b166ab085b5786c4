package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// runFlags are the flags of every command that writes through a run
// folder (import, offboard, restore), embedded in its Options.
type runFlags struct {
	Yes         bool
	ReportDir   string
	Workers     int
	Resume      string
	SkipInvalid bool
	Verbose     bool
}

// runFlagHelp words the run flags for one command.
type runFlagHelp struct {
	yes, resume, skipInvalid string
	workers                  int
	workersHelp              string
}

// files are the command's file arguments: a bare --resume has an
// optional value, so `--resume DIR` leaves DIR among them (resumeArg).
func (r *runFlags) files(cmd *cobra.Command, args []string) ([]string, error) {
	if !cmd.Flags().Changed("resume") || r.Resume != "latest" {
		return args, nil
	}
	files, dir, err := resumeArg(args)
	if err == nil {
		r.Resume = dir
	}
	return files, err
}

func (r *runFlags) register(f *pflag.FlagSet, h runFlagHelp) {
	f.BoolVar(&r.Yes, "yes", false, h.yes)
	f.StringVar(&r.ReportDir, "report", "reports", "directory for run directories (plan, journal, report) / 存放运行目录（计划、日志、报告）的目录")
	f.IntVar(&r.Workers, "workers", h.workers, h.workersHelp)
	f.StringVar(&r.Resume, "resume", "", h.resume)
	f.Lookup("resume").NoOptDefVal = "latest"
	f.BoolVar(&r.SkipInvalid, "skip-invalid", false, h.skipInvalid)
	f.BoolVarP(&r.Verbose, "verbose", "v", false, "log each retry and failure on stderr / 在标准错误上记录每次重试和失败")
}
