package run

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
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

// A run folder holds everything one import wrote: run.json (what was
// imported, where to), plan.xlsx/plan.json, journal.jsonl, the report files
// and summary.json. summary.json is written last: a run folder without one,
// or with "interrupted": true, is a run that can be resumed.

// InfoFile is run.json.
const InfoFile = "run.json"

// Info is run.json.
type Info struct {
	Inputs  []string  `json:"inputs"`
	Target  string    `json:"target"`
	Started time.Time `json:"started"`
	// TokenSalt goes into the run's client_tokens; a resume reuses it.
	TokenSalt string `json:"token_salt"`
	// InputDigest identifies the inputs' content, for a run whose journal
	// names rows by position (orgbatch ids): a resume must read the same.
	InputDigest string `json:"input_digest,omitempty"`
	// Tenant is the tenant written to (TenantKey, or the embedded
	// sandbox); a resume must target it.
	Tenant string `json:"tenant,omitempty"`
	// Flags are the options that change what the run plans
	// (--accept-renames, --path-root=…), as a command line spells them; a
	// resume must be given the same.
	Flags []string `json:"flags,omitempty"`
}

// RefusedError is a run that was not started because of how it was asked
// for (a folder that cannot be resumed, another tenant): nothing was done.
type RefusedError struct{ Msg string }

func (e *RefusedError) Error() string { return e.Msg }

func refused(id msg.ID, args ...any) error {
	return &RefusedError{Msg: id.F(args...)}
}

// FolderOptions say which run folder to open.
type FolderOptions struct {
	ReportDir string
	// InputDigest, if set, goes into run.json and must match on resume
	// (orgbatch ids, whose journal names input rows by their contacts).
	InputDigest string
	// Resume is "" for a new run, "latest" for the newest unfinished
	// import of the same inputs, or a run folder.
	Resume string
	// DryRun opens a plan-… folder and takes no lock.
	DryRun bool
	// Kind names the run's folders (kind-<time>; a dry run's are
	// kind-plan-<time>, an import's plan-<time>): "" is an import,
	// "offboard", "restore" and "ids" the others. A resume looks among them.
	Kind   string
	Inputs []string
	// Tenant names the tenant the run writes to (see Info.Tenant);
	// Target describes it for run.json.
	Tenant, Target string
	// TenantLockDir is where the tenant's lock is kept; "" takes none (the
	// embedded sandbox is private to its process).
	TenantLockDir string
	Command       string
	// Flags are the planning options (see Info.Flags).
	Flags []string
	Now   time.Time
}

// Folder is an open run folder, locked for this process (with its
// tenant) unless it is a dry run's.
type Folder struct {
	Dir     string
	Salt    string
	Resumed bool
	// Removed are the temporary files of a killed run removed from it.
	Removed []string
	tenant  *runlock.Lock
	lock    *runlock.Lock
}

// OpenFolder takes the tenant's lock (not for a dry run), picks the run
// folder — a new one, or the one to resume — and locks it. A held lock is
// a *runlock.HeldError, a folder that cannot be resumed a *RefusedError.
func OpenFolder(o FolderOptions) (*Folder, error) {
	f := &Folder{Salt: newSalt(), Resumed: o.Resume != ""}
	var err error
	if !o.DryRun && o.TenantLockDir != "" {
		if f.tenant, err = LockTenant(o.TenantLockDir, o.Tenant, o.Command); err != nil {
			return nil, err
		}
	}
	kind, planKind := "import", "plan"
	if o.Kind != "" {
		kind, planKind = o.Kind, o.Kind+"-plan"
	}
	switch {
	case o.Resume == "latest":
		f.Dir, err = latestResumable(o.ReportDir, kind, o.Inputs)
	case o.Resume != "":
		f.Dir = o.Resume
		if !Resumable(f.Dir) {
			err = refused(msg.NotResumable, f.Dir, kind)
		}
	case o.DryRun:
		f.Dir, err = NewDir(o.ReportDir, o.Now, planKind)
	default:
		f.Dir, err = NewDir(o.ReportDir, o.Now, kind)
	}
	if err == nil && !o.DryRun {
		f.lock, f.Removed, err = lockFolder(f.Dir, o.Command)
	}
	if err == nil && !o.DryRun {
		f.tenant.Update(runlock.Self(o.Command, f.Dir))
		err = f.setUp(o)
	}
	if err != nil {
		f.Release()
		return nil, err
	}
	return f, nil
}

// Release lets go of the folder's and the tenant's locks.
func (f *Folder) Release() {
	f.lock.Release()
	f.tenant.Release()
}

// setUp writes a new run's run.json, or checks a resumed one's and takes
// its client_token salt.
func (f *Folder) setUp(o FolderOptions) error {
	if !f.Resumed {
		return WriteInfo(f.Dir, Info{Inputs: o.Inputs, Target: o.Target, Started: o.Now, TokenSalt: f.Salt, Tenant: o.Tenant, InputDigest: o.InputDigest, Flags: o.Flags})
	}
	info, err := ReadInfo(f.Dir)
	if err != nil {
		return nil // an older run folder: nothing to check
	}
	if info.Tenant != "" && info.Tenant != o.Tenant {
		return refused(msg.OtherTenant, f.Dir, info.Tenant, o.Tenant)
	}
	if info.InputDigest != o.InputDigest {
		return refused(msg.OtherInput, f.Dir, strings.Join(o.Inputs, ", "))
	}
	if !slices.Equal(info.Flags, o.Flags) {
		return refused(msg.OtherOptions, f.Dir, flagList(info.Flags), flagList(o.Flags))
	}
	if info.TokenSalt != "" {
		f.Salt = info.TokenSalt // the same requests as the interrupted run
	}
	return nil
}

// flagList spells flags for a message.
func flagList(flags []string) string {
	if len(flags) == 0 {
		return "(none 无)"
	}
	return strings.Join(flags, " ")
}

// newSalt makes a run's client_token salt.
func newSalt() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// NewDir makes a new folder kind-<time> (kind-<time>-2, … when taken) in
// reportDir, owner-only.
func NewDir(reportDir string, now time.Time, kind string) (string, error) {
	if err := os.MkdirAll(reportDir, 0o700); err != nil {
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

// WriteInfo writes run.json.
func WriteInfo(dir string, info Info) error {
	data, _ := json.MarshalIndent(info, "", "  ")
	return atomicfile.WriteBytes(filepath.Join(dir, InfoFile), atomicfile.Private, data)
}

// ReadInfo reads run.json.
func ReadInfo(dir string) (Info, error) {
	var info Info
	data, err := os.ReadFile(filepath.Join(dir, InfoFile))
	if err != nil {
		return info, err
	}
	return info, json.Unmarshal(data, &info)
}

// Resumable reports whether a run folder holds an unfinished import.
func Resumable(dir string) bool {
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

// LatestResumable finds the newest unfinished import of the same inputs in
// the report directory.
func LatestResumable(reportDir string, inputs []string) (string, error) {
	return latestResumable(reportDir, "import", inputs)
}

// latestResumable is LatestResumable among the runs of a kind.
func latestResumable(reportDir, kind string, inputs []string) (string, error) {
	dirs, _ := filepath.Glob(filepath.Join(reportDir, kind+"-*"))
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		info, err := ReadInfo(d)
		if err != nil || !slices.Equal(info.Inputs, inputs) {
			continue
		}
		if Resumable(d) {
			return d, nil
		}
	}
	return "", refused(msg.NoUnfinished, kind, strings.Join(inputs, ", "), reportDir)
}
