package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/tenant"
)

// Finding is one thing the audit found.
type Finding struct {
	Code string
	// Dept is the department it is about, or the one the person it is
	// about is in (first of theirs); nil for a finding about a value
	// (a name, a mobile) several people share.
	Dept *Node
	// Person is the person it is about; nil for a department.
	Person *Person
	// Subject names a shared value (a name, a masked mobile) when neither
	// Dept nor Person is the subject.
	Subject string
	ZH, EN  string
}

// Group is the findings of one kind.
type Group struct {
	Kind  Kind
	Items []Finding
}

// findings runs every check; each group is in chart order.
func (c *chart) findings(o Options) []Group {
	checks := map[string]func(Options) []Finding{
		DeptNoLeader:    c.noLeader,
		LeaderResigned:  c.leadersResigned,
		LeaderOutside:   c.leadersOutside,
		ManagerResigned: c.managersResigned,
		UserNoManager:   c.noManager,
		DeptEmpty:       c.empty,
		DuplicateName:   c.duplicates(DuplicateName),
		DuplicateMobile: c.duplicates(DuplicateMobile),
		DuplicateEmail:  c.duplicates(DuplicateEmail),
		BranchDeep:      c.deep,
		BranchWide:      c.wide,
	}
	out := make([]Group, 0, len(Kinds))
	for _, k := range Kinds {
		items := checks[k.Code](o)
		for _, f := range items {
			if f.Dept != nil {
				f.Dept.mark(f.Code)
			}
		}
		out = append(out, Group{Kind: k, Items: items})
	}
	for i := len(c.nodes) - 1; i > 0; i-- { // children after their parents
		if n := c.nodes[i]; n.Parent != nil {
			n.Parent.Below += n.Below + n.marked()
		}
	}
	return out
}

func (c *chart) departments() []*Node {
	if c.root.Company {
		return c.nodes[1:]
	}
	return c.nodes
}

func deptFinding(code string, n *Node, args ...any) Finding {
	zh, en := message(code, args...)
	return Finding{Code: code, Dept: n, ZH: zh, EN: en}
}

func (c *chart) personFinding(code string, p Person, args ...any) Finding {
	zh, en := message(code, args...)
	return Finding{Code: code, Person: &p, Dept: c.firstDept(p.UserID), ZH: zh, EN: en}
}

func (c *chart) noLeader(Options) []Finding {
	var out []Finding
	for _, n := range c.departments() {
		if n.Leader == nil {
			out = append(out, deptFinding(DeptNoLeader, n, n.Headcount))
		}
	}
	return out
}

// role is a leader's role in both languages.
type role struct {
	p      Person
	zh, en string
}

func roles(n *Node) []role {
	var out []role
	if n.Leader != nil {
		out = append(out, role{*n.Leader, "主负责人", "main leader"})
	}
	for _, d := range n.Deputies {
		out = append(out, role{d, "副负责人", "deputy leader"})
	}
	return out
}

// gone says why a person named as a leader is not one any more, "" when
// they are: resigned, or the ID names nobody.
func gone(p Person) (zh, en string) {
	switch p.Gone() {
	case "unknown":
		return "查无此人（按 ID 读取不到）", "does not exist (not found by ID)"
	case "resigned":
		return "已离职", "has resigned"
	}
	return "", ""
}

func (c *chart) leadersResigned(Options) []Finding {
	var out []Finding
	for _, n := range c.departments() {
		for _, r := range roles(n) {
			if zh, en := gone(r.p); zh != "" {
				out = append(out, deptFinding(LeaderResigned, n, r.zh, r.en, r.p.Shown(), r.p.UserID, zh, en))
			}
		}
	}
	return out
}

// leadersOutside: leaders who are active but in none of the department's
// branch — elsewhere in the chart, or outside the --root branch read.
func (c *chart) leadersOutside(Options) []Finding {
	var out []Finding
	for _, n := range c.departments() {
		for _, r := range roles(n) {
			if zh, _ := gone(r.p); zh != "" || c.inBranch(r.p.UserID, n) {
				continue
			}
			where := "（不在读取的范围内 outside the branch read）"
			if ds := c.member[r.p.UserID]; len(ds) > 0 {
				where = labels(ds)
			}
			out = append(out, deptFinding(LeaderOutside, n, r.zh, r.en, r.p.Shown(), r.p.UserID, where))
		}
	}
	return out
}

func (c *chart) inBranch(userID string, n *Node) bool {
	for _, d := range c.member[userID] {
		if d.within(n) {
			return true
		}
	}
	return false
}

func labels(ns []*Node) string {
	ls := make([]string, len(ns))
	for i, n := range ns {
		ls[i] = n.Label()
	}
	return strings.Join(ls, "; ")
}

func (c *chart) managersResigned(Options) []Finding {
	var out []Finding
	for _, u := range c.users {
		if u.LeaderUserID == "" {
			continue
		}
		m := c.person(u.LeaderUserID)
		if zh, en := gone(m); zh != "" {
			out = append(out, c.personFinding(ManagerResigned, *c.people[userKey(u)], m.Shown(), m.UserID, zh, en))
		}
	}
	return c.inChartOrder(out)
}

func (c *chart) noManager(Options) []Finding {
	var out []Finding
	for _, u := range c.users {
		if _, top := c.top[userKey(u)]; u.LeaderUserID == "" && !top {
			out = append(out, c.personFinding(UserNoManager, *c.people[userKey(u)]))
		}
	}
	return c.inChartOrder(out)
}

// inChartOrder sorts findings about people by their department's place in
// the chart, then by user_id.
func (c *chart) inChartOrder(fs []Finding) []Finding {
	at := func(f Finding) int {
		if f.Dept == nil {
			return len(c.nodes)
		}
		return f.Dept.Index
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(at(a), at(b)), cmp.Compare(a.Person.UserID, b.Person.UserID))
	})
	return fs
}

// empty lists the top department of every branch nobody is in.
func (c *chart) empty(Options) []Finding {
	var out []Finding
	for _, n := range c.departments() {
		if n.Headcount == 0 && (n.Parent == nil || n.Parent.Headcount > 0 || n == c.root) {
			out = append(out, deptFinding(DeptEmpty, n, below(n)))
		}
	}
	return out
}

// below counts the departments under n.
func below(n *Node) int {
	total := 0
	for _, ch := range n.Children {
		total += 1 + below(ch)
	}
	return total
}

// duplicates finds values several listed users share: names (compared
// as org.NameKey), mobiles (as E.164) or emails (lower case), each shown
// masked.
func (c *chart) duplicates(code string) func(Options) []Finding {
	key := map[string]func(p *Person, mobile, email string) (k, shown string){
		DuplicateName: func(p *Person, _, _ string) (string, string) { return org.NameKey(p.Name), p.Name },
		DuplicateMobile: func(_ *Person, m, _ string) (string, string) {
			return tenant.NormMobile(m), org.MaskMobile(tenant.NormMobile(m))
		},
		DuplicateEmail: func(_ *Person, _, e string) (string, string) {
			return strings.ToLower(e), org.MaskEmail(strings.ToLower(e))
		},
	}[code]
	return func(Options) []Finding {
		groups := map[string][]*Person{}
		shown := map[string]string{}
		var order []string
		for _, u := range c.users {
			p := c.people[userKey(u)]
			k, s := key(p, u.Mobile, u.Email)
			if k == "" {
				continue
			}
			if groups[k] == nil {
				order = append(order, k)
				shown[k] = s
			}
			groups[k] = append(groups[k], p)
		}
		var out []Finding
		for _, k := range order {
			if ps := groups[k]; len(ps) > 1 {
				zh, en := message(code, len(ps), c.who(ps))
				out = append(out, Finding{Code: code, Subject: shown[k], ZH: zh, EN: en})
			}
		}
		slices.SortStableFunc(out, func(a, b Finding) int { return cmp.Compare(a.Subject, b.Subject) })
		return out
	}
}

// who lists people with their IDs and departments.
func (c *chart) who(ps []*Person) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s (%s, %s)", p.Shown(), p.UserID, labels(c.member[p.UserID]))
	}
	return strings.Join(parts, "; ")
}

// deep lists the first department beyond the depth threshold on every
// branch, with the deepest level its branch reaches.
func (c *chart) deep(o Options) []Finding {
	var out []Finding
	for _, n := range c.departments() {
		if n.Depth == o.MaxDepth+1 {
			out = append(out, deptFinding(BranchDeep, n, n.Depth, deepest(n), o.MaxDepth))
		}
	}
	return out
}

func deepest(n *Node) int {
	d := n.Depth
	for _, ch := range n.Children {
		d = max(d, deepest(ch))
	}
	return d
}

func (c *chart) wide(o Options) []Finding {
	var out []Finding
	for _, n := range c.nodes {
		if len(n.Children) > o.MaxChildren {
			out = append(out, deptFinding(BranchWide, n, len(n.Children), o.MaxChildren))
		}
	}
	return out
}
