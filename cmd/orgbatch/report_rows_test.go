package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/orgbatch/orgbatch/sheet"
	"github.com/xuri/excelize/v2"
)

// TestImportReportRowsInBothFormats: the report's rows are made as they
// are written, once for the CSV and once for the workbook: both hold every
// input row, with its own cells and its outcome, in the same order.
func TestImportReportRowsInBothFormats(t *testing.T) {
	reports := t.TempDir()
	code, out, errOut := runCLI(t, "import", samplesXLSX, "--sandbox", "--rate-scale", "1000", "--report", reports)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	dir := onlyRunDir(t, reports)
	f, err := excelize.OpenFile(filepath.Join(dir, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, name := range []string{"部门 departments", "成员 users"} {
		fromXLSX, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "report-"+name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		fromCSV, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for i := range fromCSV { // the workbook leaves out trailing empty cells
			for len(fromCSV[i]) > 0 && fromCSV[i][len(fromCSV[i])-1] == "" {
				fromCSV[i] = fromCSV[i][:len(fromCSV[i])-1]
			}
			for j, c := range fromCSV[i] { // CSV cells are escaped (+1 415…), xlsx string cells are not
				fromCSV[i][j] = sheet.UnescapeFormula(c)
			}
		}
		want := map[string]int{"部门 departments": 47, "成员 users": 301}[name]
		if len(fromXLSX) != want || !reflect.DeepEqual(fromXLSX, fromCSV) {
			t.Fatalf("%s: %d rows in the workbook, %d in the CSV (want %d, equal)", name, len(fromXLSX), len(fromCSV), want)
		}
		header := fromXLSX[0]
		status := slices.Index(header, "状态 status") // the outcome columns follow the input's
		if status < 0 {
			t.Fatalf("%s header %v", name, header)
		}
		for _, r := range fromXLSX[1:] {
			if r[status] != "成功 created" || r[0] == "" {
				t.Fatalf("%s row %v", name, r)
			}
		}
	}
}
