package feishu

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// writeConfig writes a config file with mode and returns its path.
func writeConfig(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode is masked by umask
		t.Fatal(err)
	}
	return path
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

const fileBody = "# orgbatch\napp_id = cli_file\napp_secret = \"file-secret\"\ndomain = lark\n"

func TestConfigFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	tests := []struct {
		mode os.FileMode
		ok   bool
	}{
		{0o600, true},
		{0o400, true},
		{0o644, false},
		{0o640, false},
		{0o604, false},
		{0o660, false},
	}
	for _, tt := range tests {
		path := writeConfig(t, fileBody, tt.mode)
		c, _, err := LoadCredentials("", "", path, envOf(nil))
		if tt.ok {
			if err != nil || c.AppID != "cli_file" || c.Secret() != "file-secret" || c.BaseURL != LarkBaseURL {
				t.Errorf("mode %04o: %v, %v", tt.mode, c, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("mode %04o accepted", tt.mode)
			continue
		}
		if !strings.Contains(err.Error(), "chmod 600 "+path) {
			t.Errorf("mode %04o: error has no fix: %v", tt.mode, err)
		}
		if strings.Contains(err.Error(), "file-secret") {
			t.Errorf("secret in error: %v", err)
		}
	}
}

func TestLoadCredentialsPrecedence(t *testing.T) {
	file := writeConfig(t, fileBody, 0o600)
	env := map[string]string{EnvAppID: "cli_env", EnvAppSecret: "env-secret", EnvBaseURL: "http://127.0.0.1:9999/"}
	tests := []struct {
		name                   string
		flagID, flagSecret     string
		env                    map[string]string
		path                   string
		id, secret, base, desc string
	}{
		{
			name: "file only", path: file,
			id: "cli_file", secret: "file-secret", base: LarkBaseURL,
			desc: "app_id cli_file from config file " + file + ", app secret from config file " + file + ", base URL " + LarkBaseURL + " from config file " + file,
		},
		{
			name: "env beats file", env: env, path: file,
			id: "cli_env", secret: "env-secret", base: "http://127.0.0.1:9999",
			desc: "app_id cli_env from environment FEISHU_APP_ID, app secret from environment FEISHU_APP_SECRET, base URL http://127.0.0.1:9999 from environment FEISHU_BASE_URL",
		},
		{
			name: "flags beat env", flagID: "cli_flag", flagSecret: "flag-secret", env: env, path: file,
			id: "cli_flag", secret: "flag-secret", base: "http://127.0.0.1:9999",
		},
		{
			name: "mixed sources", flagID: "cli_flag", env: map[string]string{EnvDomain: "feishu"}, path: file,
			id: "cli_flag", secret: "file-secret", base: FeishuBaseURL,
		},
		{
			name: "env only, no default file", env: map[string]string{EnvAppID: "a", EnvAppSecret: "b", "HOME": t.TempDir()},
			id: "a", secret: "b", base: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, desc, err := LoadCredentials(tt.flagID, tt.flagSecret, tt.path, envOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.AppID != tt.id || c.Secret() != tt.secret || c.BaseURL != tt.base {
				t.Errorf("got %s / %s, want %s / %s / %s", c, c.Secret(), tt.id, tt.secret, tt.base)
			}
			if tt.desc != "" && desc != tt.desc {
				t.Errorf("desc = %q\nwant   %q", desc, tt.desc)
			}
			if strings.Contains(desc, c.Secret()) {
				t.Errorf("desc holds the secret: %q", desc)
			}
		})
	}
}

func TestLoadCredentialsErrors(t *testing.T) {
	home := t.TempDir()
	tests := []struct {
		name   string
		path   string
		env    map[string]string
		substr string
	}{
		{"nothing anywhere", "", map[string]string{"HOME": home}, "no app ID or app secret"},
		{"secret missing", "", map[string]string{"HOME": home, EnvAppID: "a"}, "no app secret"},
		{"explicit file missing", filepath.Join(home, "nope"), nil, "no such file"},
		{"unknown key", writeConfig(t, "app_id=a\npassword=hunter2\n", 0o600), nil, "line 2"},
		{"not key=value", writeConfig(t, "hunter2\n", 0o600), nil, "line 1"},
		{"bad domain", writeConfig(t, "app_id=a\napp_secret=b\ndomain=slack\n", 0o600), nil, "unknown domain"},
		{"bad env base URL", "", map[string]string{"HOME": home, EnvBaseURL: "open.feishu.cn"}, "invalid base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := LoadCredentials("", "", tt.path, envOf(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.substr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.substr)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("file value in error: %v", err)
			}
		})
	}
}

func TestDefaultConfigPath(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_CONFIG_HOME": "/xdg", "HOME": "/home/a"}, "/xdg/orgbatch/config"},
		{map[string]string{"XDG_CONFIG_HOME": "relative", "HOME": "/home/a"}, "/home/a/.config/orgbatch/config"},
		{map[string]string{"HOME": "/home/a"}, "/home/a/.config/orgbatch/config"},
	}
	for _, tt := range tests {
		if got := DefaultConfigPath(envOf(tt.env)); got != filepath.FromSlash(tt.want) {
			t.Errorf("DefaultConfigPath(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestDefaultConfigFileIsUsed(t *testing.T) {
	xdg := t.TempDir()
	dir := filepath.Join(xdg, "orgbatch")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config"), []byte("\uFEFFapp_id=cli_xdg\napp_secret='q'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _, err := LoadCredentials("", "", "", envOf(map[string]string{"XDG_CONFIG_HOME": xdg}))
	if err != nil || c.AppID != "cli_xdg" || c.Secret() != "q" {
		t.Errorf("got %v, %v", c, err)
	}
}

func TestConfigInlineComments(t *testing.T) {
	m, err := parseConfig("c", []byte("app_id = cli_x   # the app\ndomain = lark\t# or feishu\napp_secret = \"s #1\"\nbase_url = http://h/#frag\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m["app_id"] != "cli_x" || m["domain"] != "lark" || m["app_secret"] != "s #1" || m["base_url"] != "http://h/#frag" {
		t.Errorf("parsed %v", m)
	}
}
