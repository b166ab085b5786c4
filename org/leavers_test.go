package org_test

import (
	"testing"

	"github.com/orgbatch/orgbatch/org"
)

// TestLoadLeavers: a leavers sheet is found by its name or its headers
// (Chinese, English, the template's bilingual ones) and only the leavers
// kind is looked for: a workbook of departments and users is no leavers
// sheet (LEAVER_SHEET_NOT_FOUND), and an import never reads leavers.
func TestLoadLeavers(t *testing.T) {
	dir := t.TempDir()
	book := writeBook(t, dir, "hr.xlsx",
		tsheet{name: "说明", rows: [][]any{{"用户ID", "手机号", "邮箱"}}},
		tsheet{name: "离职名单", rows: [][]any{{"员工ID", "姓名", "手机", "默认接收人ID", "文档接收人ID (docs_acceptor_user_id)", "邮件处理方式", "备注"},
			{"u1", "张三", "13800000001", "u9", "u8", "删除", "合同到期"}}})
	o, ps := org.LoadWith([]org.Input{{Path: book}}, org.LeaverLoad)
	if len(o.Leavers) != 1 || len(o.Users)+len(o.Departments) != 0 {
		t.Fatalf("%d leavers, %d users, problems %v", len(o.Leavers), len(o.Users), ps)
	}
	l := o.Leavers[0]
	if l.UserID() != "u1" || l.Values.Mobile.E164 != "+8613800000001" || l.Acceptor(org.AcceptorDefault) != "u9" ||
		l.Acceptor(org.AcceptorDocs) != "u8" || l.Values.EmailProcessing != "3" {
		t.Errorf("leaver %v", l.Cells())
	}
	if len(ps) != 1 || ps[0].Rule != "COLUMN_UNKNOWN" {
		t.Errorf("problems %v: want only the unknown 备注 column", ps)
	}

	company := writeBook(t, dir, "company.xlsx", tsheet{name: "部门", rows: [][]any{{"部门ID", "部门名称", "上级部门ID"}, {"D1", "甲", "0"}}})
	o, ps = org.LoadWith([]org.Input{{Path: company}}, org.LeaverLoad)
	if len(o.Tables) != 0 || len(ps) != 1 || ps[0].Rule != "LEAVER_SHEET_NOT_FOUND" {
		t.Errorf("a company workbook as leavers: %v", ps)
	}
	if o, _ := org.Load([]org.Input{{Path: book}}); len(o.Leavers) != 0 {
		t.Error("an import read leavers")
	}
}
