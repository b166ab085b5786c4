package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/samplegen"
	"github.com/orgbatch/orgbatch/report"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
	"github.com/xuri/excelize/v2"
)

// editXLSX copies a workbook to dir and sets cells: sheet → the row whose
// first cell is key → header → value.
func editXLSX(t *testing.T, from, to string, edits map[string]map[string]map[string]string) string {
	t.Helper()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, rows := range edits {
		for key, cells := range rows {
			setCells(t, f, name, key, cells)
		}
	}
	if err := f.SaveAs(to); err != nil {
		t.Fatal(err)
	}
	return to
}

// setCells sets cells of the row of sheet name whose first cell is key (or,
// for a key "col=value", whose column col holds value), by header.
func setCells(t *testing.T, f *excelize.File, name, key string, cells map[string]string) {
	t.Helper()
	rows, err := f.GetRows(name)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", name, err)
	}
	keyCol, keyVal := 0, key
	if c, v, ok := strings.Cut(key, "="); ok {
		keyCol, keyVal = slices.Index(rows[0], c), v
	}
	for r, row := range rows {
		if r == 0 || keyCol < 0 || keyCol >= len(row) || row[keyCol] != keyVal {
			continue
		}
		for h, v := range cells {
			c := slices.Index(rows[0], h)
			if c < 0 {
				t.Fatalf("sheet %s has no column %q", name, h)
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellStr(name, cell, v)
		}
		return
	}
	t.Fatalf("sheet %s has no row %s", name, key)
}

// fillOf is the fill colour of a cell ("" for none).
func fillOf(t *testing.T, f *excelize.File, sheetName, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheetName, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil || len(st.Fill.Color) == 0 {
		return ""
	}
	return st.Fill.Color[0]
}

const (
	mobileHeader = "手机号 (mobile)"
	deptName     = "部门名称 (name)"
	usersSheet   = "成员 users"
	deptsSheet   = "部门 departments"
)

// TestFailedRowsWorkbookSaysWhyAndReimports: an import with a bad mobile
// and a bad department name (--skip-invalid) writes failed-company.xlsx:
// the failed row and the rows skipped because of it, each with its status,
// code, message and hint, the cell to fix filled red, the template's
// dropdowns and instructions sheet. Corrected where it says and imported
// as it is, it goes in: nothing left over, and the offline warnings about
// departments and leaders the file does not hold (they are in the tenant
// now) are nowhere in the report.
func TestFailedRowsWorkbookSaysWhyAndReimports(t *testing.T) {
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	dir := t.TempDir()
	book := editXLSX(t, samplesXLSX, filepath.Join(dir, "company.xlsx"), map[string]map[string]map[string]string{
		usersSheet: {"u0010": {mobileHeader: "12345"}},
		deptsSheet: {"TECH-QA-AUTO": {deptName: "自动化/测试组"}},
	})
	reports := filepath.Join(dir, "reports")
	args := []string{"--base-url", url, "--rate-scale", "1000", "--yes", "--report", reports}
	code, out, errOut := runAgainst(t, context.Background(), append([]string{"import", book, "--skip-invalid"}, args...)...)
	if code != ExitRowsFailed {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	failed := filepath.Join(onlyRunDir(t, reports), "failed-company.xlsx")
	f, err := excelize.OpenFile(failed)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); !slices.Contains(got, usersSheet) || !slices.Contains(got, deptsSheet) || !slices.Contains(got, "说明 instructions") {
		t.Errorf("sheets %v", got)
	}
	users, _ := f.GetRows(usersSheet)
	lead := len(report.FailedColumns)
	for i, c := range report.FailedColumns {
		if users[0][i] != c.Header {
			t.Fatalf("header %v", users[0])
		}
	}
	mobile := slices.Index(users[0], mobileHeader)
	var u10, skipped int
	for r, row := range users[1:] {
		switch {
		case row[lead] == "u0010":
			u10 = r + 2
			if row[0] != "失败 failed" || row[1] != "USER_MOBILE_FORMAT" || !strings.Contains(row[2], mobileHeader) || row[3] == "" {
				t.Errorf("u0010: %q", row[:lead])
			}
		case row[0] == "跳过 skipped":
			skipped++
			if !strings.Contains(row[2], "TECH-QA-AUTO") || !strings.Contains(row[3], "fix the row it depends on") {
				t.Errorf("skipped row: %q", row[:lead])
			}
		default:
			t.Errorf("row %q in the failed file", row)
		}
	}
	if u10 == 0 || skipped != 8 {
		t.Fatalf("u0010 at row %d, %d skipped rows; want the 8 people of TECH-QA-AUTO", u10, skipped)
	}
	badCell, _ := excelize.CoordinatesToCellName(mobile+1, u10)
	okCell, _ := excelize.CoordinatesToCellName(mobile, u10)
	if got := fillOf(t, f, usersSheet, badCell); !strings.EqualFold(got, "FFC7CE") || fillOf(t, f, usersSheet, okCell) != "" {
		t.Errorf("the bad mobile's fill %q, its neighbour's %q", got, fillOf(t, f, usersSheet, okCell))
	}
	dvs, _ := f.GetDataValidations(usersSheet)
	if len(dvs) == 0 {
		t.Error("no dropdowns in the failed users sheet")
	}
	f.Close()

	// Fixed where the file says, it is imported as it is.
	editXLSX(t, failed, failed, map[string]map[string]map[string]string{
		usersSheet: {"错误码 (error_code)=USER_MOBILE_FORMAT": {mobileHeader: "13912340010"}},
		deptsSheet: {"部门ID (department_id)=TECH-QA-AUTO": {deptName: "自动化测试组"}},
	})
	reports2 := filepath.Join(dir, "reports2")
	args[len(args)-1] = reports2
	code, out, errOut = runAgainst(t, context.Background(), append([]string{"import", failed}, args...)...)
	if code != ExitOK {
		t.Fatalf("re-import: exit %d\n%s\n%s", code, out, errOut)
	}
	if len(srv.Departments()) != 46 || len(srv.Users()) != 300 {
		t.Errorf("tenant: %d departments, %d users", len(srv.Departments()), len(srv.Users()))
	}
	if _, vout, _ := runCLI(t, "validate", "--no-report", "--format", "json", failed); strings.Contains(vout, "COLUMN_UNKNOWN") || !strings.Contains(vout, "USER_LEADER_UNKNOWN") {
		t.Errorf("validating the failed file: its own columns are warned about, or its leaders are not:\n%s", vout)
	}
	r, err := excelize.OpenFile(filepath.Join(onlyRunDir(t, reports2), report.ReportXLSX))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, name := range r.GetSheetList() {
		rows, _ := r.GetRows(name)
		for _, row := range rows {
			if s := strings.Join(row, "|"); strings.Contains(s, "must already exist in Feishu") {
				t.Errorf("%s: a resolved offline warning repeated: %s", name, s)
			}
		}
	}
}

// refuseOne serves a sandbox but refuses one user's create (a permanent
// Feishu error) until healed, and cancels the run two writes after the
// run recorded that failure (failed says whether it has): an
// interruption of a run that has a real failure.
type refuseOne struct {
	inner  http.Handler
	userID string
	cancel context.CancelFunc
	failed func() bool
	mu     sync.Mutex
	after  int // writes since the failure was recorded
	healed bool
}

func (g *refuseOne) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if isWrite(r) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		g.mu.Lock()
		refuse := !g.healed && r.URL.Path == feishu.PathUsers && bytes.Contains(body, []byte(`"user_id":"`+g.userID+`"`))
		if !refuse && !g.healed && g.failed() {
			if g.after++; g.after == 2 {
				g.cancel()
			}
		}
		g.mu.Unlock()
		if refuse {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"code":%d,"msg":"invalid mobile"}`, feishu.CodeMobileInvalid.Num)
			return
		}
	}
	g.inner.ServeHTTP(w, r)
}

// TestInterruptedIsNotFailed: Ctrl-C stops an import that has one real
// failure. The bar stops where it was (never at 100%); the rows not done
// are interrupted — not failed, not skipped, not in the failed-rows file,
// which holds the one failure only — and the message says, in both
// languages, that they are nothing to fix and gives the exact command to
// continue. That command, once the failure is gone, finishes the run and
// removes the failed-rows file of the interrupted attempt.
func TestInterruptedIsNotFailed(t *testing.T) {
	srv, err := sandbox.New(sandbox.Options{Directory: samplegen.Directory()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reports := t.TempDir()
	gate := &refuseOne{inner: srv.Handler(), userID: "u0005", cancel: cancel, failed: func() bool {
		// the journal has a step's end once the run knows it
		js, _ := filepath.Glob(filepath.Join(reports, "import-*", report.JournalFile))
		data, _ := os.ReadFile(strings.Join(js, ""))
		return bytes.Contains(data, []byte(`"status":"failed"`))
	}}
	hs := httptest.NewServer(gate)
	defer hs.Close()
	args := []string{"import", samplesXLSX, "--base-url", hs.URL, "--report", reports, "--rate-scale", "1000", "--yes", "--workers", "4"}
	onTerminal := func(ctx context.Context, args ...string) (int, string, string) {
		io, out, errOut := TestIO()
		io.ErrIsTTY, io.TermWidth = true, func() int { return 120 }
		return Main(ctx, args, io.WithEnv(sandboxEnv)), out.String(), errOut.String()
	}
	code, out, errOut := onTerminal(ctx, args...)
	dir := onlyRunDir(t, reports)
	resume := "orgbatch import " + samplesXLSX + " --resume " + dir
	if code != ExitInterrupted || !strings.Contains(errOut, resume) || !strings.Contains(errOut, "无需修改") || !strings.Contains(errOut, "nothing to fix") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if bar := importBar(errOut); !strings.Contains(bar, "行 rows") || strings.Contains(bar, "100%") {
		t.Errorf("the bar was not drawn, or went to 100%% on an interruption:\n%q", bar)
	}
	s := readSummary(t, dir)
	if !s.Interrupted || s.Rows["user"]["failed"] != 1 || s.Rows["user"]["interrupted"] == 0 || s.Rows["user"]["skipped"]+s.Rows["department"]["skipped"] != 0 {
		t.Errorf("summary rows %v", s.Rows)
	}
	failed := filepath.Join(dir, "failed-company.xlsx")
	f, err := excelize.OpenFile(failed)
	if err != nil {
		t.Fatal(err)
	}
	users, _ := f.GetRows(usersSheet)
	f.Close()
	if len(users) != 2 || users[1][len(report.FailedColumns)] != "u0005" || !strings.Contains(users[1][1], strconv.Itoa(feishu.CodeMobileInvalid.Num)) {
		t.Errorf("failed users: %q; want u0005's row only", users)
	}

	gate.mu.Lock()
	gate.healed = true
	gate.mu.Unlock()
	code, out, errOut = onTerminal(context.Background(), append(args, "--resume", dir)...)
	if code != ExitOK || !strings.Contains(importBar(errOut), "100%") {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
	}
	if s := readSummary(t, dir); s.Interrupted || s.Rows["user"]["created"] != 300 {
		t.Errorf("resumed summary %+v", s.Rows)
	}
	if _, err := os.Stat(failed); !os.IsNotExist(err) {
		t.Errorf("the interrupted attempt's failed-rows file is still there: %v", err)
	}
}

// importBar is the import's bar as drawn on stderr: from its first frame
// to the end of its line.
func importBar(errOut string) string {
	_, bar, _ := strings.Cut(errOut, "导入 importing")
	bar, _, _ = strings.Cut(bar, "\n")
	return bar
}
