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
		ZH: "单值列（各类ID、上级部门路径、手机号、邮箱、工号、人员类型、性别、创建部门群、职级、序列）每格只填一个值，不能用 ; , ； ， 、 | 等分隔多个（ID 列也不能用空格）", EN: "A one-value column (the IDs, parent_path, mobile, email, employee_no, employee_type, gender, create_group_chat, job_level, job_family) takes one value per cell, not several separated by ; , ； ， 、 | (or, in ID columns, spaces)",
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
		ZH: "人员类型填类型名称或编号：1–5、正式/实习/外包/劳务/顾问，或企业自定义的人员类型（不超过 100 个字符）", EN: "employee_type is a type's name or number: 1–5, 正式/实习/外包/劳务/顾问, or one of the tenant's own types (at most 100 characters)",
		MsgZH: "人员类型「%s」无效：应为 1–5、正式/实习/外包/劳务/顾问，或企业自定义人员类型的名称（不超过 100 个字符）", MsgEN: "employee_type %q is invalid: use 1–5, 正式/实习/外包/劳务/顾问, or the name of one of the tenant's own types (at most 100 characters)"},

	// The tenant's schema, offline: what a cell can be known not to be.
	{Code: "USER_EMPLOYEE_TYPE_CUSTOM", Severity: Warning, Entity: EntityUser, Field: "employee_type",
		ZH: "不是内置人员类型的值，必须是企业自定义的人员类型（导入时在线检查）", EN: "A value that is not a built-in employee type must be one of the tenant's own types (checked online at import)",
		MsgZH: "「%s」不是内置人员类型（1–5、正式/实习/外包/劳务/顾问）：导入时按企业自定义的人员类型在线检查", MsgEN: "%q is not a built-in employee type (1–5, 正式/实习/外包/劳务/顾问): it is checked against the tenant's own types at import"},
	{Code: "USER_JOB_LEVEL_LENGTH", Severity: Error, Entity: EntityUser, Field: "job_level", API: 42303,
		ZH: "职级名称不超过 255 个字符", EN: "job_level is a job level's name, at most 255 characters",
		MsgZH: "职级名称有 %d 个字符，超过 255", MsgEN: "job_level has %d characters, over 255"},
	{Code: "USER_JOB_FAMILY_INVALID", Severity: Error, Entity: EntityUser, Field: "job_family", API: 42404,
		ZH: "序列填序列名称，或用 / 分隔的上下级序列路径（如 研发/后端）；每级 1–100 个字符，不能有空的一级", EN: "job_family is a job family's name, or a path of nested families separated by / (研发/后端); each name 1–100 characters, none empty",
		MsgZH: "序列「%s」无效：每级序列名称 1–100 个字符，中间不能有空的一级", MsgEN: "job_family %q is invalid: each family name is 1–100 characters and no level may be empty"},
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
	// The tenant's schema, online: names resolved against its lists.
	{Code: "PLAN_EMPLOYEE_TYPE_UNKNOWN", Severity: Error, Entity: EntityUser, Field: "employee_type", API: 41059,
		ZH: "人员类型必须是飞书中已有的人员类型（名称可用任一语言，或编号）；使用 --create-missing-types 可先创建缺少的自定义类型", EN: "employee_type must be one of the tenant's types (its name in any language, or its number); --create-missing-types creates missing custom types first",
		MsgZH: "人员类型「%s」在飞书中不存在；企业的人员类型有：%s（使用 --create-missing-types 可先创建）", MsgEN: "employee type %q is not one of the tenant's: %s (--create-missing-types creates it first)"},
	{Code: "PLAN_EMPLOYEE_TYPE_INACTIVE", Severity: Error, Entity: EntityUser, Field: "employee_type", API: 41060,
		ZH: "人员类型必须已激活（停用的类型不能设置给成员）", EN: "employee_type must be an active type (an inactive one cannot be set on users)",
		MsgZH: "人员类型「%s」（编号 %s）在飞书中未激活：请在管理后台启用，或换用其他类型", MsgEN: "employee type %q (number %s) is not active in the tenant: activate it in the admin console, or use another"},
	{Code: "PLAN_JOB_LEVEL_UNKNOWN", Severity: Error, Entity: EntityUser, Field: "job_level", API: 44044,
		ZH: "职级必须是飞书中已有的职级（名称可用任一语言）；使用 --create-missing-levels 可先创建", EN: "job_level must be one of the tenant's job levels (its name in any language); --create-missing-levels creates missing ones first",
		MsgZH: "职级「%s」在飞书中不存在%s（使用 --create-missing-levels 可先创建）", MsgEN: "job level %q is not one of the tenant's%s (--create-missing-levels creates it first)"},
	{Code: "PLAN_JOB_LEVEL_INACTIVE", Severity: Error, Entity: EntityUser, Field: "job_level", API: 44044,
		ZH: "职级必须已启用", EN: "job_level must be an enabled job level",
		MsgZH: "职级「%s」在飞书中已停用：停用的职级不能设置给成员", MsgEN: "job level %q is disabled in the tenant: it cannot be set on users"},
	{Code: "PLAN_JOB_FAMILY_UNKNOWN", Severity: Error, Entity: EntityUser, Field: "job_family", API: 44045,
		ZH: "序列必须是飞书中已有的序列（名称或从顶层起的路径）；使用 --create-missing-families 可先创建", EN: "job_family must be one of the tenant's job families (its name, or its path from the top); --create-missing-families creates missing ones first",
		MsgZH: "序列「%s」在飞书中不存在%s（使用 --create-missing-families 可先创建）", MsgEN: "job family %q is not one of the tenant's%s (--create-missing-families creates it first)"},
	{Code: "PLAN_JOB_FAMILY_INACTIVE", Severity: Error, Entity: EntityUser, Field: "job_family", API: 44045,
		ZH: "序列必须已启用", EN: "job_family must be an enabled job family",
		MsgZH: "序列「%s」在飞书中已停用：停用的序列不能设置给成员，也不能在其下创建序列", MsgEN: "job family %q is disabled in the tenant: it cannot be set on users nor have families created under it"},
	{Code: "PLAN_JOB_FAMILY_ELSEWHERE", Severity: Error, Entity: EntityUser, Field: "job_family", API: 42406,
		ZH: "序列路径必须与飞书中的上下级一致（序列名称在企业内唯一）", EN: "A job family path must follow the tenant's nesting (family names are unique in the tenant)",
		MsgZH: "序列「%s」在飞书中已存在，但位于「%s」之下，而不是「%s」", MsgEN: "job family %q exists in the tenant, but under %q, not %q"},
	{Code: "PLAN_JOB_TITLE_UNKNOWN", Severity: Error, Entity: EntityUser, Field: "job_title",
		ZH: "职务必须是飞书中已有的职务（名称可用任一语言），否则飞书会自动新建一个；使用 --create-missing-titles 允许新建", EN: "job_title must be one of the tenant's job titles (its name in any language): Feishu would silently create a new one; --create-missing-titles allows that",
		MsgZH: "职务「%s」在飞书中不存在%s（确需新建请使用 --create-missing-titles）", MsgEN: "job title %q is not one of the tenant's%s (--create-missing-titles lets Feishu create it)"},
	{Code: "PLAN_JOB_TITLE_INACTIVE", Severity: Error, Entity: EntityUser, Field: "job_title", API: 44055,
		ZH: "职务必须已启用", EN: "job_title must be an enabled job title",
		MsgZH: "职务「%s」在飞书中已停用：停用的职务不会生效", MsgEN: "job title %q is disabled in the tenant: it would not take effect"},
	{Code: "PLAN_CITY_UNKNOWN", Severity: Error, Entity: EntityUser, Field: "city",
		ZH: "城市必须是飞书中已有的工作城市（名称可用任一语言），否则飞书会自动新建一个；使用 --create-missing-cities 允许新建", EN: "city must be one of the tenant's work cities (its name in any language): Feishu would silently create a new one; --create-missing-cities allows that",
		MsgZH: "工作城市「%s」在飞书中不存在%s（确需新建请使用 --create-missing-cities）", MsgEN: "work city %q is not one of the tenant's%s (--create-missing-cities lets Feishu create it)"},
	{Code: "PLAN_CITY_INACTIVE", Severity: Error, Entity: EntityUser, Field: "city", API: 44054,
		ZH: "工作城市必须已启用", EN: "city must be an enabled work city",
		MsgZH: "工作城市「%s」在飞书中已停用：停用的城市不会生效", MsgEN: "work city %q is disabled in the tenant: it would not take effect"},
	{Code: "PLAN_NAME_AMBIGUOUS", Severity: Error, Entity: EntityUser,
		ZH: "名称只能对应飞书中的一项（人员类型、职级、序列、职务、城市、自定义字段或其选项）", EN: "A name must match one entry of the tenant's list (employee types, job levels, families, titles, cities, custom attributes or their options)",
		MsgZH: "「%s」对应飞书中的多个%s：%s；请改用编号或 ID", MsgEN: "%q matches several of the tenant's %s: %s; use the number or ID instead"},
	{Code: "PLAN_CUSTOM_ATTR_UNKNOWN", Severity: Error, Entity: EntityUser, Field: "custom:<id>", API: 41045,
		ZH: "custom:<ID> 列必须是飞书返回的自定义字段：字段不存在，或管理员未在管理后台（组织架构 > 成员字段管理）开启「允许开放平台 API 调用」", EN: "A custom:<id> column must be a custom attribute Feishu returns: one that does not exist, or that the admin has not opened to the API (Admin > Organization > Member fields: allow Open Platform API calls), is not",
		MsgZH: "自定义字段 %s 不在飞书返回的字段中：它不存在，或管理员未开启「允许开放平台 API 调用」（管理后台 > 组织架构 > 成员字段管理）", MsgEN: "custom attribute %s is not among those Feishu returns: it does not exist, or the admin has not opened custom fields to the API (Admin > Organization > Member fields: allow Open Platform API calls)"},
	{Code: "PLAN_CUSTOM_ATTRS_NONE", Severity: Warning, Entity: EntityFile,
		ZH: "飞书没有返回任何自定义字段时，未识别的列不会作为自定义字段导入", EN: "When Feishu returns no custom attributes, unrecognised columns are not imported as custom attributes",
		MsgZH: "飞书没有返回任何自定义字段，以下列不会导入：%s；若它们是自定义字段，请管理员开启「允许开放平台 API 调用」（管理后台 > 组织架构 > 成员字段管理）", MsgEN: "Feishu returned no custom attributes, so these columns are not imported: %s; if they are custom fields, the admin must open them to the API (Admin > Organization > Member fields: allow Open Platform API calls)"},
	{Code: "PLAN_CUSTOM_ATTR_TEXT_LENGTH", Severity: Error, Entity: EntityUser, Field: "custom:<id>",
		ZH: "文本类自定义字段（及网页字段的标题）不超过 100 个字符", EN: "A TEXT custom attribute (and an HREF's title) is at most 100 characters",
		MsgZH: "自定义字段「%s」的文本有 %d 个字符，超过 100", MsgEN: "custom attribute %q: the text has %d characters, over 100"},
	{Code: "PLAN_CUSTOM_ATTR_URL", Severity: Error, Entity: EntityUser, Field: "custom:<id>", API: 41048,
		ZH: "网页类自定义字段填「标题 | 网址」或「标题 | 网址 | 电脑端网址」（或只填网址），网址以 http:// 或 https:// 开头", EN: "An HREF custom attribute is 'title | URL' or 'title | URL | desktop URL' (or just a URL); URLs start with http:// or https://",
		MsgZH: "自定义字段「%s」的网址「%s」无效：应以 http:// 或 https:// 开头；格式为「标题 | 网址」", MsgEN: "custom attribute %q: %q is not a URL starting with http:// or https://; write 'title | URL'"},
	{Code: "PLAN_CUSTOM_ATTR_OPTION", Severity: Error, Entity: EntityUser, Field: "custom:<id>",
		ZH: "选项类自定义字段填选项名称或选项 ID", EN: "An ENUMERATION or PICTURE_ENUM custom attribute is one of its options, by name or ID",
		MsgZH: "自定义字段「%s」没有选项「%s」；可选：%s", MsgEN: "custom attribute %q has no option %q; its options: %s"},
	{Code: "PLAN_CUSTOM_ATTR_USER", Severity: Error, Entity: EntityUser, Field: "custom:<id>",
		ZH: "人员类自定义字段填成员的用户ID（表内成员或飞书中已有的成员）", EN: "A GENERIC_USER custom attribute is a user_id of the sheet or of Feishu",
		MsgZH: "自定义字段「%s」的用户ID「%s」在表内和飞书中都不存在", MsgEN: "custom attribute %q: user_id %q is neither in the sheet nor in Feishu"},
	{Code: "PLAN_BLOCKED_BY", Severity: Error, Entity: EntityFile,
		ZH: "依赖的部门或成员无法导入时，本行跳过", EN: "A row is skipped when a department or user it depends on cannot be imported",
		MsgZH: "跳过：依赖的%s「%s」无法导入", MsgEN: "skipped: %s %q it depends on cannot be imported"},
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
