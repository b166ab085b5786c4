// Package htmlpage renders an audit.Report as one self-contained HTML page:
// the org chart as a collapsible tree with headcounts, leaders and a
// search, the totals per level, the findings and the changes since an
// earlier export. The CSS and the script are embedded in the page (no
// network, no external assets; a Content-Security-Policy allows nothing
// else and only those two, by their hashes), and a print stylesheet prints
// the chart expanded, without controls.
//
// Every value from the tenant goes through html/template, which escapes it
// for where it lands, and characters a person cannot see (bidi overrides,
// zero-width and control characters) are shown as �, as on the terminal.
package htmlpage

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/zone"
	"html/template"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/orgbatch/orgbatch/audit"
	"github.com/orgbatch/orgbatch/exporter"
	"github.com/orgbatch/orgbatch/internal/textsafe"
)

var (
	//go:embed page.html.tmpl
	pageText string
	//go:embed style.css
	style string
	//go:embed script.js
	script string
)

// Meta says what was audited, for the page's header.
type Meta struct {
	BaseURL, AppID, Version string
	Time                    time.Time
	Zone                    zone.Zone // the zone Time is shown in (--tz), named beside it
	Root                    string    // --root, "" for the whole tenant
	Since                   string    // the earlier export compared with
}

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"anchor":   func(n *audit.Node) string { return fmt.Sprintf("n%d", n.Index) },
	"sev":      severityLabel,
	"severity": func(code string) string { k, _ := audit.KindOf(code); return string(k.Severity) },
	"title":    func(code string) string { k, _ := audit.KindOf(code); return k.ZH + " " + k.EN },
	"short":    func(code string) string { return shortLabels[code] },
	"status":   statusLabel,
	"gone":     gone,
}).Parse(pageText))

// csp allows the page's own style and script, by their hashes, and nothing
// else: no request leaves the page, and an inline script that escaping
// let through would not run.
var csp = fmt.Sprintf("default-src 'none'; style-src '%s'; script-src '%s'; img-src data:; base-uri 'none'; form-action 'none'", hash(style), hash(script))

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

type data struct {
	R                  *audit.Report
	Meta               Meta
	When               string
	CSP                string
	Style              template.CSS
	Script             template.JS
	Findings, Warnings int
	NoLeader, Empty    int
}

// Write renders the report.
func Write(w io.Writer, r *audit.Report, m Meta) error {
	d := data{R: r, Meta: m, When: m.Zone.FormatSeconds(m.Time), CSP: csp,
		Style: template.CSS(style), Script: template.JS(script)}
	d.Findings, d.Warnings = r.FindingCount()
	for _, l := range r.Levels {
		d.NoLeader += l.NoLeader
		d.Empty += l.Empty
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, d); err != nil {
		return err
	}
	_, err := io.WriteString(w, visible(buf.String()))
	return err
}

// visible shows the characters a person cannot see as �, leaving the line
// breaks and tabs of the markup: a name with a right-to-left override
// cannot turn the text around it. The page's own text has none of them.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		if textsafe.Hidden(r) && r != '\n' && r != '\t' && r != '\r' {
			return utf8.RuneError
		}
		return r
	}, s)
}

func severityLabel(s audit.Severity) string {
	if s == audit.Warning {
		return "需处理 warning"
	}
	return "提示 note"
}

// shortLabels mark departments in the chart.
var shortLabels = map[string]string{
	audit.DeptNoLeader:    "无负责人 no leader",
	audit.LeaderResigned:  "负责人已离职 leader gone",
	audit.LeaderOutside:   "负责人不在本部门 leader outside",
	audit.ManagerResigned: "上级已离职 manager gone",
	audit.UserNoManager:   "无上级 no manager",
	audit.DeptEmpty:       "空 empty",
	audit.BranchDeep:      "层级过深 deep",
	audit.BranchWide:      "下级过多 wide",
}

func statusLabel(s string) string {
	return map[string]string{
		exporter.StatusInactive: "未激活 inactive",
		exporter.StatusFrozen:   "已冻结 frozen",
		exporter.StatusUnjoined: "未加入 unjoined",
		exporter.StatusExited:   "已退出 exited",
		exporter.StatusResigned: "已离职 resigned",
	}[s]
}

// gone labels Person.Gone: why a leader is not one any more.
func gone(state string) string {
	return map[string]string{"unknown": "查无此人 unknown", "resigned": "已离职 resigned"}[state]
}
