package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// ClientToken derives a create's client_token from the step's identity and
// the exact body sent: the same row always yields the same token (a retry,
// a resume or a re-run after a timeout is recognised by Feishu as the same
// request and creates nothing new), and an edited row yields a new one. It
// is shaped like a UUID because that is what the docs suggest.
func ClientToken(stepID StepID, body any) string { return clientToken("", stepID, body) }

func clientToken(salt string, stepID StepID, body any) string {
	data, _ := json.Marshal(body) // struct fields marshal in a fixed order
	h := sha256.New()
	h.Write([]byte("orgbatch/v1\x00" + salt + "\x00" + stepID.String() + "\x00"))
	h.Write(data)
	x := hex.EncodeToString(h.Sum(nil))
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

func timeUnix(s int64) time.Time { return time.Unix(s, 0) }
