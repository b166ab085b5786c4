package main

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgbatch/orgbatch/feishu"
	"github.com/orgbatch/orgbatch/sandbox"
	"github.com/orgbatch/orgbatch/sandbox/sandboxtest"
	"golang.org/x/net/html"
)

// The audit page in a real browser: headless Chromium (Debian's chromium
// package; .ci/run installs it) loads the page, runs its script under its
// CSP, and the test reads the DOM it leaves (--dump-dom) and a screenshot.
// Without a Chromium the tests skip, saying so.

var update = flag.Bool("update", false, "rewrite "+auditScreenshot+", the README's screenshot of the sample company's audit report")

const auditScreenshot = "../../docs/audit-report.png"

// chromium is the browser to use: $ORGBATCH_CHROMIUM, else the first of
// chromium, chromium-browser, google-chrome on the PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ORGBATCH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (Debian: apt-get install chromium, or set ORGBATCH_CHROMIUM): the audit page is not rendered in a browser")
	return ""
}

// headless runs Chromium on a page with the flags of a closed network
// (nothing in the background, a fresh profile) and returns its stdout.
func headless(t *testing.T, bin, page, fragment string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // a guard against a hung browser, not a timed assertion
	defer cancel()
	u := url.URL{Scheme: "file", Path: page, Fragment: fragment}
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--hide-scrollbars", "--force-device-scale-factor=1"}
	cmd := exec.CommandContext(ctx, bin, append(append(flags, args...), u.String())...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

// dom is a page as the browser left it.
type dom struct{ root *html.Node }

func parseDOM(t *testing.T, b []byte) dom {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return dom{n}
}

// all are the elements match accepts, in document order.
func (d dom) all(match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(d.root)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasClass(n *html.Node, c string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// departmentNodes are the chart's departments (li.n).
func (d dom) departmentNodes() []*html.Node {
	return d.all(func(n *html.Node) bool { return n.Data == "li" && hasClass(n, "n") })
}

// sampleAudit is the README's example: the sample company after its
// leavers (samples/leavers.xlsx) were offboarded, compared with its export
// from before.
func sampleAudit(t *testing.T) string {
	t.Helper()
	_, url := sandboxtest.Start(t, sandbox.Options{SeedPath: samplesXLSX, SeedLoader: sheetSeedLoader})
	leavers, err := filepath.Abs(samplesLeavers)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir) // the page names --since as given: a short name for the screenshot
	for _, args := range [][]string{
		{"export", "--out", "org-before.xlsx"},
		{"offboard", leavers, "--execute", "--yes", "--delete-count", "30", "--delete-department-count", "2"},
		{"audit", "--since", "org-before.xlsx", "--out", "audit.html"},
	} {
		if code, out, errOut := runAgainst(t, context.Background(), append(args, "--base-url", url, "--rate-scale", "1000", "-q")...); code != ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", args[0], code, out, errOut)
		}
	}
	return filepath.Join(dir, "audit.html")
}

// TestAuditInChromium: the chart, the findings and the changes are on the
// page the browser shows; its script ran (under the page's CSP), searched
// from the link's #q= and opened the branch of what it found; the
// screenshot is a picture, and the page prints.
func TestAuditInChromium(t *testing.T) {
	bin := chromium(t)
	readme, err := filepath.Abs(auditScreenshot) // before sampleAudit changes directory
	if err != nil {
		t.Fatal(err)
	}
	page := sampleAudit(t)
	d := parseDOM(t, headless(t, bin, page, "q=增长组", "--dump-dom"))

	if h := d.all(tag("html")); len(h) != 1 || !hasClass(h[0], "js") {
		t.Fatal("the page's script did not run")
	}
	nodes := d.departmentNodes()
	if len(nodes) != 45 { // 44 departments and the company
		t.Errorf("%d departments in the chart, want 45", len(nodes))
	}
	var hits []string
	for _, n := range nodes {
		if hasClass(n, "hit") {
			hits = append(hits, attr(n, "data-id"))
		}
		if attr(n, "data-id") == "CEO" && !hasClass(n, "miss") {
			t.Error("总裁办 is not hidden by the search for 增长组")
		}
	}
	if len(hits) != 1 || hits[0] != "MKT-GROWTH" {
		t.Errorf("the search for 增长组 found %q", hits)
	}
	for _, id := range []string{"f-LEADER_RESIGNED", "f-MANAGER_RESIGNED", "c-USER_LEFT", "c-DEPT_REMOVED", "levels"} {
		if len(d.all(func(n *html.Node) bool { return attr(n, "id") == id })) != 1 {
			t.Errorf("no section %s", id)
		}
	}
	if c := d.all(func(n *html.Node) bool { return attr(n, "id") == "q-count" }); len(c) != 1 || text(c[0]) != "1 个部门匹配 departments match" {
		t.Error("the search's count is not shown")
	}

	// A member of a collapsed department: found, the department's members
	// and the branches above it opened.
	d = parseDOM(t, headless(t, bin, page, "q=莫俊", "--dump-dom"))
	for _, n := range d.departmentNodes() {
		switch id := attr(n, "data-id"); {
		case id == "TECH-RD1-BE-ACCT":
			details := d.all(func(e *html.Node) bool { return e.Data == "details" && e.Parent.Parent == n })
			if !hasClass(n, "hit") || len(details) != 1 || !hasAttr(details[0], "open") {
				t.Errorf("账户组 is not found, its members not opened: class %q", attr(n, "class"))
			}
		case strings.HasPrefix("TECH-RD1-BE-ACCT", id) && hasClass(n, "closed"):
			t.Errorf("%s, above 账户组, stays closed", id)
		case hasClass(n, "hit"):
			t.Errorf("the search for 莫俊 found %s", id)
		}
	}

	shot := filepath.Join(t.TempDir(), "audit.png")
	headless(t, bin, page, "", "--window-size=1280,1700", "--screenshot="+shot)
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	colours := map[[3]uint32]bool{}
	for y := 0; y < img.Bounds().Dy(); y += 7 {
		for x := 0; x < img.Bounds().Dx(); x += 7 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, b >> 8}] = true
		}
	}
	if img.Bounds().Dx() != 1280 || len(colours) < 20 {
		t.Errorf("the screenshot is %v with %d colours: not the page", img.Bounds(), len(colours))
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(readme), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(readme, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	pdf := filepath.Join(t.TempDir(), "audit.pdf")
	headless(t, bin, page, "", "--no-pdf-header-footer", "--print-to-pdf="+pdf)
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) || bytes.Count(b, []byte("/Type /Page\n")) < 2 {
		t.Errorf("printing: %v, %d bytes", err, len(b))
	}
}

// TestAuditHostileNamesInChromium: names that are markup stay text in the
// browser: no element of theirs exists, no script of theirs ran.
func TestAuditHostileNamesInChromium(t *testing.T) {
	bin := chromium(t)
	srv, url := sandboxtest.Start(t, sandbox.Options{})
	hostileDept := `<img src=x onerror="document.title='pwned'">`
	hostileUser := `</span><script>document.title='pwned'</script>`
	hostileTitle := `" onmouseover="document.title='pwned'" x="`
	if _, err := srv.SeedDepartment(feishu.Department{DepartmentID: "H1", ParentDepartmentID: "0", Name: hostileDept}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SeedUser(feishu.User{UserID: "h1", Name: hostileUser, JobTitle: hostileTitle, Mobile: "13700000001", DepartmentIDs: []string{"H1"}, EmployeeType: 1}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "audit.html")
	if code, out, errOut := runAgainst(t, context.Background(), "audit", "--base-url", url, "--rate-scale", "1000", "-q", "--out", page); code != ExitOK {
		t.Fatalf("audit: exit %d\n%s%s", code, out, errOut)
	}
	d := parseDOM(t, headless(t, bin, page, "q=<img", "--dump-dom"))
	if n := len(d.all(tag("script"))); n != 1 {
		t.Errorf("%d scripts", n)
	}
	if n := len(d.all(tag("img"))); n != 0 {
		t.Errorf("%d images", n)
	}
	if ti := d.all(tag("title")); len(ti) != 1 || strings.Contains(text(ti[0]), "pwned") {
		t.Error("a name's script ran")
	}
	d.all(func(n *html.Node) bool {
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
		return false
	})
	body := text(d.all(tag("body"))[0])
	for _, h := range []string{hostileDept, hostileUser, hostileTitle} {
		if !strings.Contains(body, h) {
			t.Errorf("the page does not show %q", h)
		}
	}
	for _, n := range d.departmentNodes() {
		if hit := hasClass(n, "hit"); hit != (attr(n, "data-id") == "H1") {
			t.Errorf("the search for <img: %s hit=%v", attr(n, "data-id"), hit)
		}
	}
}
