package org

import (
	"fmt"
	"strings"

	"github.com/orgbatch/orgbatch/sheet"
)

// matcher matches header cells to fields: first through the user's
// mapping (--map), then by the schema's names, among the kinds of table
// looked for (schemas).
type matcher struct {
	mapping map[string]string // normalised header → field key
	schemas []*Schema
}

func newMatcher(mapping map[string]string) matcher {
	m := matcher{mapping: map[string]string{}}
	for h, key := range mapping {
		m.mapping[normHeader(h)] = key
	}
	return m
}

func (m matcher) match(s *Schema, cell string) (f Field, mapped, ok bool) {
	if key, hit := m.mapping[normHeader(cell)]; hit {
		if f, ok := s.Field(key); ok {
			return f, true, true
		}
	}
	f, ok = s.MatchHeader(cell)
	return f, false, ok
}

// count is the number of distinct fields a row names. A row naming one
// field in several cells (an instructions row) counts that field once.
func (m matcher) count(s *Schema, r sheet.Row) int {
	seen := map[string]bool{}
	for _, c := range r.Cells {
		if f, _, ok := m.match(s, c); ok {
			seen[f.Key] = true
		}
	}
	return len(seen)
}

// FieldKeys lists every field key of every schema, for checking --map.
func FieldKeys() []string {
	var keys []string
	seen := map[string]bool{}
	for _, s := range Schemas {
		for _, f := range s.Fields {
			if !seen[f.Key] {
				seen[f.Key] = true
				keys = append(keys, f.Key)
			}
		}
	}
	return keys
}

// readOnlyKeys are the columns exports add after the template's, the
// template's example-marker column (MarkerHeader) and the columns a
// failed-rows file adds to say why: import ignores them without a warning.
var readOnlyKeys = []string{"open_department_id", "open_id", "union_id", "path", "depth", "member_count", "status", "bound_departments", "example_marker", "示例标记",
	"member_user_count", "department_members", // a group export's
	"import_status", "error_code", "error_message", "fix_hint"} // a failed-rows file's (report.FailedColumns)

// IsReadOnlyColumn reports whether a header is one of an export's
// read-only columns, e.g. "开放ID (open_id)".
func IsReadOnlyColumn(header string) bool {
	parts := append([]string{header}, strings.FieldsFunc(header, func(r rune) bool { return strings.ContainsRune("()（）/|\n", r) })...)
	for _, p := range parts {
		n := normHeader(p)
		for _, k := range readOnlyKeys {
			if n == normHeader(k) {
				return true
			}
		}
	}
	return false
}

// hrHeaders are headers common HR systems' exports use for a users sheet,
// by the field they mean: the mapping hint names these fields first,
// whatever field a name they contain suggests (员工账号 is the account,
// user_id, not the employee number). They are only suggested, never
// matched silently: the user confirms them with --map or --map-file
// (samples/hr/mapping.csv maps them so).
var hrHeaders = map[Kind]map[string]string{KindUsers: normKeys(map[string]string{
	"员工账号": "user_id", "账号": "user_id", "登录账号": "user_id",
	"中文名": "name", "中文姓名": "name", "员工名称": "name",
	"英文名称": "en_name", "英文姓名": "en_name",
	"移动电话": "mobile", "手机电话": "mobile", "联系电话": "mobile",
	"工作邮箱": "email", "企业邮箱": "email", "邮件": "email", "邮件地址": "email",
	"所在组织": "department_path", "所在部门": "department_path", "组织": "department_path", "组织全路径": "department_path", "组织路径": "department_path",
	"用工类型": "employee_type", "员工类别": "employee_type", "人员类别": "employee_type",
	"员工号": "employee_no",
	"岗位":  "job_title", "岗位名称": "job_title", "职位名称": "job_title",
	"汇报对象": "leader_user_id", "直属上级": "leader_user_id", "直接上级": "leader_user_id", "上级": "leader_user_id", "汇报人": "leader_user_id", "直线经理": "leader_user_id",
	"入职时间": "join_time",
	"工作地点": "city", "办公地点": "city", "工作城市": "city", "所在城市": "city",
})}

// normKeys folds a table's headers as normHeader does.
func normKeys(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for h, key := range m {
		out[normHeader(h)] = key
	}
	return out
}

// Suggest guesses the field an unknown header means, for the mapping
// hint: a header that contains a field's name (员工姓名 ⊃ 姓名) or differs
// from one by a single character (部门全路径 ~ 部门路径). Ambiguous guesses
// are not made.
func Suggest(s *Schema, header string) (Field, bool) {
	h := normHeader(header)
	if len([]rune(h)) < 2 {
		return Field{}, false
	}
	if key, ok := hrHeaders[s.Kind][h]; ok {
		return s.Field(key)
	}
	var found []Field
	for _, f := range s.Fields {
		for _, name := range f.Names() {
			n := normHeader(name)
			if len([]rune(n)) < 2 {
				continue
			}
			// A one-character difference is only a hint between longer names:
			// 中文名 and 英文名 are different fields.
			if strings.Contains(h, n) || strings.Contains(n, h) || len([]rune(h)) >= 4 && editDistanceAtMostOne(h, n) {
				found = append(found, f)
				break
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	// Prefer the field whose name is the longest one contained in the header.
	var best Field
	bestLen, ties := 0, 0
	for _, f := range found {
		for _, name := range f.Names() {
			n := normHeader(name)
			if strings.Contains(h, n) {
				switch l := len([]rune(n)); {
				case l > bestLen:
					best, bestLen, ties = f, l, 1
				case l == bestLen && f.Key != best.Key:
					ties++
				}
			}
		}
	}
	return best, bestLen > 0 && ties == 1
}

func suggestion(s *Schema, header string) string {
	f, ok := Suggest(s, header)
	if !ok && s.Kind == KindUsers {
		return " — 若是飞书自定义字段的名称，导入时在线匹配 / if it names a custom attribute, it is matched online at import"
	}
	if !ok {
		return ""
	}
	return fmt.Sprintf(" — --map '%s=%s'?", header, f.Key)
}

// editDistanceAtMostOne reports whether a and b differ by at most one
// inserted, deleted or replaced character.
func editDistanceAtMostOne(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i, j, diff := 0, 0, 0
	for i < len(x) && j < len(y) {
		if x[i] == y[j] {
			i++
			j++
			continue
		}
		if diff++; diff > 1 {
			return false
		}
		if len(x) == len(y) {
			i++
		}
		j++
	}
	return diff+(len(y)-j)+(len(x)-i) <= 1
}
