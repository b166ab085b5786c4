// Package samplegen generates org charts in the template format: the
// realistic sample company committed in samples/, and large synthetic orgs
// for benchmarks. Everything is deterministic for a given seed, so the same
// call always writes the same rows.
package samplegen

// companyTree is the sample company's department tree: ID, parent, Chinese
// name, English name. Depth reaches 6 (技术中心/研发一部/后端组/支付平台组/清结算小队/对账小分队).
var companyTree = [][4]string{
	{"CEO", "0", "总裁办", "CEO Office"},
	{"TECH", "0", "技术中心", "Technology Center"},
	{"TECH-RD1", "TECH", "研发一部", "R&D Dept 1"},
	{"TECH-RD1-FE", "TECH-RD1", "前端组", "Frontend"},
	{"TECH-RD1-FE-WEB", "TECH-RD1-FE", "Web 小组", "Web Team"},
	{"TECH-RD1-FE-APP", "TECH-RD1-FE", "移动端小组", "Mobile Team"},
	{"TECH-RD1-BE", "TECH-RD1", "后端组", "Backend"},
	{"TECH-RD1-BE-PAY", "TECH-RD1-BE", "支付平台组", "Payments Platform"},
	{"TECH-RD1-BE-PAY-SETTLE", "TECH-RD1-BE-PAY", "清结算小队", "Settlement Squad"},
	{"TECH-RD1-BE-PAY-SETTLE-REC", "TECH-RD1-BE-PAY-SETTLE", "对账小分队", "Reconciliation Unit"},
	{"TECH-RD1-BE-ACCT", "TECH-RD1-BE", "账户组", "Accounts"},
	{"TECH-RD2", "TECH", "研发二部", "R&D Dept 2"},
	{"TECH-RD2-SEARCH", "TECH-RD2", "搜索组", "Search"},
	{"TECH-RD2-REC", "TECH-RD2", "推荐组", "Recommendation"},
	{"TECH-RD2-REC-ALGO", "TECH-RD2-REC", "算法小组", "Algorithms"},
	{"TECH-QA", "TECH", "测试部", "Quality Assurance"},
	{"TECH-QA-AUTO", "TECH-QA", "自动化测试组", "Test Automation"},
	{"TECH-OPS", "TECH", "运维部", "Operations"},
	{"TECH-OPS-SRE", "TECH-OPS", "SRE 组", "SRE"},
	{"TECH-OPS-SEC", "TECH-OPS", "安全组", "Security"},
	{"TECH-DATA", "TECH", "数据平台部", "Data Platform"},
	{"TECH-DATA-BI", "TECH-DATA", "商业分析组", "Business Intelligence"},
	{"PROD", "0", "产品中心", "Product Center"},
	{"PROD-DESIGN", "PROD", "设计部", "Design"},
	{"PROD-DESIGN-UX", "PROD-DESIGN", "交互设计组", "UX"},
	{"PROD-DESIGN-VIS", "PROD-DESIGN", "视觉设计组", "Visual Design"},
	{"PROD-PM", "PROD", "产品管理部", "Product Management"},
	{"MKT", "0", "市场部", "Marketing"},
	{"MKT-BRAND", "MKT", "品牌组", "Brand"},
	{"MKT-GROWTH", "MKT", "增长组", "Growth"},
	{"SALES", "0", "销售中心", "Sales Center"},
	{"SALES-NORTH", "SALES", "华北大区", "North Region"},
	{"SALES-NORTH-BJ", "SALES-NORTH", "北京分部", "Beijing Branch"},
	{"SALES-EAST", "SALES", "华东大区", "East Region"},
	{"SALES-EAST-SH", "SALES-EAST", "上海分部", "Shanghai Branch"},
	{"SALES-EAST-HZ", "SALES-EAST", "杭州分部", "Hangzhou Branch"},
	{"SALES-SOUTH", "SALES", "华南大区", "South Region"},
	{"SALES-SOUTH-SZ", "SALES-SOUTH", "深圳分部", "Shenzhen Branch"},
	{"SALES-INTL", "SALES", "海外业务部", "International"},
	{"HR", "0", "人力资源部", "Human Resources"},
	{"HR-RECRUIT", "HR", "招聘组", "Recruiting"},
	{"HR-CB", "HR", "薪酬福利组", "Compensation & Benefits"},
	{"FIN", "0", "财务部", "Finance"},
	{"FIN-ACC", "FIN", "会计组", "Accounting"},
	{"LEGAL", "0", "法务部", "Legal"},
	{"ADMIN", "0", "行政部", "Administration"},
}

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然欣怡子涵梓轩雨彤思远嘉懿晨阳晓东志强海燕文博佳琪一鸣若曦天佑诗涵俊杰婉清")

var cities = []string{"北京", "上海", "深圳", "杭州", "成都", "广州"}

// jobTitles by the first segment of a department ID.
var jobTitles = map[string][]string{
	"CEO":   {"总裁", "总裁助理", "战略分析师"},
	"TECH":  {"软件工程师", "高级软件工程师", "测试工程师", "运维工程师", "数据工程师", "架构师"},
	"PROD":  {"产品经理", "交互设计师", "视觉设计师", "高级产品经理"},
	"MKT":   {"市场专员", "品牌经理", "增长运营"},
	"SALES": {"销售代表", "客户经理", "大客户经理", "销售助理"},
	"HR":    {"招聘专员", "HRBP", "薪酬专员"},
	"FIN":   {"会计", "出纳", "财务分析师"},
	"LEGAL": {"法务专员", "法务经理"},
	"ADMIN": {"行政专员", "前台"},
}
