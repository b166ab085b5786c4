package zone

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	z, err := Load("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 2, 9, 30, 15, 0, time.UTC)
	if got := z.Format(at); got != "2026-12-02 17:30 (Asia/Shanghai)" {
		t.Errorf("Format = %q", got)
	}
	if got := UTC.FormatSeconds(at); got != "2026-12-02 09:30:15 (UTC)" {
		t.Errorf("FormatSeconds = %q", got)
	}
	if _, err := Load("Mars/Olympus"); err == nil {
		t.Error("an unknown zone loads")
	}
	if z, err := Load(""); err != nil || z.Loc != time.Local || z.Name == "" {
		t.Errorf("Load(\"\") = %+v, %v", z, err)
	}
}

func TestLocalName(t *testing.T) {
	dir := t.TempDir()
	zi := filepath.Join(dir, "usr", "share", "zoneinfo", "Europe", "Berlin")
	os.MkdirAll(filepath.Dir(zi), 0o755)
	os.WriteFile(zi, []byte("TZif"), 0o644)
	link := filepath.Join(dir, "localtime")
	if err := os.Symlink(zi, link); err != nil {
		t.Skip(err)
	}
	tzfile := filepath.Join(dir, "timezone")
	os.WriteFile(tzfile, []byte("Asia/Tokyo\n"), 0o644)
	for _, c := range []struct{ tz, localtime, timezone, want string }{
		{"Asia/Shanghai", link, tzfile, "Asia/Shanghai"},
		{":America/New_York", link, tzfile, "America/New_York"},
		{"", link, tzfile, "Europe/Berlin"},
		{"", filepath.Join(dir, "none"), tzfile, "Asia/Tokyo"},
	} {
		if got := localName(c.tz, c.localtime, c.timezone); got != c.want {
			t.Errorf("localName(%q, %s, %s) = %q, want %q", c.tz, c.localtime, c.timezone, got, c.want)
		}
	}
}
