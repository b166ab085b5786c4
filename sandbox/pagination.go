package sandbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/url"
	"strconv"

	"github.com/orgbatch/orgbatch/feishu"
)

// pager makes opaque page tokens: base64url of an 8-byte offset and an
// 8-byte HMAC over (scope, offset). The scope names the listing (endpoint
// and its department), so a token from another listing, an edited token or
// garbage is 40012. The key is per process: tokens do not survive a restart.
type pager struct{ key []byte }

func newPager() pager {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		panic("sandbox: crypto/rand: " + err.Error())
	}
	return pager{key: key}
}

func (p pager) mac(scope string, offset uint64) []byte {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(scope))
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], offset)
	m.Write(b[:])
	return m.Sum(nil)[:8]
}

func (p pager) encode(scope string, offset int) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(offset))
	copy(b[8:], p.mac(scope, uint64(offset)))
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func (p pager) decode(scope, token string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != 16 {
		return 0, fail(feishu.CodePageToken, "page_token is not one this listing issued")
	}
	off := binary.BigEndian.Uint64(b[:8])
	if !hmac.Equal(b[8:], p.mac(scope, off)) || off > 1<<31 {
		return 0, fail(feishu.CodePageToken, "page_token is not one this listing issued")
	}
	return int(off), nil
}

// pageRequest is a parsed page_size / page_token pair.
type pageRequest struct {
	size   int
	offset int
	scope  string
}

// parsePage reads page_size (default def, 1..max, else 40011) and
// page_token (40012 when not issued for scope).
func (p pager) parsePage(q url.Values, scope string, def, max int) (pageRequest, error) {
	pr := pageRequest{size: def, scope: scope}
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > max {
			return pr, fail(feishu.CodePageSize, "page_size %q, want 1-%d", v, max)
		}
		pr.size = n
	}
	if t := q.Get("page_token"); t != "" {
		off, err := p.decode(scope, t)
		if err != nil {
			return pr, err
		}
		pr.offset = off
	}
	return pr, nil
}

// page cuts one page out of total items; get renders item i. The token is
// set only when more items follow.
func page[T any](p pager, pr pageRequest, total int, get func(i int) T) feishu.Page[T] {
	out := feishu.Page[T]{Items: []T{}}
	end := min(pr.offset+pr.size, total)
	for i := pr.offset; i < end; i++ {
		out.Items = append(out.Items, get(i))
	}
	if end < total {
		out.HasMore = true
		out.PageToken = p.encode(pr.scope, end)
	}
	return out
}
