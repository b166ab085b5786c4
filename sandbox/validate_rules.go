package sandbox

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/orgbatch/orgbatch/feishu"
)

// Documented limits (department/create "使用限制", user/create field table).
const (
	maxDepth       = 25   // root's children are depth 1 (43019)
	maxChildren    = 1000 // direct sub-departments (43013)
	maxUserDepts   = 50   // department_ids per user (41033)
	maxUserIDLen   = 64   // 41043
	maxNameLen     = 255  // 41070, and en_name 41071, nickname 41072
	maxJobTitleLen = 100  // 41063 (the field table says 255; the error says 100)
	maxCityLen     = 100  // user/create field table
	maxFieldLen    = 255  // work_station, employee_no
	maxBatch       = feishu.BatchMax
)

// customDeptIDRe is the documented custom department_id pattern.
var customDeptIDRe = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_\-@.]{0,63}$`)

func checkCustomDeptID(id string) error {
	if !customDeptIDRe.MatchString(id) || strings.HasPrefix(id, prefixOpenDept) || id == "0" || id == "1" {
		return fail(feishu.CodeDeptIDInvalid, "department_id %q", id)
	}
	return nil
}

// checkDeptName applies the name rules shared by create, patch and put.
func checkDeptName(name string) error {
	if name == "" {
		return fail(feishu.CodeNameEmpty, "name is required")
	}
	if strings.Contains(name, "/") {
		return fail(feishu.CodeNameSeparator, "name %q contains /", name)
	}
	return nil
}

func i18nValues(n feishu.I18nName) []string {
	var out []string
	for _, v := range []string{n.ZhCn, n.JaJp, n.EnUs} {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func checkI18n(n feishu.I18nName) error {
	for _, v := range i18nValues(n) {
		if strings.Contains(v, "/") {
			return fail(feishu.CodeNameSeparator, "i18n_name %q contains /", v)
		}
	}
	return nil
}

// parseOrder reads a department order: a string holding a non-negative int.
func parseOrder(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || strings.HasPrefix(s, "+") {
		return 0, fail(codeParam, "order %q must be a non-negative integer string", s)
	}
	return n, nil
}

var (
	mainlandMobileRe = regexp.MustCompile(`^(?:\+86)?(1\d{10})$`)
	intlMobileRe     = regexp.MustCompile(`^\+\d{8,15}$`)
	emailRe          = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)
)

// normalizeMobile returns the canonical form (+86 and 11 digits for the
// mainland, the input otherwise) and whether the number is a mainland one.
// A +86 number must be a mainland number; other numbers need + and a
// country code, 8 to 15 digits in all.
func normalizeMobile(m string) (norm string, mainland bool, err error) {
	if sub := mainlandMobileRe.FindStringSubmatch(m); sub != nil {
		return "+86" + sub[1], true, nil
	}
	if strings.HasPrefix(m, "+86") || !intlMobileRe.MatchString(m) {
		return "", false, fail(feishu.CodeMobileInvalid, "mobile %q", m)
	}
	return m, false, nil
}

// emailKey is the form emails are compared in: case-insensitive.
func emailKey(e string) string { return strings.ToLower(e) }

func checkEmail(e string) error {
	if !emailRe.MatchString(e) {
		return fail(feishu.CodeEmailInvalid, "email %q", e)
	}
	return nil
}

func checkUserID(id string) error {
	if len(id) > maxUserIDLen {
		return fail(feishu.CodeUserIDTooLong, "user_id is %d bytes, max %d", len(id), maxUserIDLen)
	}
	if strings.IndexFunc(id, unicode.IsSpace) >= 0 {
		return fail(codeParam, "user_id %q contains whitespace", id)
	}
	return nil
}

func checkLen(field, v string, max int, c feishu.Code) error {
	if n := utf8.RuneCountInString(v); n > max {
		return fail(c, "%s is %d characters, max %d", field, n, max)
	}
	return nil
}

func checkUserName(name string) error {
	if name == "" {
		return fail(feishu.CodeUserNameNull, "name is required")
	}
	return checkLen("name", name, maxNameLen, feishu.CodeNameTooLong)
}

func checkGender(g int) error {
	if g < 0 || g > 3 {
		return fail(feishu.CodeGenderInvalid, "gender %d, want 0-3", g)
	}
	return nil
}

// checkUserText checks the free-text user fields that have a length cap.
func checkUserText(enName, nickname, jobTitle, city, workStation, employeeNo string) error {
	checks := []struct {
		field, v string
		max      int
		c        feishu.Code
	}{
		{"en_name", enName, maxNameLen, feishu.CodeEnNameTooLong},
		{"nickname", nickname, maxNameLen, codeNicknameTooLong},
		{"job_title", jobTitle, maxJobTitleLen, feishu.CodeJobTitleLong},
		{"city", city, maxCityLen, codeParam},
		{"work_station", workStation, maxFieldLen, codeParam},
		{"employee_no", employeeNo, maxFieldLen, codeParam},
	}
	for _, c := range checks {
		if err := checkLen(c.field, c.v, c.max, c.c); err != nil {
			return err
		}
	}
	return nil
}
