package main

import (
	"encoding/json"
	"github.com/orgbatch/orgbatch/internal/msg"
	"strings"
	"unicode"

	"github.com/orgbatch/orgbatch/run"
)

// openRun opens the import's run folder (package run): a new one, or the
// one to resume, locked with its tenant (not for a dry run).
func openRun(opts *ImportOptions, tgt *target, inputs []string) (*run.Folder, error) {
	fo := run.FolderOptions{
		ReportDir: opts.ReportDir, Resume: opts.Resume, DryRun: opts.DryRun, Inputs: inputs,
		Tenant: tenantOf(tgt, opts.Target), Target: tgt.Desc, Command: "orgbatch import " + strings.Join(inputs, " "), Now: opts.Now(),
		Flags: planFlags(opts.planOptions()),
	}
	if tgt.Sandbox == nil {
		fo.TenantLockDir = lockDir(opts.IO, opts.ReportDir)
	}
	f, err := run.OpenFolder(fo)
	if err != nil {
		return nil, lockError(err)
	}
	sayRemoved(opts.IO, f.Dir, f.Removed)
	return f, nil
}

// tenantOf names the tenant a run writes to, for run.json.
func tenantOf(tgt *target, f targetFlags) string {
	if tgt.Sandbox != nil && f.sandboxState != "" {
		return "embedded sandbox, state " + f.sandboxState
	}
	if tgt.Sandbox != nil {
		return "embedded sandbox"
	}
	return run.TenantKey(tgt.BaseURL, tgt.AppID)
}

// resumeArg takes the run folder out of the file arguments: --resume has
// an optional value ("latest"), so `--resume DIR` leaves DIR among the
// files. A directory cannot be an input file, so one that is there is the
// run folder to resume.
func resumeArg(args []string) (files []string, dir string, err error) {
	for _, a := range args {
		if isExistingDir(a) {
			if dir != "" {
				return nil, "", usageError(msg.ResumeTwoDirs, dir, a)
			}
			dir = a
			continue
		}
		files = append(files, a)
	}
	if dir == "" {
		dir = "latest"
	}
	return files, dir, nil
}

func marshalIndent(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	return append(data, '\n'), err
}

// commandLine is words as a command a POSIX shell runs as given.
func commandLine(words ...string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = shellWord(w)
	}
	return strings.Join(quoted, " ")
}

// shellWord quotes s for a POSIX shell when it holds anything but plain
// path and flag characters, so a printed command can be pasted as is.
func shellWord(s string) string {
	plain := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r > 0x7f || unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
