package validate

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
)

// Checks of the groups sheet and the membership sheet: names, IDs and
// descriptions as user-group create enforces them, and every member
// reference readable as exactly one user_id, email or mobile.

func (v *validator) groups() {
	ids := map[string]*org.Group{}
	names := map[string]*org.Group{}
	for _, g := range v.org.Groups {
		if v.exampleRow(g.Record) {
			continue
		}
		v.oneValues(g.Record)
		v.groupRow(g)
		if id := g.ID(); id != "" && !several(g.Record, "group_id") {
			if first, dup := ids[id]; dup {
				v.add("GROUP_ID_DUPLICATE", g.Loc("group_id"), id, first.Num)
			} else {
				ids[id] = g
			}
		}
		if name := g.Name(); name != "" {
			if first, dup := names[name]; dup {
				v.add("GROUP_NAME_DUPLICATE", g.Loc("name"), name, first.Num)
			} else {
				names[name] = g
			}
		}
	}
	if n := len(v.org.Groups); n > feishu.GroupMax {
		t := v.org.Groups[0].T
		v.add("GROUP_TOO_MANY", problem.Loc{File: t.File, Sheet: t.Sheet}, n)
	}
	seen := map[string]string{} // group and member → where it was listed first
	for _, g := range v.org.Groups {
		v.groupMembers(g, seen)
	}
	for _, m := range v.org.Memberships {
		v.membership(m, ids, names, seen)
	}
}

func (v *validator) groupRow(g *org.Group) {
	switch n := org.CharCount(g.Name()); {
	case n == 0:
		v.add("GROUP_NAME_REQUIRED", g.Loc("name"))
	case n > feishu.GroupNameMax:
		v.add("GROUP_NAME_LENGTH", g.Loc("name"), n)
	}
	if g.Type < 0 && !several(g.Record, "group_type") {
		v.add("GROUP_TYPE_INVALID", g.Loc("group_type"), g.Get("group_type"))
	}
	if n := org.CharCount(g.Description()); n > feishu.GroupDescriptionMax {
		v.add("GROUP_DESCRIPTION_LENGTH", g.Loc("description"), n)
	}
	id := g.ID()
	switch {
	case id == "" || several(g.Record, "group_id"):
	case org.CharCount(id) > feishu.GroupIDMax || strings.IndexFunc(id, unicode.IsSpace) >= 0:
		v.add("GROUP_ID_FORMAT", g.Loc("group_id"), id)
	case strings.IndexFunc(id, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0:
		v.add("GROUP_ID_CHARS", g.Loc("group_id"), id)
	}
}

// groupMembers checks the members cell of a group row.
func (v *validator) groupMembers(g *org.Group, seen map[string]string) {
	for _, r := range g.Members {
		switch {
		case r.Kind == org.RefEmail && r.Value == "":
			v.add("GROUP_MEMBER_INVALID", g.Loc("members"), r.Raw, "邮箱 email")
			continue
		case r.Kind == org.RefMobile && r.Value == "":
			v.add("GROUP_MEMBER_INVALID", g.Loc("members"), r.Raw, "手机号 mobile")
			continue
		case r.Kind == org.RefUserID && (org.CharCount(r.Value) > MaxUserIDLen || strings.IndexFunc(r.Value, unicode.IsSpace) >= 0):
			v.add("GROUP_MEMBER_INVALID", g.Loc("members"), r.Raw, "用户ID user_id")
			continue
		}
		if u := v.userIDs[r.Raw]; r.Kind == org.RefMobile && u != nil {
			v.add("GROUP_MEMBER_AMBIGUOUS", g.Loc("members"), r.Raw, u.Num)
		}
		v.memberRepeated(seen, groupKey(g.ID(), g.Name()), r, g.Record, g.Name(), "members")
	}
}

// membership checks a membership row: it names a group and a member.
func (v *validator) membership(m *org.Membership, ids, names map[string]*org.Group, seen map[string]string) {
	if v.exampleRow(m.Record) {
		return
	}
	v.oneValues(m.Record)
	if m.GroupID() == "" && m.GroupName() == "" {
		v.add("MEMBER_GROUP_REQUIRED", m.Loc("group_id"))
	}
	r := m.Member
	if r.Value == "" {
		what, col := "空 empty", "user_id"
		if r.Raw != "" {
			what, col = strconv.Quote(r.Raw), r.Field()
		}
		v.add("MEMBER_USER_REQUIRED", m.Loc(col), what)
		return
	}
	// A group named by name may be a row that has an ID: compare as that.
	id, name := m.GroupID(), m.GroupName()
	if g := names[name]; id == "" && g != nil {
		id = g.ID()
	} else if g := ids[id]; g != nil && name == "" {
		name = g.Name()
	}
	v.memberRepeated(seen, groupKey(id, name), r, m.Record, cmpOr(name, id), r.Field())
}

// memberRepeated warns about a member listed twice for one group.
func (v *validator) memberRepeated(seen map[string]string, group string, r org.MemberRef, rec org.Record, groupName, column string) {
	k := group + "\x00" + r.Key()
	if first, dup := seen[k]; dup {
		v.add("GROUP_MEMBER_REPEATED", rec.Loc(column), r.Raw, groupName, "first "+first)
		return
	}
	where := rec.T.Sheet
	if where == "" {
		where = rec.T.File
	}
	seen[k] = where + " row " + strconv.Itoa(rec.Num)
}

// groupKey names a group in a sheet: by its group_id when it has one.
func groupKey(id, name string) string {
	if id != "" {
		return "id:" + id
	}
	return "name:" + name
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
