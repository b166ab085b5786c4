// Regenerates ../users-exceljs.xlsx with exceljs (the Node.js library many
// HR and admin web systems export with). Same content as users.fods.
//
//   cd "$(mktemp -d)" && npm install exceljs@4.4.0
//   NODE_PATH=$PWD/node_modules node /path/to/sheet/testdata/gen/exceljs.js
//
// Made with exceljs 4.4.0 on Node.js.
const path = require('path');
const ExcelJS = require('exceljs');

async function main() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'orgbatch fixture';
  // Fixed dates so a re-run differs as little as possible.
  wb.created = new Date(Date.UTC(2024, 0, 2));
  wb.modified = new Date(Date.UTC(2024, 0, 2));

  const ws = wb.addWorksheet('成员');
  ws.addRow(['用户ID', '姓名', '手机号', '工号', '入职日期', '所属部门ID', '人员类型', '备注']);
  // A mobile as a number, the employee number as text, a real date cell
  // (exceljs stores a Date as its Excel serial, 45293), a formula with
  // its cached result.
  ws.addRow(['u001', '张三', 13800138000, '000123', new Date(Date.UTC(2024, 0, 2)), 'D100', '正式', { formula: '1+1', result: 2 }]);
  ws.getCell('E2').numFmt = 'yyyy-mm-dd';
  // Leading ASCII spaces and a trailing full-width space, a text date, a
  // number for 人员类型 and a string formula.
  ws.addRow(['u002', '  李四\u3000', 13900139000, '000124', '2024/1/2', null, 1, { formula: 'A2', result: 'u001' }]);
  // Row 4 stays blank.
  ws.getRow(5).values = ['u003', '王五', 13700137000, '000125', '2024-01-02', 'D200', '实习'];
  ws.mergeCells('F2:F3'); // vertical: the department of two people
  ws.mergeCells('G5:H5'); // horizontal

  const hidden = wb.addWorksheet('旧名单', { state: 'hidden' });
  hidden.addRow(['用户ID', '姓名', '手机号', '所属部门ID', '人员类型']);
  hidden.addRow(['u900', '赵六', 13600136000, 'D100', '正式']);

  await wb.xlsx.writeFile(path.join(__dirname, '..', 'users-exceljs.xlsx'));
}

main().catch((e) => { console.error(e); process.exit(1); });
