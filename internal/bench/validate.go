package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/validate"
	"github.com/xuri/excelize/v2"
)

// ValidateResult is one measurement of offline validation.
type ValidateResult struct {
	Users       int
	FileBytes   int64
	Bare        time.Duration // best bare excelize streaming read
	Validate    time.Duration // best run of the validate command, its report included
	Ratio       float64       // Validate / Bare
	PeakRSS     int64         // bytes, VmHWM during the validation runs (0 if unknown)
	PeakHeap    uint64        // bytes, Go heap high-water mark seen by the sampler
	Problems    int
	Departments int
}

func (r ValidateResult) String() string {
	return fmt.Sprintf("users=%d file=%.1fMB bare=%v validate=%v ratio=%.2f peakRSS=%.0fMB peakHeap=%.0fMB problems=%d",
		r.Users, float64(r.FileBytes)/1e6, r.Bare.Round(time.Millisecond), r.Validate.Round(time.Millisecond),
		r.Ratio, float64(r.PeakRSS)/1e6, float64(r.PeakHeap)/1e6, r.Problems)
}

// GenerateWorkbook writes a synthetic org with the given number of users
// (and users/100 departments, 10 levels deep) into dir and returns its path.
func GenerateWorkbook(dir string, users int) (string, error) {
	p := filepath.Join(dir, fmt.Sprintf("org-%d.xlsx", users))
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	o := samplegen.Synthetic(samplegen.Spec{Departments: max(users/100, 10), Depth: 10, Users: users, WithLeader: 0.2, Seed: 7})
	return p, o.WriteXLSX(p)
}

// BareRead streams every cell of every sheet with excelize and nothing
// else: the floor that validation is compared with.
func BareRead(path string) (cells int, err error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			cols, err := rows.Columns()
			if err != nil {
				rows.Close()
				return 0, err
			}
			cells += len(cols)
		}
		if err := rows.Close(); err != nil {
			return 0, err
		}
	}
	return cells, nil
}

// LoadAndValidate is what `orgbatch validate --no-report` does, minus
// printing.
func LoadAndValidate(path string) (depts, problems int) {
	o, ps := org.Load([]org.Input{{Path: path}})
	ps = append(ps, validate.Validate(o)...)
	return len(o.Departments), len(ps)
}

// ValidateWithReport is what `orgbatch validate` does, minus printing: load,
// validate, and write the validation report into reportDir.
func ValidateWithReport(path, reportDir string) error {
	o, ps := org.Load([]org.Input{{Path: path}})
	ps = append(ps, validate.Validate(o)...)
	_, err := report.WriteValidation(reportDir, o, ps, time.Now())
	return err
}

// ValidateCommand runs the validate command a user runs on a workbook,
// writing its report into reportDir.
type ValidateCommand func(workbook, reportDir string) error

// Validate measures the validate command on a generated workbook of n
// users against a bare read: the best of reps runs of each, interleaved so
// that machine noise hits both alike. The peak resident memory covers the
// command runs (and the bare reads, which need far less).
func Validate(dir string, users, reps int, run ValidateCommand) (ValidateResult, error) {
	path, err := GenerateWorkbook(dir, users)
	if err != nil {
		return ValidateResult{}, err
	}
	st, _ := os.Stat(path)
	res := ValidateResult{Users: users, FileBytes: st.Size()}
	reports, err := os.MkdirTemp(dir, "reports-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(reports)
	o, ps := org.Load([]org.Input{{Path: path}})
	res.Departments, res.Problems = len(o.Departments), len(ps)+len(validate.Validate(o))
	o = nil
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	sampler := startHeapSampler()
	for i := 0; i < reps; i++ {
		t0 := time.Now()
		if _, err := BareRead(path); err != nil {
			return res, err
		}
		bare := time.Since(t0)
		runtime.GC()
		t0 = time.Now()
		if err := run(path, reports); err != nil {
			return res, err
		}
		v := time.Since(t0)
		runtime.GC()
		if i == 0 || bare < res.Bare {
			res.Bare = bare
		}
		if i == 0 || v < res.Validate {
			res.Validate = v
		}
	}
	res.PeakHeap = sampler.stop()
	res.PeakRSS = peakRSS()
	res.Ratio = float64(res.Validate) / float64(res.Bare)
	return res, nil
}

// resetPeakRSS clears the kernel's high-water mark of this process's
// resident set (Linux: writing 5 to clear_refs), so VmHWM afterwards covers
// only what follows, not the workbook generation before it.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS reads VmHWM from /proc/self/status, in bytes (0 off Linux).
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// heapSampler records the largest heap in use while a measurement runs.
type heapSampler struct {
	done chan struct{}
	peak chan uint64
}

func startHeapSampler() *heapSampler {
	s := &heapSampler{done: make(chan struct{}), peak: make(chan uint64, 1)}
	go func() {
		var peak uint64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-s.done:
				s.peak <- peak
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	return s
}

func (s *heapSampler) stop() uint64 {
	close(s.done)
	return <-s.peak
}
