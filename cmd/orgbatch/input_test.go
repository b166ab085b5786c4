package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgbatch/orgbatch/internal/xlsxtest"
)

// bigWorkbook is a valid users workbook whose sheet is over excelize's 16
// MiB threshold, so excelize extracts it to a temporary file (padded with
// comments, to stay quick to read).
func bigWorkbook(t *testing.T) string {
	t.Helper()
	cell := func(ref, v string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + v + `</t></is></c>` }
	var b strings.Builder
	for i, h := range []string{"user_id", "name", "mobile", "department_ids", "employee_type"} {
		b.WriteString(cell(fmt.Sprintf("%c1", 'A'+i), h))
	}
	rows := `<row r="1">` + b.String() + `</row>`
	pad := "<!--" + strings.Repeat(" ", 1<<19) + "-->"
	for n := 2; n < 36; n++ {
		rows += fmt.Sprintf(`<row r="%d">%s%s%s%s%s</row>%s`, n, cell(fmt.Sprintf("A%d", n), fmt.Sprintf("u%d", n)),
			cell(fmt.Sprintf("B%d", n), "张三"), cell(fmt.Sprintf("C%d", n), fmt.Sprintf("138001380%02d", n)),
			cell(fmt.Sprintf("D%d", n), "0"), cell(fmt.Sprintf("E%d", n), "正式"), pad)
	}
	path := filepath.Join(t.TempDir(), "big.xlsx")
	if err := os.WriteFile(path, xlsxtest.Bytes(xlsxtest.Sheet(rows, "", "", "")), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestNoTemporaryFilesLeft: whatever way a command ends — done, refused,
// interrupted (Ctrl-C is a cancelled context) — the workbook's temporary
// files are gone.
func TestNoTemporaryFilesLeft(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	book := bigWorkbook(t)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	reports := t.TempDir()
	for _, c := range []struct {
		name string
		ctx  context.Context
		args []string
		code int
	}{
		{"validate", context.Background(), []string{"validate", "--no-report", book}, ExitOK},
		{"import interrupted", cancelled, []string{"import", book, "--sandbox", "--report", reports}, ExitInterrupted},
		{"import dry run", context.Background(), []string{"import", book, "--sandbox", "--dry-run", "--report", reports}, ExitOK},
		{"refused", context.Background(), []string{"validate", "--no-report", "--users", "../../samples/invalid/users_unclosed_quote.csv", book}, ExitUsage},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runAgainst(t, c.ctx, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, c.code, out, errOut)
			}
			for _, pattern := range []string{"orgbatch-xlsx-*", "excelize-*"} {
				if left, _ := filepath.Glob(filepath.Join(tmp, pattern)); len(left) > 0 {
					t.Errorf("temporary files left: %v", left)
				}
			}
		})
	}
}
