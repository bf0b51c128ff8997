//! The contract: its check, its fields, the service it owes and how often.

use chrono::{NaiveDate, TimeDelta};

use super::words::plural;
use super::{Lang, Messages};
use crate::calendar::DayKind;
use crate::service::{Frequency, InspectionKind, Mode, ServiceItem};

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
    Language,
    Ledger,
    ServiceHours,
    Immediate,
    AtRisk,
    PriorityArrival,
    Level,
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
            F::Language => ("语言", "Language"),
            F::Ledger => ("台账", "Ledger"),
            F::ServiceHours => ("服务时间", "Service hours"),
            F::Immediate => ("立即响应", "Immediate response"),
            F::AtRisk => ("预警阈值", "At risk after"),
            F::PriorityArrival => ("优先到场", "Priority arrival"),
            F::Level => ("级别", "Level"),
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
            Frequency::WorkingDay { count } => self.rounds(count, ("每个工作日", "working day")),
            Frequency::Day { count } => self.rounds(count, ("每天", "day")),
            Frequency::Month { count } => self.rounds(count, ("每月", "month")),
            Frequency::OnDemand => self.pick(("按需", "on demand")).to_string(),
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

    pub fn staff_count(&self, staff: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{staff} 人"),
            Lang::En => plural(staff, "engineer", "engineers"),
        }
    }

    /// Whether the priority arrival applies, and its conditions.
    pub fn priority_rule(&self, applies: bool, staff: u32, cities: &[String]) -> String {
        let cities = self.items(cities);
        let conditions = match self.lang {
            Lang::Zh => format!("驻场 {staff} 人及以上，城市为{cities}"),
            Lang::En => format!(
                "{} or more in {cities}",
                plural(staff, "engineer", "engineers")
            ),
        };
        self.labelled(self.yes_no(applies), &conditions)
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
