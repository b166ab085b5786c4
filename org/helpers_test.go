package org_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/problem"
	"github.com/xuri/excelize/v2"
)

// tsheet is one worksheet of a workbook a test writes.
type tsheet struct {
	name   string
	rows   [][]any // from row 1; nil rows stay blank
	hidden bool
}

// writeBook writes an .xlsx with excelize.
func writeBook(t *testing.T, dir, name string, sheets ...tsheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			if row == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range sheets {
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeText writes a CSV (or any text) file.
func writeText(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// rules lists the problems' rule codes, sorted.
func rules(ps []problem.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Rule)
	}
	slices.Sort(out)
	return out
}

// only returns the problems of one rule.
func only(ps []problem.Problem, rule string) []problem.Problem {
	var out []problem.Problem
	for _, p := range ps {
		if p.Rule == rule {
			out = append(out, p)
		}
	}
	return out
}

func showProblems(ps []problem.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("\n  " + p.Rule + " @ " + p.Where() + ": " + p.Text())
	}
	return b.String()
}

// row builds a []any from strings.
func row(cells ...string) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = c
	}
	return out
}
