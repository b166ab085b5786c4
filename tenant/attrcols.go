package tenant

import (
	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// AttrColumn is a users-sheet column bound to one of the tenant's custom
// attributes: by the ID its header gives ("custom:C-1"), else by the
// attribute's name in any language (the header as written, or the name
// part of "学历 (custom:C-1)" when that ID is not the tenant's: an export
// of another tenant).
type AttrColumn struct {
	Index  int
	Header string
	ID     string             // the ID the header gives, if any
	Attr   *feishu.CustomAttr // nil: the header's ID is not one Feishu returns
	// Ambiguous are the attributes a name matches when it matches several.
	Ambiguous []*feishu.CustomAttr
}

// AttrName is an attribute's name for people: zh_cn, else en_us, else the
// first one, else its ID.
func AttrName(a *feishu.CustomAttr) string {
	for _, loc := range []string{"zh_cn", "en_us"} {
		for _, n := range a.I18nName {
			if n.Locale == loc && n.Value != "" {
				return n.Value
			}
		}
	}
	if len(a.I18nName) > 0 && a.I18nName[0].Value != "" {
		return a.I18nName[0].Value
	}
	return a.ID
}

// AttrColumns binds a users table's columns to the snapshot's custom
// attributes: every custom:<id> column (Attr nil when the tenant does not
// return that ID and its name matches none either), and every unknown
// column whose header is an attribute's name. Other unknown columns are
// left out: they stay unknown.
func (s *Snapshot) AttrColumns(t *org.Table) []AttrColumn {
	if t.Kind != org.KindUsers {
		return nil
	}
	byName := map[string][]*feishu.CustomAttr{}
	byID := map[string]*feishu.CustomAttr{}
	for i := range s.Dir.CustomAttrs {
		a := &s.Dir.CustomAttrs[i]
		byID[a.ID] = a
		seen := map[string]bool{}
		for _, n := range a.I18nName {
			if k := org.SegmentKey(n.Value); k != "" && !seen[k] {
				seen[k] = true
				byName[k] = append(byName[k], a)
			}
		}
	}
	var out []AttrColumn
	for _, c := range t.Custom {
		col := AttrColumn{Index: c.Index, Header: c.Header, ID: c.ID, Attr: byID[c.ID]}
		if col.Attr == nil && c.Name != "" {
			col.Attr, col.Ambiguous = pickOne(byName[org.SegmentKey(c.Name)])
		}
		out = append(out, col)
	}
	for _, i := range t.Unknown {
		h := t.Header[i]
		if org.IsReadOnlyColumn(h) {
			continue // an export's read-only column, or the example marker: never imported
		}
		if as := byName[org.SegmentKey(h)]; len(as) > 0 {
			col := AttrColumn{Index: i, Header: h}
			col.Attr, col.Ambiguous = pickOne(as)
			out = append(out, col)
		}
	}
	return out
}

func pickOne(as []*feishu.CustomAttr) (*feishu.CustomAttr, []*feishu.CustomAttr) {
	switch len(as) {
	case 0:
		return nil, nil
	case 1:
		return as[0], nil
	}
	return nil, as
}
