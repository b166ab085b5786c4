package plan

import (
	"net/url"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/internal/textsafe"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/tenant"
)

// Custom user attributes: the columns bound to the tenant's attributes
// (tenant.Snapshot.AttrColumns), each cell checked and written in its
// type's shape (user/create: custom_attrs):
//
//	TEXT          the text, at most 100 characters
//	HREF          "title | URL" or "title | URL | desktop URL", or a URL alone
//	              (its own title); URLs start with http:// or https://
//	ENUMERATION   an option by its text or ID
//	PICTURE_ENUM  an option by its picture's name or ID
//	GENERIC_USER  a user_id, of the tenant or of a row created this run
//	              (then set by a PATCH once both exist)
//
// A user's PATCH sends their whole list, what the tenant has with the
// sheet's values over it: whether PATCH merges entries by id or replaces
// the list is not documented, and the whole list is right either way.

// MaxAttrText is the longest TEXT value and HREF title (user/create).
const MaxAttrText = 100

// attrValue is one custom attribute value a row sets.
type attrValue struct {
	attr    *feishu.CustomAttr
	value   feishu.UserCustomAttrValue
	display string
	later   string // GENERIC_USER naming a user created this run: their user_id
}

func (a attrValue) wire() feishu.UserCustomAttr {
	v := a.value
	return feishu.UserCustomAttr{Type: a.attr.Type, ID: a.attr.ID, Value: &v}
}

// bindAttrColumns binds every users table's columns to the tenant's
// attributes, and drops the COLUMN_UNKNOWN warnings of the columns that
// turned out to name one.
func (b *builder) bindAttrColumns(problems []problem.Problem) []problem.Problem {
	b.attrCols = map[*org.Table][]tenant.AttrColumn{}
	bound := map[problem.Loc]bool{}
	for _, t := range b.org.Tables {
		cols := b.t.AttrColumns(t)
		b.attrCols[t] = cols
		for _, c := range cols {
			bound[problem.Loc{File: t.File, Sheet: t.Sheet, Row: t.HeaderRow, Column: c.Header}] = true
		}
		if t.Kind == org.KindUsers && b.t.DirRead.CustomAttrs && len(b.t.Dir.CustomAttrs) == 0 {
			var hs []string
			for _, i := range t.Unknown {
				if !org.IsReadOnlyColumn(t.Header[i]) {
					hs = append(hs, t.Header[i])
				}
			}
			if len(hs) > 0 {
				b.online = append(b.online, problem.New("PLAN_CUSTOM_ATTRS_NONE", problem.Loc{File: t.File, Sheet: t.Sheet, Row: t.HeaderRow}, strings.Join(hs, ", ")))
			}
		}
	}
	// What validation could not know is settled now: a column that names
	// an attribute is not unknown; a type that is not built-in is the
	// tenant's, or a PLAN_ error says it is not.
	return slices.DeleteFunc(slices.Clone(problems), func(p problem.Problem) bool {
		return p.Rule == "COLUMN_UNKNOWN" && bound[problem.Loc{File: p.File, Sheet: p.Sheet, Row: p.Row, Column: p.Column}] ||
			p.Rule == "USER_EMPLOYEE_TYPE_CUSTOM" && b.t.DirRead.EmployeeTypes
	})
}

// userAttrs checks the row's custom attribute cells.
func (b *builder) userAttrs(c *Change, row *org.User) []attrValue {
	var out []attrValue
	for _, col := range b.attrCols[row.T] {
		cell := row.Cell(col.Index)
		if cell == "" {
			continue
		}
		loc := row.Loc("")
		loc.Column = col.Header
		switch {
		case len(col.Ambiguous) > 0:
			names := make([]string, len(col.Ambiguous))
			for i, a := range col.Ambiguous {
				names[i] = org.CustomHeader(tenant.AttrName(a), a.ID)
			}
			b.ambiguous(c, loc, col.Header, "自定义字段 custom attributes", names)
		case col.Attr == nil:
			b.addOnline(c, "PLAN_CUSTOM_ATTR_UNKNOWN", loc, org.CustomPrefix+col.ID)
		case col.ID == "" && !b.cellSafe(c, loc, cell):
			// A column named after an attribute: validation could not
			// know it is imported, so its cells are checked here.
		default:
			if v, ok := b.attrCell(c, loc, col.Attr, cell); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// cellSafe applies validation's cell rules (validate/cells.go) to a cell.
func (b *builder) cellSafe(c *Change, loc problem.Loc, cell string) bool {
	if sheet.IsErrorValue(cell) {
		b.addOnline(c, "CELL_EXCEL_ERROR", loc, cell)
		return false
	}
	ch, pos, found := textsafe.FindHidden(cell, false)
	switch {
	case !found:
		return true
	case textsafe.LineBreak(ch):
		b.addOnline(c, "CELL_LINE_BREAK", loc, loc.Column)
	default:
		b.addOnline(c, "CELL_INVISIBLE", loc, textsafe.Name(ch), pos, textsafe.Terminal(cell))
	}
	return false
}

// attrCell reads one cell in its attribute's shape.
func (b *builder) attrCell(c *Change, loc problem.Loc, a *feishu.CustomAttr, cell string) (attrValue, bool) {
	name := tenant.AttrName(a)
	v := attrValue{attr: a, display: cell}
	switch a.Type {
	case feishu.AttrText:
		v.value.Text = cell
		return v, b.attrText(c, loc, name, cell)
	case feishu.AttrHref:
		text, u, pc := tenant.ParseHref(cell)
		for _, x := range []string{u, pc} {
			if x != "" && !httpURL(x) {
				b.addOnline(c, "PLAN_CUSTOM_ATTR_URL", loc, name, x)
				return v, false
			}
		}
		if u == "" {
			b.addOnline(c, "PLAN_CUSTOM_ATTR_URL", loc, name, cell)
			return v, false
		}
		v.value = feishu.UserCustomAttrValue{Text: text, URL: u, PcURL: pc}
		v.display = tenant.HrefText(v.value)
		return v, b.attrText(c, loc, name, text)
	case feishu.AttrGenericUser:
		v.value.GenericUser = &feishu.CustomAttrGenericUser{ID: cell, Type: 1}
		if e := b.t.Users[cell]; e != nil && !resigned(e) {
			return v, true
		}
		if b.userRows[cell] != nil {
			v.later = cell
			return v, true
		}
		b.addOnline(c, "PLAN_CUSTOM_ATTR_USER", loc, name, cell)
		return v, false
	}
	return b.attrOption(c, loc, a, name, cell)
}

func (b *builder) attrText(c *Change, loc problem.Loc, name, text string) bool {
	if n := org.CharCount(text); n > MaxAttrText {
		b.addOnline(c, "PLAN_CUSTOM_ATTR_TEXT_LENGTH", loc, name, n)
		return false
	}
	return true
}

// attrOption finds an ENUMERATION or PICTURE_ENUM option by ID, else by
// its text (a picture's name, or its URL).
func (b *builder) attrOption(c *Change, loc problem.Loc, a *feishu.CustomAttr, name, cell string) (attrValue, bool) {
	v := attrValue{attr: a, display: cell}
	var opts []feishu.CustomAttrOption
	if a.Options != nil {
		opts = a.Options.Options
	}
	x := newNameIndex(len(opts), func(i int) []string { return []string{opts[i].Value, opts[i].Name} },
		func(i int) string { return tenant.OptionText(a, opts[i]) })
	hit := slices.IndexFunc(opts, func(o feishu.CustomAttrOption) bool { return o.ID == cell })
	if hit < 0 {
		switch hits := x.find(cell); len(hits) {
		case 1:
			hit = hits[0]
		case 0:
			b.addOnline(c, "PLAN_CUSTOM_ATTR_OPTION", loc, name, cell, strings.Join(x.display, ", "))
			return v, false
		default:
			b.ambiguous(c, loc, cell, "选项 options of "+name, x.names(hits))
			return v, false
		}
	}
	v.value.OptionID, v.display = opts[hit].ID, tenant.OptionText(a, opts[hit])
	return v, true
}

func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// writeShape is a value as read, in the shape a write sends.
func writeShape(v feishu.UserCustomAttr) feishu.UserCustomAttr {
	out := feishu.UserCustomAttr{Type: v.Type, ID: v.ID}
	if v.Value != nil {
		w := feishu.UserCustomAttrValue{Text: v.Value.Text, URL: v.Value.URL, PcURL: v.Value.PcURL, OptionID: v.Value.OptionID}
		if g := v.Value.GenericUser; g != nil {
			w.GenericUser = &feishu.CustomAttrGenericUser{ID: g.ID, Type: 1}
		}
		out.Value = &w
	}
	return out
}

// sameValue compares a value as written and one as read.
func sameValue(a, b feishu.UserCustomAttrValue) bool {
	ga, gb := "", ""
	if a.GenericUser != nil {
		ga = a.GenericUser.ID
	}
	if b.GenericUser != nil {
		gb = b.GenericUser.ID
	}
	return a.Text == b.Text && a.URL == b.URL && a.PcURL == b.PcURL && a.OptionID == b.OptionID && ga == gb
}

// attrList is the list a write sends: the user's current values (as read)
// of the attributes the tenant lists — one it does not list cannot be
// written (41045) — with vs over them; later ones are left out unless
// withLater.
func (b *builder) attrList(existing []feishu.UserCustomAttr, vs []attrValue, withLater bool) []feishu.UserCustomAttr {
	out := make([]feishu.UserCustomAttr, 0, len(existing)+len(vs))
	for _, e := range existing {
		if slices.ContainsFunc(b.t.Dir.CustomAttrs, func(a feishu.CustomAttr) bool { return a.ID == e.ID }) {
			out = append(out, writeShape(e))
		}
	}
	for _, v := range vs {
		if v.later != "" && !withLater {
			continue
		}
		w := v.wire()
		if i := slices.IndexFunc(out, func(o feishu.UserCustomAttr) bool { return o.ID == w.ID }); i >= 0 {
			out[i] = w
		} else {
			out = append(out, w)
		}
	}
	return out
}

// attrChange is the field change v makes to a user's values, if any.
func attrChange(e *feishu.User, v attrValue) (FieldChange, bool) {
	old := ""
	for _, x := range e.CustomAttrs {
		if x.ID == v.attr.ID && x.Value != nil {
			if sameValue(v.value, *x.Value) {
				return FieldChange{}, false
			}
			old = tenant.ValueText(v.attr, *x.Value)
		}
	}
	return FieldChange{org.CustomHeader(tenant.AttrName(v.attr), v.attr.ID), old, v.display}, true
}

// hasLater reports values set once the users they name exist.
func hasLater(vs []attrValue) bool {
	return slices.ContainsFunc(vs, func(v attrValue) bool { return v.later != "" })
}
