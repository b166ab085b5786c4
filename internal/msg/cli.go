package msg

// Messages of the CLI itself (cmd/orgbatch, run): usage errors, refusals,
// notes. Chinese first; the same verbs in both.
const (
	// inputs and flags
	NoInputFiles ID = iota
	CannotOpen
	FileProblem
	FormatXLSXOrCSV
	FormatTextOrJSON
	FormatHTMLIsAudit
	AtLeastOne
	NotNegative
	OnlyWith
	BadCount
	MapFileUnreadable
	MapFileBad
	MapBad
	MapNoField
	UserIDTypeBad
	ResumeTwoDirs
	TZBad
	// outputs
	OutExists
	OutHoldsExport
	OutCSVNeedsFormat
	OutNotWorkbook
	OutNotHTML
	OutAppeared
	TemplateExists
	SinceNotExport
	WritingReport
	WritingPlan
	WritingExport
	WritingAudit
	WritingValidation
	OpeningJournal
	// target and credentials
	RateScalePositive
	SecretStdinCombined
	SandboxCombined
	NoCredentials
	CredentialsBad
	PlainHTTP
	SecretReadTerminal
	SecretReadStdin
	SecretStdinLong
	SecretStdinEmpty
	SeedBad
	SandboxDiscarded
	// the tenant and the run
	InterruptedReading
	InterruptedResume
	InterruptedBeforeWriting
	ReadingTenant
	RootUnknown
	LookupStopped
	ValidationErrors
	LeaversErrors
	NoLeaversFile
	RestoreNotRunDir
	RestoreOneDir
	RestoreNothing
	FromTenantNeeded
	FromTenantLeavers
	TemplateSchema
	PruneForce
	PruneOnly
	IDsOneFile
	IDsFileAndLists
	IDsNothing
	NotResumable
	OtherTenant
	OtherInput
	OtherOptions
	NoUnfinished
	// rehearsals
	RehearseValidation
	RehearseInterrupted
	RehearseFailed
	RehearseFound
	RehearsedResume
	RehearsedUnreadable
	RehearsedChanged
	// confirmations
	NothingWritten
	CountMismatch
	NotAsked
	NotConfirmed
	TypedOther
	NoAnswer
	// the sandbox server and benchmarks (developers')
	Fraction
	RateScaleFactor
	LatencyNegative
	TokenTTLShort
	RateWindows
	AddrBad
	BenchSizes
	BenchExited
	// a row's outcome (importer): report cells
	CreatedButPartly
	UpdatedButPartly
	MemberNotCreated
	MemberIDUnknown
	AlreadyMember
	MemberNotAnswered
	UnitNotBound
	ResumedNotCreated
	NeedsFailedStep
	NoUnits
	LeadersNotSet
	// the end of a run
	ConnectionLost
	RowsNotDone
	ContinueWith
	SeeReportForAll
	RunTotals
)

var catalogue = [...]Text{
	NoInputFiles:      {"没有输入文件：请给出工作簿或 CSV 文件（见 --help）", "no input files: give a workbook or CSV files (see --help)"},
	CannotOpen:        {"无法打开 %s", "cannot open %s"},
	FileProblem:       {"文件 %s", "file %s"},
	FormatXLSXOrCSV:   {"--format 只能是 xlsx 或 csv，而不是 %q", "--format must be xlsx or csv, not %q"},
	FormatTextOrJSON:  {"--format 只能是 text 或 json，而不是 %q", "--format must be text or json, not %q"},
	FormatHTMLIsAudit: {"--format html：带组织架构图和审计发现的 HTML 报告请用 orgbatch audit（见 orgbatch audit --help）", "--format html: the HTML report with the org chart and findings is `orgbatch audit` (see orgbatch audit --help)"},
	AtLeastOne:        {"%s 至少为 1", "%s must be at least 1"},
	NotNegative:       {"%s 不能为负数", "%s must not be negative"},
	OnlyWith:          {"%s 只能与 %s 一起使用", "%s only applies to %s"},
	BadCount:          {"%q：应为数量，例如 40", "%q: want the number of entities, e.g. 40"},
	MapFileUnreadable: {"--map-file 无法读取", "--map-file cannot be read"},
	MapFileBad:        {"--map-file %s：应为包含 header,field 两列的 CSV", "--map-file %s: want a CSV with the columns header,field"},
	MapBad:            {"--map %q：应写成 'HR表头=字段'", "--map %q: want 'HR header=field'"},
	MapNoField:        {"--map %s=%s：没有字段 %q（可用字段：%s）", "--map %s=%s: no field %q (fields: %s)"},
	UserIDTypeBad:     {"--user-id-type %q：应为 user_id、open_id 或 union_id", "--user-id-type %q: want user_id, open_id or union_id"},
	TZBad:             {"--tz 不是已知的时区（IANA 名称，例如 Asia/Shanghai）", "--tz is not a known time zone (an IANA name such as Asia/Shanghai)"},
	ResumeTwoDirs:     {"--resume：%s 和 %s 都是目录，请只给一个运行目录", "--resume: %s and %s are both directories; give one run folder"},

	OutExists:         {"--out %s 已存在：请换一个名称，或加 --force 覆盖", "--out %s already exists: give another name, or add --force to replace it"},
	OutHoldsExport:    {"--out %s 中已有导出文件（%s）：请换一个目录，或加 --force 覆盖这些文件", "--out %s already holds an export (%s): give another directory, or add --force to replace those files"},
	OutCSVNeedsFormat: {"--out %s：导出 CSV 文件请用 --format csv（--out 给一个目录）", "--out %s: for CSV files use --format csv (and a directory for --out)"},
	OutNotWorkbook:    {"--format csv 写入一个 CSV 文件目录；--out %s 看起来是工作簿", "--format csv writes a directory of CSV files; --out %s looks like a workbook"},
	OutNotHTML:        {"--out %s：审计报告是 .html 文件", "--out %s: the audit report is an .html file"},
	OutAppeared:       {"输出文件在写入期间被创建，未覆盖任何文件（加 --force 覆盖）", "the output file appeared while it was being written; nothing was replaced (add --force to replace it)"},
	TemplateExists:    {"%s 已存在（可能已经填写），未写入任何文件：请换一个 --out 目录，或用 --force 覆盖", "%s exists (perhaps filled in already); nothing was written: choose another --out, or replace it with --force"},
	SinceNotExport:    {"--since %s：目录中既没有 departments.csv 也没有 users.csv（导出的 CSV 文件）", "--since %s: the directory has neither departments.csv nor users.csv (an export's CSV files)"},
	WritingReport:     {"写入报告", "writing the report"},
	WritingPlan:       {"写入计划", "writing the plan"},
	WritingExport:     {"写入导出文件", "writing the export"},
	WritingAudit:      {"写入审计报告", "writing the audit report"},
	WritingValidation: {"写入校验报告", "writing the validation report"},
	OpeningJournal:    {"打开日志", "opening the journal"},

	RateScalePositive:   {"--rate-scale 必须为正数", "--rate-scale must be positive"},
	SecretStdinCombined: {"--app-secret-stdin 不能与 --app-secret 或 --sandbox 同时使用", "--app-secret-stdin cannot be combined with --app-secret or --sandbox"},
	SandboxCombined:     {"--sandbox 不能与 --base-url 或 --domain 同时使用", "--sandbox cannot be combined with --base-url or --domain"},
	NoCredentials:       {"没有凭证：请设置 FEISHU_APP_ID 和 FEISHU_APP_SECRET（或 --app-id/--config），或用 --sandbox 在本地沙箱演练", "no credentials: set FEISHU_APP_ID and FEISHU_APP_SECRET (or --app-id/--config), or rehearse with --sandbox"},
	CredentialsBad:      {"没有可用的凭证（也可以用 --sandbox 在本地沙箱演练）", "no usable credentials (or rehearse on a local sandbox with --sandbox)"},
	PlainHTTP: {"拒绝通过未加密的 http:// 连接非本机地址 %s：应用密钥和租户数据会以明文经过网络。请用 https://，或通过隧道连接远程沙箱（ssh -L 8080:127.0.0.1:8080 HOST，再用 --base-url http://127.0.0.1:8080）",
		"refusing plain http:// to %s: the app secret and the tenant's data would cross the network unencrypted. Use https://, or reach a remote sandbox through a tunnel (ssh -L 8080:127.0.0.1:8080 HOST, then --base-url http://127.0.0.1:8080)"},
	SecretReadTerminal: {"--app-secret-stdin：读取终端", "--app-secret-stdin: reading the terminal"},
	SecretReadStdin:    {"--app-secret-stdin：读取标准输入", "--app-secret-stdin: reading standard input"},
	SecretStdinLong:    {"--app-secret-stdin：标准输入的第一行超过 %d 字节；请在第一行只给出应用密钥", "--app-secret-stdin: the first line of standard input is longer than %d bytes; give the app secret alone on it"},
	SecretStdinEmpty:   {"--app-secret-stdin：标准输入中没有应用密钥；请用管道传入（orgbatch ... --app-secret-stdin < secret.txt）或在提示时输入", "--app-secret-stdin: standard input gave no secret; pipe it in (orgbatch ... --app-secret-stdin < secret.txt) or type it at the prompt"},
	SeedBad:            {"沙箱初始数据 %s：%s：%s", "seed %s: %s: %s"},
	SandboxDiscarded: {"本地沙箱的租户数据已丢弃（每次 --sandbox 都重新开始）；要保留，请加 --sandbox-state FILE（下次给同一个文件），或运行 orgbatch sandbox serve --state FILE 并用 --base-url 连接",
		"the local sandbox's tenant was discarded (each --sandbox run starts afresh); to keep it, add --sandbox-state FILE (and give the same file next time), or run orgbatch sandbox serve --state FILE and connect with --base-url"},

	InterruptedReading:       {"读取租户时被中断，未写入任何内容", "interrupted while reading the tenant; nothing was written"},
	InterruptedResume:        {"已中断，继续请运行：%s", "interrupted; continue with: %s"},
	InterruptedBeforeWriting: {"写入前被中断，未写入任何内容", "interrupted before writing; nothing was written"},
	ReadingTenant:            {"读取租户失败，未写入任何内容", "reading the tenant failed; nothing was written"},
	RootUnknown:              {"--root %s：没有这个部门（请给出它的自定义部门ID department_id）", "--root %s: no such department (give its custom department_id)"},
	LookupStopped:            {"查询已停止，已查到的行都已保存：继续请运行 %s", "the lookup stopped; the rows answered so far are kept: continue with %s"},
	ValidationErrors:         {"表格有校验错误：请修正（见 orgbatch validate），或用 --skip-invalid 只导入有效的行", "the sheets have validation errors: fix them (see `orgbatch validate`), or import the valid rows with --skip-invalid"},
	LeaversErrors:            {"离职表有错误：请修正（预演会列出），或用 --skip-invalid 只处理有效的行", "the leavers sheet has errors: fix them (the dry run lists them), or carry out the valid rows with --skip-invalid"},
	NoLeaversFile:            {"没有离职表：请给出离职表（orgbatch template --leavers 可生成）", "no leavers file: give a leavers sheet (orgbatch template --leavers writes one)"},
	RestoreNotRunDir:         {"%s 既不是离职运行目录（没有 %s），也不是恢复运行目录", "%s is neither an offboarding run directory (it has no %s) nor a restore run directory"},
	RestoreOneDir:            {"请只给一个离职运行目录，而不是 %d 个", "give one offboarding run directory, not %d"},
	RestoreNothing:           {"没有要恢复的内容：请给出离职运行目录（reports/offboard-…）或人员名单", "nothing to restore: give an offboarding run directory (reports/offboard-…) or a list of people"},
	FromTenantNeeded:         {"--sandbox、--base-url 和 --domain 需要与 --from-tenant 一起使用", "--sandbox, --base-url and --domain need --from-tenant"},
	FromTenantLeavers:        {"--from-tenant 生成导入模板；离职模板没有随租户变化的列", "--from-tenant makes the import templates; the leavers template has no tenant-specific columns"},
	TemplateSchema:           {"读取租户的人员类型、职级等失败，未写入任何内容", "reading the tenant's schema failed; nothing was written"},
	PruneForce:               {"--force 不再能绕过删除保护：请用 --delete-count N 和 --delete-department-count N 说明要删除的数量", "--force no longer overrides the deletion guard: state the numbers being deleted with --delete-count N and --delete-department-count N"},
	PruneOnly:                {"--yes、--delete-count 和 --delete-department-count 只能与 --prune 一起使用", "--yes, --delete-count and --delete-department-count only apply to --prune"},
	IDsOneFile:               {"ids 只接受一个输入文件", "ids takes one input file"},
	IDsFileAndLists:          {"请给出文件或 --email/--mobile 列表，不要同时给", "give a file or --email/--mobile lists, not both"},
	IDsNothing:               {"没有要查询的内容：请给出带邮箱或手机号列的文件，或 --email/--mobile", "nothing to look up: give a file with an email or mobile column, or --email/--mobile"},
	NotResumable:             {"%s 不是未完成的 %s 运行目录", "%s is not an unfinished %s run directory"},
	OtherTenant:              {"%s 是针对 %s 的运行，不是 %s：请对同一租户继续", "%s is a run against %s, not %s: resume it against the same tenant"},
	OtherInput:               {"%s 运行时的输入与现在的 %s 不同（内容已改变），或选项不同：请开始新的运行，而不是继续", "%s was run on another input than %s now is (its content changed), or with other options: start a new run instead of resuming"},
	OtherOptions:             {"%s 启动时的选项是 %s，继续时却是 %s：继续运行须使用相同的选项（或开始新的运行）", "%s was started with the options %s, and is resumed with %s: resume it with the same options (or start a new run)"},
	NoUnfinished:             {"%[3]s 中没有 %[2]s 的未完成 %[1]s 运行", "no unfinished %s of %s in %s"},

	RehearseValidation:  {"表格有校验错误：请修正（见 orgbatch validate），或用 --skip-invalid 只演练有效的行", "the sheets have validation errors: fix them (see `orgbatch validate`), or rehearse the valid rows with --skip-invalid"},
	RehearseInterrupted: {"已中断，租户只被读取", "interrupted; the tenant was only read"},
	RehearseFailed:      {"演练失败", "the rehearsal failed"},
	RehearseFound:       {"演练发现问题：拒绝 %d 行，%d 行仍有差异：见 %s", "the rehearsal refused %d rows and %d still differ: see %s"},
	RehearsedResume:     {"--rehearsed 不能与 --resume 同时使用：被中断的运行在开始时已检查过；继续时不要加 --rehearsed", "--rehearsed cannot be combined with --resume: the interrupted run was checked when it started; resume it without --rehearsed"},
	RehearsedUnreadable: {"--rehearsed 无法读取", "--rehearsed cannot be read"},
	RehearsedChanged:    {"%s 在导入期间被改动；未写入任何内容", "%s changed during the import; nothing was written"},

	NothingWritten: {"%s；未写入任何内容", "%s; nothing was written"},
	CountMismatch:  {"%s %d 与计划不符：%d %s", "%s %d does not match the plan: %d %s"},
	NotAsked:       {"没有询问：标准输入或标准错误不是终端；要继续，请加上 %s 再运行", "not asked: stdin or stderr is not a terminal; to go ahead, run again with %s"},
	NotConfirmed:   {"未确认", "not confirmed"},
	TypedOther:     {"输入的是 %q，而不是 %d", "you typed %q, not %d"},
	NoAnswer:       {"没有回答", "no answer"},

	Fraction:        {"%s %v：应为 0 到 1 之间的比例", "%s %v: want a fraction between 0 and 1"},
	RateScaleFactor: {"--rate-scale %v：应为正数（或用 --no-rate-limit）", "--rate-scale %v: want a positive factor (or --no-rate-limit)"},
	LatencyNegative: {"--latency 和 --jitter 不能为负数", "--latency and --jitter must not be negative"},
	TokenTTLShort:   {"--token-ttl %v：至少为 1s", "--token-ttl %v: want at least 1s"},
	RateWindows:     {"--rate-windows 无效", "--rate-windows is invalid"},
	AddrBad:         {"--addr %q 无效", "--addr %q is invalid"},
	BenchSizes:      {"参数超出范围：%s", "out of range: %s"},
	BenchExited:     {"orgbatch %s 以状态 %d 退出", "orgbatch %s exited with status %d"},

	CreatedButPartly:  {"已创建，但城市或职务未能设置", "created, but the city or job title was not set"},
	UpdatedButPartly:  {"已更新，但城市或职务未能设置", "updated, but the city or job title was not set"},
	MemberNotCreated:  {"成员未能创建", "the user was not created"},
	MemberIDUnknown:   {"未能得到新建成员的用户ID", "the created user's user_id is unknown"},
	AlreadyMember:     {"已是成员", "already a member"},
	MemberNotAnswered: {"返回结果中没有此成员", "not in the answer"},
	UnitNotBound:      {"未绑定单位：单位未能导入", "not bound to its unit, which could not be imported"},
	ResumedNotCreated: {"本目录中被中断的导入曾为此行发送创建请求，但飞书中现有的不是所发送的内容，不计为新建", "an interrupted run of this folder sent a create for this row, but what Feishu has now is not what it sent: not counted as created"},
	NeedsFailedStep:   {"%s 依赖 %s 所创建的内容，但它未成功", "%s needs what %s creates, which did not succeed"},
	NoUnits:           {"未发送：租户没有单位功能（43050）", "not sent: the tenant has no units (43050)"},
	LeadersNotSet:     {"未设置负责人、HRBP或上级：%s（其所在行未能导入）", "leader, HRBP or dotted-line leader not set: %s (their rows were not imported)"},

	ConnectionLost:  {"与飞书的网络连接中断", "the connection to Feishu was lost"},
	RowsNotDone:     {"%d 行尚未完成，不是错误，无需修改", "%d rows not done yet: not errors, nothing to fix"},
	ContinueWith:    {"继续请运行", "to continue, run"},
	SeeReportForAll: {"全部 %d 行见报告", "see the report for all %d"},
	RunTotals:       {"用时 %.1fs，%d 次 API 调用，%d 次重试，%d 次限流", "%.1fs, %d API calls, %d retries, %d rate-limited"},
}
