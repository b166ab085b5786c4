package tenant

import (
	"strconv"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// Names of the tenant's list entries as sheets write them: what exports
// write and imports read back (see plan/directory.go, custom_attrs.go).

// FamilyPath is a job family's path from the top level ("研发/后端"),
// the form exports write and imports read; the ID itself when unknown.
func FamilyPath(d *feishu.Directory, id string) string {
	var segs []string
	for guard := 0; id != "" && guard <= len(d.JobFamilies); guard++ {
		f := findFamily(d, id)
		if f == nil {
			if segs == nil {
				return id
			}
			break
		}
		segs = append([]string{f.Name}, segs...)
		id = f.ParentJobFamilyID
	}
	return strings.Join(segs, "/")
}

func findFamily(d *feishu.Directory, id string) *feishu.JobFamily {
	for i := range d.JobFamilies {
		if d.JobFamilies[i].JobFamilyID == id {
			return &d.JobFamilies[i]
		}
	}
	return nil
}

// LevelName is a job level's name (the ID when unknown), for exports and
// field changes.
func LevelName(d *feishu.Directory, id string) string {
	for _, l := range d.JobLevels {
		if l.JobLevelID == id {
			return l.Name
		}
	}
	return id
}

// TypeName is an employee type's name: the built-in Chinese name, a
// tenant type's content, else the number.
func TypeName(d *feishu.Directory, v int) string {
	if v == 0 {
		return ""
	}
	s := strconv.Itoa(v)
	for _, t := range d.EmployeeTypes {
		if t.EnumValue == s {
			return t.Content
		}
	}
	if v > 0 && v < len(org.EmployeeTypeNames) {
		return org.EmployeeTypeNames[v]
	}
	return s
}

// OptionText is how an option is written in a cell: a picture's name, a
// text option's text.
func OptionText(a *feishu.CustomAttr, o feishu.CustomAttrOption) string {
	if a.Type == feishu.AttrPictureEnum && o.Name != "" {
		return o.Name
	}
	return o.Value
}

// ParseHref splits an HREF cell: "title | URL | desktop URL", "title |
// URL", or a URL alone (its own title). The full-width ｜ separates too.
func ParseHref(cell string) (text, u, pc string) {
	parts := strings.Split(strings.ReplaceAll(cell, "｜", "|"), "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	switch len(parts) {
	case 1:
		return parts[0], parts[0], ""
	case 2:
		return parts[0], parts[1], ""
	}
	return parts[0], parts[1], strings.Join(parts[2:], "|")
}

// HrefText writes an HREF value as a cell (ParseHref reads it back).
func HrefText(v feishu.UserCustomAttrValue) string {
	switch {
	case v.PcURL != "" && v.PcURL != v.URL:
		return v.Text + HrefSeparator + v.URL + HrefSeparator + v.PcURL
	case v.Text == v.URL:
		return v.URL
	}
	return v.Text + HrefSeparator + v.URL
}

// AttrText is how a user's value of an attribute is written in a cell (""
// when they have none).
func AttrText(u *feishu.User, a *feishu.CustomAttr) string {
	for _, v := range u.CustomAttrs {
		if v.ID != a.ID || v.Value == nil {
			continue
		}
		return ValueText(a, *v.Value)
	}
	return ""
}

func ValueText(a *feishu.CustomAttr, v feishu.UserCustomAttrValue) string {
	switch a.Type {
	case feishu.AttrText:
		return v.Text
	case feishu.AttrHref:
		return HrefText(v)
	case feishu.AttrGenericUser:
		if v.GenericUser != nil {
			return v.GenericUser.ID
		}
		return ""
	}
	if a.Options != nil {
		for _, o := range a.Options.Options {
			if o.ID == v.OptionID {
				return OptionText(a, o)
			}
		}
	}
	return v.OptionID
}

// HrefSeparator separates an HREF cell's title and URLs.
const HrefSeparator = " | "
