package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/internal/atomicfile"
	"github.com/orgbatch/orgbatch/internal/runlock"
	"github.com/orgbatch/orgbatch/report"
)

// A run directory holds everything one import wrote: run.json (what was
// imported, where to), plan.xlsx/plan.json, journal.jsonl, the report files
// and summary.json. summary.json is written last: a run directory without
// one, or with "interrupted": true, is a run that can be resumed.

// runInfo is run.json.
type runInfo struct {
	Inputs  []string  `json:"inputs"`
	Target  string    `json:"target"`
	Started time.Time `json:"started"`
	// TokenSalt goes into the run's client_tokens; a resume reuses it.
	TokenSalt string `json:"token_salt"`
	// Tenant is the tenant written to (tenantKey); a resume must target it.
	Tenant string `json:"tenant,omitempty"`
}

// importRun is the run folder an import works in, locked for this process,
// with the tenant's lock.
type importRun struct {
	dir     string
	salt    string
	resumed bool
	tenant  *runlock.Lock
	lock    *runlock.Lock
}

func (r *importRun) release() {
	r.lock.Release()
	r.tenant.Release()
}

// openRun takes the tenant's lock (not for a dry run), picks the run
// folder — a new one, or the one to resume — and locks it.
func openRun(opts *ImportOptions, tgt *target, inputs []string) (*importRun, error) {
	command := "orgbatch import " + strings.Join(inputs, " ")
	r := &importRun{salt: newTokenSalt(), resumed: opts.Resume != ""}
	var err error
	if !opts.DryRun {
		if r.tenant, err = lockTenant(opts.IO, tgt, opts.ReportDir, command); err != nil {
			return nil, err
		}
	}
	switch {
	case opts.Resume == "latest":
		if r.dir, err = latestResumable(opts.ReportDir, inputs); err != nil {
			err = &ExitError{Code: ExitUsage, Err: err}
		}
	case opts.Resume != "":
		r.dir = opts.Resume
		if !resumable(r.dir) {
			err = usageError("%s is not an unfinished import run directory", r.dir)
		}
	case opts.DryRun:
		r.dir, err = newRunDir(opts.ReportDir, opts.Now(), "plan")
	default:
		r.dir, err = newRunDir(opts.ReportDir, opts.Now(), "import")
	}
	if err == nil && !opts.DryRun {
		r.lock, err = lockRunDir(opts.IO, r.dir, command)
	}
	if err == nil && !opts.DryRun {
		r.tenant.Update(runlock.Self(command, r.dir))
		err = r.setUp(opts, tgt, inputs)
	}
	if err != nil {
		r.release()
		return nil, err
	}
	return r, nil
}

// setUp writes a new run's run.json, or checks a resumed one's and takes
// its client_token salt.
func (r *importRun) setUp(opts *ImportOptions, tgt *target, inputs []string) error {
	tenant := tenantOf(tgt, opts.Target)
	if !r.resumed {
		return writeRunInfo(r.dir, runInfo{Inputs: inputs, Target: tgt.Desc, Started: opts.Now(), TokenSalt: r.salt, Tenant: tenant})
	}
	info, err := readRunInfo(r.dir)
	if err != nil {
		return nil // an older run folder: nothing to check
	}
	if info.Tenant != "" && info.Tenant != tenant {
		return usageError("%s is an import into %s, not into %s: resume it against the same tenant", r.dir, info.Tenant, tenant)
	}
	if info.TokenSalt != "" {
		r.salt = info.TokenSalt // the same requests as the interrupted run
	}
	return nil
}

// tenantOf names the tenant a run writes to, for run.json.
func tenantOf(tgt *target, f targetFlags) string {
	if tgt.Sandbox != nil && f.sandboxState != "" {
		return "embedded sandbox, state " + f.sandboxState
	}
	if tgt.Sandbox != nil {
		return "embedded sandbox"
	}
	return tenantKey(tgt.BaseURL, tgt.AppID)
}

// resumeArg takes the run folder out of the file arguments: --resume has
// an optional value ("latest"), so `--resume DIR` leaves DIR among the
// files. A directory cannot be an input file, so one that is there is the
// run folder to resume.
func resumeArg(args []string) (files []string, dir string, err error) {
	for _, a := range args {
		if isExistingDir(a) {
			if dir != "" {
				return nil, "", usageError("--resume: %s and %s are both directories; give one run folder", dir, a)
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

// newTokenSalt makes a run's client_token salt.
func newTokenSalt() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func newRunDir(reportDir string, now time.Time, kind string) (string, error) {
	if err := ensureReportDir(reportDir); err != nil {
		return "", err
	}
	base := filepath.Join(reportDir, kind+"-"+now.Format("20060102-150405"))
	dir := base
	for i := 2; ; i++ {
		err := os.Mkdir(dir, 0o700)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", err
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
}

func writeRunInfo(dir string, info runInfo) error {
	data, _ := json.MarshalIndent(info, "", "  ")
	return atomicfile.WriteBytes(filepath.Join(dir, "run.json"), atomicfile.Private, data)
}

func readRunInfo(dir string) (runInfo, error) {
	var info runInfo
	data, err := os.ReadFile(filepath.Join(dir, "run.json"))
	if err != nil {
		return info, err
	}
	return info, json.Unmarshal(data, &info)
}

// resumable reports whether a run directory holds an unfinished import.
func resumable(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, report.JournalFile)); err != nil {
		return false
	}
	data, err := os.ReadFile(filepath.Join(dir, report.SummaryJSON))
	if err != nil {
		return true // killed before the report was written
	}
	var s report.Summary
	return json.Unmarshal(data, &s) == nil && s.Interrupted
}

// latestResumable finds the newest unfinished import of the same inputs in
// the report directory.
func latestResumable(reportDir string, inputs []string) (string, error) {
	dirs, _ := filepath.Glob(filepath.Join(reportDir, "import-*"))
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		info, err := readRunInfo(d)
		if err != nil || !slices.Equal(info.Inputs, inputs) {
			continue
		}
		if resumable(d) {
			return d, nil
		}
	}
	return "", fmt.Errorf("no unfinished import of %s in %s", strings.Join(inputs, ", "), reportDir)
}

func marshalIndent(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	return append(data, '\n'), err
}
