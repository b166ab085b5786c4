package samplegen

import (
	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/sheet"
	"github.com/orgbatch/orgbatch/templates"
)

// leaver is one row of the sample leavers sheet: who (by which of user_id,
// mobile and email; the name to check) and the acceptor columns given.
type leaver struct {
	id      string
	by      []string // of "user_id", "mobile", "email", "name"
	columns map[string]string
}

// sampleLeavers: the whole reconciliation unit 对账小分队 (u0039 leads it,
// the others report to u0039) and the leader of its parent squad 清结算小队
// (u0038, its only member) leave — both departments are left empty and go,
// the unit first; their leaders leave too, so every row names an acceptor
// (u0037, who stays), with per-resource columns and email handling mixed
// in. Nineteen more people across the company leave as well, named by
// user_id, mobile or email, most to their direct leader by default; one
// leads 增长组 and hands it to a successor.
var sampleLeavers = []leaver{
	{"u0038", []string{"user_id", "name"}, map[string]string{org.AcceptorDefault: "u0037"}},
	{"u0039", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0037"}},
	{"u0040", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0037"}},
	{"u0041", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0037", org.AcceptorDocs: "u0049"}},
	{"u0042", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0037", org.EmailProcessing: "删除"}},
	{"u0043", []string{"mobile", "name"}, map[string]string{org.AcceptorDefault: "u0037", org.AcceptorCalendar: "u0033"}},
	{"u0044", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0037", org.EmailProcessing: "保留"}},
	{"u0045", []string{"email"}, map[string]string{org.AcceptorDefault: "u0037", org.AcceptorDepartmentChat: "u0049", org.AcceptorExternalChat: "u0049"}},
	{"u0046", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0037", org.AcceptorMinutes: "u0033", org.AcceptorSurvey: "u0033"}},
	{"u0047", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0037", org.AcceptorApplication: "u0014", org.AcceptorAnycross: "u0014"}},
	{"u0048", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0037", org.EmailProcessing: "转移", org.AcceptorEmail: "u0033"}},
	{"u0026", []string{"user_id"}, nil},
	{"u0051", []string{"mobile", "name"}, nil},
	{"u0064", []string{"email"}, nil},
	{"u0077", []string{"user_id"}, map[string]string{org.AcceptorDocs: "u0072", org.AcceptorCalendar: "u0070"}},
	{"u0090", []string{"user_id"}, map[string]string{org.AcceptorDefault: "u0081"}},
	{"u0103", []string{"user_id"}, map[string]string{org.EmailProcessing: "保留"}},
	{"u0116", []string{"mobile"}, map[string]string{org.AcceptorDefault: "u0113"}},
	{"u0129", []string{"user_id", "name"}, map[string]string{org.AcceptorSurvey: "u0131"}},
	{"u0142", []string{"email"}, map[string]string{org.EmailProcessing: "转移", org.AcceptorEmail: "u0141"}},
	{"u0155", []string{"user_id"}, map[string]string{org.AcceptorApplication: "u0154"}},
	{"u0168", []string{"user_id"}, nil},
	{"u0170", []string{"user_id", "name"}, map[string]string{org.AcceptorDefault: "u0171", org.LeaderSuccessor: "u0171"}},
	{"u0181", []string{"mobile", "email"}, nil},
	{"u0194", []string{"user_id"}, map[string]string{org.AcceptorExternalChat: "u0191"}},
	{"u0207", []string{"user_id"}, map[string]string{org.AcceptorDepartmentChat: "u0203", org.EmailProcessing: "删除"}},
	{"u0220", []string{"user_id"}, map[string]string{org.AcceptorAnycross: "u0216"}},
	{"u0246", []string{"email"}, nil},
	{"u0259", []string{"user_id"}, map[string]string{org.AcceptorDocs: "u0258", org.AcceptorCalendar: "u0258"}},
	{"u0272", []string{"user_id"}, nil},
}

// LeaversRows are the sample leavers sheet's rows (LeaverSchema order).
func LeaversRows() [][]string {
	users := map[string]map[string]string{}
	for _, r := range Company().Users {
		v := map[string]string{}
		for i, f := range org.UserSchema.Fields {
			v[f.Key] = r[i]
		}
		users[v["user_id"]] = v
	}
	var rows [][]string
	for _, l := range sampleLeavers {
		v := map[string]string{}
		for _, key := range l.by {
			v[key] = users[l.id][key]
		}
		for k, x := range l.columns {
			v[k] = x
		}
		rows = append(rows, row(org.LeaverSchema, v))
	}
	return rows
}

// Leavers is the sample leavers sheet (samples/leavers.xlsx): 30 people of
// the sample company with mixed acceptors.
func Leavers() sheet.OutSheet { return templates.DataSheet(org.LeaverSchema, LeaversRows()) }
