//! The contract: its check, its fields, the service it owes and how often.

use chrono::{NaiveDate, TimeDelta};

use super::words::plural;
use super::{Lang, Messages};
use crate::calendar::DayKind;
use crate::contract::{
    Allowed, ContractError, Expected, MAX_CONTRACT_BYTES, Priority, ProblemKind, Suggestion,
    TomlType, UnknownZone, city_name,
};
use crate::service::{Frequency, InspectionKind, Mode, ServiceItem};
use crate::text::one_line;
use crate::time::{DurationError, format_duration};

/// Labels of `otss contract show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractField {
    Contract,
    Value,
    Path,
    Customer,
    Provider,
    Mode,
    Term,
    TimeZone,
    City,
    Staff,
    Engineers,
    Language,
    Ledger,
    ServiceHours,
    Immediate,
    AtRisk,
    PriorityArrival,
    Level,
    LevelDefinition,
    Response,
    ResponseOffHours,
    Arrival,
    Resolution,
    ServiceItem,
    Frequency,
    Checklist,
    CalendarCorrections,
    Schedules,
    ReportsDue,
}

impl Messages {
    /// Why a contract cannot be used: each of its problems on a line of its own.
    pub(super) fn contract_error(&self, error: &ContractError) -> String {
        match error {
            ContractError::Problems { origin, problems } => {
                let origin = one_line(origin);
                let mut text = match self.lang {
                    Lang::Zh => format!("合同 {origin} 有 {} 处问题：", problems.len()),
                    Lang::En => {
                        let count = plural(problems.len() as u64, "problem", "problems");
                        format!("the contract {origin} has {count}:")
                    }
                };
                for problem in problems {
                    let said = self.contract_problem(&problem.kind);
                    text += &format!("\n  {origin}:{}: {said}", problem.line);
                }
                text
            }
            ContractError::TooLarge { origin, size } => {
                let origin = one_line(origin);
                match self.lang {
                    Lang::Zh => format!(
                        "合同 {origin} 有 {size} 字节，超过了合同的上限（{MAX_CONTRACT_BYTES} 字节，\
                         即 1 MiB）：是不是选错了文件？"
                    ),
                    Lang::En => format!(
                        "the contract {origin} is {size} bytes, more than a contract may be \
                         ({MAX_CONTRACT_BYTES} bytes, 1 MiB): is it the right file?"
                    ),
                }
            }
        }
    }

    /// What the TOML parser said of a line it cannot read: as it says it in English; in
    /// Chinese, its words for the common mistakes, and a plain "syntax error" for the rest.
    fn toml_reason(&self, reason: &str) -> String {
        if self.lang == Lang::En {
            return reason.to_string();
        }
        let (said, expected) = match reason.split_once(", expected ") {
            Some((said, expected)) => (said, Some(expected)),
            None => (reason, None),
        };
        let said = TOML_REASONS
            .iter()
            .find(|(_, en)| *en == said)
            .map_or("TOML 语法有误", |(zh, _)| *zh);
        let expected = expected.map(|expected| {
            let described = TOML_EXPECTED
                .iter()
                .fold(expected.to_string(), |text, (zh, en)| text.replace(en, zh));
            format!("，应为 {}", described.replace(" or ", " 或 "))
        });
        format!("{said}{}", expected.unwrap_or_default())
    }

    /// One problem of a contract, on one line.
    fn contract_problem(&self, kind: &ProblemKind) -> String {
        match kind {
            ProblemKind::Syntax { written, reason } => {
                let reason = self.toml_reason(&one_line(reason));
                match (written, self.lang) {
                    (Some((key, value)), _) => self.key_written(key, value, &reason),
                    (None, Lang::Zh) => format!("不是有效的 TOML：{reason}"),
                    (None, Lang::En) => format!("not valid TOML: {reason}"),
                }
            }
            ProblemKind::Missing { key } => {
                let key = one_line(key);
                match self.lang {
                    Lang::Zh => format!("缺少必填的 `{key}`"),
                    Lang::En => format!("`{key}` is required but missing"),
                }
            }
            ProblemKind::Unknown { key, suggestion } => {
                let key = one_line(key);
                let hint = match (suggestion, self.lang) {
                    (Suggestion::Near(near), Lang::Zh) => format!("是不是 `{near}`？"),
                    (Suggestion::Near(near), Lang::En) => format!("did you mean `{near}`?"),
                    (Suggestion::Valid(keys), Lang::Zh) => {
                        format!("这里可用的键：{}", keys.join("、"))
                    }
                    (Suggestion::Valid(keys), Lang::En) => {
                        format!("valid keys here: {}", keys.join(", "))
                    }
                };
                match self.lang {
                    Lang::Zh => format!("未知的键 `{key}`；{hint}"),
                    Lang::En => format!("unknown key `{key}`; {hint}"),
                }
            }
            ProblemKind::NotATable { key, found } => {
                let (key, found) = (one_line(key), self.toml_type(*found));
                match self.lang {
                    Lang::Zh => format!("`{key}` 应当是表，却是{found}"),
                    Lang::En => format!("`{key}` must be a table, found {found}"),
                }
            }
            ProblemKind::Invalid {
                key,
                written,
                allowed,
            } => self.key_written(key, written, &self.allowed(allowed)),
            ProblemKind::HoursReversed { start, end } => {
                let (start, end) = (start.format("%H:%M"), end.format("%H:%M"));
                match self.lang {
                    Lang::Zh => format!("`hours.start`（{start}）必须早于 `hours.end`（{end}）"),
                    Lang::En => {
                        format!("`hours.start` ({start}) must be before `hours.end` ({end})")
                    }
                }
            }
            ProblemKind::InBoth {
                date,
                first,
                second,
            } => match self.lang {
                Lang::Zh => {
                    format!("{date} 同时列在 `calendar.{first}` 与 `calendar.{second}` 中")
                }
                Lang::En => {
                    format!("{date} is in both `calendar.{first}` and `calendar.{second}`")
                }
            },
            ProblemKind::Unreadable => self
                .pick(("无法读取这份合同", "the contract could not be read"))
                .to_string(),
        }
    }

    /// A key, the value written for it, and what is wrong with it.
    fn key_written(&self, key: &str, written: &str, wrong: &str) -> String {
        let said = format!("`{}` = {}", one_line(key), one_line(written));
        self.labelled(&said, wrong)
    }

    /// What a value of the contract may be.
    fn allowed(&self, allowed: &Allowed) -> String {
        match allowed {
            Allowed::Mode => self
                .pick((
                    "服务模式只能是 \"5x8\" 或 \"7x24\"",
                    "the service mode must be \"5x8\" or \"7x24\"",
                ))
                .to_string(),
            Allowed::Language => self
                .pick((
                    "语言只能是 \"zh\" 或 \"en\"",
                    "the language must be \"zh\" or \"en\"",
                ))
                .to_string(),
            Allowed::Clock => self
                .pick((
                    "计时方式只能是 \"wall\" 或 \"service\"",
                    "the clock must be \"wall\" or \"service\"",
                ))
                .to_string(),
            Allowed::Zone(unknown) => self.unknown_zone(unknown),
            Allowed::NotBefore(start) => match self.lang {
                Lang::Zh => format!("服务期在开始日（{start}）之前就结束了"),
                Lang::En => format!("the term ends before it starts ({start})"),
            },
            Allowed::Text => self.pick(("不能为空", "must not be empty")).to_string(),
            Allowed::TimeOfDay => self
                .pick((
                    "应当是一天中的时刻，\"HH:MM\"",
                    "must be a time of day, \"HH:MM\"",
                ))
                .to_string(),
            Allowed::Duration(error) => self.duration_error(error),
            Allowed::Budget => self
                .pick((
                    "应当大于零，至多 366d",
                    "must be longer than zero and at most 366d",
                ))
                .to_string(),
            Allowed::Gap { longest } => {
                let longest = format_duration(*longest);
                match self.lang {
                    Lang::Zh => format!("应当是 0s 到 {longest} 之间的时长，例如 4h"),
                    Lang::En => format!("must be a duration from 0s up to {longest}, e.g. 4h"),
                }
            }
            Allowed::Share => self
                .pick((
                    "应当是时限的一个比例，大于 0，至多 1，例如 0.8",
                    "must be a share of the budget above 0 and at most 1, such as 0.8",
                ))
                .to_string(),
            Allowed::Items => self
                .pick(("至少需要一项", "needs at least one item"))
                .to_string(),
            Allowed::Item(item) => {
                let item = one_line(item);
                match self.lang {
                    Lang::Zh => format!("项目 \"{item}\" 不能为空，也不能含有 `=`"),
                    Lang::En => {
                        format!("item \"{item}\" must be non-empty and must not contain `=`")
                    }
                }
            }
            Allowed::Name(name) => {
                let name = one_line(name);
                match self.lang {
                    Lang::Zh => format!("名字 \"{name}\" 含有看不见的字符"),
                    Lang::En => {
                        format!("the name \"{name}\" holds a character that cannot be seen")
                    }
                }
            }
            Allowed::ItemOnce(item) => {
                let item = one_line(item);
                match self.lang {
                    Lang::Zh => format!("项目 \"{item}\" 列出了两次"),
                    Lang::En => format!("item \"{item}\" is listed twice"),
                }
            }
            Allowed::Range { from, to } => match self.lang {
                Lang::Zh => format!("应当在 {from} 到 {to} 之间"),
                Lang::En => format!("must be from {from} to {to}"),
            },
            Allowed::Number => self.pick(("应当是数字", "must be a number")).to_string(),
            Allowed::Unit(_) | Allowed::Threshold | Allowed::AboveWarn => {
                self.gauge_allowed(allowed)
            }
            Allowed::Date => self
                .pick(("应当是日期，YYYY-MM-DD", "must be a date, YYYY-MM-DD"))
                .to_string(),
            Allowed::Type { expected, found } => {
                let found = self.toml_type(*found);
                let expected = self.pick(match expected {
                    Expected::String => ("字符串", "a string"),
                    Expected::WholeNumber => ("整数", "a whole number"),
                    Expected::Number => ("数字", "a number"),
                    Expected::Strings => ("字符串列表", "a list of strings"),
                    Expected::List => ("列表 [ … ]", "a list [ … ]"),
                    Expected::StringsOrTables => (
                        "字符串或 { name, unit, warn, critical } 表的列表",
                        "a list of strings or { name, unit, warn, critical } tables",
                    ),
                });
                match self.lang {
                    Lang::Zh => format!("应当是{expected}，而不是{found}"),
                    Lang::En => format!("must be {expected}, not {found}"),
                }
            }
        }
    }

    /// A type of TOML value, as the TOML reader names it in English.
    fn toml_type(&self, found: TomlType) -> &'static str {
        self.pick(match found {
            TomlType::String => ("字符串", "string"),
            TomlType::Integer => ("整数", "integer"),
            TomlType::Float => ("浮点数", "float"),
            TomlType::Boolean => ("布尔值", "boolean"),
            TomlType::Datetime => ("日期时间", "datetime"),
            TomlType::Array => ("数组", "array"),
            TomlType::Table => ("表", "table"),
        })
    }

    /// A name that is no IANA time zone.
    pub fn unknown_zone(&self, unknown: &UnknownZone) -> String {
        match (unknown.near, self.lang) {
            (Some(near), Lang::Zh) => format!("不是已知的 IANA 时区；是不是 \"{near}\"？"),
            (Some(near), Lang::En) => {
                format!("not a known IANA time zone; did you mean \"{near}\"?")
            }
            (None, Lang::Zh) => "不是已知的 IANA 时区（例如 \"Asia/Shanghai\"）".to_string(),
            (None, Lang::En) => {
                "not a known IANA time zone (such as \"Asia/Shanghai\")".to_string()
            }
        }
    }

    /// A duration that cannot be read.
    fn duration_error(&self, DurationError(text): &DurationError) -> String {
        let text = one_line(text);
        match self.lang {
            Lang::Zh => format!(
                "`{text}` 不是时长：用整数加单位 d、h、m、s，大单位在前（15m、4h、1h30m、1d）"
            ),
            Lang::En => format!(
                "`{text}` is not a duration: use whole numbers with units d, h, m, s, largest \
                 first (15m, 4h, 1h30m, 1d)"
            ),
        }
    }

    pub fn contract_ok(&self, origin: &str) -> String {
        self.labelled(self.pick(("合同检查通过", "contract OK")), origin)
    }

    pub fn start_not_working_day(
        &self,
        start: NaiveDate,
        kind: DayKind,
        next: Option<NaiveDate>,
    ) -> String {
        let kind = self.day_kind(kind);
        let next = next
            .map(|d| match self.lang {
                Lang::Zh => format!("；下一个工作日是 {d}"),
                Lang::En => format!("; the next working day is {d}"),
            })
            .unwrap_or_default();
        match self.lang {
            Lang::Zh => format!("5x8 服务期从 {start} 开始，当天是{kind}，不是工作日{next}"),
            Lang::En => {
                format!("the 5x8 term starts on {start}, a {kind}, not a working day{next}")
            }
        }
    }

    pub fn field_label(&self, field: ContractField) -> &'static str {
        use ContractField as F;
        self.pick(match field {
            F::Contract => ("合同", "Contract"),
            F::Value => ("内容", "Value"),
            F::Path => ("文件", "File"),
            F::Customer => ("客户", "Customer"),
            F::Provider => ("服务商", "Provider"),
            F::Mode => ("服务模式", "Service mode"),
            F::Term => ("服务期", "Term"),
            F::TimeZone => ("时区", "Time zone"),
            F::City => ("城市", "City"),
            F::Staff => ("驻场人数", "Staff"),
            F::Engineers => ("记录人", "Engineers"),
            F::Language => ("语言", "Language"),
            F::Ledger => ("台账", "Ledger"),
            F::ServiceHours => ("服务时间", "Service hours"),
            F::Immediate => ("立即响应", "Immediate response"),
            F::AtRisk => ("预警阈值", "At risk after"),
            F::PriorityArrival => ("优先到场", "Priority arrival"),
            F::Level => ("级别", "Level"),
            F::LevelDefinition => ("定级标准", "When to choose it"),
            F::Response => ("响应", "Response"),
            F::ResponseOffHours => ("非服务时间响应", "Response outside hours"),
            F::Arrival => ("到场", "Arrival"),
            F::Resolution => ("解决", "Resolution"),
            F::ServiceItem => ("服务项", "Service item"),
            F::Frequency => ("频率", "Frequency"),
            F::Checklist => ("检查项", "Checklist"),
            F::CalendarCorrections => ("日历调整", "Calendar corrections"),
            F::Schedules => ("节假日安排文件", "Schedules"),
            F::ReportsDue => ("月度报告提交日", "Monthly report due"),
        })
    }

    pub fn mode_name(&self, mode: Mode) -> &'static str {
        self.pick(match mode {
            Mode::FiveByEight => (
                "5x8：工作日服务时间驻场",
                "5x8: on site in service hours of working days",
            ),
            Mode::SevenByTwentyFour => ("7x24：全天候驻场", "7x24: on site around the clock"),
        })
    }

    pub fn service_item(&self, item: ServiceItem) -> &'static str {
        self.pick(match item {
            ServiceItem::Support => ("技术支持", "Technical support"),
            ServiceItem::Incident => ("故障管理", "Incident management"),
            ServiceItem::Monitoring => ("监控巡检", "Monitoring inspection"),
            ServiceItem::Resource => ("资源巡检", "Resource inspection"),
            ServiceItem::Alert => ("告警管理", "Alert management"),
            ServiceItem::Backup => ("备份管理", "Backup management"),
            ServiceItem::Request => ("需求收集与反馈", "Requirement collection and feedback"),
            ServiceItem::Report => ("服务报告", "Service report"),
        })
    }

    pub fn inspection_kind(&self, kind: InspectionKind) -> &'static str {
        self.service_item(kind.item())
    }

    pub fn frequency(&self, frequency: Frequency) -> String {
        match frequency {
            Frequency::DuringServiceHours => self
                .pick(("服务时间内按需", "on request, during service hours"))
                .to_string(),
            Frequency::Always => self
                .pick(("全天候按需", "on request, at any hour"))
                .to_string(),
            Frequency::PerSla => self.pick(("按 SLA", "per the SLA")).to_string(),
            Frequency::WorkingDay { count, min_gap } => {
                self.spaced(self.rounds(count, ("每个工作日", "working day")), min_gap)
            }
            Frequency::Day { count, min_gap } => {
                self.spaced(self.rounds(count, ("每天", "day")), min_gap)
            }
            Frequency::Month { count, min_gap } => {
                self.spaced(self.rounds(count, ("每月", "month")), min_gap)
            }
            Frequency::OnDemand => self.pick(("按需", "on demand")).to_string(),
        }
    }

    /// A frequency with the spacing it needs, if any: `2 per day, at least 4h apart`.
    fn spaced(&self, frequency: String, min_gap: Option<TimeDelta>) -> String {
        let Some(gap) = min_gap else {
            return frequency;
        };
        let gap = format_duration(gap);
        match self.lang {
            Lang::Zh => format!("{frequency}，间隔至少 {gap}"),
            Lang::En => format!("{frequency}, at least {gap} apart"),
        }
    }

    /// How many rounds in each period: `每天 2 次`, `2 per day`.
    fn rounds(&self, count: u32, period: (&str, &str)) -> String {
        let period = self.pick(period);
        match self.lang {
            Lang::Zh => format!("{period} {count} 次"),
            Lang::En => format!("{count} per {period}"),
        }
    }

    /// The engineers who may write, or that anyone may when the contract lists none.
    pub fn engineers_listed(&self, engineers: &[String]) -> String {
        match engineers.is_empty() {
            true => self
                .pick((
                    "不限（合同未列出 engineers）",
                    "anyone (the contract lists no engineers)",
                ))
                .to_string(),
            false => self.items(engineers),
        }
    }

    pub fn staff_count(&self, staff: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{staff} 人"),
            Lang::En => plural(staff, "engineer", "engineers"),
        }
    }

    /// Whether the priority arrival applies, and why; `cities` are the priority cities
    /// (docs/rules.md §1.8, §2.4).
    pub fn priority_rule(&self, priority: &Priority, cities: &[String]) -> String {
        let cities = self.items(cities);
        let why = match priority {
            Priority::Applies { city, staff } => self.priority_applies(&self.city(city), *staff),
            Priority::NoCity => match self.lang {
                Lang::Zh => format!("合同没有写城市；优先城市为{cities}"),
                Lang::En => format!("the contract names no city; the priority cities are {cities}"),
            },
            Priority::CityNotListed { city, did_you_mean } => {
                let guess = did_you_mean
                    .as_deref()
                    .map(|near| self.did_you_mean_city(near))
                    .unwrap_or_default();
                match self.lang {
                    Lang::Zh => format!("`{}` 不是优先城市（{cities}）{guess}", one_line(city)),
                    Lang::En => {
                        format!(
                            "`{}` is not a priority city ({cities}){guess}",
                            one_line(city)
                        )
                    }
                }
            }
            Priority::TooFewStaff {
                city,
                staff,
                needed,
            } => self.priority_understaffed(&self.city(city), *staff, *needed),
        };
        self.labelled(self.yes_no(priority.applies()), &why)
    }

    fn priority_applies(&self, city: &str, staff: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{city}是优先城市，驻场 {staff} 人"),
            Lang::En => format!(
                "{city} is a priority city, with {}",
                plural(staff, "engineer", "engineers")
            ),
        }
    }

    fn priority_understaffed(&self, city: &str, staff: u32, needed: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{city}驻场 {staff} 人，少于所需的 {needed} 人"),
            Lang::En => format!(
                "{} in {city}, fewer than the {needed} needed",
                plural(staff, "engineer", "engineers")
            ),
        }
    }

    /// `；是不是成都？`, `; did you mean Chengdu?`
    fn did_you_mean_city(&self, city: &str) -> String {
        let city = self.city(city);
        match self.lang {
            Lang::Zh => format!("；是不是{city}？"),
            Lang::En => format!("; did you mean {city}?"),
        }
    }

    /// A city by its name in this language, where otss knows it.
    fn city(&self, name: &str) -> String {
        one_line(&city_name(name, self.lang)).into_owned()
    }

    /// A city name that is likely a typo of a priority city's (docs/rules.md §1.8).
    pub fn city_near_priority(&self, city: &str, did_you_mean: &str) -> String {
        let guess = self.did_you_mean_city(did_you_mean);
        match self.lang {
            Lang::Zh => format!(
                "城市 `{}` 不是优先城市，优先到场时限不适用{guess}",
                one_line(city)
            ),
            Lang::En => format!(
                "the city `{}` is not a priority city, so the priority arrival time does not \
                 apply{guess}",
                one_line(city)
            ),
        }
    }

    pub fn arrival_with_priority(&self, arrival: TimeDelta, priority: TimeDelta) -> String {
        let priority = format!(
            "{} {}",
            self.pick(("优先", "priority")),
            self.duration(priority)
        );
        self.with_note(&self.duration(arrival), &priority)
    }
}

/// The TOML parser's words for the common mistakes: (Chinese, English).
const TOML_REASONS: &[(&str, &str)] = &[
    ("字符串值必须加引号", "string values must be quoted"),
    ("数组未闭合", "unclosed array"),
    ("表头未闭合", "unclosed table"),
    ("内联表未闭合", "unclosed inline table"),
    ("数组表头未闭合", "unclosed array table"),
    ("基本字符串无效", "invalid basic string"),
    ("字面字符串无效", "invalid literal string"),
    ("缺少值", "missing value"),
    ("键缺少值", "missing value for key"),
    (
        "键值之间缺少 `=`",
        "missing assignment between key-value pairs",
    ),
    (
        "数组元素之间缺少逗号",
        "missing comma between array elements",
    ),
    (
        "键值对之间缺少逗号",
        "missing comma between key-value pairs",
    ),
    ("缺少开头的引号", "missing opening quote"),
    ("不加引号的键无效", "invalid unquoted key"),
    ("不加引号的键不能为空", "unquoted keys cannot be empty"),
    ("多余的内容", "unexpected content"),
    ("多余的键或值", "unexpected key or value"),
    ("数字前多余的 0", "unexpected leading zero"),
    ("键重复", "duplicate key"),
    ("表重复", "duplicate table"),
    ("无效的日期时间", "invalid datetime"),
    ("无效的数字", "invalid number"),
    ("无效的整数", "invalid integer"),
    (
        "回车后必须跟换行",
        "carriage return must be followed by newline",
    ),
];

/// What the TOML parser expected, as it names it: (Chinese, English).
const TOML_EXPECTED: &[(&str, &str)] = &[
    ("多行基本字符串", "multi-line basic string"),
    ("字面字符串", "literal string"),
    ("基本字符串", "basic string"),
    ("值", "value"),
    ("键", "key"),
    ("数字", "digits"),
    ("字母", "letters"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::MAX_CONTRACT_BYTES;
    use crate::contract::testing::{MINIMAL, parse, problem, problems, with};

    /// The single problem of a contract, as `line: what is wrong` in English.
    fn said(text: &str) -> String {
        let problem = problem(text);
        let said = Lang::En.messages().contract_problem(&problem.kind);
        format!("{}: {said}", problem.line)
    }

    /// The whole error of a contract, in English.
    fn error(text: &str) -> String {
        Lang::En
            .messages()
            .contract_error(&parse(text).unwrap_err())
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line_and_the_closest_key() {
        assert_eq!(
            said(&with("staf = 2\n")),
            "6: unknown key `staf`; did you mean `staff`?"
        );
        assert_eq!(
            said(&with("[hours]\nstrat = \"09:00\"\n")),
            "7: unknown key `hours.strat`; did you mean `hours.start`?"
        );
        assert_eq!(
            said(&with("[sla.level1]\nrespnse = \"1h\"\n")),
            "7: unknown key `sla.level1.respnse`; did you mean `sla.level1.response`?"
        );
        assert!(
            said(&with("[inspections.monitorng]\nitems = [\"x\"]\n"))
                .contains("did you mean `inspections.monitoring`?")
        );
        assert!(
            said(&with("colour = \"red\"\n")).contains("valid keys here: customer, provider, mode")
        );
    }

    #[test]
    fn invalid_values_name_the_key_the_line_and_what_is_allowed() {
        let cases = [
            (
                MINIMAL.replace("\"5x8\"", "\"5x9\""),
                "3: `mode` = \"5x9\": the service mode must be \"5x8\" or \"7x24\"",
            ),
            (
                MINIMAL.replace("2025-01-02", "2025-02-30"),
                "4: `start` = 2025-02-30: invalid date",
            ),
            (
                MINIMAL.replace("2025-12-31", "2024-12-31"),
                "5: `end` = 2024-12-31: the term ends before it starts (2025-01-02)",
            ),
            (
                with("staff = 0\n"),
                "6: `staff` = 0: must be from 1 to 9999",
            ),
            (
                with("staff = \"two\"\n"),
                "6: `staff` = \"two\": must be a whole number, not string",
            ),
            (
                with("language = \"fr\"\n"),
                "6: `language` = \"fr\": the language must be \"zh\" or \"en\"",
            ),
            (
                with("timezone = \"Asia/Shanghia\"\n"),
                "6: `timezone` = \"Asia/Shanghia\": not a known IANA time zone; did you mean \"Asia/Shanghai\"?",
            ),
            (
                with("[hours]\nstart = \"18:00\"\nend = \"09:00\"\n"),
                "8: `hours.start` (18:00) must be before `hours.end` (09:00)",
            ),
            (
                with("[hours]\nstart = \"9am\"\n"),
                "7: `hours.start` = \"9am\": must be a time of day, \"HH:MM\"",
            ),
            (
                with("[sla]\nimmediate = \"soon\"\n"),
                "7: `sla.immediate` = \"soon\": `soon` is not a duration",
            ),
            (
                with("[sla]\nimmediate = \"0m\"\n"),
                "7: `sla.immediate` = \"0m\": must be longer than zero",
            ),
            (
                with("[sla]\nat_risk = 80\n"),
                "7: `sla.at_risk` = 80: must be a share of the budget above 0 and at most 1",
            ),
            (
                with("[sla.level2]\nresolve_clock = \"business\"\n"),
                "7: `sla.level2.resolve_clock` = \"business\": the clock must be \"wall\" or \"service\"",
            ),
            (
                with("hours = 9\n"),
                "6: `hours` must be a table, found integer",
            ),
            (
                with("[calendar]\nextra_holidays = [2025-12-24]\nextra_workdays = [2025-12-24]\n"),
                "8: 2025-12-24 is in both `calendar.extra_holidays` and `calendar.extra_workdays`",
            ),
            (
                with("[calendar]\nextra_holidays = [\"Christmas\"]\n"),
                "7: `calendar.extra_holidays` = [\"Christmas\"]: must be a date, YYYY-MM-DD",
            ),
            (
                with("[inspections.alert]\nitems = []\n"),
                "7: `inspections.alert.items` = []: needs at least one item",
            ),
            (
                with("[inspections.alert]\nitems = [\"a\", \"a\"]\n"),
                "7: `inspections.alert.items` = [\"a\", \"a\"]: item \"a\" is listed twice",
            ),
            (
                with("[reports]\ndue_day = 31\n"),
                "7: `reports.due_day` = 31: must be from 1 to 28",
            ),
            (
                with("[requests]\nanswer_within = 0\n"),
                "7: `requests.answer_within` = 0: must be from 1 to 250",
            ),
            (
                with("provider = 7\n"),
                "6: `provider` = 7: must be a string, not integer",
            ),
            (
                with("customer = \"again\"\n"),
                "6: `customer` = \"again\": duplicate key",
            ),
        ];
        for (text, expected) in cases {
            let found = said(&text);
            assert!(
                found.starts_with(expected),
                "expected {expected:?}\n   found {found:?}"
            );
        }
    }

    #[test]
    fn a_service_hours_problem_points_at_the_key_that_was_written() {
        assert_eq!(
            said(&with("[hours]\nstart = \"19:00\"\n")),
            "7: `hours.start` (19:00) must be before `hours.end` (18:00)"
        );
        assert_eq!(
            said(&with("[hours]\nend = \"08:00\"\n")),
            "7: `hours.start` (09:00) must be before `hours.end` (08:00)"
        );
    }

    #[test]
    fn missing_required_keys_are_each_reported() {
        let messages: Vec<String> = problems("customer = \"x\"\n")
            .iter()
            .map(|p| Lang::En.messages().contract_problem(&p.kind))
            .collect();
        assert_eq!(
            messages,
            [
                "`mode` is required but missing",
                "`start` is required but missing",
                "`end` is required but missing"
            ]
        );
    }

    #[test]
    fn every_problem_is_said_on_a_line_of_its_own() {
        let said = error(&with("staf = 2\nmode2 = 1\n").replace("\"5x8\"", "\"5x9\""));
        assert!(
            said.starts_with("the contract otss.toml has 3 problems:"),
            "{said}"
        );
        assert!(
            said.contains("\n  otss.toml:6: unknown key `staf`"),
            "{said}"
        );
        let one = error(&with("staf = 2\n"));
        assert!(
            one.starts_with("the contract otss.toml has 1 problem:\n"),
            "{one}"
        );
    }

    #[test]
    fn a_value_written_over_lines_is_said_on_one() {
        let said = error(&with(
            "city = \"\"\"\nerror: forged\"\"\"\n\"x\\nerror: y\" = 1\n",
        ));
        assert_eq!(said.lines().count(), 2, "{said}");
        assert!(said.contains("unknown key `x\\nerror: y`"), "{said}");
    }

    #[test]
    fn a_contract_over_one_mebibyte_is_said_with_its_size() {
        let text = with(&"#".repeat(MAX_CONTRACT_BYTES as usize));
        let said = error(&text);
        assert_eq!(
            said,
            format!(
                "the contract otss.toml is {} bytes, more than a contract may be (1048576 bytes, 1 \
                 MiB): is it the right file?",
                text.len()
            )
        );
    }

    #[test]
    fn the_toml_parser_is_said_in_chinese() {
        let m = Lang::Zh.messages();
        assert_eq!(
            m.toml_reason("string values must be quoted, expected literal string"),
            "字符串值必须加引号，应为 字面字符串"
        );
        assert_eq!(
            m.toml_reason("unclosed array, expected `]`"),
            "数组未闭合，应为 `]`"
        );
        assert_eq!(m.toml_reason("something new"), "TOML 语法有误");
        let en = Lang::En.messages();
        assert_eq!(en.toml_reason("unclosed array"), "unclosed array");
    }
}
