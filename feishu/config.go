package feishu

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Environment variables LoadCredentials reads.
const (
	EnvAppID     = "FEISHU_APP_ID"
	EnvAppSecret = "FEISHU_APP_SECRET"
	EnvBaseURL   = "FEISHU_BASE_URL"
	EnvDomain    = "FEISHU_DOMAIN"
)

// maxConfigBytes bounds the config file; it holds four short lines.
const maxConfigBytes = 64 << 10

// DefaultConfigPath is $XDG_CONFIG_HOME/orgbatch/config, else
// ~/.config/orgbatch/config; "" when neither can be found.
func DefaultConfigPath(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if x := getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "orgbatch", "config")
	}
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".config", "orgbatch", "config")
}

// LoadCredentials resolves the app ID, the app secret and (optionally) the
// API root. Each value comes from the first source that has it: the flags,
// then the environment (FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_BASE_URL or
// FEISHU_DOMAIN), then the config file. configPath "" means
// DefaultConfigPath, which may be absent; an explicit path must exist.
//
// The config file holds "key = value" lines (app_id, app_secret, base_url,
// domain; # comments). Because it holds a secret it is refused when group or
// others may read or write it. The returned string says where each value
// came from, for logs; it never contains the secret. Credentials.BaseURL is
// "" when no source names one.
func LoadCredentials(flagAppID, flagSecret, configPath string, getenv func(string) string) (Credentials, string, error) {
	return LoadCredentialsFrom(flagAppID, flagSecret, "flag", configPath, getenv)
}

// LoadCredentialsFrom is LoadCredentials for a secret given some other way
// than a flag (standard input): secretSrc says where it came from.
func LoadCredentialsFrom(flagAppID, flagSecret, secretSrc, configPath string, getenv func(string) string) (Credentials, string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	explicit := configPath != ""
	if !explicit {
		configPath = DefaultConfigPath(getenv)
	}

	var appID, secret, baseURL value
	appID.set(flagAppID, "flag")
	secret.set(flagSecret, secretSrc)
	appID.set(getenv(EnvAppID), "environment "+EnvAppID)
	secret.set(getenv(EnvAppSecret), "environment "+EnvAppSecret)
	if err := baseURL.setURL(getenv(EnvBaseURL), getenv(EnvDomain), "environment "+EnvBaseURL, "environment "+EnvDomain); err != nil {
		return Credentials{}, "", err
	}

	if (appID.v == "" || secret.v == "" || baseURL.v == "") && configPath != "" {
		file, err := readConfigFile(configPath)
		switch {
		case errors.Is(err, fs.ErrNotExist) && !explicit:
			// No default file: fine, the other sources may suffice.
		case err != nil:
			return Credentials{}, "", err
		default:
			src := "config file " + configPath
			appID.set(file["app_id"], src)
			secret.set(file["app_secret"], src)
			if err := baseURL.setURL(file["base_url"], file["domain"], src, src); err != nil {
				return Credentials{}, "", fmt.Errorf("%w (in %s)", err, configPath)
			}
		}
	}

	var missing []string
	if appID.v == "" {
		missing = append(missing, "app ID")
	}
	if secret.v == "" {
		missing = append(missing, "app secret")
	}
	if len(missing) > 0 {
		where := "a config file"
		if configPath != "" {
			where = configPath
		}
		return Credentials{}, "", fmt.Errorf("feishu: no %s: use the flags, set %s and %s, or write app_id = ... and app_secret = ... to %s (then chmod 600 it)",
			strings.Join(missing, " or "), EnvAppID, EnvAppSecret, where)
	}
	c := NewCredentials(appID.v, secret.v)
	c.BaseURL = baseURL.v
	desc := "app_id " + appID.v + " from " + appID.src + ", app secret from " + secret.src
	if baseURL.v != "" {
		desc += ", base URL " + baseURL.v + " from " + baseURL.src
	}
	return c, desc, nil
}

// value is one resolved setting and where it came from; the first set wins.
type value struct{ v, src string }

func (x *value) set(v, src string) {
	if x.v == "" && strings.TrimSpace(v) != "" {
		x.v, x.src = strings.TrimSpace(v), src
	}
}

// setURL takes a base URL, or else a domain name mapped by BaseURLFor.
func (x *value) setURL(baseURL, domain, urlSrc, domainSrc string) error {
	if x.v != "" {
		return nil
	}
	if strings.TrimSpace(baseURL) != "" {
		u, err := cleanBaseURL(baseURL)
		if err != nil {
			return err
		}
		x.set(u, urlSrc)
		return nil
	}
	if strings.TrimSpace(domain) != "" {
		u, err := BaseURLFor(domain)
		if err != nil {
			return err
		}
		x.set(u, domainSrc)
	}
	return nil
}

// readConfigFile checks the file's mode, then parses it. Values are never
// quoted in errors: a malformed line may be the secret.
func readConfigFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("feishu: config file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("feishu: config file: %w", err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("feishu: config file %s holds the app secret but is accessible to group or others (mode %04o); run: chmod 600 %s",
			path, st.Mode().Perm(), path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return nil, fmt.Errorf("feishu: config file: %w", err)
	}
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("feishu: config file %s is larger than %d bytes", path, maxConfigBytes)
	}
	return parseConfig(path, data)
}

// configKeys are the keys a config file may set.
var configKeys = map[string]bool{"app_id": true, "app_secret": true, "base_url": true, "domain": true}

func parseConfig(path string, data []byte) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || !configKeys[k] {
			return nil, fmt.Errorf("feishu: config file %s line %d: want one of app_id, app_secret, base_url, domain = value", path, n)
		}
		v = strings.TrimSpace(v)
		if len(v) > 0 && v[0] != '"' && v[0] != '\'' {
			// An unquoted value ends at a comment: "domain = lark  # or feishu".
			// Quote a value that itself holds " #".
			if i := strings.IndexAny(v, "#"); i > 0 && (v[i-1] == ' ' || v[i-1] == '\t') {
				v = strings.TrimSpace(v[:i])
			}
		}
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			if v[0] == '"' {
				uq, err := strconv.Unquote(v)
				if err != nil {
					return nil, fmt.Errorf("feishu: config file %s line %d: bad quoted value for %s", path, n, k)
				}
				v = uq
			} else {
				v = v[1 : len(v)-1]
			}
		}
		out[k] = v
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("feishu: config file %s: %w", path, err)
	}
	return out, nil
}
