package htmlpage

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"github.com/orgbatch/orgbatch/internal/zone"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/audit"
	"github.com/orgbatch/orgbatch/audit/audittest"
	"golang.org/x/net/html"
)

// Hostile values a tenant may hold: names are free text.
var hostile = []string{
	`</style><script>document.title="pwned"</script>`,
	`<img src=x onerror="document.title='pwned'">`,
	`" onmouseover="document.title='pwned'" x="`,
	`'); document.title='pwned'; ('`,
	`javascript:document.title='pwned'`,
	`{{.Meta}} ]]> <!-- -->`,
}

// hostileReport is audittest.Company with the hostile values as
// department names, a user's name and job title, a leader's name and a
// department ID, and a name with a right-to-left override.
func hostileReport(t *testing.T) *audit.Report {
	t.Helper()
	s := audittest.Company.Snapshot()
	ds := s.Tree.Departments
	for i, h := range hostile {
		ds[i%len(ds)].Name = h
	}
	ds[len(ds)-1].DepartmentID = hostile[2]
	s.Users["u2"].Name = hostile[1] // a leader (前端组) and a member
	s.Users["u3"].JobTitle = hostile[0]
	s.Users["u6"].Name = "abc\u202edef" // would show as abcfed
	base := &audit.Baseline{HasUsers: true, Users: map[string]audit.BaseUser{
		"u1": {ID: "u1", Name: hostile[4], Departments: []string{"T"}},
	}}
	return audit.Build(s, base, audit.Options{})
}

func render(t *testing.T, r *audit.Report) string {
	t.Helper()
	var buf bytes.Buffer
	shanghai, err := zone.Load("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	m := Meta{BaseURL: "http://127.0.0.1:1", AppID: "cli_test", Version: "test", Time: time.Date(2026, 11, 23, 2, 15, 0, 0, time.UTC), Zone: shanghai, Since: hostile[3]}
	if err := Write(&buf, r, m); err != nil {
		t.Fatal(err)
	}
	// The page's time is in the zone asked for, named.
	if !strings.Contains(buf.String(), "2026-11-23 10:15:00 (Asia/Shanghai)") {
		t.Error("the page's time is not 2026-11-23 10:15:00 (Asia/Shanghai)")
	}
	return buf.String()
}

// TestHostileValuesStayText: whatever the tenant holds, the page has only
// its own elements — one style, one script, no images, no event handler
// attributes, links only within the page — and every hostile value is in
// its text, as written.
func TestHostileValuesStayText(t *testing.T) {
	page := render(t, hostileReport(t))
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	elements := map[string]int{}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			elements[n.Data]++
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s> has the attribute %s=%q", n.Data, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src") && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("<%s %s=%q> leaves the page", n.Data, a.Key, a.Val)
				}
			}
		}
		if n.Type == html.TextNode && (n.Parent == nil || n.Parent.Data != "script" && n.Parent.Data != "style") {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, el := range []string{"script", "style", "title"} {
		if elements[el] != 1 {
			t.Errorf("%d <%s> elements, want 1", elements[el], el)
		}
	}
	for _, el := range []string{"img", "iframe", "object", "embed", "link", "base", "form"} {
		if elements[el] > 0 {
			t.Errorf("%d <%s> elements", elements[el], el)
		}
	}
	for _, h := range hostile {
		if !strings.Contains(text.String(), h) {
			t.Errorf("the page's text lacks %q", h)
		}
	}
	if strings.Contains(page, "\u202e") || !strings.Contains(text.String(), "abc\ufffddef") {
		t.Error("the right-to-left override is not shown as �")
	}
}

// TestSelfContained: the CSP names the page's own style and script by
// their hashes and allows nothing else; nothing refers to another file
// or host.
func TestSelfContained(t *testing.T) {
	page := render(t, hostileReport(t))
	meta := html.UnescapeString(page[:strings.Index(page, "<style>")])
	for _, s := range []string{style, script} {
		sum := sha256.Sum256([]byte(s))
		if h := base64.StdEncoding.EncodeToString(sum[:]); !strings.Contains(meta, "'sha256-"+h+"'") {
			t.Errorf("the CSP lacks the hash of %.30q…", s)
		}
	}
	if !strings.Contains(page, "<style>"+style+"</style>") || !strings.Contains(page, "<script>"+script+"</script>") {
		t.Error("style or script not inlined as embedded")
	}
	if !strings.Contains(meta, `http-equiv="Content-Security-Policy" content="default-src 'none';`) {
		t.Error("no default-src 'none'")
	}
	for _, ref := range []string{"@import", "url(", "src=", "fetch(", "XMLHttpRequest", "https://"} {
		if strings.Contains(style+script, ref) {
			t.Errorf("the style or script refers out: %s", ref)
		}
	}
}

// TestContent: the chart has a node per department with its headcount
// and leaders; every finding and change is listed, each kind under its
// code; the thresholds are stated.
func TestContent(t *testing.T) {
	r := audit.Build(audittest.Company.Snapshot(), &audit.Baseline{HasUsers: true, Users: map[string]audit.BaseUser{
		"u1": {ID: "u1", Name: "张三", Departments: []string{"S"}},
	}}, audit.Options{MaxDepth: 1})
	page := render(t, r)
	if n := len(regexp.MustCompile(`<li class="n[" ]`).FindAllString(page, -1)); n != len(r.Nodes) {
		t.Errorf("%d chart nodes, want %d", n, len(r.Nodes))
	}
	for _, want := range []string{
		`<span class="nm">前端组</span> <span class="hc" title="人数 headcount">2</span> <span class="ld">负责人 李四</span> <span class="ld dep">副 王五</span>`,
		`<span class="ld bad">负责人 离职老王 · 已离职 resigned</span>`,
		`id="f-DEPT_NO_LEADER"`, `id="f-BRANCH_DEEP"`, `id="c-USER_MOVED"`, `id="c-USER_JOINED"`,
		"层级过深：超过 1 层", "主负责人 钱七（u6）不在本部门及其下级部门",
		`<td>张三</td><td class="id">u1</td><td>销售部</td><td><a class="to" href="#n1">技术中心</a></td>`,
		"未比较 not compared", // the baseline had no departments
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, g := range r.Findings {
		if len(g.Items) == 0 && strings.Contains(page, `id="f-`+g.Kind.Code+`"`) {
			t.Errorf("an empty section for %s", g.Kind.Code)
		}
	}
}

// TestPrintStylesheet: printed, the chart is expanded (collapsed and
// search-hidden branches shown) and the controls are gone.
func TestPrintStylesheet(t *testing.T) {
	i := strings.Index(style, "@media print")
	if i < 0 {
		t.Fatal("no print stylesheet")
	}
	print := style[i:]
	for _, want := range []string{".controls, .tg, .members, .flag.below { display: none !important; }", "li.n.closed > ul { display: block; }", "li.n.miss { display: list-item; }"} {
		if !strings.Contains(print, want) {
			t.Errorf("the print stylesheet lacks %q", want)
		}
	}
	page := render(t, hostileReport(t))
	if !strings.Contains(page, `<div class="controls toolbar">`) || !strings.Contains(page, `<nav class="controls">`) {
		t.Error("the controls are not marked .controls")
	}
}
