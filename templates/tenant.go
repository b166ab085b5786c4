package templates

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/tenant"
)

// A template made against a tenant (orgbatch template --from-tenant)
// offers the tenant's own lists: its active employee types, enabled job
// levels, families (as paths), titles and cities in the dropdowns, and one
// column per custom attribute (headed "学历 (custom:C-…)", with its options
// as a dropdown). Excel keeps a dropdown's list in at most 255 characters:
// a longer list gets no dropdown (Excel would refuse the values left out),
// and the instructions sheet still names the column's rules.

// MaxDropdownChars is Excel's limit on a literal dropdown list.
const MaxDropdownChars = 255

// TenantChoices are the dropdown values of the users sheet's fields that
// name the tenant's lists.
func TenantChoices(d *feishu.Directory) map[string][]string {
	m := map[string][]string{}
	for _, t := range d.EmployeeTypes {
		if t.EnumStatus == feishu.EnumStatusActive {
			m["employee_type"] = append(m["employee_type"], t.Content)
		}
	}
	for _, l := range d.JobLevels {
		if l.Status {
			m["job_level"] = append(m["job_level"], l.Name)
		}
	}
	for _, f := range d.JobFamilies {
		if f.Status {
			m["job_family"] = append(m["job_family"], tenant.FamilyPath(d, f.JobFamilyID))
		}
	}
	for _, t := range d.JobTitles {
		if t.Status {
			m["job_title"] = append(m["job_title"], t.Name)
		}
	}
	for _, c := range d.WorkCities {
		if c.Status {
			m["city"] = append(m["city"], c.Name)
		}
	}
	return m
}

// fits keeps a dropdown that Excel can hold.
func fits(choices []string) []string {
	n := 0
	for _, c := range choices {
		n += utf8.RuneCountInString(c) + 1
	}
	if len(choices) == 0 || n-1 > MaxDropdownChars {
		return nil
	}
	return choices
}

// attrColumns are a template's custom attribute columns.
func attrColumns(d *feishu.Directory) []sheet.Column {
	cols := make([]sheet.Column, len(d.CustomAttrs))
	for i := range d.CustomAttrs {
		a := &d.CustomAttrs[i]
		col := sheet.Column{Header: org.CustomHeader(tenant.AttrName(a), a.ID), Width: 20}
		if a.Options != nil {
			var opts []string
			for _, o := range a.Options.Options {
				opts = append(opts, tenant.OptionText(a, o))
			}
			col.Choices = fits(opts)
		}
		cols[i] = col
	}
	return cols
}

// TenantSheets are the template's sheets with d's lists.
func TenantSheets(d *feishu.Directory) []sheet.OutSheet {
	sheets := TemplateSheets()
	choices := TenantChoices(d)
	for i, s := range org.Schemas {
		if s.Kind != org.KindUsers {
			continue
		}
		us := &sheets[i]
		for j, f := range s.Fields {
			if c, ok := choices[f.Key]; ok {
				us.Columns[j].Choices = fits(c)
			}
		}
		attrs := attrColumns(d)
		n := len(s.Fields)
		us.Columns = append(us.Columns[:n], append(attrs, us.Columns[n:]...)...) // before the marker column
		for r := range us.Rows {
			row := us.Rows[r]
			us.Rows[r] = append(append(append([]string(nil), row[:n]...), make([]string, len(attrs))...), row[n:]...)
		}
	}
	last := &sheets[len(sheets)-1]
	last.Rows = append(last.Rows, attrRows(d)...)
	return sheets
}

// attrRows are the instructions' rows for the tenant's attributes.
func attrRows(d *feishu.Directory) [][]string {
	shape := map[string][2]string{
		feishu.AttrText:        {"文本，不超过 100 个字符", "text, at most 100 characters"},
		feishu.AttrHref:        {"网页：「标题 | 网址」或只填网址", "a link: 'title | URL', or a URL alone"},
		feishu.AttrEnumeration: {"选项名称或选项ID", "an option's text or ID"},
		feishu.AttrPictureEnum: {"图片选项的名称或ID", "a picture option's name or ID"},
		feishu.AttrGenericUser: {"成员的用户ID", "a user_id"},
	}
	var rows [][]string
	for i := range d.CustomAttrs {
		a := &d.CustomAttrs[i]
		var names []string
		for _, n := range a.I18nName {
			names = append(names, n.Value)
		}
		names = append(names, org.CustomPrefix+a.ID)
		s := shape[a.Type]
		rows = append(rows, []string{UsersSheet, org.CustomHeader(tenant.AttrName(a), a.ID), "否 No", strings.Join(names, " / "),
			fmt.Sprintf("自定义字段（%s）：%s", a.Type, s[0]), fmt.Sprintf("custom attribute (%s): %s", a.Type, s[1]), ""})
	}
	return rows
}

// WriteFor writes the templates with d's lists into dir, as Write does.
func WriteFor(dir, format string, d *feishu.Directory) ([]string, error) {
	return write(dir, format, TenantSheets(d))
}

// write writes sheets (data sheets in org.Schemas order, then the
// instructions) in the given format.
func write(dir, format string, sheets []sheet.OutSheet) ([]string, error) {
	switch format {
	case "xlsx":
		p := filepath.Join(dir, XLSXName)
		return []string{p}, sheet.WriteXLSX(p, sheets...)
	case "csv":
		var paths []string
		for i, s := range org.Schemas {
			p := filepath.Join(dir, CSVName(s.Kind))
			if err := sheet.WriteCSV(p, sheets[i], true); err != nil {
				return paths, err
			}
			paths = append(paths, p)
		}
		p := filepath.Join(dir, InstructionsName)
		if err := sheet.WriteCSV(p, sheets[len(sheets)-1], true); err != nil {
			return paths, err
		}
		return append(paths, p), nil
	}
	return nil, fmt.Errorf("unknown format %q (want xlsx or csv)", format)
}
