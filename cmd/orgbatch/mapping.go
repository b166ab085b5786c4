package main

import (
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"os"
	"slices"
	"strings"

	"github.com/gocarina/gocsv"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/org"
	"github.com/spf13/cobra"
)

// mappingFlags map HR headers onto template fields.
type mappingFlags struct {
	maps    []string
	mapFile string
}

func (f *mappingFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.maps, "map", nil, "map an HR header onto a field: 'HR header=field' (repeatable) / 把一个 HR 表头映射到字段：'HR表头=字段'（可重复）")
	cmd.Flags().StringVar(&f.mapFile, "map-file", "", "a CSV of header,field rows mapping HR headers onto fields / 把 HR 表头映射到字段的 CSV（两列 header,field）")
}

// mapRow is one row of a --map-file: a fixed two-column CSV, which is what
// gocsv's struct mapping is for.
type mapRow struct {
	Header string `csv:"header"`
	Field  string `csv:"field"`
}

// mapping parses --map and --map-file into header → field.
func (f *mappingFlags) mapping() (map[string]string, error) {
	m := map[string]string{}
	if f.mapFile != "" {
		data, err := os.ReadFile(f.mapFile)
		if err != nil {
			return nil, usageWrap(err, msg.MapFileUnreadable)
		}
		var rows []mapRow
		if err := gocsv.UnmarshalBytes([]byte(strings.TrimPrefix(string(data), "\ufeff")), &rows); err != nil {
			return nil, usageWrap(err, msg.MapFileBad, f.mapFile)
		}
		for _, r := range rows {
			m[strings.TrimSpace(r.Header)] = strings.TrimSpace(r.Field)
		}
	}
	for _, s := range f.maps {
		i := strings.LastIndex(s, "=")
		if i <= 0 {
			return nil, usageError(msg.MapBad, s)
		}
		m[strings.TrimSpace(s[:i])] = strings.TrimSpace(s[i+1:])
	}
	keys := org.FieldKeys()
	for h, field := range m {
		if !slices.Contains(keys, field) {
			return nil, usageError(msg.MapNoField, h, field, field, strings.Join(keys, ", "))
		}
	}
	return m, nil
}

// printMapping tells which headers were read through the mapping.
func printMapping(io *IOStreams, o *org.Org) map[string]string {
	used := map[string]string{}
	for _, t := range o.Tables {
		for h, key := range t.Mapped {
			used[h] = key
		}
	}
	if len(used) > 0 && !io.Quiet {
		var parts []string
		for h, k := range used {
			parts = append(parts, fmt.Sprintf("%s → %s", textsafe.Terminal(h), k))
		}
		slices.Sort(parts)
		fmt.Fprintf(io.ErrOut, "列映射 column mapping: %s\n", strings.Join(parts, ", "))
	}
	return used
}
