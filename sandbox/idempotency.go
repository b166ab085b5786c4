package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
)

// Scopes of client_token: each create endpoint has its own namespace.
const (
	scopeDept = "department"
	scopeUser = "user"
)

// ClientTokenRecord remembers one successful create made with a client_token. It
// is part of the state file, so a replay after a restart still finds it.
type ClientTokenRecord struct {
	Scope       string    `json:"scope"`
	Token       string    `json:"client_token"`
	Fingerprint string    `json:"fingerprint"`
	Entity      string    `json:"entity"` // open_department_id or open_id
	At          time.Time `json:"at"`
}

type idemKey struct{ scope, token string }

// idempotency keeps client_token records for ttl after the create. Records
// are swept oldest first; a record only exists for a create that succeeded,
// so a failed create may be retried with the same token.
type idempotency struct {
	ttl     time.Duration
	records map[idemKey]*ClientTokenRecord
	queue   []*ClientTokenRecord // in insertion order, for sweeping
}

func newIdempotency(ttl time.Duration) *idempotency {
	return &idempotency{ttl: ttl, records: map[idemKey]*ClientTokenRecord{}}
}

func (m *idempotency) sweep(now time.Time) {
	for len(m.queue) > 0 && now.Sub(m.queue[0].At) >= m.ttl {
		r := m.queue[0]
		m.queue = m.queue[1:]
		if k := (idemKey{r.Scope, r.Token}); m.records[k] == r {
			delete(m.records, k)
		}
	}
}

// lookup returns the entity an earlier create with this token made, or ""
// when the token is new. The same token with another fingerprint is 40021.
func (m *idempotency) lookup(scope, token, fp string, now time.Time) (string, error) {
	m.sweep(now)
	r := m.records[idemKey{scope, token}]
	if r == nil {
		return "", nil
	}
	if r.Fingerprint != fp {
		return "", fail(feishu.CodeNotSameRequest, "client_token was used with other parameters")
	}
	return r.Entity, nil
}

func (m *idempotency) store(r *ClientTokenRecord) {
	m.records[idemKey{r.Scope, r.Token}] = r
	m.queue = append(m.queue, r)
}

// all returns the live records in insertion order (for the state file).
// It changes nothing, so readers may call it under a read lock.
func (m *idempotency) all(now time.Time) []*ClientTokenRecord {
	var out []*ClientTokenRecord
	for _, r := range m.queue {
		if now.Sub(r.At) < m.ttl && m.records[idemKey{r.Scope, r.Token}] == r {
			out = append(out, r)
		}
	}
	return out
}

// entityRecord is the state log line of the entity a create made.
func (s *Server) entityRecord(scope, openID string) logRecord {
	if scope == scopeDept {
		return deptRecord(s.st.deptByOpen[openID])
	}
	return userRecord(s.st.userByOpen[openID])
}

// fingerprint identifies a create request: the body as canonical JSON (keys
// sorted, whitespace dropped, numbers kept as written) plus the ID types,
// which change the meaning of the IDs in the body.
func fingerprint(body []byte, ids idTypes) (string, error) {
	var canon []byte
	if len(bytes.TrimSpace(body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return "", fail(codeParam, "body is not JSON: %v", err)
		}
		var err error
		if canon, err = json.Marshal(v); err != nil {
			return "", fail(codeParam, "body: %v", err)
		}
	}
	h := sha256.New()
	h.Write([]byte(ids.dept + "\x00" + ids.user + "\x00"))
	h.Write(canon)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// clientToken returns a create request's client_token and, when there is
// one, the request's fingerprint.
func clientToken(c *call) (token, fp string, err error) {
	token = c.query.Get("client_token")
	if token == "" {
		return "", "", nil
	}
	fp, err = fingerprint(c.body, c.ids)
	return token, fp, err
}

// createOnce runs an idempotent create under the state lock: a
// client_token seen before with the same body answers what it created
// (replay), with another body 40021 (from lookup); otherwise create runs,
// the token is remembered with the entity's open ID, and the write is
// committed before the answer.
func (s *Server) createOnce(c *call, scope string, replay func(openID string) (any, error), create func() (openID string, out any, err error)) (any, error) {
	token, fp, err := clientToken(c)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if token != "" {
		ent, err := s.st.idem.lookup(scope, token, fp, c.now)
		if err != nil {
			return nil, err
		}
		if ent != "" {
			return replay(ent)
		}
	}
	openID, out, err := create()
	if err != nil {
		return nil, err
	}
	changed := []logRecord{s.entityRecord(scope, openID)}
	if token != "" {
		r := &ClientTokenRecord{Scope: scope, Token: token, Fingerprint: fp, Entity: openID, At: c.now}
		s.st.idem.store(r)
		changed = append(changed, logRecord{Token: r})
	}
	s.commit(c, changed...)
	return out, nil
}
