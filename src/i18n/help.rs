//! Help: what `--help` and the manual pages say of each command and argument. The command
//! definitions (`src/cli`) carry the English; here each English text stands beside its Chinese,
//! with the words clap and the manual pages add around them.

use super::{Lang, Messages};
use crate::contract::Level;

/// What the command definitions (`src/cli`) say in English, and the same in Chinese: (Chinese,
/// English).
const TEXTS: &[(&str, &str)] = &[
    (
        "显示帮助（用 --help 查看更多）",
        "Print help (see more with '--help')",
    ),
    (
        "显示帮助（用 -h 查看摘要）",
        "Print help (see a summary with '-h')",
    ),
    ("显示版本", "Print version"),
    (
        "每个现场设置一次（见 README 的 \"Working as a team\"）：",
        "Set up once per site (see README, \"Working as a team\"):",
    ),
    (
        "显示本帮助，或所给子命令的帮助",
        "Print this message or the help of the given subcommand(s)",
    ),
    (
        "与客户约定的较晚到场时间",
        "A later arrival time agreed with the customer",
    ),
    (
        "与客户约定的较晚到场时间；可事后补记，即使已到场，用 --at 写明约定的时间",
        "A later arrival time agreed with the customer; recorded late, even after the arrival, with --at when it was agreed",
    ),
    ("现场发现的平台风险", "A platform risk seen on site"),
    (
        "确认 otss sync 收到的合同日历或 SLA 变更",
        "Acknowledge the changes to the contract's calendar or SLA that otss sync received",
    ),
    ("在时间线上添加备注", "Add a note to the timeline"),
    (
        "添加官方节假日安排：{\"year\":…,\"days\":[{\"name\",\"date\",\"isOffDay\"}]}",
        "Add an official holiday schedule: {\"year\":…,\"days\":[{\"name\",\"date\",\"isOffDay\"}]}",
    ),
    ("工程师到达现场", "An engineer arrives on site"),
    (
        "给客户的优化建议",
        "An optimisation suggestion for the customer",
    ),
    (
        "备份检查与本月要求",
        "Backup checks and the month's requirement",
    ),
    (
        "调整级别；时限按最初报告时间重新计算",
        "Change the level; the deadlines are recomputed from the original report",
    ),
    ("检查或查看合同", "Check or show the contract"),
    (
        "检查台账的每个文件是否完好：完好退出码 0，否则为 1 并列出每个问题及修复办法",
        "Check that every ledger file is intact: exit 0, or 1 and each problem with its fix",
    ),
    (
        "检查合同：有效时退出码 0，否则为 1 并逐行列出每个问题",
        "Check the contract: exit 0 when valid, else 1 listing every problem with its line",
    ),
    (
        "现场所在城市，中英文均可；决定优先到场时限",
        "City of the site, English or Chinese; decides the priority arrival time",
    ),
    ("关闭已解决的故障", "Close a resolved incident"),
    (
        "调休天数：已得、已休、剩余",
        "Comp days earned, taken and left",
    ),
    (
        "所休调休天数：自 DATE 起连续的工作日",
        "Comp days taken: working days in a row from DATE",
    ),
    (
        "更正标题或解决说明；以最后一次更正为准",
        "Correct the title or the texts of the resolution; the latest correction wins",
    ),
    (
        "每类每天的巡检覆盖：已做、漏做、无需",
        "Coverage per kind per day: done, missed, not required",
    ),
    (
        "客户需求：服务范围内或范围外",
        "Customer requests, in or out of the scope of service",
    ),
    (
        "自行判定范围：`in`，或 `out:CATEGORY`（服务以外的其他事项用 `out:other`，并给出 --reason）",
        "Decide the scope yourself: `in`, or `out:CATEGORY` (`out:other` for anything else outside the service, with --reason)",
    ),
    (
        "本合同的工程师人数 ［默认：1］",
        "Engineers on this contract [default: 1]",
    ),
    (
        "每项都正常（或用 --item 未给出的每项）",
        "Every item is ok (or every item not given with --item)",
    ),
    (
        "服务期内的每份报告：何时到期，已交付还是逾期",
        "Every report of the term: when it is due, and whether it was issued or is late",
    ),
    (
        "报告的写法 ［默认：按 --out 文件的扩展名，否则为表格］",
        "How to write the report [default: from the --out file's extension, else table]",
    ),
    (
        "报告的写法 ［默认：按 --out 文件的扩展名，否则为 md］",
        "How to write the report [default: from the --out file's extension, else md]",
    ),
    (
        "现场的 IANA 时区 ［默认：Asia/Shanghai］",
        "IANA time zone of the site [default: Asia/Shanghai]",
    ),
    ("故障级别，1 最严重", "Incident level, 1 the most severe"),
    (
        "故障级别，1 最严重 ［在终端上会询问］",
        "Incident level, 1 the most severe [asked for at a terminal]",
    ),
    (
        "巡检：今天应做什么、记录巡检、覆盖情况",
        "Inspection rounds: what is due today, record them, coverage",
    ),
    ("失败：出了什么问题", "It failed: what went wrong"),
    ("已运行且可恢复", "It ran and restores"),
    (
        "输出给人看的语言 ［默认：OTSS_LANG，否则为合同的 `language`］",
        "Language of human output [default: OTSS_LANG, else the contract's `language`]",
    ),
    (
        "消息与报告的语言 ［默认：zh］",
        "Language of messages and reports [default: zh]",
    ),
    (
        "放行收到的那个改动或删除台账已有行的提交，并记录是谁放行的（仅当确实需要这次改写时）",
        "Let in the received commit that changes or removes lines already in the ledger, and record who accepted it (only when that rewrite is wanted)",
    ),
    (
        "列出故障，最近的时限在前",
        "List incidents, nearest deadline first",
    ),
    (
        "手册页（roff）：otss(1) 输出到标准输出，或把每一页写入一个目录",
        "Manual pages, as roff: otss(1) on standard output, or every page into a directory",
    ),
    (
        "把同一故障重复登记的故障合并到保留的那个",
        "Merge an incident opened twice for one fault into the one kept",
    ),
    ("更多细节", "More detail"),
    (
        "从不询问：一切来自参数（与没有终端时一样）",
        "Never prompt: everything comes from the flags (as when there is no terminal)",
    ),
    (
        "某一位工程师 ［默认：所有人］",
        "One engineer [default: everyone]",
    ),
    ("只列仍未关闭的故障", "Only incidents still open"),
    ("只列仍未处理的风险", "Only risks still open"),
    ("只做这一类巡检", "Only this kind of round"),
    (
        "即使已有标题相近的未关闭故障也登记（在终端上会询问）",
        "Open it even if an open incident has a title like it (asked at a terminal)",
    ),
    (
        "由巡检风险（`otss risk list`）登记故障，并把二者关联",
        "Open it from an inspection risk (`otss risk list`), and link them",
    ),
    ("加班与调休", "Overtime and comp leave"),
    (
        "写入月报的平台风险与优化建议",
        "Platform risks and optimisation suggestions for the month's report",
    ),
    ("输出 JSON", "Print JSON"),
    (
        "输出 JSON（同 --format json）",
        "Print JSON (the same as --format json)",
    ),
    (
        "输出 JSON：期间、交付时间与台账指纹",
        "Print JSON: the period, when it was issued, and the ledger's fingerprint",
    ),
    ("以 JSON 输出作废记录", "Print the void as JSON"),
    ("安排工程师某天值班", "Put an engineer on duty for a day"),
    (
        "记录一次咨询：问了什么、答了什么",
        "Record a consultation: what was asked and answered",
    ),
    (
        "记录客户需求；按其用词判定是否在服务范围内",
        "Record a customer request; it is classified in or out of scope by its words",
    ),
    (
        "记录一天加班；按当天的类型折算调休天数",
        "Record a day worked; it earns comp days by the kind of day",
    ),
    (
        "登记新故障并开始计时",
        "Record a new incident and start its clocks",
    ),
    (
        "记录所休调休，从届时已得的调休中扣除",
        "Record comp leave taken, out of comp days earned by then",
    ),
    (
        "即使该故障已有这条备注也记录（在终端上会询问）",
        "Record it even if the incident has this note already (asked at a terminal)",
    ),
    (
        "即使该报告已交付过也记录（在终端上会询问）",
        "Record it even if the report was issued already (asked at a terminal)",
    ),
    (
        "即使 10 分钟内已记过同样的备注也记录（在终端上会询问）",
        "Record it even if the same note was made within 10 minutes (asked at a terminal)",
    ),
    (
        "即使 10 分钟内已添加过同样的需求也记录（在终端上会询问）",
        "Record it even if the same request was added within 10 minutes (asked at a terminal)",
    ),
    (
        "即使 10 分钟内已记过同样的内容也记录（在终端上会询问）",
        "Record it even if the same text was logged within 10 minutes (asked at a terminal)",
    ),
    (
        "记录一项备份作业已检查：已运行且可恢复，或失败",
        "Record that a backup job was checked: it ran and restores, or it failed",
    ),
    (
        "记录故障已解决；对已解决的故障再次执行可更正其说明",
        "Record that the incident is resolved; again on a resolved one, correct its texts",
    ),
    (
        "记录某期报告已交付客户",
        "Record that the report of a period was delivered to the customer",
    ),
    (
        "记录故障的首次响应",
        "Record the first response to an incident",
    ),
    (
        "重新打开已解决或已关闭的故障",
        "Reopen a resolved or closed incident",
    ),
    (
        "登记故障并按 SLA 跟踪",
        "Report incidents and track them against the SLA",
    ),
    (
        "需求列表总是带编号；与其他列表一样接受此参数",
        "Requests are listed with their ids always; taken as by every list",
    ),
    ("巡检发现的风险", "Risks found by inspections"),
    (
        "巡检发现的风险：在据此登记故障或后续巡检该项正常之前保持未处理",
        "Risks found by inspections: open until an incident is opened from them or a later round finds the item ok",
    ),
    (
        "某级故障在某一时刻报告时的 SLA 时限",
        "SLA deadlines for an incident level at an instant",
    ),
    (
        "服务报告：月报或年度总结、哪些到期、已交付",
        "Service reports (服务报告): a month or the annual summary, what is due, delivered",
    ),
    (
        "与团队共享台账：提交我的记录、取回团队的、推送（git）",
        "Share the ledger with the team: commit my records, take the team's, push (git)",
    ),
    (
        "bash、zsh、fish 或 PowerShell 的补全脚本，输出到标准输出",
        "Shell completions for bash, zsh, fish or PowerShell, on standard output",
    ),
    (
        "查看故障：计时与时间线",
        "Show an incident: its clocks and timeline",
    ),
    (
        "显示每条记录的短编号，供 `otss void` 使用",
        "Show each record's short id, to name it in `otss void`",
    ),
    (
        "查看生效的合同，所有默认值均已填入",
        "Show the effective contract with every default filled in",
    ),
    ("技术支持咨询", "Technical-support consultations"),
    ("备份作业", "The backup job"),
    ("查明的原因", "The cause found"),
    ("某一期间的咨询", "The consultations of a period"),
    (
        "客户要求工程师到场",
        "The customer asks for an engineer on site",
    ),
    (
        "报告时客户即要求工程师到场",
        "The customer asks for an engineer on site with the report",
    ),
    (
        "客户名称，与服务报告上一致",
        "The customer, as named on service reports",
    ),
    (
        "某一期间记录的加班与调休",
        "The days worked and the comp leave recorded in a period",
    ),
    (
        "重复的那个：编号或其任一唯一前缀",
        "The duplicate: its id, or any unique prefix of it",
    ),
    (
        "已交付报告上印的指纹（8 组、每组 4 个十六进制数字）",
        "The fingerprint an issued report printed (8 groups of 4 hex digits)",
    ),
    ("采取的修复", "The fix applied"),
    ("节假日值班表", "The holiday on-call roster"),
    (
        "故障编号，或其任一唯一前缀",
        "The incident id, or any unique prefix of it",
    ),
    (
        "保留的那个：编号或其任一唯一前缀",
        "The incident kept: its id, or any unique prefix of it",
    ),
    (
        "台账目录 ［默认：合同旁的 `ledger`］",
        "The ledger directory [default: the contract's `ledger`, beside the contract]",
    ),
    (
        "月份（YYYY-MM）或年份（YYYY）；服务期最后一个月即年度总结",
        "The month (YYYY-MM) or the year (YYYY); the term's last month is the annual summary",
    ),
    (
        "月份（YYYY-MM），年度总结则为年份（YYYY）",
        "The month (YYYY-MM), or the year (YYYY) for the annual summary",
    ),
    (
        "本月要求与已做的检查",
        "The month's requirement and the checks done",
    ),
    (
        "国家工作日历：某天、某月，或导入官方安排",
        "The national working calendar: a date, a month, or import an official schedule",
    ),
    ("新的级别，1 最严重", "The new level, 1 the most severe"),
    ("备注", "The note"),
    ("某一期间的备注", "The notes of a period"),
    (
        "驻场技术支持工程师的工具：合同规则、按国家工作日历计算的 SLA 时限，以及服务记录",
        "The on-site support engineer's tool: contract rules, SLA deadlines on China's national working calendar, and the service record",
    ),
    (
        "某个命令（`incident`、`incident open`…）的手册页，而不是 otss(1)",
        "The page of one command (`incident`, `incident open`, …) instead of otss(1)",
    ),
    ("涉及的产品", "The product concerned"),
    (
        "记录编号：列表 --ids 列的短编号、其任一唯一开头，或 --json 中的完整编号",
        "The record's id: its short id from a list's --ids column, any unique start of it, or the whole id from --json",
    ),
    (
        "故障恢复报告",
        "The recovery report (故障恢复报告) of an incident",
    ),
    ("某一期间的需求", "The requests of a period"),
    ("某月的值班表", "The roster of a month"),
    ("节假日安排文件（JSON）", "The schedule file (JSON)"),
    ("服务模式", "The service mode"),
    ("要补全的 shell", "The shell to complete for"),
    (
        "交班视图：未关闭的故障、应做的巡检、备份、谁在值班",
        "The start-of-shift view: open incidents, inspections due, backups, who is on duty",
    ),
    (
        "不询问直接撤销（没有终端时必须给出）",
        "Undo without asking (needed without a terminal)",
    ),
    ("出了什么问题，一行", "What is wrong, in a line"),
    (
        "出了什么问题，一行 ［与 --from-risk 一起时默认：巡检发现］",
        "What is wrong, in a line [default with --from-risk: the finding]",
    ),
    ("咨询的内容", "What it was about"),
    ("客户要求什么", "What the customer asks for"),
    ("故障影响了什么", "What the incident affected"),
    ("做了什么，一句话", "What was done, in a sentence"),
    ("发生时间 ［默认：现在］", "When it happened [default: now]"),
    (
        "提出时间 ［默认：现在］",
        "When it was asked [default: now]",
    ),
    (
        "检查时间 ［默认：现在］",
        "When it was checked [default: now]",
    ),
    (
        "交付时间 ［默认：现在］",
        "When it was delivered [default: now]",
    ),
    (
        "记录时间 ［默认：现在］",
        "When it was noted [default: now]",
    ),
    (
        "客户要求工程师到场的时间 ［默认：报告时］",
        "When the customer asks for an engineer on site [default: at the report]",
    ),
    (
        "巡检完成时间 ［默认：现在］",
        "When the round was done [default: now]",
    ),
    ("何时给输出着色", "When to colour the output"),
    (
        "otss 在哪里找合同、把文件放在哪里",
        "Where otss looks for the contract and keeps its files",
    ),
    (
        "台账是否仍完整保留已交付报告指纹所涵盖的历史",
        "Whether the ledger still holds exactly the history of an issued report's fingerprint",
    ),
    ("谁值班", "Who is on duty"),
    (
        "谁可以记录（各自设置的 OTSS_ENGINEER），用逗号分隔 ［默认：任何人］",
        "Who may record, as each sets OTSS_ENGINEER, separated by commas [default: anyone]",
    ),
    (
        "服务提供方，在报告上与客户并列",
        "Who provides the service, named beside the customer on reports",
    ),
    ("谁休 ［默认：你］", "Who took it [default: you]"),
    ("谁加班 ［默认：你］", "Who worked [default: you]"),
    (
        "作废原因；显示在报告的更正中",
        "Why it is withdrawn; shown in the report's corrections",
    ),
    (
        "你判定范围的理由；`--scope out:other` 时必填",
        "Why you decided the scope; required with `--scope out:other`",
    ),
    (
        "作废一条记录（任何工程师的均可），须给出原因：它不再计入任何统计，但保留在台账中",
        "Withdraw a record, any engineer's, with a reason: it counts nowhere and stays in the ledger",
    ),
    (
        "撤销你写的最后一条记录（再次执行可继续往前）",
        "Withdraw the last record you wrote (again to go further back)",
    ),
    (
        "写一份新合同：在终端上询问，或取自参数",
        "Write a new contract: asks at a terminal, or takes flags",
    ),
    (
        "把每一页（otss.1 及每个命令一页）写入此目录",
        "Write every page (otss.1 and one per command) into this directory",
    ),
    (
        "把报告写入此文件，而不是标准输出",
        "Write the report to this file instead of standard output",
    ),
    ("YYYY-MM ［默认：本月］", "YYYY-MM [default: this month]"),
    (
        "YYYY-MM、YYYY 或 YYYY-MM-DD ［默认：本月］",
        "YYYY-MM, YYYY or YYYY-MM-DD [default: this month]",
    ),
    (
        "即使写入文件或管道也着色",
        "Colour even when writing to a file or a pipe",
    ),
    (
        "标准输出是终端且未设置 `NO_COLOR` 时着色",
        "Colour when standard output is a terminal and `NO_COLOR` is not set",
    ),
    (
        "一个自包含的 HTML 页面，可打印为 A4",
        "One self-contained HTML page that prints to A4",
    ),
    ("JSON，供脚本使用", "JSON, for scripts"),
    (
        "Markdown，可粘贴到文档中",
        "Markdown, to paste into a document",
    ),
    ("不着色", "No colour"),
    ("终端中的表格", "Tables for the terminal"),
    (
        "某一天（YYYY-MM-DD、`today`、3/2 …）、某月（YYYY-MM）或某年（YYYY）［默认：本月］",
        "A day (YYYY-MM-DD, today, 3/2 …), a month (YYYY-MM) or a year (YYYY) [default: this month]",
    ),
    (
        "列出各现场目录的文件，每行一个，相对于该文件",
        "A file listing the site directories, one a line, relative to the file",
    ),
    ("新增一条告警策略", "A new alert policy"),
    ("修改告警策略的规则", "A new rule for an alert policy"),
    (
        "一项结果：\"NAME=ok\"、\"NAME=abnormal:NOTE\" 或读数 \"NAME=VALUE[UNIT]\"，NAME 为检查项名称、序号或名称开头；每项重复一次",
        "A result: \"NAME=ok\", \"NAME=abnormal:NOTE\" or a reading \"NAME=VALUE[UNIT]\", NAME the item's name, its number or the start of its name; repeat for each item",
    ),
    (
        "逐条分析的告警，以及告警策略的变更",
        "Alerts analysed one by one, and the changes of alert policies",
    ),
    (
        "同时列出最相似的以往故障及其修复方法",
        "Also the earlier incidents most like it, each with its fix",
    ),
    (
        "Apache Parquet，供 DuckDB、Spark、pandas 等使用",
        "Apache Parquet, for DuckDB, Spark, pandas and the like",
    ),
    ("带表头行的 CSV", "CSV with a header line"),
    (
        "关闭客户已接受答复的需求",
        "Close a request whose answer the customer accepted",
    ),
    ("拒绝一项需求，并说明原因", "Decline a request, saying why"),
    (
        "服务期第一天：YYYY-MM-DD、`today`、3/2 …",
        "First day of the term: YYYY-MM-DD, today, 3/2 …",
    ),
    (
        "自该日、该月或该年起（YYYY-MM-DD、YYYY-MM、YYYY）",
        "From this day, month or year on (YYYY-MM-DD, YYYY-MM, YYYY)",
    ),
    (
        "工作小时数：6、1.5、4h、7h30m",
        "Hours worked: 6, 1.5, 4h, 7h30m",
    ),
    ("最多显示多少条结果", "How many hits at most"),
    (
        "汇总的输出格式 ［默认：按 --out 文件的扩展名，否则为表格］",
        "How to write the portfolio [default: from the --out file's extension, else table]",
    ),
    ("JSON 行：每行一个对象", "JSON lines: an object per row"),
    (
        "服务期最后一天：YYYY-MM-DD、12/31 …",
        "Last day of the term: YYYY-MM-DD, 12/31 …",
    ),
    (
        "多个现场同一期间的报告并列，问题多的现场在前，附合计",
        "Many sites' reports of one period side by side, troubled sites first, with totals",
    ),
    ("只看该级别的故障", "Only incidents of this level"),
    (
        "只看该类记录（多个时重复或用逗号分隔）",
        "Only records of this kind (again, or comma-separated, for several)",
    ),
    ("只看该工程师记录的内容", "Only what this engineer recorded"),
    (
        "将需求转交能够答复的人",
        "Pass a request on to whoever can answer it",
    ),
    (
        "记录一条已分析的告警及其结论",
        "Record an alert analysed, with what it turned out to be",
    ),
    (
        "记录新增或修改的告警策略",
        "Record an alert policy added or changed",
    ),
    (
        "记录给客户的答复（一句话）",
        "Record the answer given to the customer, in a sentence",
    ),
    (
        "（第一天）调休日：YYYY-MM-DD、`today`、3/2、`monday` …",
        "The (first) day off: YYYY-MM-DD, today, 3/2, monday …",
    ),
    ("触发它的告警策略", "The alert policy that raised it"),
    ("某期间的告警", "The alerts of a period"),
    ("答复内容", "The answer"),
    ("检查项", "The checklist item"),
    (
        "合同文件 ［默认：当前目录或其上级目录中的 otss.toml，其次为用户配置目录］",
        "The contract file [default: otss.toml here or above, then the user config directory]",
    ),
    (
        "加班日期：YYYY-MM-DD、`today`、`yesterday`、3/2、`monday` …",
        "The day worked: YYYY-MM-DD, today, yesterday, 3/2, monday …",
    ),
    (
        "日期：YYYY-MM-DD、`today`、10/1、`friday` …",
        "The day: YYYY-MM-DD, today, 10/1, friday …",
    ),
    (
        "日期：`today`、`yesterday`、YYYY-MM-DD、3/2、`monday` …",
        "The day: today, yesterday, YYYY-MM-DD, 3/2, monday …",
    ),
    (
        "写入的目录，每张表一个文件（不存在则创建）",
        "The directory to write one file per table into (made if missing)",
    ),
    (
        "服务报告所统计的事实，每张表一个文件，供分析引擎使用",
        "The facts the service reports count, one file per table, for analytics engines",
    ),
    ("文件格式", "The files' format"),
    (
        "读取的第一天，YYYY-MM-DD ［默认：180 天前］",
        "The first day read, YYYY-MM-DD [default: 180 days ago]",
    ),
    (
        "它转成的故障（--class incident 时在终端上询问）",
        "The incident it became (asked at a terminal for --class incident)",
    ),
    (
        "某期间的巡检报告：巡检轮次、结果、读数、发现与趋势",
        "The inspection report of a period: rounds, results, readings, findings, trends",
    ),
    (
        "知识库：检索所有故障、咨询、需求、风险与巡检发现",
        "The knowledge base: search every incident, consultation, request, risk and finding",
    ),
    (
        "月份（YYYY-MM）或年份（YYYY）［默认：服务期内已开始的每个月］",
        "The month (YYYY-MM) or the year (YYYY) [default: every month of the term begun]",
    ),
    (
        "月份（YYYY-MM）或年份（YYYY），与各现场报告的期间写法相同",
        "The month (YYYY-MM) or the year (YYYY), as each site's report takes it",
    ),
    (
        "现场技术支持工程师的工具：合同规则、按中国法定工作日历计算的 SLA 时限，以及服务记录。\n\n时间（--at、--onsite-at、--agreed），按合同所在时区的钟点：\n  现在 · 14:58（今天）· 今天 10:30 · 昨天 14:00 · `today 10:30` · `yesterday 14:00`\n  3/2 10:30 · 3-2（今年；尚未到来则拒绝）· 周一 09:00\n  -30m · 2h前 · 30分钟前 · 2025-03-02 10:30[:00] · RFC 3339（`2h ago` 亦可）\n  只写日期时，取当前的钟点。\n  --agreed 与 `otss sla` 可取以后的时间：明天 10:00 · `tomorrow 10:00` · 3/6 10:00（今年）\n日期（DAY，以及表示某天的 PERIOD）：2025-03-02 · 今天 · 昨天 · 明天 · `today` · `yesterday`\n  · `tomorrow` · 3/2 · 3-2 · 星期几（周一、星期一、`monday`、`mon`：最近的一个，含今天；\n  `duty set` 与 `overtime take` 取下一个）\n时长（--minutes、--hours）：按该选项单位的数字（90、1.5），或 1h30m、1.5h、45m",
        "The on-site support engineer's tool: contract rules, SLA deadlines on China's national working calendar, and the service record.\n\nTimes (--at, --onsite-at, --agreed), on the contract's wall clock:\n  now · 14:58 (today) · today 10:30 · yesterday 14:00 · 今天 10:30 · 昨天 14:00\n  3/2 10:30 · 3-2 (this year; refused if still to come) · monday 09:00\n  -30m · 2h ago · 1.5h ago · 30分钟前 · 2025-03-02 10:30[:00] · RFC 3339\n  A day without a time of day is at the time of day it is now.\n  --agreed and `otss sla` look ahead: tomorrow 10:00 · 明天 10:00 · 3/6 10:00 (this year)\nDays (DAY, and PERIOD when it is a day): 2025-03-02 · today · yesterday · tomorrow · 今天 · 昨天\n  · 3/2 · 3-2 · a weekday (monday, mon, 周一, 星期一: the latest one, today included; the next\n  one for `duty set` and `overtime take`)\nDurations (--minutes, --hours): a number in the option's unit (90, 1.5), or 1h30m, 1.5h, 45m",
    ),
    ("策略名称", "The policy's name"),
    (
        "某检查项读数随时间的变化，以及何时到达阈值",
        "The readings of an item over time, and when they reach a threshold",
    ),
    (
        "需求的编号，或其任意唯一开头（`otss request list` 可查看）",
        "The request's id, or any unique start of it (`otss request list` shows them)",
    ),
    (
        "用文字描述规则：对哪个指标、超过什么阈值时告警",
        "The rule in words: what fires, on which figure, past which threshold",
    ),
    (
        "各现场目录，每个目录含 otss.toml 及其台账",
        "The site directories, each holding otss.toml and its ledger",
    ),
    (
        "要查找的词，中文、英文或两者皆可",
        "The words to look for, in Chinese, English or both",
    ),
    (
        "耗时：分钟数（90）或时长（1h30m、1.5h），最多 24h",
        "Time spent: minutes (90) or a duration (1h30m, 1.5h), at most 24h",
    ),
    (
        "转交给谁：团队、产品线或个人",
        "To whom: a team, a product line, a person",
    ),
    (
        "截至该日、该月或该年（含）",
        "Up to this day, month or year, included",
    ),
    (
        "分析结论：`noise`、`known`、`new` 或 `incident` ［默认：`new`；带 --incident 时为 `incident`］",
        "What it turned out to be: noise, known, new or incident [default: new, or incident with --incident]",
    ),
    (
        "告警来源：监控系统或产品告警",
        "What raised it: a monitoring system, a product's alarm",
    ),
    ("告警内容", "What the alert said"),
    (
        "发生时间：14:58、昨天 14:00、2小时前 … （见 otss --help）［默认：现在］",
        "When it happened: 14:58, yesterday 14:00, 2h ago, … (otss --help) [default: now]",
    ),
    (
        "告警时间 ［默认：现在］",
        "When it was raised [default: now]",
    ),
    (
        "报告时间：14:58、昨天 14:00、2小时前 … （见 otss --help）［默认：现在］",
        "When it was reported: 14:58, yesterday 14:00, 2h ago, … (otss --help) [default: now]",
    ),
    ("设置时间 ［默认：现在］", "When it was set [default: now]"),
    (
        "故障报告时间：14:58、3/2 10:30 … （见 otss --help）［默认：现在］",
        "When the incident is reported: 14:58, 3/2 10:30, … (otss --help) [default: now]",
    ),
    ("不予答复的原因", "Why it will not be answered"),
    (
        "将汇总写入该文件，而不是标准输出",
        "Write the portfolio to this file instead of standard output",
    ),
    ("将报告写入 FILE", "Write the report to FILE"),
    ("YYYY-MM、YYYY 或 YYYY-MM-DD", "YYYY-MM, YYYY or YYYY-MM-DD"),
    (
        "table、md、json 或 html ［默认：按 --out 的扩展名，否则为 table］",
        "table, md, json or html [default: from --out's extension, else table]",
    ),
];

/// What an example's note says (after the command, in `Examples:`): (Chinese, English).
const EXAMPLE_NOTES: &[(&str, &str)] = &[
    ("周五和周一", "Friday and Monday"),
    (
        "K7Q 被作废；M2P 承接较早的报告与各项处理",
        "K7Q is withdrawn; M2P takes the earlier report and actions",
    ),
    ("劳动节：3 天调休", "Labour Day: 3 comp days"),
    (
        "现在报告的 1 级故障的 SLA 时限",
        "SLA deadlines for a level-1 incident reported now",
    ),
    (
        "与客户约定的较晚时间",
        "a later time agreed with the customer",
    ),
    (
        "某月：工作日、节假日、调休上班日",
        "a month: working days, holidays, make-up workdays",
    ),
    (
        "新合同：逐项询问，写入 ./otss.toml",
        "a new contract: asks, and writes ./otss.toml",
    ),
    ("法定节假日", "a statutory holiday"),
    (
        "作废记录的编号：那条记录重新计入",
        "a void's id: the record counts again",
    ),
    ("一整年", "a whole year"),
    (
        "2027 年官方安排发布后添加",
        "add the official 2027 schedule once it is published",
    ),
    ("23:00 约定", "agreed at 23:00"),
    ("编号的任一唯一前缀", "any unique prefix of the id"),
    ("10 分钟内再次被问到", "asked again within 10 minutes"),
    (
        "在终端上询问，写入 ./otss.toml",
        "asks, at a terminal, and writes ./otss.toml",
    ),
    ("检查 ./otss.toml", "check ./otss.toml"),
    (
        "提交我的新记录、取回团队的、推送",
        "commit my new records, take the team's, push",
    ),
    ("更正后再次交付", "delivered once more, after a correction"),
    (
        "每一页：otss.1、otss-incident.1…",
        "every page: otss.1, otss-incident.1, …",
    ),
    ("按合同时区", "in the contract's time zone"),
    (
        "放行那个提交对台账的改写，并记录下来",
        "let that commit's rewrite of the ledger in, recorded",
    ),
    ("报告时即要求到场", "on site asked at once"),
    ("某一天", "one date"),
    ("由其中一个登记故障", "open an incident from one"),
    (
        "未关闭的故障、应做的巡检、备份、值班",
        "open incidents, inspections due, backups, duty",
    ),
    ("现在报告", "reported now"),
    ("在终端中查看 3 月报告", "the March report in the terminal"),
    ("3 月报告今天已交付", "the March report was delivered today"),
    (
        "格式取决于文件扩展名",
        "the format follows the file's extension",
    ),
    ("最后两条记录", "the last two records"),
    ("当月的服务报告", "the month's service report"),
    (
        "某月的国家工作日历",
        "the national working calendar of a month",
    ),
    (
        "10 分钟内再记同样的备注",
        "the same note again within 10 minutes",
    ),
    ("同样的备注再记一次", "the same note once more"),
    ("本月", "this month"),
    ("尽管已有类似的未关闭故障", "though one like it is open"),
    (
        "勾选今天的巡检清单",
        "tick off today's inspection checklist",
    ),
    (
        "作废其中一条：otss void ID --reason …",
        "to void one: otss void ID --reason …",
    ),
    (
        "逐项完成应做的巡检（在终端上）",
        "walk through what is due (on a terminal)",
    ),
    (
        "哪些报告到期、已交付或逾期",
        "which reports are due, issued or late",
    ),
    (
        "需在 ~/.zshrc 中设置 fpath+=(~/.zfunc)",
        "with fpath+=(~/.zfunc) in ~/.zshrc",
    ),
    ("没有终端时", "without a terminal"),
    (
        "服务期至今的每个月，Parquet 格式",
        "every month of the term so far, as Parquet",
    ),
    (
        "以及最相似的以往故障",
        "and the earlier incidents most like it",
    ),
    (
        "中文、英文和名称可以混用",
        "Chinese, English and names together",
    ),
];

/// The headings of a manual page, as clap_mangen writes them, in Chinese.
const MAN_SECTIONS: &[(&str, &str)] = &[
    ("名称", "NAME"),
    ("概要", "SYNOPSIS"),
    ("描述", "DESCRIPTION"),
    ("选项", "OPTIONS"),
    ("子命令", "SUBCOMMANDS"),
    ("补充", "EXTRA"),
    ("版本", "VERSION"),
    ("作者", "AUTHORS"),
];

/// Every English text the help catalogue holds, for the test that each is still in use.
#[cfg(test)]
pub fn english_help_texts() -> impl Iterator<Item = &'static str> {
    TEXTS.iter().chain(EXAMPLE_NOTES).map(|(_, en)| *en)
}

impl Messages {
    /// A help text of the command definitions, in this language; `None` for an English text
    /// that has no Chinese beside it.
    pub fn help_text(&self, english: &str) -> Option<&'static str> {
        let text = TEXTS.iter().find(|(_, en)| *en == english).copied();
        text.map(|pair| self.pick(pair))
            .or_else(|| self.level_said_in_english(english))
    }

    /// A level's definition, which help lists beside its number (docs/rules.md §2.1).
    fn level_said_in_english(&self, english: &str) -> Option<&'static str> {
        let en = Lang::En.messages();
        let level = Level::ALL
            .into_iter()
            .find(|level| en.level_definition(*level) == english)?;
        Some(self.level_definition(level))
    }

    /// A command's examples in this language: the heading, and each example's note after the
    /// command (`otss calendar   this month`), when it has one.
    pub fn examples(&self, english: &str) -> String {
        let lines = english.lines().map(|line| match line {
            "Examples:" => self.pick(("示例：", "Examples:")).to_string(),
            line => match self.help_text(line) {
                Some(said) => said.to_string(),
                None => self.example_line(line),
            },
        });
        lines.collect::<Vec<_>>().join("\n")
    }

    fn example_line(&self, line: &str) -> String {
        let note = EXAMPLE_NOTES.iter().find_map(|(zh, en)| {
            let command = line.strip_suffix(en)?;
            (command.ends_with("  ") || command.ends_with("# ")).then_some((command, zh, en))
        });
        match note {
            Some((command, zh, en)) => format!("{command}{}", self.pick((*zh, *en))),
            None => line.to_string(),
        }
    }

    /// Help's headings: usage, commands, positional arguments, options, global options.
    pub fn help_heading(&self, heading: HelpHeading) -> &'static str {
        self.pick(match heading {
            HelpHeading::Usage => ("用法：", "Usage:"),
            HelpHeading::Commands => ("命令", "Commands"),
            HelpHeading::Arguments => ("参数", "Arguments"),
            HelpHeading::Options => ("选项", "Options"),
            HelpHeading::Global => ("全局选项", "Global options"),
        })
    }

    /// What clap adds after an argument's help, in brackets: its default, its environment
    /// variable, the values it takes.
    pub fn help_default(&self, value: &str) -> String {
        self.pick((format!("［默认：{value}］"), format!("[default: {value}]")))
    }

    pub fn help_env(&self, name: &str) -> String {
        self.pick((format!("［环境变量：{name}］"), format!("[env: {name}]")))
    }

    pub fn help_values(&self, values: &[String]) -> String {
        match self.lang {
            Lang::Zh => format!("［可选值：{}］", values.join("、")),
            Lang::En => format!("[possible values: {}]", values.join(", ")),
        }
    }

    /// `otss --version`: the version, and the newest year of published holiday schedules.
    pub fn version(&self, version: &str, newest: i32) -> String {
        match self.lang {
            Lang::Zh => format!("{version}（国家日历已发布至 {newest} 年）"),
            Lang::En => format!("{version} (national calendar published to {newest})"),
        }
    }

    /// A manual page with its section headings in this language.
    pub fn man_page(&self, roff: &str) -> String {
        let lines = roff.lines().map(|line| {
            let heading = line.strip_prefix(".SH ").and_then(|name| {
                MAN_SECTIONS
                    .iter()
                    .find(|(_, en)| *en == name)
                    .map(|pair| format!(".SH {}", self.pick(*pair)))
            });
            heading.unwrap_or_else(|| line.to_string())
        });
        lines.map(|line| line + "\n").collect()
    }
}

/// A command line clap refused, with the facts it names: what kind of mistake, the argument
/// or command, the value typed, what it may be instead.
#[derive(Debug, Clone, Default)]
pub struct Refused {
    pub kind: RefusedKind,
    pub arg: Option<String>,
    pub value: Option<String>,
    pub valid: Vec<String>,
    pub suggested: Vec<String>,
    /// The argument given before, that `arg` cannot be used with.
    pub prior: Option<String>,
    pub why: Option<String>,
    pub usage: Option<String>,
}

/// The sorts of command line clap refuses that are said in Chinese.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RefusedKind {
    InvalidValue,
    UnknownArgument,
    UnknownCommand,
    Missing,
    /// An option that takes a value, given none.
    NoValue,
    Conflict,
    /// An option given twice that may be given once.
    Repeated,
    /// Any other mistake in the command line.
    #[default]
    Other,
}

impl Messages {
    /// A refused command line, said in this language, with its usage and where to read more.
    pub fn command_line_refused(&self, refused: &Refused) -> String {
        let arg = refused.arg.as_deref().unwrap_or_default();
        let value = refused.value.as_deref().unwrap_or_default();
        let why = refused.why.as_deref().map(|why| self.parser_said(why));
        let mut said = match (refused.kind, &why) {
            (RefusedKind::InvalidValue, Some(why)) => self.pick((
                format!("{arg} 的值 `{value}` 无效：{why}"),
                format!("invalid value '{value}' for '{arg}': {why}"),
            )),
            (RefusedKind::InvalidValue, None) => self.pick((
                format!("`{value}` 不是 {arg} 的有效值"),
                format!("invalid value '{value}' for '{arg}'"),
            )),
            (RefusedKind::UnknownArgument, _) => self.pick((
                format!("不认识的参数 `{arg}`"),
                format!("unexpected argument '{arg}' found"),
            )),
            (RefusedKind::UnknownCommand, _) => self.pick((
                format!("没有 `{value}` 这个命令"),
                format!("unrecognized subcommand '{value}'"),
            )),
            (RefusedKind::Missing, _) => self.pick((
                format!("缺少必需的参数：{arg}"),
                format!("the following required arguments were not provided: {arg}"),
            )),
            (RefusedKind::NoValue, _) => self.pick((
                format!("{arg} 需要一个值"),
                format!("a value is required for '{arg}' but none was supplied"),
            )),
            (RefusedKind::Conflict, _) => match refused.prior.as_deref() {
                Some(prior) => self.pick((
                    format!("`{arg}` 不能与 `{prior}` 同用"),
                    format!("the argument '{arg}' cannot be used with '{prior}'"),
                )),
                None => self.pick((
                    format!("`{arg}` 不能与其他已给出的参数同用"),
                    format!("the argument '{arg}' cannot be used with one given"),
                )),
            },
            (RefusedKind::Repeated, _) => self.pick((
                format!("`{arg}` 只能给一次"),
                format!("the argument '{arg}' cannot be used multiple times"),
            )),
            (RefusedKind::Other, Some(why)) => why.clone(),
            (RefusedKind::Other, None) => self
                .pick(("命令行有误", "the command line is wrong"))
                .to_string(),
        };
        if !refused.valid.is_empty() {
            said += &self.pick((
                format!("；可选值：{}", refused.valid.join("、")),
                format!("; possible values: {}", refused.valid.join(", ")),
            ));
        }
        if !refused.suggested.is_empty() {
            let quoted = |mark: &str, or: &str| {
                let each: Vec<String> = refused
                    .suggested
                    .iter()
                    .map(|s| format!("{mark}{s}{mark}"))
                    .collect();
                each.join(or)
            };
            said += &self.pick((
                format!("；是不是 {}？", quoted("`", " 或 ")),
                format!("; did you mean {}?", quoted("'", " or ")),
            ));
        }
        let error = self.labelled(self.error_label(), &said);
        let usage = refused.usage.as_deref().map(|usage| {
            let usage = usage.trim_start_matches("Usage:").trim();
            format!("\n\n{}{usage}", self.help_heading(HelpHeading::Usage))
        });
        let more = self.pick((
            "更多信息请用 '--help'。",
            "For more information, try '--help'.",
        ));
        format!("{error}{}\n\n{more}\n", usage.unwrap_or_default())
    }
}

/// What the standard parsers of numbers and dates say of a value they refuse: (Chinese,
/// English).
const PARSERS_SAY: &[(&str, &str)] = &[
    ("含有非数字的字符", "invalid digit found in string"),
    ("不能为空", "cannot parse integer from empty string"),
    ("数字过大", "number too large to fit in target type"),
    ("数字过小", "number too small to fit in target type"),
    ("不能为零", "number would be zero for non-zero type"),
    ("超出范围", "input is out of range"),
    ("含有无效的字符", "input contains invalid characters"),
    ("不完整", "premature end of input"),
    ("末尾有多余的内容", "trailing input"),
    (
        "不足以确定唯一的日期和时间",
        "input is not enough for unique date and time",
    ),
    ("不可能", "no possible date and time matching input"),
];

impl Messages {
    /// A parser's word on a refused value, in this language; as it is when it is otss's own.
    fn parser_said(&self, english: &str) -> String {
        let said = PARSERS_SAY.iter().find(|(_, en)| *en == english).copied();
        said.map_or_else(|| english.to_string(), |pair| self.pick(pair).to_string())
    }
}

/// A heading of `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpHeading {
    Usage,
    Commands,
    Arguments,
    Options,
    Global,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_note_is_said_in_chinese_and_the_command_kept() {
        let m = Lang::Zh.messages();
        let said =
            m.examples("Examples:\n  otss calendar                     this month\n  otss x");
        assert_eq!(
            said,
            "示例：\n  otss calendar                     本月\n  otss x"
        );
    }

    #[test]
    fn a_note_that_ends_another_is_matched_only_whole() {
        let m = Lang::Zh.messages();
        let line = "  otss sla --level 1     SLA deadlines for a level-1 incident reported now";
        assert!(m.examples(line).ends_with("现在报告的 1 级故障的 SLA 时限"));
    }

    #[test]
    fn english_help_is_the_definitions_own() {
        let m = Lang::En.messages();
        assert_eq!(m.help_text("Print JSON"), Some("Print JSON"));
        assert_eq!(m.help_text("no such text"), None);
        assert_eq!(
            Lang::Zh.messages().help_text("Print JSON"),
            Some("输出 JSON")
        );
    }

    #[test]
    fn manual_page_headings_are_translated_and_nothing_else() {
        let m = Lang::Zh.messages();
        let roff = ".TH otss 1\n.SH NAME\notss \\- NAME\n.SH OPTIONS\n";
        assert_eq!(
            m.man_page(roff),
            ".TH otss 1\n.SH 名称\notss \\- NAME\n.SH 选项\n"
        );
    }
}
