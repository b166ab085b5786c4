package samplegen

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
)

// Org is a generated org as rows in the template's column order. Users'
// rows may go on with the columns of UserColumns (custom attributes).
type Org struct {
	Departments [][]string
	Users       [][]string
	Units       [][]string // none in synthetic orgs
	// UserColumns head the users' rows' cells after the template's
	// (custom attributes).
	UserColumns []string
}

// Sheets returns the org as the template's data sheets (a units sheet
// only when it has units).
func (o Org) Sheets() []sheet.OutSheet {
	var extra []sheet.Column
	for _, h := range o.UserColumns {
		extra = append(extra, sheet.Column{Header: h, Width: 20})
	}
	out := []sheet.OutSheet{
		templates.DataSheet(org.DepartmentSchema, o.Departments),
		templates.DataSheet(org.UserSchema, o.Users, extra...),
	}
	if len(o.Units) > 0 {
		out = append(out, templates.DataSheet(org.UnitSchema, o.Units))
	}
	return out
}

// WriteXLSX writes the org as one workbook.
func (o Org) WriteXLSX(path string) error { return sheet.WriteXLSX(path, o.Sheets()...) }

// WriteCSV writes departments.csv, users.csv and (with units) units.csv
// into dir (UTF-8 with BOM).
func (o Org) WriteCSV(dir string) error {
	for i, s := range o.Sheets() {
		if err := sheet.WriteCSV(filepath.Join(dir, templates.CSVName(org.Schemas[i].Kind)), s, true); err != nil {
			return err
		}
	}
	return nil
}

// row lays out field values in a schema's column order.
func row(s *org.Schema, values map[string]string) []string {
	r := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		r[i] = values[f.Key]
	}
	return r
}

func fieldIndex(s *org.Schema, key string) int {
	for i, f := range s.Fields {
		if f.Key == key {
			return i
		}
	}
	panic("samplegen: no field " + key) // a typo in this package, caught by its tests
}

// person is the generator's view of one user before it becomes a row.
type person struct {
	id, leader string
	depts      []string
}

// gen holds a generator's random source and counters.
type gen struct {
	rnd *rand.Rand
}

func newGen(seed uint64) *gen { return &gen{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

func (g *gen) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

func (g *gen) chineseName() string {
	n := []rune{surnames[g.rnd.IntN(len(surnames))]}
	for k := 1 + g.rnd.IntN(2); k > 0; k-- {
		n = append(n, givenChars[g.rnd.IntN(len(givenChars))])
	}
	return string(n)
}

// mobile i is unique for every i below 10^8: 104729 is prime and shares
// no factor with 10^8, so i ↦ i·104729 mod 10^8 is a bijection.
func mobile(i int) string { return fmt.Sprintf("139%08d", (i*104729)%100000000) }

var joinEpoch = time.Date(2015, 1, 1, 0, 0, 0, 0, org.China)

func (g *gen) userValues(i int, p person, title string) map[string]string {
	v := map[string]string{
		"user_id":        p.id,
		"name":           g.chineseName(),
		"mobile":         mobile(i),
		"department_ids": joinIDs(p.depts),
		"employee_type":  g.employeeType(),
		"gender":         []string{"男", "女"}[g.rnd.IntN(2)],
		"employee_no":    fmt.Sprintf("%06d", i+1),
		"job_title":      title,
		"leader_user_id": p.leader,
		"join_time":      org.FormatDate(joinEpoch.AddDate(0, 0, g.rnd.IntN(3600))),
		"city":           g.pick(cities),
		"work_station":   fmt.Sprintf("%c-%d%02d", 'A'+rune(g.rnd.IntN(4)), 1+g.rnd.IntN(9), 1+g.rnd.IntN(40)),
	}
	if g.rnd.IntN(10) != 0 {
		v["email"] = fmt.Sprintf("emp%05d@xingchen.example.com", i+1)
	}
	return v
}

func (g *gen) employeeType() string {
	switch n := g.rnd.IntN(100); {
	case n < 88:
		return "正式"
	case n < 94:
		return "实习"
	case n < 97:
		return "外包"
	case n < 99:
		return "顾问"
	default:
		return "劳务"
	}
}

func joinIDs(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ";"
		}
		s += id
	}
	return s
}
