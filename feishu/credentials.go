package feishu

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
)

// Credentials identify a self-built app. Every way Go prints or encodes a
// value (all fmt verbs, slog, encoding/json) goes through a method that shows
// "***" for the secret, so a Credentials value can be logged, wrapped in an
// error or dumped into a report without leaking it.
//
// The secret sits behind an unexported pointer: when a Credentials is itself
// an unexported field of a struct that gets printed with %+v, fmt cannot call
// its methods and prints the fields raw, and a pointer then shows as an
// address, not the secret. Encoders that skip unexported fields (gob) never
// see it either.
type Credentials struct {
	AppID   string
	secret  *string
	BaseURL string // optional API root resolved with the credentials; "" = caller's choice
}

// NewCredentials returns credentials for appID with appSecret.
func NewCredentials(appID, appSecret string) Credentials {
	c := Credentials{AppID: appID}
	if appSecret != "" {
		c.secret = &appSecret
	}
	return c
}

// Secret returns the app secret. Only the token fetch should need it.
func (c Credentials) Secret() string {
	if c.secret == nil {
		return ""
	}
	return *c.secret
}

// Complete reports whether both the app ID and the secret are set.
func (c Credentials) Complete() bool { return c.AppID != "" && c.Secret() != "" }

// redacted is the one printed form.
func (c Credentials) redacted() string {
	s := "app_id=" + c.AppID + " secret="
	if c.Secret() == "" {
		s += "(none)"
	} else {
		s += "***"
	}
	if c.BaseURL != "" {
		s += " base_url=" + c.BaseURL
	}
	return s
}

// String implements fmt.Stringer with the secret redacted.
func (c Credentials) String() string { return c.redacted() }

// GoString implements fmt.GoStringer with the secret redacted.
func (c Credentials) GoString() string { return "feishu.Credentials{" + c.redacted() + "}" }

// Format implements fmt.Formatter so that every verb, not only %v and %s
// (which use String), prints the redacted form: without it %d or %x would
// print the struct's fields, secret included.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, c.GoString())
		return
	}
	_, _ = io.WriteString(f, c.redacted())
}

// LogValue implements slog.LogValuer.
func (c Credentials) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("app_id", c.AppID), slog.String("secret", "***")}
	if c.BaseURL != "" {
		attrs = append(attrs, slog.String("base_url", c.BaseURL))
	}
	return slog.GroupValue(attrs...)
}

// MarshalJSON writes the app ID and a redacted secret.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		AppID   string `json:"app_id"`
		Secret  string `json:"app_secret"`
		BaseURL string `json:"base_url,omitempty"`
	}{c.AppID, "***", c.BaseURL})
}
