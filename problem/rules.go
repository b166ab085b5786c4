package problem

import "strings"

// Rule is one entry of the rule table.
type Rule struct {
	Code     string   // stable identifier, used in reports, JSON and golden files
	Severity Severity // error blocks the row, warning does not
	Entity   string   // "file", "department" or "user"
	Field    string   // canonical column the rule is about ("" for file rules)
	API      int      // the Feishu error code this check prevents, if any
	ZH, EN   string   // what the rule requires (instructions sheet, README)
	MsgZH    string   // problem message (fmt template)
	MsgEN    string
	// Unreadable marks a rule that means the input could not be read at
	// all (exit 2), rather than read and found wrong (exit 1).
	Unreadable bool
}

// Entities of the rule table.
const (
	EntityFile       = "file"
	EntityDepartment = "department"
	EntityUser       = "user"
	EntityAny        = "any" // any cell of any sheet the import reads
	EntityLeaver     = "leaver"
)

// Rules is the single source of truth for what a sheet must satisfy. The
// offline validator reports these codes; the template's instructions sheet
// and the README's rule list are generated from this table.
var Rules = []Rule{
	// Files and sheets.
	{Code: "FILE_UNREADABLE", Severity: Error, Entity: EntityFile, Unreadable: true,
		ZH: "文件必须是 .xlsx 工作簿或 CSV 文本（UTF-8、带 BOM 的 UTF-8、带 BOM 的 UTF-16 或 GBK/GB18030），在 Excel 的上限之内（1,048,576 行、16,384 列、每格 32,767 个字符），引号成对", EN: "A file must be an .xlsx workbook or CSV text (UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GBK/GB18030), within Excel's limits (1,048,576 rows, 16,384 columns, 32,767 characters a cell), with its quotes closed",
		MsgZH: "无法读取：%s", MsgEN: "cannot be read: %s"},
	{Code: "SHEET_NOT_FOUND", Severity: Error, Entity: EntityFile, Unreadable: true,
		ZH: "至少要有一个部门表或成员表（按表名 部门/departments、成员/人员/users，或按表头识别）", EN: "At least one departments or users sheet must be present (found by the names departments/部门, users/成员/人员, or by their headers)",
		MsgZH: "没有找到部门表或成员表：%s", MsgEN: "no departments or users sheet found: %s"},
	{Code: "SHEET_NO_HEADER", Severity: Error, Entity: EntityFile, Unreadable: true,
		ZH: "表的第一行非空行必须是表头", EN: "The first non-blank row of a sheet must be its header",
		MsgZH: "找不到可识别的表头（第一行非空行：%s）", MsgEN: "no recognisable header row (first non-blank row: %s)"},
	{Code: "SHEET_HIDDEN", Severity: Warning, Entity: EntityFile,
		ZH: "隐藏的工作表不会被导入", EN: "Hidden worksheets are not imported",
		MsgZH: "隐藏的工作表「%s」已忽略", MsgEN: "hidden worksheet %q ignored"},
	{Code: "COLUMN_MISSING", Severity: Error, Entity: EntityFile,
		ZH: "必填列必须存在（列名可用中文或英文别名，顺序不限）", EN: "Required columns must be present (Chinese or English names, any order)",
		MsgZH: "缺少必填列 %s（可用列名：%s）", MsgEN: "required column %s is missing (accepted names: %s)"},
	{Code: "COLUMN_DUPLICATE", Severity: Error, Entity: EntityFile,
		ZH: "同一字段只能有一列", EN: "Each field may appear in one column only",
		MsgZH: "列「%s」与列「%s」都对应字段 %s", MsgEN: "columns %q and %q both map to field %s"},
	{Code: "COLUMN_UNKNOWN", Severity: Warning, Entity: EntityFile,
		ZH: "无法识别的列会原样保留在报告中，但不会导入", EN: "Unrecognised columns are carried into reports but not imported",
		MsgZH: "无法识别的列「%s」%s", MsgEN: "unrecognised column %q%s"},

	// Rows and cells of either sheet that are refused: the template's
	// example row left in (or copied), several values in a one-value cell.
	{Code: "ROW_EXAMPLE_MARKER", Severity: Error, Entity: EntityFile,
		ZH: "带有模板示例行标记「示例行 EXAMPLE ROW」的行不会导入：请删除示例行", EN: "A row carrying the template's example-row marker (示例行 EXAMPLE ROW) is not imported: delete the example row",
		MsgZH: "本行带有模板示例行的标记「%s」：请删除示例行；如果是复制示例行后填写的真实数据，请清空这个单元格", MsgEN: "this row carries the template's example-row marker %q: delete the example row; if you copied it to fill in real data, clear this cell"},
	{Code: "ROW_EXAMPLE", Severity: Error, Entity: EntityFile,
		ZH: "与模板示例行相同的行不会导入：请删除示例行", EN: "A row equal to the template's example row is not imported: delete the example row",
		MsgZH: "本行就是模板的示例行（%s）：请删除示例行", MsgEN: "this row is the template's example row (%s): delete it"},
	{Code: "CELL_SEVERAL_VALUES", Severity: Error, Entity: EntityFile,
		ZH: "单值列（各类ID、上级部门路径、手机号、邮箱、工号、人员类型、性别、创建部门群）每格只填一个值，不能用 ; , ； ， 、 | 等分隔多个（ID 列也不能用空格）", EN: "A one-value column (the IDs, parent_path, mobile, email, employee_no, employee_type, gender, create_group_chat) takes one value per cell, not several separated by ; , ； ， 、 | (or, in ID columns, spaces)",
		MsgZH: "「%s」列每格只能填一个值，「%s」中有分隔符 %s：请只填一个", MsgEN: "column %s takes one value per cell, but %q contains the separator %s: give one"},
	// Cells: what any imported cell must be, whatever its column.
	{Code: "CELL_ENCODING", Severity: Error, Entity: EntityAny,
		ZH: "CSV 文件的所有单元格使用同一种编码（UTF-8 或 GBK/GB18030）", EN: "All cells of a CSV file are in the file's one encoding (UTF-8 or GBK/GB18030)",
		MsgZH: "单元格「%[3]s」不是文件所用的编码 %[1]s（无法读取的部分显示为 �）%[2]s：请重新输入，或把整个文件另存为同一种编码（Excel：“CSV UTF-8”）", MsgEN: "cell %[3]q is not in %[1]s, the encoding the file is read in (what cannot be read shows as �)%[2]s: retype it, or save the whole file in one encoding (Excel: \"CSV UTF-8\")"},
	{Code: "CELL_LOST_CHARACTER", Severity: Error, Entity: EntityAny,
		ZH: "单元格中不能有 �（U+FFFD：早先转换编码时丢失的字符）", EN: "Cells must not contain � (U+FFFD: a character lost in an earlier conversion)",
		MsgZH: "单元格「%s」中有 �：有字符在早先的编码转换中丢失，请重新输入", MsgEN: "cell %q contains �: a character was lost in an earlier conversion of the text; retype it"},
	{Code: "CELL_EXCEL_ERROR", Severity: Error, Entity: EntityAny,
		ZH: "单元格不能是 Excel 错误值（#REF!、#N/A、#NAME?、#VALUE!、#DIV/0!、#NUM!、#NULL!、#SPILL!、#CALC!、#GETTING_DATA 等：公式出错时留下的结果）", EN: "Cells must not be Excel error values (#REF!, #N/A, #NAME?, #VALUE!, #DIV/0!, #NUM!, #NULL!, #SPILL!, #CALC!, #GETTING_DATA …: what a broken formula leaves)",
		MsgZH: "单元格是 Excel 错误值 %s（公式出错），不是数据：请修正公式或直接填写值", MsgEN: "the cell holds the Excel error %s (a broken formula), not data: fix the formula or type the value"},
	{Code: "CELL_INVISIBLE", Severity: Error, Entity: EntityAny,
		ZH: "单元格不能含有看不见的字符：控制字符与转义序列、双向文本控制符（U+202A–U+202E、U+2066–U+2069）、零宽空格等", EN: "Cells must not contain characters a person cannot see: control characters and escape sequences, bidi controls (U+202A–U+202E, U+2066–U+2069), zero-width spaces",
		MsgZH: "单元格「%[3]s」的第 %[2]d 个字符 %[1]s 是看不见的字符（显示为 �）", MsgEN: "character %[2]d of cell %[3]q is %[1]s, which cannot be seen (shown as �)"},
	{Code: "CELL_LINE_BREAK", Severity: Error, Entity: EntityAny,
		ZH: "单元格只能有一行；所属部门ID 与部门路径中，换行用来分隔多个值", EN: "Cells hold one line; in department_ids and department_path a line break separates values",
		MsgZH: "「%s」列只能填一行，单元格中有换行", MsgEN: "column %s holds one line, but the cell has a line break"},
	{Code: "CSV_QUOTE", Severity: Error, Entity: EntityAny,
		ZH: "CSV 中用引号括起的单元格，结束引号之后不能再有字符", EN: "In a CSV, nothing may follow the closing quote of a quoted cell",
		MsgZH: "单元格的引号不成对：结束引号之后还有字符（读作「%s」）", MsgEN: "the cell's quotes do not pair up: text follows the closing quote (read as %q)"},

	// Departments.
	{Code: "DEPT_ID_REQUIRED", Severity: Error, Entity: EntityDepartment, Field: "department_id",
		ZH: "部门ID 必填", EN: "department_id is required",
		MsgZH: "部门ID 为空", MsgEN: "department_id is empty"},
	{Code: "DEPT_ID_FORMAT", Severity: Error, Entity: EntityDepartment, Field: "department_id", API: 43008,
		ZH: "部门ID 以字母或数字开头，只含字母、数字和 _ - @ .，最长 64 位", EN: "department_id starts with a letter or digit, has only letters, digits and _ - @ ., at most 64 characters",
		MsgZH: "部门ID「%s」格式不正确：以字母或数字开头，只能包含字母、数字和 _ - @ .，最长 64 位", MsgEN: "department_id %q is invalid: it must start with a letter or digit and contain only letters, digits and _ - @ . (at most 64)"},
	{Code: "DEPT_ID_RESERVED", Severity: Error, Entity: EntityDepartment, Field: "department_id", API: 43008,
		ZH: "部门ID 不能以 od- 开头，也不能是 0 或 1", EN: "department_id must not start with od- and must not be 0 or 1",
		MsgZH: "部门ID「%s」是保留值（不能以 od- 开头，不能是 0 或 1）", MsgEN: "department_id %q is reserved (must not start with od-, be 0 or 1)"},
	{Code: "DEPT_ID_DUPLICATE", Severity: Error, Entity: EntityDepartment, Field: "department_id", API: 43007,
		ZH: "部门ID 在表内唯一", EN: "department_id is unique in the sheet",
		MsgZH: "部门ID「%s」与第 %d 行重复", MsgEN: "department_id %q duplicates row %d"},
	{Code: "DEPT_NAME_REQUIRED", Severity: Error, Entity: EntityDepartment, Field: "name", API: 40016,
		ZH: "部门名称必填", EN: "name is required",
		MsgZH: "部门名称为空", MsgEN: "department name is empty"},
	{Code: "DEPT_NAME_SLASH", Severity: Error, Entity: EntityDepartment, Field: "name", API: 43029,
		ZH: "部门名称（含英文、日文名称）不能包含 /", EN: "Department names (also name_en, name_ja) must not contain /",
		MsgZH: "名称「%s」包含 /（部门路径的分隔符）", MsgEN: "name %q contains / (the department path separator)"},
	{Code: "DEPT_NAME_SIBLING_DUPLICATE", Severity: Error, Entity: EntityDepartment, Field: "name", API: 43022,
		ZH: "同一上级部门下，部门名称（任何语言）不能重复", EN: "Under one parent, department names in any language must be unique",
		MsgZH: "名称「%s」与同级部门（第 %d 行）重复", MsgEN: "name %q duplicates a sibling department (row %d)"},
	{Code: "DEPT_PARENT_REQUIRED", Severity: Error, Entity: EntityDepartment, Field: "parent_department_id", API: 44101,
		ZH: "上级部门ID 必填；一级部门填 0", EN: "parent_department_id is required; use 0 for a top-level department",
		MsgZH: "上级部门ID 为空（一级部门请填 0）", MsgEN: "parent_department_id is empty (use 0 for a top-level department)"},
	{Code: "DEPT_PARENT_UNKNOWN", Severity: Warning, Entity: EntityDepartment, Field: "parent_department_id",
		ZH: "上级部门ID 是 0、表内另一部门的ID，或必须已存在于飞书（导入时在线检查）", EN: "parent_department_id is 0, another row's department_id, or must already exist in Feishu (checked online at import)",
		MsgZH: "上级部门「%s」不在表内，必须已存在于飞书", MsgEN: "parent department %q is not in the sheet; it must already exist in Feishu"},
	{Code: "DEPT_CYCLE", Severity: Error, Entity: EntityDepartment, Field: "parent_department_id",
		ZH: "部门的上级关系不能形成环", EN: "Parent relations must not form a cycle",
		MsgZH: "部门层级形成环：%s", MsgEN: "departments form a cycle: %s"},
	{Code: "DEPT_DEPTH", Severity: Error, Entity: EntityDepartment, Field: "parent_department_id", API: 43019,
		ZH: "部门层级不超过 25 层", EN: "The tree is at most 25 levels deep",
		MsgZH: "部门位于第 %d 层，超过 25 层上限", MsgEN: "department is at depth %d, over the limit of 25"},
	{Code: "DEPT_TOO_MANY_CHILDREN", Severity: Error, Entity: EntityDepartment, Field: "parent_department_id", API: 43013,
		ZH: "每个部门最多 1000 个直属子部门", EN: "A department has at most 1,000 direct children",
		MsgZH: "上级部门「%s」有 %d 个直属子部门，超过 1000 上限", MsgEN: "parent %q has %d direct children, over the limit of 1,000"},
	{Code: "DEPT_ORDER_FORMAT", Severity: Error, Entity: EntityDepartment, Field: "order",
		ZH: "排序为非负整数，可留空", EN: "order is a non-negative integer, or empty",
		MsgZH: "排序「%s」不是非负整数", MsgEN: "order %q is not a non-negative integer"},
	{Code: "DEPT_ORDER_DUPLICATE", Severity: Error, Entity: EntityDepartment, Field: "order", API: 43005,
		ZH: "同一上级部门下排序值不能重复", EN: "order is unique among siblings",
		MsgZH: "排序 %s 与同级部门（第 %d 行）重复", MsgEN: "order %s duplicates a sibling department (row %d)"},
	{Code: "DEPT_LEADER_UNKNOWN", Severity: Warning, Entity: EntityDepartment, Field: "leader_user_id",
		ZH: "部门负责人ID 是成员表中的用户ID，或必须已存在于飞书", EN: "leader_user_id is a user_id of the users sheet, or must already exist in Feishu",
		MsgZH: "负责人「%s」不在成员表内，必须已存在于飞书", MsgEN: "leader %q is not in the users sheet; they must already exist in Feishu"},
	{Code: "DEPT_GROUP_CHAT_FORMAT", Severity: Error, Entity: EntityDepartment, Field: "create_group_chat",
		ZH: "创建部门群填 是/否（true/false），可留空", EN: "create_group_chat is 是/否 (true/false), or empty",
		MsgZH: "创建部门群「%s」应为 是 或 否", MsgEN: "create_group_chat %q must be true or false (是/否)"},

	// Users.
	{Code: "USER_NAME_REQUIRED", Severity: Error, Entity: EntityUser, Field: "name", API: 41040,
		ZH: "姓名必填，1–255 个字符", EN: "name is required, 1–255 characters",
		MsgZH: "姓名为空", MsgEN: "name is empty"},
	{Code: "USER_NAME_LENGTH", Severity: Error, Entity: EntityUser, Field: "name", API: 41070,
		ZH: "姓名、英文名不超过 255 个字符", EN: "name and en_name are at most 255 characters",
		MsgZH: "%s 有 %d 个字符，超过 255", MsgEN: "%s has %d characters, over 255"},
	{Code: "USER_ID_FORMAT", Severity: Error, Entity: EntityUser, Field: "user_id", API: 41043,
		ZH: "用户ID 可留空（由飞书生成）；填写时不超过 64 个字符且不含空白", EN: "user_id may be empty (Feishu generates one); if given, at most 64 characters and no whitespace",
		MsgZH: "用户ID「%s」不合法：最长 64 个字符，不能含空白", MsgEN: "user_id %q is invalid: at most 64 characters, no whitespace"},
	{Code: "USER_ID_DUPLICATE", Severity: Error, Entity: EntityUser, Field: "user_id", API: 41011,
		ZH: "用户ID 在表内唯一", EN: "user_id is unique in the sheet",
		MsgZH: "用户ID「%s」与第 %d 行重复", MsgEN: "user_id %q duplicates row %d"},
	{Code: "USER_MOBILE_REQUIRED", Severity: Error, Entity: EntityUser, Field: "mobile", API: 41010,
		ZH: "手机号必填", EN: "mobile is required",
		MsgZH: "手机号为空", MsgEN: "mobile is empty"},
	{Code: "USER_MOBILE_FORMAT", Severity: Error, Entity: EntityUser, Field: "mobile", API: 41004,
		ZH: "中国大陆手机号为 11 位数字（可带 +86）；其他地区以 + 和国家/地区代码开头", EN: "A mainland China mobile is 11 digits (optionally +86); others start with + and the country code",
		MsgZH: "手机号「%s」不合法", MsgEN: "mobile %q is invalid"},
	{Code: "USER_MOBILE_SCIENTIFIC", Severity: Error, Entity: EntityUser, Field: "mobile", API: 41004,
		ZH: "手机号列请设为文本格式，否则 Excel 会把长数字变成科学计数法", EN: "Format the mobile column as Text, or Excel turns long numbers into scientific notation",
		MsgZH: "手机号「%s」被 Excel 变成了科学计数法，原号码已丢失：请把该列设为文本格式后重新填写", MsgEN: "mobile %q was turned into scientific notation by Excel and the number is lost: format the column as Text and type it again"},
	{Code: "USER_MOBILE_DUPLICATE", Severity: Error, Entity: EntityUser, Field: "mobile", API: 41001,
		ZH: "手机号在表内唯一", EN: "mobile is unique in the sheet",
		MsgZH: "手机号「%s」与第 %d 行重复", MsgEN: "mobile %q duplicates row %d"},
	{Code: "USER_EMAIL_FORMAT", Severity: Error, Entity: EntityUser, Field: "email", API: 41005,
		ZH: "邮箱可留空；填写时须是有效的邮箱地址", EN: "email may be empty; if given it must be a valid address",
		MsgZH: "邮箱「%s」不合法", MsgEN: "email %q is invalid"},
	{Code: "USER_EMAIL_DUPLICATE", Severity: Error, Entity: EntityUser, Field: "email", API: 41002,
		ZH: "邮箱在表内唯一", EN: "email is unique in the sheet",
		MsgZH: "邮箱「%s」与第 %d 行重复", MsgEN: "email %q duplicates row %d"},
	{Code: "USER_EMAIL_REQUIRED_INTL", Severity: Error, Entity: EntityUser, Field: "email", API: 44020,
		ZH: "非中国大陆手机号的成员必须填写邮箱", EN: "A user with a non-mainland mobile must have an email",
		MsgZH: "手机号「%s」不是中国大陆号码，必须填写邮箱", MsgEN: "mobile %q is not a mainland China number, so an email is required"},
	{Code: "USER_EMPLOYEE_NO_DUPLICATE", Severity: Error, Entity: EntityUser, Field: "employee_no", API: 44051,
		ZH: "工号在表内唯一", EN: "employee_no is unique in the sheet",
		MsgZH: "工号「%s」与第 %d 行重复", MsgEN: "employee_no %q duplicates row %d"},
	{Code: "USER_DEPTS_REQUIRED", Severity: Error, Entity: EntityUser, Field: "department_ids", API: 41017,
		ZH: "所属部门ID 必填，1–50 个，用 ; , ； ， 分隔；根部门填 0", EN: "department_ids is required, 1–50 IDs separated by ; , ； or ，; 0 is the root",
		MsgZH: "所属部门为空（填写所属部门ID 或 部门路径）", MsgEN: "no department given (department_ids or department_path)"},
	{Code: "USER_DEPTS_TOO_MANY", Severity: Error, Entity: EntityUser, Field: "department_ids", API: 41033,
		ZH: "一个成员最多属于 50 个部门", EN: "A user belongs to at most 50 departments",
		MsgZH: "所属部门有 %d 个，超过 50", MsgEN: "%d departments given, over the limit of 50"},
	{Code: "USER_DEPT_UNKNOWN", Severity: Warning, Entity: EntityUser, Field: "department_ids",
		ZH: "所属部门ID 是 0、部门表中的部门ID，或必须已存在于飞书", EN: "Each department_id is 0, a department of the departments sheet, or must already exist in Feishu",
		MsgZH: "部门 %s 不在部门表内，必须已存在于飞书", MsgEN: "departments not in the departments sheet must already exist in Feishu: %s"},
	{Code: "USER_DEPT_REPEATED", Severity: Warning, Entity: EntityUser, Field: "department_ids",
		ZH: "同一部门只需填写一次", EN: "List each department once",
		MsgZH: "部门「%s」重复填写，已合并", MsgEN: "department %q is listed twice; merged"},
	{Code: "USER_EMPLOYEE_TYPE_REQUIRED", Severity: Error, Entity: EntityUser, Field: "employee_type", API: 41059,
		ZH: "人员类型必填：1 正式、2 实习、3 外包、4 劳务、5 顾问（填数字或中文）", EN: "employee_type is required: 1 regular, 2 intern, 3 outsourcing, 4 labor, 5 consultant (number or Chinese)",
		MsgZH: "人员类型为空", MsgEN: "employee_type is empty"},
	{Code: "USER_EMPLOYEE_TYPE_INVALID", Severity: Error, Entity: EntityUser, Field: "employee_type", API: 41059,
		ZH: "人员类型只能是 1–5 或 正式/实习/外包/劳务/顾问", EN: "employee_type is 1–5 or 正式/实习/外包/劳务/顾问",
		MsgZH: "人员类型「%s」无效，应为 1–5 或 正式/实习/外包/劳务/顾问", MsgEN: "employee_type %q is invalid: use 1–5 or 正式/实习/外包/劳务/顾问"},
	{Code: "USER_GENDER_INVALID", Severity: Error, Entity: EntityUser, Field: "gender", API: 41038,
		ZH: "性别可留空；填写时为 0–3 或 保密/男/女/其他", EN: "gender may be empty; if given, 0–3 or 保密/男/女/其他 (secret/male/female/other)",
		MsgZH: "性别「%s」无效，应为 0–3 或 保密/男/女/其他", MsgEN: "gender %q is invalid: use 0–3 or 保密/男/女/其他"},
	{Code: "USER_LEADER_SELF", Severity: Error, Entity: EntityUser, Field: "leader_user_id", API: 41030,
		ZH: "直属上级不能是本人", EN: "A user cannot be their own leader",
		MsgZH: "直属上级是本人（%s）", MsgEN: "leader is the user themself (%s)"},
	{Code: "USER_LEADER_UNKNOWN", Severity: Warning, Entity: EntityUser, Field: "leader_user_id",
		ZH: "直属上级ID 是表内另一成员的用户ID，或必须已存在于飞书", EN: "leader_user_id is another row's user_id, or must already exist in Feishu",
		MsgZH: "直属上级「%s」不在成员表内，必须已存在于飞书", MsgEN: "leader %q is not in the users sheet; they must already exist in Feishu"},
	{Code: "USER_LEADER_CYCLE", Severity: Error, Entity: EntityUser, Field: "leader_user_id",
		ZH: "直属上级关系不能形成环", EN: "Leader relations must not form a cycle",
		MsgZH: "直属上级关系形成环：%s", MsgEN: "leaders form a cycle: %s"},
	{Code: "USER_JOB_TITLE_LENGTH", Severity: Error, Entity: EntityUser, Field: "job_title", API: 41063,
		ZH: "职务不超过 100 个字符", EN: "job_title is at most 100 characters",
		MsgZH: "职务有 %d 个字符，超过 100", MsgEN: "job_title has %d characters, over 100"},
	{Code: "USER_CITY_LENGTH", Severity: Error, Entity: EntityUser, Field: "city",
		ZH: "城市不超过 100 个字符", EN: "city is at most 100 characters",
		MsgZH: "城市有 %d 个字符，超过 100", MsgEN: "city has %d characters, over 100"},
	{Code: "USER_FIELD_LENGTH", Severity: Error, Entity: EntityUser, Field: "work_station",
		ZH: "工位、工号不超过 255 个字符", EN: "work_station and employee_no are at most 255 characters",
		MsgZH: "%s 有 %d 个字符，超过 255", MsgEN: "%s has %d characters, over 255"},
	{Code: "USER_JOIN_TIME_FORMAT", Severity: Error, Entity: EntityUser, Field: "join_time",
		ZH: "入职日期可留空；填写时为日期（Excel 日期单元格，或 2024-01-02、2024/1/2）", EN: "join_time may be empty; if given, a date (an Excel date cell, or 2024-01-02, 2024/1/2)",
		MsgZH: "入职日期「%s」不是有效日期（示例：2024-01-02）", MsgEN: "join_time %q is not a date (e.g. 2024-01-02)"},
	{Code: "USER_EXAMPLE_CONTACT", Severity: Error, Entity: EntityUser, Field: "mobile",
		ZH: "手机号、邮箱不能是模板示例行的（复制示例行后要改成本人的）", EN: "mobile and email must not be the template example's (a copied example row must get the person's own)",
		MsgZH: "%s「%s」是模板示例行里的值，不是真实成员的：请删除示例行，或改成本人的", MsgEN: "%s %q is the template example's, not a person's: delete the example row, or type the person's own"},

	// Department paths (总部/技术中心/前端组) in users' department_path and departments' parent_path.
	{Code: "PATH_EMPTY_SEGMENT", Severity: Error, Entity: EntityUser, Field: "department_path",
		ZH: "部门路径用 / 分隔各级部门名称，中间不能有空的一级（如 总部//前端组）", EN: "A department path separates names with /; no level may be empty (as in 总部//前端组)",
		MsgZH: "部门路径「%s」中有空的一级", MsgEN: "department path %q has an empty level"},
	{Code: "PATH_EDGE_SEPARATOR", Severity: Warning, Entity: EntityUser, Field: "department_path",
		ZH: "路径开头或结尾的 / 会被去掉", EN: "A / at the start or end of a path is dropped",
		MsgZH: "部门路径「%s」开头或结尾有 /，已去掉", MsgEN: "department path %q starts or ends with /; dropped"},
	{Code: "PATH_FULLWIDTH", Severity: Warning, Entity: EntityUser, Field: "department_path",
		ZH: "全角斜杠 ／ 按 / 处理", EN: "A full-width slash ／ is read as /",
		MsgZH: "部门路径「%s」中的全角斜杠 ／ 按 / 处理", MsgEN: "department path %q: the full-width slash ／ is read as /"},
	{Code: "PATH_SEGMENT_INVALID", Severity: Error, Entity: EntityUser, Field: "department_path",
		ZH: "路径中的每级部门名称不超过 100 个字符，不含制表符或换行", EN: "Each name in a path is at most 100 characters, without tabs or line breaks",
		MsgZH: "部门路径中的名称「%s」不合法（最长 100 个字符，不能含制表符或换行）", MsgEN: "name %q in the department path is invalid (at most 100 characters, no tabs or line breaks)"},
	{Code: "PATH_TOO_DEEP", Severity: Error, Entity: EntityUser, Field: "department_path", API: 43019,
		ZH: "部门路径不超过 25 级", EN: "A department path is at most 25 levels deep",
		MsgZH: "部门路径「%s」有 %d 级，超过 25", MsgEN: "department path %q has %d levels, over 25"},
	{Code: "PATH_SPELLING", Severity: Warning, Entity: EntityUser, Field: "department_path",
		ZH: "同一部门的名称只差空格、大小写或全半角时视为同一部门，使用最先出现的写法", EN: "Names that differ only in spaces, case or character width are the same department; the first spelling is used",
		MsgZH: "「%s」与「%s」（第 %d 行）视为同一部门", MsgEN: "%q is taken as the same department as %q (row %d)"},
	{Code: "PATH_ROOT", Severity: Warning, Entity: EntityUser, Field: "department_path",
		ZH: "所有路径都以同一个名称开头、且没有这样的一级部门时，它被视为公司（根部门）", EN: "When every path starts with the same name and no top-level department has it, that name is taken as the company (the root)",
		MsgZH: "所有部门路径都以「%s」开头：视为公司名（根部门），不作为部门创建", MsgEN: "every department path starts with %q: taken as the company name (the root), not created as a department"},
	{Code: "PATH_UNKNOWN", Severity: Error, Entity: EntityUser, Field: "department_path", API: 40015,
		ZH: "使用 --no-create-departments 时，路径中的部门必须已在表内或飞书中", EN: "With --no-create-departments every department on a path must be in the sheet or in Feishu",
		MsgZH: "部门路径「%s」中的「%s」既不在表内也不在飞书中", MsgEN: "department path %q: %q is neither in the sheet nor in Feishu"},

	// Online checks: what the plan finds against the tenant (import --dry-run, diff).
	{Code: "PLAN_PARENT_MISSING", Severity: Error, Entity: EntityDepartment, Field: "parent_department_id", API: 44101,
		ZH: "不在表内的上级部门必须已存在于飞书", EN: "A parent that is not in the sheet must exist in Feishu",
		MsgZH: "上级部门「%s」既不在表内也不在飞书中", MsgEN: "parent department %q is neither in the sheet nor in Feishu"},
	{Code: "PLAN_NAME_TAKEN", Severity: Error, Entity: EntityDepartment, Field: "name", API: 43022,
		ZH: "飞书中同一上级部门下已有同名部门（不同部门ID）时不能创建", EN: "A department cannot be created where Feishu already has a sibling of the same name (another department_id)",
		MsgZH: "上级部门下已有同名部门「%s」（部门ID %s）", MsgEN: "Feishu already has a department named %q under this parent (department_id %s)"},
	{Code: "PLAN_DEPT_MISSING", Severity: Error, Entity: EntityUser, Field: "department_ids", API: 40015,
		ZH: "不在表内的所属部门必须已存在于飞书", EN: "A department that is not in the sheet must exist in Feishu",
		MsgZH: "部门「%s」既不在表内也不在飞书中", MsgEN: "department %q is neither in the sheet nor in Feishu"},
	{Code: "PLAN_LEADER_MISSING", Severity: Warning, Entity: EntityUser, Field: "leader_user_id", API: 44022,
		ZH: "不在表内的负责人、直属上级必须已存在于飞书，否则不设置", EN: "A leader who is not in the sheet must exist in Feishu, or is not set",
		MsgZH: "负责人「%s」既不在表内也不在飞书中，本行导入但不设置负责人", MsgEN: "leader %q is neither in the sheet nor in Feishu; the row is imported without it"},
	{Code: "PLAN_MOBILE_TAKEN", Severity: Error, Entity: EntityUser, Field: "mobile", API: 41001,
		ZH: "手机号不能属于飞书中的另一成员", EN: "A mobile must not belong to another Feishu user",
		MsgZH: "手机号「%s」已属于飞书成员 %s", MsgEN: "mobile %q already belongs to Feishu user %s"},
	{Code: "PLAN_EMAIL_TAKEN", Severity: Error, Entity: EntityUser, Field: "email", API: 41002,
		ZH: "邮箱不能属于飞书中的另一成员", EN: "An email must not belong to another Feishu user",
		MsgZH: "邮箱「%s」已属于飞书成员 %s", MsgEN: "email %q already belongs to Feishu user %s"},
	{Code: "PLAN_USER_RESIGNED", Severity: Error, Entity: EntityUser, Field: "user_id", API: 41011,
		ZH: "用户ID 不能属于飞书中已离职的成员（请先在管理后台恢复该成员）", EN: "A user_id must not belong to a resigned Feishu user (restore them in the admin console first)",
		MsgZH: "用户ID「%s」属于已离职的成员", MsgEN: "user_id %q belongs to a resigned user"},
	{Code: "PLAN_NAME_MISMATCH", Severity: Error, Entity: EntityUser, Field: "name",
		ZH: "没有用户ID的行按手机号或邮箱匹配到飞书成员、但姓名不同时，不会给此人改名（确是改名请填写用户ID，或使用 --accept-renames）", EN: "A row without user_id that matches a Feishu user by mobile or email but has another name does not rename them (fill in user_id, or use --accept-renames, if it is a rename)",
		MsgZH: "本行没有用户ID，按%s「%s」匹配到飞书成员 %s「%s」，但本行姓名是「%s」：不会给此人改名；确是同一人改名，请填写用户ID或使用 --accept-renames", MsgEN: "no user_id: %s %q matches Feishu user %s (%q), but this row's name is %q; they are not renamed: if it is the same person renamed, fill in user_id or use --accept-renames"},
	{Code: "PLAN_USER_TWICE", Severity: Error, Entity: EntityUser,
		ZH: "两行不能是飞书中的同一个成员（按用户ID、手机号或邮箱匹配；一人一行）", EN: "Two rows must not be the same Feishu user (matched by user_id, mobile or email): one row per person",
		MsgZH: "本行与第 %d 行都匹配到飞书成员 %s「%s」：一人只能有一行，请删除或改正其中一行", MsgEN: "this row and row %d both match Feishu user %s (%q): one row per person, so delete or correct one of them"},
	{Code: "PLAN_CONTACT_AMBIGUOUS", Severity: Error, Entity: EntityUser, Field: "email",
		ZH: "没有用户ID的行，手机号和邮箱不能分别属于飞书中的两个成员", EN: "In a row without user_id, the mobile and the email must not belong to two different Feishu users",
		MsgZH: "本行没有用户ID，手机号属于飞书成员 %s「%s」，邮箱却属于另一成员 %s「%s」：请填写用户ID指明是谁，或改正其中一个", MsgEN: "no user_id: the mobile belongs to Feishu user %s (%q) but the email to another, %s (%q): fill in user_id to say who this is, or correct one of them"},
	{Code: "PLAN_BLOCKED_BY", Severity: Error, Entity: EntityFile,
		ZH: "依赖的部门或成员无法导入时，本行跳过", EN: "A row is skipped when a department or user it depends on cannot be imported",
		MsgZH: "跳过：依赖的%s「%s」无法导入", MsgEN: "skipped: %s %q it depends on cannot be imported"},

	// Offboarding (orgbatch offboard, restore): the leavers sheet, then
	// what the plan finds against the tenant.
	{Code: "LEAVER_SHEET_NOT_FOUND", Severity: Error, Entity: EntityFile, Unreadable: true,
		ZH: "离职名单要有一个离职表（按表名 离职/离职名单/leavers，或按 用户ID、手机号、邮箱、接收人 等表头识别）", EN: "A leavers file must have a leavers sheet (found by the names leavers/离职/离职名单, or by headers such as user_id, mobile, email and the acceptor columns)",
		MsgZH: "没有找到离职名单（表名 离职/离职名单/leavers，或含 用户ID、手机号、邮箱 等列的表）", MsgEN: "no leavers sheet found (named leavers/离职/离职名单, or with columns such as user_id, mobile, email)"},
	{Code: "LEAVER_ID_REQUIRED", Severity: Error, Entity: EntityLeaver, Field: "user_id",
		ZH: "每行用用户ID、邮箱或手机号指明离职的人（填了几个就必须是同一人）", EN: "Each row names the leaver by user_id, email or mobile (any given must be the same person)",
		MsgZH: "本行没有用户ID、邮箱或手机号：无法确定离职的是谁", MsgEN: "no user_id, email or mobile: it cannot be told who leaves"},
	{Code: "LEAVER_ID_FORMAT", Severity: Error, Entity: EntityLeaver, Field: "user_id", API: 41012,
		ZH: "用户ID 和各接收人ID 不超过 64 个字符且不含空白", EN: "user_id and the acceptor IDs are at most 64 characters, without whitespace",
		MsgZH: "%s「%s」不是有效的用户ID：最长 64 个字符，不能含空白", MsgEN: "%s %q is not a valid user_id: at most 64 characters, no whitespace"},
	{Code: "LEAVER_MOBILE_FORMAT", Severity: Error, Entity: EntityLeaver, Field: "mobile",
		ZH: "手机号可留空；填写时须有效（中国大陆 11 位，可带 +86；其他地区以 + 和国家/地区代码开头）", EN: "mobile may be empty; if given it must be valid (11 digits in mainland China, optionally +86; others + and the country code)",
		MsgZH: "手机号「%s」不合法", MsgEN: "mobile %q is invalid"},
	{Code: "LEAVER_EMAIL_FORMAT", Severity: Error, Entity: EntityLeaver, Field: "email",
		ZH: "邮箱可留空；填写时须是有效的邮箱地址", EN: "email may be empty; if given it must be a valid address",
		MsgZH: "邮箱「%s」不合法", MsgEN: "email %q is invalid"},
	{Code: "LEAVER_DUPLICATE", Severity: Error, Entity: EntityLeaver, Field: "user_id",
		ZH: "每人只列一行", EN: "Each person is listed once",
		MsgZH: "与第 %d 行是同一人（%s）：每人只列一行", MsgEN: "the same person as row %d (%s): list each person once"},
	{Code: "LEAVER_ACCEPTOR_SELF", Severity: Error, Entity: EntityLeaver, Field: "acceptor_user_id", API: 41052,
		ZH: "接收人不能是离职者本人", EN: "An acceptor cannot be the leaver",
		MsgZH: "%s「%s」是离职者本人：资源不能交给离职的人", MsgEN: "%s %q is the leaver: their resources cannot go to themself"},
	{Code: "LEAVER_EMAIL_PROCESSING", Severity: Error, Entity: EntityLeaver, Field: "email_processing", API: 40001,
		ZH: "邮件处理方式填 转移/保留/删除（transfer/retain/delete 或 1/2/3），可留空（默认转给直属上级，没有上级则保留）", EN: "email_processing is 转移/保留/删除 (transfer/retain/delete, or 1/2/3), or empty (to the direct leader, else retained)",
		MsgZH: "邮件处理方式「%s」无效：填 转移、保留 或 删除", MsgEN: "email_processing %q is not valid: transfer, retain or delete"},
	{Code: "LEAVER_EMAIL_ACCEPTOR_UNUSED", Severity: Error, Entity: EntityLeaver, Field: "email_acceptor_user_id",
		ZH: "只有邮件处理方式为转移时才填写邮件接收人", EN: "An email acceptor is given only when the email is transferred",
		MsgZH: "邮件处理方式是「%s」，却填写了邮件接收人「%s」：二者矛盾，请删去其一", MsgEN: "the email is to be %s, yet an email acceptor %q is given: remove one of them"},
	{Code: "PLAN_LEAVER_NOT_FOUND", Severity: Error, Entity: EntityLeaver, Field: "user_id", API: 41012,
		ZH: "离职的人必须是飞书中的成员", EN: "A leaver must be a Feishu user",
		MsgZH: "飞书中没有这个成员（%s）", MsgEN: "no Feishu user %s"},
	{Code: "PLAN_LEAVER_GONE", Severity: Warning, Entity: EntityLeaver, Field: "user_id",
		ZH: "已离职的成员不再处理", EN: "A user who has already resigned is left as is",
		MsgZH: "成员 %s「%s」已离职：无需处理", MsgEN: "user %s (%q) has already resigned: nothing to do"},
	{Code: "PLAN_LEAVER_NAME_MISMATCH", Severity: Error, Entity: EntityLeaver, Field: "name",
		ZH: "填写了姓名时，必须是该飞书成员的姓名", EN: "If a name is given, it must be the Feishu user's",
		MsgZH: "本行姓名「%s」与飞书成员 %s 的姓名「%s」不同：请核对是否是同一个人", MsgEN: "this row's name %q is not Feishu user %s's (%q): check that it is the same person"},
	{Code: "PLAN_LEAVER_CONTACT_MISMATCH", Severity: Error, Entity: EntityLeaver, Field: "mobile",
		ZH: "同时填写了用户ID和手机号或邮箱时，它们必须属于同一个成员", EN: "When user_id is given with a mobile or email, they must belong to the same user",
		MsgZH: "本行%s「%s」不属于飞书成员 %s：请核对是否是同一个人", MsgEN: "this row's %s %q is not Feishu user %s's: check that it is the same person"},
	{Code: "PLAN_LEAVER_ADMIN", Severity: Error, Entity: EntityLeaver, Field: "user_id", API: 44037,
		ZH: "企业管理员不能删除（先在管理后台移除其管理员身份）", EN: "A tenant administrator cannot be deleted (remove the admin role in the admin console first)",
		MsgZH: "%s「%s」是企业管理员，不能删除：请先在管理后台移除其管理员身份", MsgEN: "%s (%q) is a tenant administrator and cannot be deleted: remove the admin role in the admin console first"},
	{Code: "PLAN_ACCEPTOR_INVALID", Severity: Error, Entity: EntityLeaver, Field: "acceptor_user_id", API: 41052,
		ZH: "接收人、接任者必须是飞书中的在职成员", EN: "An acceptor or successor must be an active Feishu user",
		MsgZH: "%s「%s」不是飞书中的在职成员", MsgEN: "%s %q is not an active Feishu user"},
	{Code: "PLAN_ACCEPTOR_LEAVING", Severity: Error, Entity: EntityLeaver, Field: "acceptor_user_id",
		ZH: "资源和部门不能交给同样在离职名单中的人", EN: "Resources and departments must not go to someone who is leaving too",
		MsgZH: "%s「%s」也在本次离职名单中（第 %d 行）：不能交给同样离职的人", MsgEN: "%s %q leaves too (row %d): nothing can go to someone who is also leaving"},
	{Code: "PLAN_LEADER_LEAVING", Severity: Error, Entity: EntityLeaver, Field: "acceptor_user_id",
		ZH: "直属上级也离职时，必须填写接收人（资源默认交给直属上级）", EN: "When the direct leader leaves too, acceptors must be given (resources go to the direct leader by default)",
		MsgZH: "直属上级 %s「%s」也在本次离职名单中（第 %d 行），%s 默认会交给他：请填写默认接收人或对应的接收人", MsgEN: "the direct leader %s (%q) leaves too (row %d) and would receive %s by default: fill in acceptor_user_id or that resource's acceptor"},
	{Code: "PLAN_LEAVER_NO_LEADER", Severity: Warning, Entity: EntityLeaver, Field: "acceptor_user_id",
		ZH: "没有接收人也没有直属上级时，日程和问卷会被删除，文档、妙记、应用、集成平台留在离职者名下，邮件保留", EN: "Without an acceptor and a direct leader, calendars and surveys are deleted; documents, minutes, applications and anycross stay with the leaver; email is retained",
		MsgZH: "没有在职的直属上级%s，也没有填写接收人：%s", MsgEN: "no active direct leader%s and no acceptor: %s"},
	{Code: "PLAN_LEAVER_LEADS", Severity: Warning, Entity: EntityLeaver, Field: "leader_successor_user_id",
		ZH: "离职者负责的部门，没有填写接任者时负责人会被清空", EN: "The departments a leaver leads lose their leader unless leader_successor_user_id names a successor",
		MsgZH: "是部门 %s 的负责人：离职前将清空负责人（可在「部门负责人接任者ID」填写接任者）", MsgEN: "leads %s: the leader slot is cleared before the deletion (name a successor in leader_successor_user_id)"},
	{Code: "PLAN_SUCCESSOR_UNUSED", Severity: Warning, Entity: EntityLeaver, Field: "leader_successor_user_id",
		ZH: "离职者不负责任何部门时，接任者不起作用", EN: "A successor is ignored when the leaver leads no department",
		MsgZH: "填写了接任者「%s」，但离职者不是任何部门的负责人：忽略", MsgEN: "successor %q is given, but the leaver leads no department: ignored"},
	{Code: "PLAN_DEPT_KEPT", Severity: Warning, Entity: EntityDepartment,
		ZH: "被中断的离职处理原计划删除、但已不再为空的部门会保留", EN: "A department an interrupted offboarding was to delete is kept when it is no longer empty",
		MsgZH: "部门 %s 已不再为空（有成员或子部门）：不删除", MsgEN: "department %s is no longer empty (it has members or sub-departments): kept"},
	{Code: "PLAN_RESTORE_NOT_RESTORED", Severity: Warning, Entity: EntityLeaver, Field: "user_id",
		ZH: "恢复不会收回离职时交出的资源，也不恢复管理员角色", EN: "A restore does not take back the resources handed over at the deletion, nor admin roles",
		MsgZH: "不会恢复：%s", MsgEN: "not restored: %s"},
	{Code: "PLAN_RESTORE_ACTIVE", Severity: Warning, Entity: EntityLeaver, Field: "user_id",
		ZH: "在职的成员无需恢复", EN: "A user who is active needs no restoring",
		MsgZH: "成员 %s「%s」在职：无需恢复", MsgEN: "user %s (%q) is active: nothing to restore"},
	{Code: "PLAN_RESTORE_CONTACT_TAKEN", Severity: Error, Entity: EntityLeaver, Field: "mobile", API: 44030,
		ZH: "手机号和邮箱已被在职成员使用时不能恢复（先修改那位成员的）", EN: "A user cannot be restored while an active user has their mobile or email (change theirs first)",
		MsgZH: "%s 的%s已被在职成员 %s 使用：请先修改该成员的%s", MsgEN: "the %[2]s of %[1]s now belongs to active user %[3]s: change theirs first"},
	{Code: "PLAN_RESTORE_TO_ROOT", Severity: Warning, Entity: EntityLeaver, Field: "user_id",
		ZH: "不知道离职前所在部门的成员恢复到根部门（再用 import 调整）", EN: "A user whose former departments are unknown is restored to the root department (move them with import)",
		MsgZH: "%s 离职前的部门不详或都已不存在%s：将恢复到根部门，可再用 import 调整", MsgEN: "the former departments of %s are unknown or gone%s: restored to the root department; move them with import"},
	{Code: "PLAN_RESTORE_DEPT_GONE", Severity: Warning, Entity: EntityLeaver, Field: "user_id",
		ZH: "已不存在、也不在本次重建的部门不恢复", EN: "A former department that no longer exists and is not re-created is left out",
		MsgZH: "原部门 %s 已不存在，本次也不重建：不恢复到该部门", MsgEN: "former department %s no longer exists and is not re-created: left out"},
}

var (
	ruleByCode = map[string]Rule{}
	ruleIndex  = map[string]int{}
)

func init() {
	for i, r := range Rules {
		ruleByCode[r.Code] = r
		ruleIndex[r.Code] = i
	}
}

// Unreadable reports whether any problem means its input could not be
// read (a rule marked Unreadable): nothing can be validated or imported.
func Unreadable(ps []Problem) bool {
	for _, p := range ps {
		if ruleByCode[p.Rule].Unreadable {
			return true
		}
	}
	return false
}

// Online reports whether a rule is checked online, against the tenant, by
// the plan: the PLAN_* rules.
func Online(code string) bool { return strings.HasPrefix(code, "PLAN_") }

// Lookup returns the rule with the given code.
func Lookup(code string) (Rule, bool) {
	r, ok := ruleByCode[code]
	return r, ok
}
