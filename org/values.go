package org

import (
	"math"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Mobile is a phone number in the one form orgbatch sends and compares:
// E.164 ("+8613800138000").
type Mobile struct {
	E164     string
	Mainland bool // +86: the only numbers that need no email alongside
}

var (
	reMainland = regexp.MustCompile(`^1[3-9]\d{9}$`)
	reIntl     = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)
	reSciNum   = regexp.MustCompile(`^\d(\.\d+)?[eE]\+?\d+$`)
)

// MobileHint explains why a mobile is invalid, for the problem message.
type MobileHint string

// Reasons a mobile is rejected (appended to the message).
const (
	HintNone       MobileHint = ""
	HintScientific MobileHint = "scientific"
)

// ParseMobile normalises a mobile as people type it: spaces, dashes and
// brackets are ignored, a mainland number may carry +86, 86 or 0086, and a
// number Excel turned into scientific notation (1.38E+10) is recognised so
// the message can say how to fix the sheet.
func ParseMobile(s string) (Mobile, MobileHint, bool) {
	s = width.Fold.String(s)
	if reSciNum.MatchString(s) {
		return Mobile{}, HintScientific, false
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '(', ')', '\u00a0':
			return -1
		}
		return r
	}, s)
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	switch {
	case reMainland.MatchString(s):
		return Mobile{E164: "+86" + s, Mainland: true}, HintNone, true
	case strings.HasPrefix(s, "86") && len(s) == 13 && reMainland.MatchString(s[2:]):
		return Mobile{E164: "+" + s, Mainland: true}, HintNone, true
	case strings.HasPrefix(s, "+86"):
		if reMainland.MatchString(s[3:]) {
			return Mobile{E164: s, Mainland: true}, HintNone, true
		}
		return Mobile{}, HintNone, false
	case reIntl.MatchString(s):
		return Mobile{E164: s}, HintNone, true
	}
	return Mobile{}, HintNone, false
}

// LocalMobile is how a mainland mobile is written back into a sheet: the
// 11 digits HR typed. Others stay in E.164.
func LocalMobile(e164 string) string {
	if strings.HasPrefix(e164, "+86") && reMainland.MatchString(e164[3:]) {
		return e164[3:]
	}
	return e164
}

var reEmail = regexp.MustCompile(`^[A-Za-z0-9._%+\-']+@([A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$`)

// ValidEmail checks a plain address (no display name).
func ValidEmail(s string) bool {
	if !reEmail.MatchString(s) {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// NormalizeEmail is the form emails are compared in.
func NormalizeEmail(s string) string { return strings.ToLower(s) }

// employeeTypes maps accepted words to the built-in enum values.
var employeeTypes = map[string]int{
	"正式": 1, "正式员工": 1, "全职": 1, "regular": 1,
	"实习": 2, "实习生": 2, "intern": 2,
	"外包": 3, "outsourcing": 3,
	"劳务": 4, "劳务派遣": 4, "labor": 4,
	"顾问": 5, "consultant": 5,
}

// EmployeeTypeNames are the Chinese names of the built-in types 1–5.
var EmployeeTypeNames = []string{"", "正式", "实习", "外包", "劳务", "顾问"}

// IsBuiltinEmployeeType reports one of the five built-in types by its
// number or its name as Feishu writes it (正式, 实习, 外包, 劳务, 顾问). The
// other words ParseEmployeeType accepts (劳务派遣, intern, …) are orgbatch's
// own and give way to a tenant type of that name.
func IsBuiltinEmployeeType(s string) bool {
	if n, err := strconv.Atoi(s); err == nil {
		return n >= 1 && n < len(EmployeeTypeNames)
	}
	return slices.Contains(EmployeeTypeNames[1:], s)
}

// ParseEmployeeType accepts 1–5 or the Chinese/English names.
func ParseEmployeeType(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 5
	}
	n, ok := employeeTypes[strings.ToLower(s)]
	return n, ok
}

var genders = map[string]int{
	"保密": 0, "未知": 0, "secret": 0, "unknown": 0,
	"男": 1, "male": 1, "m": 1,
	"女": 2, "female": 2, "f": 2,
	"其他": 3, "other": 3,
}

// GenderNames are the Chinese names of genders 0–3.
var GenderNames = []string{"保密", "男", "女", "其他"}

// ParseGender accepts 0–3 or the Chinese/English names.
func ParseGender(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && n <= 3
	}
	n, ok := genders[strings.ToLower(s)]
	return n, ok
}

// ParseBool accepts 是/否, true/false, yes/no, 1/0.
func ParseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "是", "true", "yes", "y", "1", "创建":
		return true, true
	case "否", "false", "no", "n", "0", "不创建":
		return false, true
	}
	return false, false
}

// ParseOrder accepts a non-negative integer.
func ParseOrder(s string) (int64, bool) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// China is the zone join dates are read in: HR sheets for a Feishu tenant
// write dates in China Standard Time, and join_time is sent as the unix
// second of that day's midnight.
var China = time.FixedZone("CST", 8*3600)

var dateLayouts = []string{
	"2006-01-02", "2006/1/2", "2006-1-2", "2006.1.2", "2006年1月2日", "20060102",
	"2006-01-02 15:04:05", "2006/1/2 15:04:05", "2006/1/2 15:04", "2006-01-02T15:04:05Z07:00",
}

// excelEpoch is day 0 of Excel's 1900 date system (with its leap-year bug
// folded in, valid for every date after 1900-03-01).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, China)

// ParseDate reads a join date: an Excel date cell (its serial number, which
// is what an .xlsx stores), or text in the usual Chinese and ISO forms.
func ParseDate(s string) (time.Time, bool) {
	if t, number, ok := serialDate(s); number {
		return t, ok
	}
	s = width.Fold.String(s)
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, China); err == nil {
			// A timestamp with its own offset (2024-01-01T16:00:00Z) is
			// the day it is in China.
			y, m, d := t.In(China).Date()
			return time.Date(y, m, d, 0, 0, 0, 0, China), true
		}
	}
	return time.Time{}, false
}

// serialDate reads s as an Excel serial day number (number reports that
// it is one; ok that it is a day Excel can show). Eight digits are
// 20240102, not a serial, but eight characters may be a date-time serial
// (45293.75): its day counts.
func serialDate(s string) (t time.Time, number, ok bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "-/") || (len(s) == 8 && strings.Trim(s, "0123456789") == "") {
		return time.Time{}, false, false
	}
	if f < 1 || f > 2958465 { // 9999-12-31
		return time.Time{}, true, false
	}
	return excelEpoch.AddDate(0, 0, int(math.Floor(f))), true, true
}

// DateCell is the cell of a Date field as a person reads it: an Excel
// date cell's serial number (45474, 45474.75) becomes its day in the
// template's form (2024-07-01); any other value stays as written (text
// dates are read by ParseDate, and what does not parse is validation's to
// report as written).
func DateCell(s string) string {
	if t, _, ok := serialDate(s); ok {
		return FormatDate(t)
	}
	return s
}

// FormatDate writes a date the way the template asks for it.
func FormatDate(t time.Time) string { return t.In(China).Format("2006-01-02") }

// ListFields are the fields whose cells hold several values: department_ids
// (split by SplitList) and department_path (split by SplitPaths), and the
// lists of people (SplitList): a department's leaders, deputies and HRBPs,
// a user's dotted-line leaders. There a line break (Alt+Enter in Excel)
// separates values; in every other field it is an error (validate:
// CELL_LINE_BREAK).
var ListFields = map[Kind]map[string]bool{
	KindUsers:       {"department_ids": true, "department_path": true, "dotted_line_leader_user_ids": true},
	KindDepartments: {"leader_user_id": true, "deputy_leader_user_ids": true, "department_hrbps": true},
}

// SplitList splits a multi-value cell at ; , ； ， 、 and line breaks,
// dropping empty parts.
func SplitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(";,；，、\n\r", r)
	})
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(strings.Trim(p, "\u3000")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Separators that make a one-value cell hold several values: those
// SplitList splits at, a bar, and for IDs a slash; for paths only those
// that separate several paths.
const (
	valueSeparators = ";,；，、|｜\n\r"
	idSeparators    = valueSeparators + "/／"
	pathSeparators  = ";；|｜\n\r"
)

// Separator returns the separator, quoted for a message, that makes a cell
// of a one-value field look like several values (u005;u009, u005 u009), or
// "" when the cell holds one value or the field is free text.
func (f Field) Separator(s string) string {
	var seps string
	switch f.Single {
	case OneValue:
		seps = valueSeparators
	case OneID:
		seps = idSeparators
	case OnePath:
		seps = pathSeparators
	default:
		return ""
	}
	i := strings.IndexAny(s, seps)
	if i < 0 && f.Single == OneID {
		i = strings.IndexFunc(s, unicode.IsSpace)
	}
	if i < 0 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return strconv.QuoteRune(r)
}

// CharCount counts characters as Feishu's length limits do (runes).
func CharCount(s string) int { return len([]rune(s)) }
