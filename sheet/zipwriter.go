package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"sort"

	"github.com/xuri/excelize/v2"
)

// sortedZip makes excelize's output byte-for-byte reproducible: excelize
// writes the package parts in the order of a sync.Map walk, which changes
// from run to run. Parts are collected and written sorted by name when the
// workbook is closed, so the same sheets always give the same file (the
// committed templates are compared with what the command writes).
type sortedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{w: w, parts: map[string]*bytes.Buffer{}}
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		z.parts[p] = bytes.NewBuffer(data)
		return nil
	})
}

func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	sort.Strings(names)
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := z.parts[n].WriteTo(w); err != nil {
			return err
		}
	}
	return zw.Close()
}
