package plan

import (
	"strings"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
)

// matchUser finds the Feishu user a row is about and checks that the
// match is sound. A row with a user_id is that user; its mobile and email
// must not belong to anyone else. A row without one is matched by its
// mobile, else its email — and since nothing but a contact then says who
// the person is, a contact match is only trusted when it is one person
// (the mobile and the email do not point at two users) with the row's
// name: a different name is a conflict, not a silent rename, unless the
// operator accepts renames.
//
// Two rows matched to one Feishu user (by user_id and by a contact, or by
// the mobile of one and the email of the other) would overwrite each other:
// both are blocked.
func (b *builder) matchUser(c *Change, u user) *feishu.User {
	existing := b.findUser(c, u)
	if existing == nil || c.Action == ActionBlocked {
		return existing
	}
	if b.claimed == nil {
		b.claimed = map[string]*Change{}
	}
	if first := b.claimed[existing.UserID]; first != nil {
		b.addOnline(c, "PLAN_USER_TWICE", c.loc(), first.Record.Num, existing.UserID, existing.Name)
		b.addOnline(first, "PLAN_USER_TWICE", first.loc(), c.Record.Num, existing.UserID, existing.Name)
		return nil
	}
	b.claimed[existing.UserID] = c
	return existing
}

func (b *builder) findUser(c *Change, u user) *feishu.User {
	if u.userID != "" {
		existing := b.t.Users[u.userID]
		if existing != nil && resigned(existing) {
			b.addOnline(c, "PLAN_USER_RESIGNED", u.row.Loc("user_id"), u.userID)
			return nil
		}
		if existing != nil {
			matched(c, existing, MatchUserID)
		}
		b.contactsBelongTo(c, u, u.userID)
		return existing
	}
	byMobile, byEmail := b.contactOwners(u)
	if byMobile != "" && byEmail != "" && byMobile != byEmail {
		b.addOnline(c, "PLAN_CONTACT_AMBIGUOUS", u.row.Loc("email"), byMobile, b.nameOf(byMobile), byEmail, b.nameOf(byEmail))
		return nil
	}
	id, by, field, value := byMobile, MatchMobile, "mobile", u.row.Mobile()
	if id == "" {
		id, by, field, value = byEmail, MatchEmail, "email", u.email
	}
	existing := b.t.Users[id]
	if existing == nil {
		// A contact owned by a user the app cannot read (or nobody):
		// creating would fail on the taken contact.
		b.contactsBelongTo(c, u, "")
		return nil
	}
	matched(c, existing, by)
	if !sameName(existing.Name, u.name) && !b.opts.AcceptRenames {
		b.addOnline(c, "PLAN_NAME_MISMATCH", u.row.Loc("name"), u.row.T.Column(field), value, existing.UserID, existing.Name, u.name)
	}
	return existing
}

// contactOwners are the users the row's mobile and email belong to.
func (b *builder) contactOwners(u user) (byMobile, byEmail string) {
	if u.mobile != "" {
		byMobile = b.t.ByMobile[u.mobile]
	}
	if u.email != "" {
		byEmail = b.t.ByEmail[strings.ToLower(u.email)]
	}
	return byMobile, byEmail
}

// contactsBelongTo blocks a row whose mobile or email belongs to a Feishu
// user other than owner ("" = the row is nobody yet).
func (b *builder) contactsBelongTo(c *Change, u user, owner string) {
	byMobile, byEmail := b.contactOwners(u)
	if byMobile != "" && byMobile != owner {
		b.addOnline(c, "PLAN_MOBILE_TAKEN", u.row.Loc("mobile"), u.row.Mobile(), byMobile)
	}
	if byEmail != "" && byEmail != owner {
		b.addOnline(c, "PLAN_EMAIL_TAKEN", u.row.Loc("email"), u.email, byEmail)
	}
}

func matched(c *Change, e *feishu.User, by string) {
	c.Existing = IDs{UserID: e.UserID, OpenID: e.OpenID, UnionID: e.UnionID}
	c.MatchedBy = by
}

// nameOf is a Feishu user's name for a message, "" when not read.
func (b *builder) nameOf(id string) string {
	if e := b.t.Users[id]; e != nil {
		return e.Name
	}
	return ""
}

// sameName compares two names as one person's: ignoring case, character
// width, spaces and the middle dots of transliterated names (阿依古丽·买买提),
// which differ between systems without the person changing.
func sameName(a, b string) bool { return nameKey(a) == nameKey(b) }

func nameKey(s string) string { return org.NameKey(s) }
