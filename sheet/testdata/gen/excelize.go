//go:build ignore

// Regenerates ../users-excelize.xlsx with excelize's stream writer (what
// orgbatch's own WriteXLSX uses), from the same table as users.fods.
//
//	go run excelize.go   (from this directory)
package main

import (
	"log"

	"github.com/xuri/excelize/v2"
)

func main() {
	f := excelize.NewFile()
	defer f.Close()
	must(f.SetSheetName("Sheet1", "成员"))
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	must(err)

	sw, err := f.NewStreamWriter("成员")
	must(err)
	row := func(cell string, vals ...any) { must(sw.SetRow(cell, vals)) }
	row("A1", "用户ID", "姓名", "手机号", "工号", "入职日期", "所属部门ID", "人员类型", "备注")
	// Numbers as numbers, the employee number as a text cell, a date cell
	// (serial 45293 with number format 14) and formulas with the cached
	// values a spreadsheet program would have stored.
	row("A2", "u001", "张三", 13800138000, excelize.Cell{StyleID: text, Value: "000123"},
		excelize.Cell{StyleID: date, Value: 45293}, "D100", "正式", excelize.Cell{Formula: "1+1", Value: 2})
	row("A3", "u002", "  李四\u3000", 13900139000, excelize.Cell{StyleID: text, Value: "000124"},
		"2024/1/2", nil, 1, excelize.Cell{Formula: "A2", Value: "u001"})
	row("A5", "u003", "王五", 13700137000, excelize.Cell{StyleID: text, Value: "000125"},
		"2024-01-02", "D200", "实习")
	must(sw.MergeCell("F2", "F3"))
	must(sw.MergeCell("G5", "H5"))
	must(sw.Flush())

	_, err = f.NewSheet("旧名单")
	must(err)
	must(f.SetSheetRow("旧名单", "A1", &[]any{"用户ID", "姓名", "手机号", "所属部门ID", "人员类型"}))
	must(f.SetSheetRow("旧名单", "A2", &[]any{"u900", "赵六", 13600136000, "D100", "正式"}))
	must(f.SetSheetVisible("旧名单", false))
	must(f.SaveAs("../users-excelize.xlsx"))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
