package templates

import (
	"strings"

	"github.com/orgbatch/orgbatch/org"
	"github.com/orgbatch/orgbatch/problem"
	"github.com/orgbatch/orgbatch/sheet"
)

// Instructions is the instructions sheet: one row per column of each data
// sheet with whether it is required, the names accepted for it, and its
// rules — taken from the rule table, so it can never disagree with what the
// validator checks.
func Instructions() sheet.OutSheet {
	return instructions(org.Schemas, []string{"", "填写须知 How to fill in", "", "",
		"删除示例行（示例标记列写着「" + org.ExampleMarker + "」的黄色行）后填写：带有这个标记、或与示例行相同的行不会导入。每个单元格只填一个值，列表列除外：所属部门ID、部门路径，部门负责人ID（先主负责人、再副负责人，如 u005;u009）、副负责人ID、部门HRBP、虚线上级ID，多个用 ; 分隔。单位表先于部门导入，部门的「单位」列填单位ID或单位名称（一个部门一个单位；单位需飞书旗舰版）。列的顺序可以调整；示例标记列和未知的列会保留在报告中但不会导入；ID、手机号、工号列已设为文本格式，请勿改成数字格式。",
		"Delete the example row (the yellow row whose example_marker says " + org.ExampleMarker + "), then fill in: a row carrying that marker, or equal to the example, is not imported. One value per cell, except in the list columns: department_ids, department_path, a department's leader_user_id (the main leader, then deputies: u005;u009), deputy_leader_user_ids, department_hrbps and dotted_line_leader_user_ids, separated by ;. The units sheet is imported before departments; a department's unit column names a unit by unit_id or name (one unit per department; units need Feishu's enterprise edition). Columns may be in any order; the example_marker column and unknown columns are kept in reports but not imported. ID, mobile and employee number columns are formatted as text: keep them that way.", ""})
}

// FailedRowsInstructions is the instructions sheet of a failed-rows file
// (the rows an import could not do, written back to fix): the template's,
// with what the file is and how to use it first.
func FailedRowsInstructions() sheet.OutSheet {
	return instructions(org.Schemas, []string{"", "本文件 This file", "", "",
		"这些是上次导入未能完成的行，已经导入成功的行不在其中。按「修改提示」改正标红的单元格（「跳过」的行本身无误：它依赖的行改正后会一起导入），然后直接导入本文件：导入状态、错误码、错误说明、修改提示四列和本说明表在导入时会被忽略。各列的填写规则见下表。",
		"These are the rows the last import could not do; the rows it did are not here. Fix the cells marked red as fix_hint says (a skipped row is itself fine: it goes in once the row it depends on is fixed), then import this file as it is: the import_status, error_code, error_message and fix_hint columns and this sheet are ignored. The rules of each column follow.", ""})
}

// LeaverInstructions is the leavers template's instructions sheet.
func LeaverInstructions() sheet.OutSheet {
	return instructions([]*org.Schema{org.LeaverSchema}, []string{"", "填写须知 How to fill in", "", "",
		"删除示例行（示例标记列写着「" + org.ExampleMarker + "」的黄色行）后，每位离职者一行：用户ID、手机号或邮箱至少填一个（填了几个就必须是同一人），姓名可填以便核对。各类资源交给对应接收人列中的人，该列为空时交给默认接收人，都为空时按飞书默认交给直属上级（没有直属上级时日程和问卷会被删除）；接收人不能是同样离职的人。离职者负责的部门：填写接任者则交给他，否则清空负责人。离职后没有成员的部门会被删除。先运行 orgbatch offboard 查看计划，确认后加 --execute 执行。",
		"Delete the example row (the yellow row whose example_marker says " + org.ExampleMarker + "), then one row per leaver: user_id, mobile or email (any given must be the same person), and optionally the name to check. Each kind of resource goes to its acceptor column, else to the default acceptor, else — Feishu's default — to the direct leader (without one, calendars and surveys are deleted); no acceptor may be leaving too. Departments the leaver leads go to the successor, else lose their leader. Departments left without members are deleted. Run orgbatch offboard to see the plan, then add --execute.", ""})
}

// instructions is an instructions sheet for the schemas' data sheets.
func instructions(schemas []*org.Schema, intro []string) sheet.OutSheet {
	cols := []sheet.Column{
		{Header: "表 Sheet", Width: 16},
		{Header: "列 Column", Width: 28},
		{Header: "必填 Required", Width: 12},
		{Header: "可用列名 Accepted headers", Width: 30, Wrap: true},
		{Header: "规则 Rules", Width: 60, Wrap: true},
		{Header: "Rules (English)", Width: 60, Wrap: true},
		{Header: "示例 Example", Width: 18},
	}
	rows := [][]string{intro}
	for _, s := range schemas {
		entity, sheetName := entityOf[s.Kind], SheetName(s.Kind)
		for _, f := range s.Fields {
			zh, en := fieldRules(entity, f.Key)
			req := "否 No"
			if f.Required {
				req = "是 Yes"
			}
			rows = append(rows, []string{sheetName, f.Header(), req, strings.Join(f.Names(), " / "), zh, en, f.Example})
		}
		if s.Kind == org.KindUsers {
			rows = append(rows, customAttrRow(sheetName))
		}
	}
	return sheet.OutSheet{Name: InstructionsSheet, Columns: cols, Rows: rows, FreezeHeader: true}
}

// customAttrRow explains the columns of the tenant's custom attributes.
func customAttrRow(sheetName string) []string {
	zh, en := fieldRules(problem.EntityUser, "custom:<id>")
	return []string{sheetName, "自定义字段 (custom attributes)", "否 No",
		"字段名称（任一语言）/ the attribute's name (any language) / custom:<ID> / 名称 (custom:<ID>)",
		"每个飞书自定义字段一列，列名为字段名称或 custom:<字段ID>。文本填文字；网页填「标题 | 网址」；单选填选项名称或ID；图片选项填图片名称；人员填用户ID。" + zh,
		"One column per Feishu custom attribute, headed by its name or custom:<ID>. TEXT: the text; HREF: 'title | URL'; ENUMERATION: an option's text or ID; PICTURE_ENUM: the picture's name; GENERIC_USER: a user_id. " + en,
		"学历 (custom:C-6965457429001748501)"}
}

// entityOf is the rule table's entity of each kind of sheet.
var entityOf = map[org.Kind]string{
	org.KindDepartments: problem.EntityDepartment, org.KindUsers: problem.EntityUser, org.KindUnits: problem.EntityUnit,
	org.KindLeavers: problem.EntityLeaver,
	org.KindGroups:  problem.EntityGroup, org.KindGroupMembers: problem.EntityGroupMember,
}

// fieldRules joins the texts of the rules about one field.
func fieldRules(entity, key string) (zh, en string) {
	var zs, es []string
	for _, r := range problem.Rules {
		if r.Entity == entity && r.Field == key {
			zs = append(zs, r.ZH)
			es = append(es, r.EN)
		}
	}
	return strings.Join(zs, "；"), strings.Join(es, "; ")
}
