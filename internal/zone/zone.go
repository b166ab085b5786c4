// Package zone is the time zone people read orgbatch's times in: the
// export's metadata, a report's start and end. Contact v3 has no API for a
// tenant's time zone (only each user's own), so it is the --tz flag, by
// default the machine's local zone, and every time is shown with the
// zone's name beside it: "2026-12-02 17:30 (Asia/Shanghai)".
package zone

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Zone is a location with the name a person knows it by. The zero Zone is
// UTC.
type Zone struct {
	Loc  *time.Location
	Name string
}

// UTC is the zone of coordinated universal time.
var UTC = Zone{Loc: time.UTC, Name: "UTC"}

// Load returns the zone named name (an IANA name such as Asia/Shanghai,
// or UTC); "" or "Local" is the machine's own zone.
func Load(name string) (Zone, error) {
	if name == "" || name == "Local" {
		return Local(), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return Zone{}, fmt.Errorf("time zone %q: not an IANA zone name such as Asia/Shanghai or UTC (%v) / 无法识别的时区", name, err)
	}
	return Zone{Loc: loc, Name: loc.String()}, nil
}

// Local is the machine's zone, named by $TZ, else by the zoneinfo file
// /etc/localtime links to, else /etc/timezone, else by its abbreviation
// and offset (CST+08:00).
func Local() Zone {
	return Zone{Loc: time.Local, Name: localName(os.Getenv("TZ"), "/etc/localtime", "/etc/timezone")}
}

func localName(tz, localtime, timezone string) string {
	if tz = strings.TrimPrefix(tz, ":"); tz != "" && !filepath.IsAbs(tz) {
		return tz
	}
	if target, err := filepath.EvalSymlinks(localtime); err == nil {
		if _, name, ok := strings.Cut(filepath.ToSlash(target), "zoneinfo/"); ok && name != "" {
			return name
		}
	}
	if b, err := os.ReadFile(timezone); err == nil {
		if name := strings.TrimSpace(string(b)); name != "" {
			return name
		}
	}
	abbr, offset := time.Now().Zone()
	if offset == 0 && (abbr == "UTC" || abbr == "") {
		return "UTC"
	}
	return abbr + time.Now().Format("-07:00")
}

// Format writes t in the zone to the minute with the zone's name:
// "2026-12-02 17:30 (Asia/Shanghai)".
func (z Zone) Format(t time.Time) string {
	return t.In(z.loc()).Format("2006-01-02 15:04") + " (" + z.String() + ")"
}

// In is t in the zone.
func (z Zone) In(t time.Time) time.Time { return t.In(z.loc()) }

// String is the zone's name.
func (z Zone) String() string {
	if z.Name == "" {
		return "UTC"
	}
	return z.Name
}

// FormatSeconds is Format to the second.
func (z Zone) FormatSeconds(t time.Time) string {
	return t.In(z.loc()).Format("2006-01-02 15:04:05") + " (" + z.String() + ")"
}

func (z Zone) loc() *time.Location {
	if z.Loc == nil {
		return time.UTC
	}
	return z.Loc
}
