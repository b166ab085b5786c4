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
