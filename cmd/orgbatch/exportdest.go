package main

import (
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/tenant"
)

// An export never overwrites anything unless --force. A name orgbatch
// makes up (reports/export-<time>.xlsx, or inside an --out directory) that
// is taken becomes export-<time>-2…; a name the user gave that exists is
// refused before the tenant is read. Files are committed with
// atomicfile.WriteNew, so a file that appears meanwhile is not replaced
// either.

// dest is where an export goes.
type dest struct {
	format string
	dir    string // xlsx: the file's directory; csv: the directory of the files
	file   string // xlsx with --out FILE: the file
	name   string // the made-up name, without suffix and extension
	force  bool
}

// exportDest resolves --out: the default is reports/export-<time>.xlsx
// (or the directory reports/export-<time> for csv); an existing directory
// given for xlsx gets the default file name inside it.
func exportDest(out, format string, now time.Time, force bool) (*dest, error) {
	d := &dest{format: format, name: "export-" + now.Format("20060102-150405"), force: force}
	switch {
	case out == "":
		d.dir = "reports"
	case format == "xlsx" && isExistingDir(out):
		d.dir = out
	case format == "xlsx" && strings.EqualFold(filepath.Ext(out), ".csv"):
		return nil, usageError(msg.OutCSVNeedsFormat, out)
	case format == "csv" && strings.EqualFold(filepath.Ext(out), ".xlsx"):
		return nil, usageError(msg.OutNotWorkbook, out)
	case format == "xlsx":
		d.dir, d.file = filepath.Dir(out), out
		if _, err := os.Lstat(out); err == nil && !force {
			return nil, usageError(msg.OutExists, out)
		}
	default:
		d.dir, d.name = out, ""
		if taken := d.taken(); len(taken) > 0 && !force {
			return nil, usageError(msg.OutHoldsExport, out, strings.Join(taken, ", "))
		}
	}
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	return d, nil
}

func isExistingDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// taken lists the export files a csv --out directory already has.
func (d *dest) taken() []string {
	var out []string
	for _, n := range exporter.CSVNames() {
		if _, err := os.Lstat(filepath.Join(d.dir, n)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// write writes the export and returns the files written. It first removes
// what killed exports left in the directory (temporary files).
func (d *dest) write(io *IOStreams, snap *tenant.Snapshot, meta exporter.Meta, bom bool) ([]string, error) {
	removeStale(io, d.dir)
	noReplace := sheet.WriteOptions{NoReplace: !d.force}
	switch {
	case d.format == "xlsx" && d.file != "":
		return []string{d.file}, exporter.WriteXLSX(snap, d.file, meta, noReplace)
	case d.format == "csv" && d.name == "":
		return exporter.WriteCSV(snap, d.dir, meta, bom, noReplace)
	}
	for i := 1; ; i++ {
		name := d.name
		if i > 1 {
			name = fmt.Sprintf("%s-%d", name, i)
		}
		var err error
		if d.format == "xlsx" {
			p := filepath.Join(d.dir, name+".xlsx")
			if err = exporter.WriteXLSX(snap, p, meta, sheet.WriteOptions{NoReplace: true}); err == nil {
				return []string{p}, nil
			}
		} else if err = os.Mkdir(filepath.Join(d.dir, name), 0o700); err == nil {
			return exporter.WriteCSV(snap, filepath.Join(d.dir, name), meta, bom, sheet.WriteOptions{NoReplace: true})
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
	}
}
