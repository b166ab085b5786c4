package idmap

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/tenant"
)

// Lookups go by contact, not by row: every distinct email and mobile of
// the input is asked once, 50 emails and 50 mobiles a call, so n rows take
// max(⌈emails/50⌉, ⌈mobiles/50⌉) batch_get_id calls whatever their order
// — a row's email and mobile may be answered by different calls. The users
// found are read once each (users/batch, 50 a call) for their open_id and
// union_id. A batch's answers are journaled under keyed digests of the
// contacts (HMAC-SHA256 with the run's salt), never the contacts.

// API is what a lookup calls: the paced client's reads.
type API interface {
	BatchGetID(ctx context.Context, req feishu.BatchGetIDRequest) ([]feishu.UserContactInfo, error)
	BatchUsers(ctx context.Context, ids []string) ([]feishu.User, error)
	GetUser(ctx context.Context, id string) (*feishu.User, error)
}

// contact is one email or mobile to ask about.
type contact struct {
	email bool
	value string // normalised
}

// keyAnswer is what batch_get_id said about one contact.
type keyAnswer struct {
	Key    string             `json:"k"`
	UserID string             `json:"user_id,omitempty"`
	Status *feishu.UserStatus `json:"status,omitempty"`
}

// userAnswer is a found user's other IDs.
type userAnswer struct {
	UserID  string             `json:"user_id"`
	OpenID  string             `json:"open_id,omitempty"`
	UnionID string             `json:"union_id,omitempty"`
	Status  *feishu.UserStatus `json:"status,omitempty"`
}

// batchEntry is one journaled batch.
type batchEntry struct {
	Keys  []keyAnswer  `json:"keys"`
	Users []userAnswer `json:"users,omitempty"`
}

// keyer makes the digests contacts are journaled and indexed under.
type keyer struct{ salt []byte }

func (k keyer) of(c contact) string {
	m := hmac.New(sha256.New, k.salt)
	if c.email {
		m.Write([]byte("e:"))
	} else {
		m.Write([]byte("m:"))
	}
	m.Write([]byte(c.value))
	return hex.EncodeToString(m.Sum(nil)[:12])
}

// contacts are the rows' distinct emails and mobiles, in input order,
// without those already answered.
func contacts(in *Input, k keyer, answered map[string]keyAnswer) (emails, mobiles []contact) {
	seen := map[string]bool{}
	add := func(list *[]contact, c contact) {
		key := k.of(c)
		if c.value == "" || seen[key] {
			return
		}
		seen[key] = true
		if _, ok := answered[key]; !ok {
			*list = append(*list, c)
		}
	}
	for _, r := range in.Rows {
		add(&emails, contact{email: true, value: r.Email})
		add(&mobiles, contact{value: r.Mobile})
	}
	return emails, mobiles
}

// batch is one batch_get_id call: up to 50 emails and 50 mobiles.
type batch struct{ emails, mobiles []contact }

func (b batch) size() int { return len(b.emails) + len(b.mobiles) }

// batches pairs the n-th 50 emails with the n-th 50 mobiles.
func batches(emails, mobiles []contact) []batch {
	var out []batch
	for i := 0; i < max(len(emails), len(mobiles)); i += feishu.BatchMax {
		out = append(out, batch{emails: window(emails, i), mobiles: window(mobiles, i)})
	}
	return out
}

func window(cs []contact, i int) []contact {
	if i >= len(cs) {
		return nil
	}
	return cs[i:min(i+feishu.BatchMax, len(cs))]
}

// answers is what is known so far, shared by the workers: the contacts
// answered, the users read, and the users found but not read yet (read
// 50 at a time, so the users/batch calls are ⌈found/50⌉ too).
type answers struct {
	mu      sync.Mutex
	keys    map[string]keyAnswer
	users   map[string]userAnswer
	pending []string
	queued  map[string]bool
}

func newAnswers() *answers {
	return &answers{keys: map[string]keyAnswer{}, users: map[string]userAnswer{}, queued: map[string]bool{}}
}

// add keeps a batch's answers and queues the users it found unread.
func (a *answers) add(e batchEntry) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, u := range e.Users {
		a.users[u.UserID] = u
	}
	for _, k := range e.Keys {
		a.keys[k.Key] = k
		if _, read := a.users[k.UserID]; k.UserID != "" && !read && !a.queued[k.UserID] {
			a.queued[k.UserID] = true
			a.pending = append(a.pending, k.UserID)
		}
	}
}

// take returns the next users to read: 50, or with all whatever is left.
func (a *answers) take(all bool) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.prune()
	n := min(len(a.pending), feishu.BatchMax)
	if n < feishu.BatchMax && !all {
		return nil
	}
	out := a.pending[:n:n]
	a.pending = a.pending[n:]
	return out
}

// left reports whether users found are still unread.
func (a *answers) left() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.prune()
	return len(a.pending) > 0
}

// prune drops from the queue the users read since they were queued (a
// replayed journal reads them in a later line). Caller holds mu.
func (a *answers) prune() {
	kept := a.pending[:0]
	for _, id := range a.pending {
		if _, read := a.users[id]; !read {
			kept = append(kept, id)
		}
	}
	a.pending = kept
}

// lookup asks batch_get_id about one batch's contacts.
func lookup(ctx context.Context, api API, k keyer, b batch, includeResigned bool) ([]keyAnswer, error) {
	req := feishu.BatchGetIDRequest{IncludeResigned: includeResigned}
	for _, c := range b.emails {
		req.Emails = append(req.Emails, c.value)
	}
	for _, c := range b.mobiles {
		req.Mobiles = append(req.Mobiles, c.value)
	}
	infos, err := api.BatchGetID(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("batch_get_id: %w", err)
	}
	// Entries are matched by the contact they echo (normalised as sent);
	// an entry without a user_id is a miss.
	found := map[string]keyAnswer{}
	for _, c := range infos {
		switch {
		case c.UserID == "":
		case c.Email != "":
			key := k.of(contact{email: true, value: org.NormalizeEmail(c.Email)})
			found[key] = keyAnswer{Key: key, UserID: c.UserID, Status: c.Status}
		case c.Mobile != "":
			key := k.of(contact{value: tenant.NormMobile(c.Mobile)})
			found[key] = keyAnswer{Key: key, UserID: c.UserID, Status: c.Status}
		}
	}
	var out []keyAnswer
	for _, c := range append(append([]contact(nil), b.emails...), b.mobiles...) {
		a, ok := found[k.of(c)]
		if !ok {
			a = keyAnswer{Key: k.of(c)}
		}
		out = append(out, a)
	}
	return out, nil
}

// readUsers reads users by user_id for their other IDs. A batch call that
// refuses an unknown ID is read one by one; a user neither call returns
// is left out (the row keeps its user_id, with a note).
func readUsers(ctx context.Context, api API, ids []string) ([]userAnswer, error) {
	var out []userAnswer
	for i := 0; i < len(ids); i += feishu.BatchMax {
		chunk := ids[i:min(i+feishu.BatchMax, len(ids))]
		got, err := api.BatchUsers(ctx, chunk)
		if err != nil && !feishu.IsNotFound(err) {
			return nil, fmt.Errorf("users/batch: %w", err)
		}
		have := map[string]bool{}
		for _, u := range got {
			have[u.UserID] = true
			out = append(out, userAnswer{UserID: u.UserID, OpenID: u.OpenID, UnionID: u.UnionID, Status: u.Status})
		}
		for _, id := range chunk {
			if have[id] {
				continue
			}
			u, err := api.GetUser(ctx, id)
			switch {
			case feishu.IsNotFound(err):
			case err != nil:
				return nil, fmt.Errorf("users/%s: %w", id, err)
			case u != nil:
				out = append(out, userAnswer{UserID: u.UserID, OpenID: u.OpenID, UnionID: u.UnionID, Status: u.Status})
			}
		}
	}
	return out, nil
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
