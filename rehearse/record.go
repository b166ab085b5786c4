package rehearse

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/orgbatch/orgbatch/internal/atomicfile"
)

// Files of a rehearsal folder (beside the clone import's own plan.xlsx,
// plan.json, journal and report.xlsx).
const (
	RecordFile   = "rehearsal.json" // what `import --rehearsed` checks
	ReportFile   = "rehearsal.md"   // the report people read
	ReadBackFile = "readback.json"  // the clone after the import, a sandbox state file
)

// recordVersion is the version of rehearsal.json.
const recordVersion = 1

// Input is an input file and the hash of its content.
type Input struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Record is rehearsal.json: what the rehearsal planned from, so that the
// real import can tell whether it would plan the same.
type Record struct {
	Version int       `json:"version"`
	Created time.Time `json:"created"`
	// Tenant is the tenant rehearsed (run.TenantKey: base URL and app);
	// Target describes it.
	Tenant string  `json:"tenant"`
	Target string  `json:"target"`
	Inputs []Input `json:"inputs"`
	// Options are the flags that shape the plan, by flag name.
	Options map[string]string `json:"options"`
	// Plan is the plan's digest (PlanDigest), Changes its rows by action.
	Plan    string         `json:"plan"`
	Changes map[string]int `json:"changes"`
	// Fingerprint is the tenant as the plan read it; once the record is
	// written (writePending), only its total.
	Fingerprint *Print `json:"fingerprint"`
	printed     int    // the print's entries, once written
}

// HashInputs hashes the input files' content.
func HashInputs(paths []string) ([]Input, error) {
	out := make([]Input, len(paths))
	for i, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out[i] = Input{Path: p, SHA256: hex.EncodeToString(h.Sum(nil))}
	}
	return out, nil
}

// pendingFile is rehearsal.json while the rehearsal runs: it is written
// as soon as the record is complete (when the import on the clone has
// planned), so that the print (tens of MB at 100,000 users) does not stay
// in memory through the import, and takes its name once the rehearsal
// ended well: `import --rehearsed` reads no other name.
const pendingFile = ".rehearsal.json.pending"

// writePending writes the record into dir, owner-only, under the pending
// name, and keeps of its print only the total and the number of entries.
func (r *Record) writePending(dir string) error {
	r.Version = recordVersion
	err := atomicfile.Write(filepath.Join(dir, pendingFile), atomicfile.Private, func(w io.Writer) error {
		b := bufio.NewWriter(w)
		if err := r.encode(b); err != nil {
			return err
		}
		return b.Flush()
	})
	if err != nil {
		return err
	}
	r.printed = len(r.Fingerprint.Entries)
	r.Fingerprint = &Print{Total: r.Fingerprint.Total}
	return nil
}

// encode writes the record as json.Marshal does, and a newline, but its
// print an entry at a time: a print of 100,000 users is never one
// encoding in memory.
func (r *Record) encode(w *bufio.Writer) error {
	head := *r
	head.Fingerprint = nil
	b, err := json.Marshal(head)
	if err != nil {
		return err
	}
	b, last := bytes.CutSuffix(b, []byte("null}"))
	if !last {
		return errors.New("rehearse: the record's print is not its last field") // a change to Record
	}
	w.Write(b)
	if err := r.Fingerprint.encode(w); err != nil {
		return err
	}
	_, err = w.WriteString("}\n")
	return err
}

// encode writes the print as json.Marshal does (the entries by key).
func (p *Print) encode(w *bufio.Writer) error {
	if p == nil || p.Entries == nil {
		b, err := json.Marshal(p)
		w.Write(b)
		return err
	}
	total, _ := json.Marshal(p.Total) // a string
	fmt.Fprintf(w, `{"total":%s,"entries":{`, total)
	for i, k := range sortedKeys(p.Entries) {
		if i > 0 {
			w.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		e, err := json.Marshal(p.Entries[k])
		if err != nil {
			return err
		}
		w.Write(key)
		w.WriteByte(':')
		w.Write(e)
	}
	_, err := w.WriteString("}}")
	return err
}

// commit names the pending record rehearsal.json.
func commit(dir string) error {
	if err := os.Rename(filepath.Join(dir, pendingFile), filepath.Join(dir, RecordFile)); err != nil {
		return err
	}
	return atomicfile.SyncDir(dir)
}

// ErrNoRehearsal is a folder without rehearsal.json.
var ErrNoRehearsal = errors.New("not a rehearsal folder (no " + RecordFile + ")")

// ReadRecord reads dir's rehearsal.json.
func ReadRecord(dir string) (*Record, error) {
	data, err := os.ReadFile(filepath.Join(dir, RecordFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoRehearsal)
	}
	if err != nil {
		return nil, err
	}
	var r Record
	if err := json.Unmarshal(data, &r); err != nil || r.Fingerprint == nil {
		return nil, fmt.Errorf("%s is damaged: %v", filepath.Join(dir, RecordFile), err)
	}
	if r.Version > recordVersion {
		return nil, fmt.Errorf("%s is of a newer orgbatch (version %d)", filepath.Join(dir, RecordFile), r.Version)
	}
	return &r, nil
}

// Stale says why a rehearsal does not hold for an import: other sheets,
// other flags, another tenant, or the tenant changed in what the plan
// reads. Nothing was written.
type Stale struct {
	Dir     string
	Reasons []string
}

func (e *Stale) Error() string {
	msg := fmt.Sprintf("the rehearsal %s is stale, nothing was written; rehearse again / 演练已过期，未写入任何内容，请重新演练", e.Dir)
	for _, r := range e.Reasons {
		msg += "\n  - " + r
	}
	return msg
}

// CheckInputs compares the sheets, flags and tenant of an import with the
// rehearsal's; nil when they agree.
func (r *Record) CheckInputs(dir string, inputs []Input, options map[string]string, tenantKey string) *Stale {
	var reasons []string
	if r.Tenant != tenantKey {
		reasons = append(reasons, fmt.Sprintf("it rehearsed %s, this import writes to %s / 演练的不是这个租户", r.Tenant, tenantKey))
	}
	if len(inputs) != len(r.Inputs) {
		reasons = append(reasons, fmt.Sprintf("it rehearsed %d file(s), this import reads %d / 文件数量不同", len(r.Inputs), len(inputs)))
	} else {
		for i, in := range inputs {
			if in.SHA256 != r.Inputs[i].SHA256 {
				reasons = append(reasons, fmt.Sprintf("%s changed since the rehearsal (rehearsed: %s) / 表格内容已变化", in.Path, r.Inputs[i].Path))
			}
		}
	}
	for _, k := range sortedKeys(union(r.Options, options)) {
		if r.Options[k] != options[k] {
			reasons = append(reasons, fmt.Sprintf("%s is %q, the rehearsal had %q / 参数与演练时不同", k, options[k], r.Options[k]))
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return &Stale{Dir: dir, Reasons: reasons}
}

// MaxDrifts is how many changes a stale message names; the rest are counted.
const MaxDrifts = 20

// CheckTenant compares the tenant as the import's plan read it with the
// rehearsal's print, and the plan with the rehearsed one.
func (r *Record) CheckTenant(dir string, now *Print, planDigest string) *Stale {
	drifts := Compare(r.Fingerprint, now)
	var reasons []string
	for i, d := range drifts {
		if i == MaxDrifts {
			reasons = append(reasons, fmt.Sprintf("and %d more / 另有 %d 处", len(drifts)-i, len(drifts)-i))
			break
		}
		reasons = append(reasons, "the tenant changed: "+d.String())
	}
	if len(drifts) == 0 && planDigest != r.Plan {
		reasons = append(reasons, "the plan differs from the rehearsed one although the tenant reads the same / 计划与演练时不同")
	}
	if len(reasons) == 0 {
		return nil
	}
	return &Stale{Dir: dir, Reasons: reasons}
}

func union(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k := range a {
		out[k] = ""
	}
	for k := range b {
		out[k] = ""
	}
	return out
}
