//! Getting started: `otss init`'s questions, the new contract's comments, the first steps,
//! and where otss keeps its files.

use chrono::NaiveDate;

use super::{Lang, Messages};
use crate::app::Input;
use crate::app::init::TermReversed;

/// The comments of a new contract file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractComment {
    Header,
    Customer,
    Provider,
    Mode,
    Start,
    End,
    TimeZone,
    City,
    Staff,
    Engineers,
    Language,
    Ledger,
    Hours,
    HoursStart,
    HoursEnd,
    More,
}

/// What `otss init` asks, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitQuestion {
    Language,
    Customer,
    Provider,
    Mode,
    TimeZone,
    Start,
    End,
    City,
    Staff,
    Engineers,
}

/// The places `otss paths` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    Contract,
    Ledger,
    Config,
    Schedules,
    Cache,
}

impl Messages {
    pub fn init_question(&self, question: InitQuestion) -> &'static str {
        use InitQuestion as Q;
        self.pick(match question {
            Q::Language => ("消息与报告的语言", "Language of messages and reports"),
            Q::Customer => (
                "客户名称（服务报告上的写法）",
                "Customer (as named on service reports)",
            ),
            Q::Provider => (
                "服务方，写在客户旁边（回车跳过）",
                "Provider, named beside the customer (Enter to leave out)",
            ),
            Q::Mode => ("服务模式", "Service mode"),
            Q::TimeZone => (
                "现场所在时区（IANA 名称）",
                "Time zone of the site (IANA name)",
            ),
            Q::Start => (
                "服务期第一天（YYYY-MM-DD）",
                "First day of the term (YYYY-MM-DD)",
            ),
            Q::End => (
                "服务期最后一天（YYYY-MM-DD）",
                "Last day of the term (YYYY-MM-DD)",
            ),
            Q::City => (
                "现场所在城市，中文或英文（回车跳过）",
                "City of the site, English or Chinese (Enter to leave out)",
            ),
            Q::Staff => ("驻场工程师人数", "Engineers on this contract"),
            Q::Engineers => (
                "记录人姓名，即各人的 OTSS_ENGINEER，用逗号分隔（回车跳过：不限制）",
                "Engineers' names as each sets OTSS_ENGINEER, separated by commas (Enter to leave \
                 out: anyone may write)",
            ),
        })
    }

    /// The comment above a key of a new contract file; lines are separated by newlines.
    pub fn contract_comment(&self, key: ContractComment) -> &'static str {
        use ContractComment as C;
        self.pick(match key {
            C::Header => (
                "驻场服务合同。用 `otss contract check` 检查；`otss contract show` 显示补全全部默认值\n\
                 后的合同（服务项目、SLA 时限、巡检清单）。",
                "The on-site support contract. Check it with `otss contract check`; `otss contract show`\n\
                 prints it with every default filled in (service items, SLA budgets, checklists).",
            ),
            C::Customer => (
                "客户名称，服务报告上的写法。",
                "The customer, as named on service reports.",
            ),
            C::Provider => (
                "服务方，报告上写在客户旁边。",
                "Who provides the service, named beside the customer on reports.",
            ),
            C::Mode => (
                "\"5x8\"：国家日历工作日的服务时间内驻场；\n\"7x24\"：每天全天候驻场。",
                "\"5x8\": on site in service hours of the national calendar's working days;\n\
                 \"7x24\": on site around the clock, every day.",
            ),
            C::Start => ("服务期第一天。", "First day of the term."),
            C::End => ("服务期最后一天。", "Last day of the term."),
            C::TimeZone => (
                "IANA 时区：服务时间和 --at 输入的时间都按此时区理解。",
                "IANA time zone: service hours and times typed with --at are read in it.",
            ),
            C::City => (
                "现场所在城市（中文或英文）：重点城市且驻场人数足够时，一级故障的到场时限更短。",
                "The site's city (English or Chinese): with enough engineers in a priority city,\n\
                 a level-1 arrival is due sooner.",
            ),
            C::Staff => (
                "本合同的驻场工程师人数。",
                "Engineers assigned to this site.",
            ),
            C::Engineers => (
                "可以记录的工程师（各人的 OTSS_ENGINEER，不区分大小写）。\n列出后，其他名字的记录会被拒绝；不写则不限制。",
                "The engineers who may record (each one's OTSS_ENGINEER, in any case).\nWhen listed, \
                 any other name is refused; left out, anyone may write.",
            ),
            C::Language => (
                "消息与报告的语言：\"zh\" 或 \"en\"。",
                "Language of messages and reports: \"zh\" or \"en\".",
            ),
            C::Ledger => (
                "台账目录，所有记录都保存在这里，相对于本文件。",
                "The ledger directory, where every record is kept, relative to this file.",
            ),
            C::Hours => (
                "服务时间：从 start 起，到 end 为止（不含 end）。",
                "Service hours, from start up to (not including) end.",
            ),
            C::HoursStart => ("服务开始的第一分钟。", "The first minute of service."),
            C::HoursEnd => (
                "服务结束后的第一分钟：18:00:00 已在服务时间之外。",
                "The first minute off hours: 18:00:00 is already outside.",
            ),
            C::More => (
                "合同另有约定时可加（见 README “The contract”）：[sla] 与 [sla.levelN] 时限、\n\
                 [calendar] 日历修正、[inspections.KIND] 巡检清单、[backups] per_month、\n\
                 [reports] due_day。",
                "More, when the contract says so (see README, \"The contract\"): [sla] and [sla.levelN]\n\
                 budgets, [calendar] corrections, [inspections.KIND] checklists, [backups] per_month,\n\
                 [reports] due_day.",
            ),
        })
    }

    /// Why an answer to a question cannot be taken.
    pub fn init_invalid(&self, question: InitQuestion) -> &'static str {
        use InitQuestion as Q;
        self.pick(match question {
            Q::Customer => ("请填写客户名称", "the customer's name is needed"),
            Q::TimeZone => (
                "不是已知的 IANA 时区，例如 Asia/Shanghai",
                "not a known IANA time zone, such as Asia/Shanghai",
            ),
            Q::Start | Q::End => (
                "请按 YYYY-MM-DD 填写日期",
                "a date is needed, as YYYY-MM-DD",
            ),
            Q::Staff => (
                "请填写工程师人数，至少 1 人",
                "a whole number of engineers is needed, 1 or more",
            ),
            Q::Engineers => (
                "名字不能重复，也不能含有看不见的字符",
                "each name once, with no character that cannot be seen",
            ),
            Q::Language | Q::Provider | Q::Mode | Q::City => {
                ("无法接受这个回答", "this answer cannot be taken")
            }
        })
    }

    /// A term given by flags whose last day comes before its first.
    pub(super) fn term_reversed(&self, TermReversed { start, end }: &TermReversed) -> String {
        let (end_flag, start_flag) = (self.input(Input::End), self.input(Input::Start));
        match self.lang {
            Lang::Zh => format!(
                "{end_flag} {end} 早于 {start_flag} {start}：服务期的最后一天应在第一天之后"
            ),
            Lang::En => format!(
                "{end_flag} {end} is before {start_flag} {start}: the term's last day comes after \
                 its first"
            ),
        }
    }

    pub fn term_ends_before_start(&self, start: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => format!("服务期不能早于开始日（{start}）结束"),
            Lang::En => format!("the term cannot end before it starts ({start})"),
        }
    }

    pub fn contract_written(&self, path: &str) -> String {
        self.labelled(self.pick(("已写入合同", "contract written")), path)
    }

    pub fn contract_exists(&self, path: &str) -> String {
        match self.lang {
            Lang::Zh => format!(
                "{path} 已存在，`otss init` 不会覆盖已有的合同：请直接编辑它并运行 \
                 `otss contract check`，或用 --contract PATH 在别处新建一份"
            ),
            Lang::En => format!(
                "{path} already exists, and `otss init` never replaces a contract: edit it and run \
                 `otss contract check`, or write a new one elsewhere with --contract PATH"
            ),
        }
    }

    /// What to run next, after a contract is written: a heading, then each command's arguments
    /// and what it shows.
    pub fn first_steps(&self) -> (&'static str, [(&'static str, &'static str); 4]) {
        (
            self.pick(("接下来：", "Next:")),
            [
                (
                    "contract show",
                    self.pick((
                        "查看合同及全部默认值（SLA、巡检清单）",
                        "the contract with every default (SLA, checklists)",
                    )),
                ),
                ("status", self.pick(("开班总览", "the start-of-shift view"))),
                (
                    self.pick((
                        "incident open --level 2 --title 标题",
                        "incident open --level 2 --title TEXT",
                    )),
                    self.pick((
                        "登记故障，给出各项时限",
                        "an incident comes in: its deadlines",
                    )),
                ),
                (
                    "report YYYY-MM",
                    self.pick(("当月服务报告", "the month's service report")),
                ),
            ],
        )
    }

    pub fn path_label(&self, path: PathKind) -> &'static str {
        self.pick(match path {
            PathKind::Contract => ("合同", "Contract"),
            PathKind::Ledger => ("台账", "Ledger"),
            PathKind::Config => (
                "配置目录（当前目录没有 otss.toml 时使用这里的合同）",
                "Config (a contract here is used when ./otss.toml is absent)",
            ),
            PathKind::Schedules => ("导入的节假日安排", "Imported holiday schedules"),
            PathKind::Cache => (
                "缓存（台账索引，可随时删除）",
                "Cache (the ledger index; safe to delete)",
            ),
        })
    }

    /// Where a contract would be written, when none is found.
    pub fn no_contract_yet(&self, path: &str) -> String {
        match self.lang {
            Lang::Zh => format!("尚无；`otss init` 会写入 {path}"),
            Lang::En => format!("none yet; `otss init` writes {path}"),
        }
    }
}
