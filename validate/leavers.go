package validate

import (
	"strings"
	"unicode"

	"github.com/orgbatch/orgbatch/org"
)

// leavers checks the rows of leavers sheets (orgbatch offboard, restore):
// who leaves (user_id, email or mobile, each valid), once; the acceptor
// IDs' format, none the leaver; the email processing type, and no email
// acceptor for an email that is retained or deleted.
func (v *validator) leavers() {
	seen := map[string]*org.Leaver{} // "user_id:…", "mobile:…", "email:…" → first row
	for _, l := range v.org.Leavers {
		if v.exampleRow(l.Record) {
			continue
		}
		v.oneValues(l.Record)
		keys := v.leaverIdentity(l)
		for _, k := range keys {
			if first, dup := seen[k]; dup {
				v.add("LEAVER_DUPLICATE", l.Loc(strings.SplitN(k, ":", 2)[0]), first.Num, k)
				break
			}
		}
		for _, k := range keys {
			if seen[k] == nil {
				seen[k] = l
			}
		}
		v.leaverAcceptors(l)
	}
}

// leaverIdentity checks how a row names its leaver and returns the keys
// it is known by.
func (v *validator) leaverIdentity(l *org.Leaver) []string {
	var keys []string
	if id := l.UserID(); id != "" && !several(l.Record, "user_id") {
		if validUserID(id) {
			keys = append(keys, "user_id:"+id)
		} else {
			v.add("LEAVER_ID_FORMAT", l.Loc("user_id"), l.T.Column("user_id"), id)
		}
	}
	switch {
	case l.Mobile() == "", several(l.Record, "mobile"):
	case l.Values.Mobile.E164 == "":
		v.add("LEAVER_MOBILE_FORMAT", l.Loc("mobile"), l.Mobile())
	default:
		keys = append(keys, "mobile:"+l.Values.Mobile.E164)
	}
	switch {
	case l.Email() == "", several(l.Record, "email"):
	case l.Values.Email == "":
		v.add("LEAVER_EMAIL_FORMAT", l.Loc("email"), l.Email())
	default:
		keys = append(keys, "email:"+l.Values.Email)
	}
	if l.UserID() == "" && l.Mobile() == "" && l.Email() == "" {
		v.add("LEAVER_ID_REQUIRED", l.Loc("user_id"))
	}
	return keys
}

func (v *validator) leaverAcceptors(l *org.Leaver) {
	for _, key := range append([]string{org.AcceptorDefault, org.LeaderSuccessor}, org.AcceptorFields...) {
		id := l.Acceptor(key)
		switch {
		case id == "", several(l.Record, key):
		case !validUserID(id):
			v.add("LEAVER_ID_FORMAT", l.Loc(key), l.T.Column(key), id)
		case id == l.UserID():
			v.add("LEAVER_ACCEPTOR_SELF", l.Loc(key), l.T.Column(key), id)
		}
	}
	raw := l.Get(org.EmailProcessing)
	if raw == "" || several(l.Record, org.EmailProcessing) {
		return
	}
	switch p, ok := org.ParseEmailProcessing(raw); {
	case !ok:
		v.add("LEAVER_EMAIL_PROCESSING", l.Loc(org.EmailProcessing), raw)
	case p != "1" && l.Acceptor(org.AcceptorEmail) != "":
		v.add("LEAVER_EMAIL_ACCEPTOR_UNUSED", l.Loc(org.AcceptorEmail), raw, l.Acceptor(org.AcceptorEmail))
	}
}

// validUserID is the user_id format: at most 64 characters, no whitespace.
func validUserID(id string) bool {
	return org.CharCount(id) <= MaxUserIDLen && strings.IndexFunc(id, unicode.IsSpace) < 0
}
