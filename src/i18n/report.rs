//! Service reports: their headings and labels, and when they are due.

use std::path::Path;

use chrono::NaiveDate;

use super::words::shown;
use super::{Lang, Messages};
use crate::report::{Correction, CorrectionAction, DueState, ReportError, ReportKind};
use crate::request::Category;
use crate::text::one_line;

/// Headings and labels of the service reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportLabel {
    Item,
    Detail,
    NoneRecorded,
    Time,
    Engineer,
    Summary,
    Customer,
    Provider,
    Period,
    Mode,
    Term,
    WorkingDays,
    DaysOnSite,
    Fingerprint,
    MonthByMonth,
    Month,
    /// Short column names of the month-by-month table.
    MonthIncidents,
    MonthResponse,
    MonthInspections,
    MonthBackups,
    MonthSupport,
    MonthRequests,
    MonthComp,
    Incidents,
    Level,
    Count,
    Total,
    Response,
    Arrival,
    ResponseMet,
    ArrivalMet,
    OpenAtEnd,
    MeanToAcknowledge,
    MeanToResolve,
    IncidentList,
    Id,
    IncidentTitle,
    ReportedAt,
    Status,
    ResolvedAt,
    Inspections,
    Kind,
    Required,
    Done,
    Coverage,
    Findings,
    CheckItem,
    Note,
    OpenedIncident,
    ChecksPassed,
    StatusAtEnd,
    Backups,
    FailedBackups,
    Job,
    RoundsNotCounted,
    ChecksNotCounted,
    Reason,
    Support,
    Consultations,
    TimeSpent,
    TopProducts,
    Requests,
    RequestsTotal,
    OutOfScope,
    Request,
    Scope,
    CompLeave,
    CompEarned,
    CompTaken,
    RisksAndSuggestions,
    Risks,
    Suggestions,
    Content,
    Corrections,
    CorrectedRecord,
    Correction,
    SlaChart,
    CoverageChart,
    IncidentsChart,
    TrendsChart,
    CoverageFull,
    CoveragePartial,
    CoverageMissed,
    NotRequired,
    NotCounted,
    Monthly,
    Annual,
    Due,
    Issued,
    State,
}

/// Chinese numbers the sections of a report, up to ten.
const CHINESE_NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

impl Messages {
    /// A period typed that has no report of its own; the annual summary's month.
    pub(super) fn not_a_term_report(&self, period: &str, annual: &str) -> String {
        let period = one_line(period);
        match self.lang {
            Lang::Zh => format!("{period} 不是服务期的报告之一：年度总结是 {annual} 的报告"),
            Lang::En => format!(
                "{period} is not one of the term's reports: the annual summary is the report of \
                 {annual}"
            ),
        }
    }

    /// A report delivered before it could have been.
    pub(super) fn issued_too_early(&self, month: &str, earliest: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => format!("{month} 的报告不可能在 {earliest} 之前提交"),
            Lang::En => format!("the {month} report cannot have been issued before {earliest}"),
        }
    }

    /// A report's file whose name tells no format.
    pub(super) fn unknown_format(
        &self,
        path: &Path,
        formats: &[&str],
        extensions: &[&str],
    ) -> String {
        let path = shown(path);
        let formats = formats.join("|");
        let dotted: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
        let (last, rest) = dotted
            .split_last()
            .map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
        let rest = rest.join(self.pick(("、", ", ")));
        match self.lang {
            Lang::Zh => format!(
                "无法从文件名看出 {path} 的格式：请用 --format {formats} 指定，\
                 或把文件命名为 {rest} 或 {last}"
            ),
            Lang::En => format!(
                "cannot tell the format of {path} from its name: give --format {formats}, or \
                 name it {rest} or {last}"
            ),
        }
    }

    /// Why a period has no report.
    pub(super) fn report_error(&self, error: &ReportError) -> String {
        match error {
            ReportError::NotAPeriod(text) => {
                let text = one_line(text);
                match self.lang {
                    Lang::Zh => format!("`{text}` 不是报告期间：用 YYYY-MM 或 YYYY"),
                    Lang::En => format!("`{text}` is not a report period: use YYYY-MM or YYYY"),
                }
            }
            ReportError::OutsideTerm { period, start, end } => match self.lang {
                Lang::Zh => format!("{period} 不在合同服务期内（{start} 至 {end}）"),
                Lang::En => format!("{period} is outside the contract term ({start} to {end})"),
            },
            ReportError::NotBegun { period, begins } => match self.lang {
                Lang::Zh => format!("{period} 尚未开始：{begins} 起才能出报告"),
                Lang::En => {
                    format!("{period} has not begun: its report can be made from {begins}")
                }
            },
        }
    }

    pub fn report_label(&self, label: ReportLabel) -> &'static str {
        use ReportLabel as L;
        self.pick(match label {
            L::Item => ("项目", "Item"),
            L::Detail => ("内容", "Detail"),
            L::NoneRecorded => ("无", "None."),
            L::Time => ("时间", "Time"),
            L::Engineer => ("工程师", "Engineer"),
            L::Summary => ("服务概况", "Service summary"),
            L::Customer => ("客户", "Customer"),
            L::Provider => ("服务商", "Provider"),
            L::Period => ("报告期间", "Period"),
            L::Mode => ("服务模式", "Service mode"),
            L::Term => ("合同服务期", "Contract term"),
            L::WorkingDays => ("工作日（天）", "Working days"),
            L::DaysOnSite => ("驻场服务天数", "Days on site"),
            L::Fingerprint => ("台账指纹", "Ledger fingerprint"),
            L::MonthByMonth => ("逐月统计", "Month by month"),
            L::Month => ("月份", "Month"),
            L::MonthIncidents => ("故障", "Incidents"),
            L::MonthResponse => ("响应达标率", "Resp. met"),
            L::MonthInspections => ("巡检完成", "Inspections"),
            L::MonthBackups => ("备份检查", "Backups"),
            L::MonthSupport => ("咨询", "Support"),
            L::MonthRequests => ("需求（范围外）", "Requests (out)"),
            L::MonthComp => ("获得调休", "Comp days"),
            L::Incidents => ("故障处理", "Incidents"),
            L::Level => ("级别", "Level"),
            L::Count => ("数量", "Count"),
            L::Total => ("合计", "Total"),
            L::Response => ("响应", "Response"),
            L::Arrival => ("到场", "Arrival"),
            L::ResponseMet => ("响应达标率", "Response met"),
            L::ArrivalMet => ("到场达标率", "Arrival met"),
            L::OpenAtEnd => (
                "期末未解决故障（含此前报告的）",
                "Unresolved at period end (also reported before)",
            ),
            L::MeanToAcknowledge => ("平均响应时长", "Mean time to acknowledge"),
            L::MeanToResolve => ("平均解决时长", "Mean time to resolve"),
            L::IncidentList => ("故障清单", "Incident list"),
            L::Id => ("编号", "ID"),
            L::IncidentTitle => ("故障描述", "Title"),
            L::ReportedAt => ("报告时间", "Reported"),
            L::Status => ("状态", "Status"),
            L::ResolvedAt => ("解决时间", "Resolved"),
            L::Inspections => ("巡检", "Inspections"),
            L::Kind => ("类别", "Kind"),
            L::Required => ("应完成", "Required"),
            L::Done => ("已完成", "Done"),
            L::Coverage => ("完成率", "Coverage"),
            L::Findings => ("异常发现", "Abnormal findings"),
            L::CheckItem => ("检查项", "Check item"),
            L::Note => ("说明", "Note"),
            L::OpenedIncident => ("转为故障", "Incident"),
            L::ChecksPassed => ("检查通过次数", "Checks passed"),
            L::StatusAtEnd => ("期末状态", "At period end"),
            L::Backups => ("备份检查", "Backup checks"),
            L::FailedBackups => ("失败的备份检查", "Failed backup checks"),
            L::Job => ("备份任务", "Backup job"),
            L::RoundsNotCounted => ("未计数的巡检", "Rounds not counted"),
            L::ChecksNotCounted => ("未计数的备份检查", "Backup checks not counted"),
            L::Reason => ("原因", "Reason"),
            L::Support => ("技术支持咨询", "Technical support consultations"),
            L::Consultations => ("咨询次数", "Consultations"),
            L::TimeSpent => ("累计时长", "Time spent"),
            L::TopProducts => ("主要咨询产品", "Products asked about most"),
            L::Requests => ("客户需求", "Customer requests"),
            L::RequestsTotal => ("需求总数", "Requests"),
            L::OutOfScope => ("服务范围外", "Out of scope"),
            L::Request => ("需求内容", "Request"),
            L::Scope => ("服务范围", "Scope"),
            L::CompLeave => ("调休", "Comp leave"),
            L::CompEarned => ("获得调休（天）", "Comp days earned"),
            L::CompTaken => ("已调休（天）", "Comp days taken"),
            L::RisksAndSuggestions => (
                "平台风险与优化建议",
                "Platform risks and optimisation suggestions",
            ),
            L::Risks => ("平台风险", "Platform risks"),
            L::Suggestions => ("优化建议", "Optimisation suggestions"),
            L::Content => ("内容", "Content"),
            L::Corrections => ("更正记录", "Corrections"),
            L::CorrectedRecord => ("被更正的记录", "Record corrected"),
            L::Correction => ("更正", "Correction"),
            L::SlaChart => ("各级别服务时效达标情况", "SLA results by level"),
            L::CoverageChart => ("巡检完成情况", "Inspection coverage"),
            L::IncidentsChart => ("故障分布", "Incidents over the period"),
            L::TrendsChart => (
                "逐月趋势：响应达标率与巡检完成率",
                "Trends: response met and inspections done, by month",
            ),
            L::CoverageFull => ("全部完成", "all done"),
            L::CoveragePartial => ("部分完成", "partly done"),
            L::CoverageMissed => ("未巡检", "missed"),
            L::NotRequired => ("无需巡检", "none required"),
            L::NotCounted => ("未到日期", "not yet"),
            L::Monthly => ("月度报告", "monthly report"),
            L::Annual => ("年度总结报告", "annual summary"),
            L::Due => ("截止日期", "Due"),
            L::Issued => ("提交时间", "Issued"),
            L::State => ("状态", "State"),
        })
    }

    pub fn report_kind(&self, kind: ReportKind) -> &'static str {
        self.report_label(match kind {
            ReportKind::Monthly => ReportLabel::Monthly,
            ReportKind::Annual => ReportLabel::Annual,
        })
    }

    /// A numbered section heading: `一、服务概况`, `1. Service summary`.
    pub fn numbered(&self, n: usize, heading: &str) -> String {
        match self.lang {
            Lang::Zh => match CHINESE_NUMERALS.get(n.wrapping_sub(1)) {
                Some(numeral) => format!("{numeral}、{heading}"),
                None => format!("{n}、{heading}"),
            },
            Lang::En => format!("{n}. {heading}"),
        }
    }

    pub fn report_title(&self, kind: ReportKind, period: &str) -> String {
        let title = self.pick(match kind {
            ReportKind::Monthly => (
                "技术支持服务月度报告",
                "Technical Support Service Monthly Report",
            ),
            ReportKind::Annual => (
                "技术支持服务年度总结报告",
                "Technical Support Service Annual Summary",
            ),
        });
        match self.lang {
            Lang::Zh => format!("{title}（{period}）"),
            Lang::En => format!("{title}: {period}"),
        }
    }

    pub fn date_span(&self, first: NaiveDate, last: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => format!("{first} 至 {last}"),
            Lang::En => format!("{first} to {last}"),
        }
    }

    /// Added to the span of a period still in progress.
    pub fn counted_to(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::Zh => format!("（进行中，统计至 {date}）"),
            Lang::En => format!(" (in progress, counted to {date})"),
        }
    }

    pub fn per_day_cap(&self) -> String {
        self.pick((
            "每类巡检每天最多计入当天要求的轮次：某天多做的轮次不抵补其他日期的缺漏。",
            "A day counts at most the rounds it requires: extra rounds never make up for a day missed.",
        ))
        .to_string()
    }

    /// A column of a clock's verdicts: `响应达标`, `Response met`.
    pub fn verdict_column(&self, clock: &str, verdict: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{clock}{verdict}"),
            Lang::En => format!("{clock} {verdict}"),
        }
    }

    /// A product and how often it was asked about.
    pub fn times(&self, what: &str, count: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{what}（{count} 次）"),
            Lang::En => format!("{what} ({count})"),
        }
    }

    /// In scope (`None`), or out of scope in a category; and the engineer's reason, if given.
    pub fn request_scope(&self, category: Option<Category>, reason: Option<&str>) -> String {
        let scope = match category {
            None => self.pick(("范围内", "in scope")).to_string(),
            Some(category) => self.labelled(
                self.pick(("范围外", "out of scope")),
                self.category(category),
            ),
        };
        match reason {
            Some(_) => self.with_note(&scope, &self.decided_by_engineer(reason)),
            None => scope,
        }
    }

    pub fn due_state(&self, state: DueState) -> &'static str {
        self.pick(match state {
            DueState::Issued => ("已提交", "issued"),
            DueState::Late => ("逾期未提交", "late"),
            DueState::Due => ("待提交", "due"),
            DueState::Upcoming => ("未到期", "upcoming"),
        })
    }

    pub fn report_due(
        &self,
        kind: ReportKind,
        month: &str,
        due: NaiveDate,
        state: DueState,
    ) -> String {
        let name = self.report_kind(kind);
        let state = self.due_state(state);
        match self.lang {
            Lang::Zh => format!("{month} {name}：{due} 前提交（{state}）"),
            Lang::En => format!("{month} {name}: due by {due} ({state})"),
        }
    }

    pub fn report_issued(&self, month: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已记录 {month} 的报告已提交"),
            Lang::En => format!("recorded the {month} report as issued"),
        }
    }

    /// What a correction did.
    pub fn correction_action(&self, action: CorrectionAction) -> &'static str {
        self.pick(match action {
            CorrectionAction::Voided => ("作废", "voided"),
            CorrectionAction::Merged => ("合并", "merged"),
            CorrectionAction::Amended => ("修改", "amended"),
        })
    }

    /// Why a correction was made, or what it did: the reason given, the incident a duplicate
    /// was merged into, or the texts amended.
    pub fn correction_detail(&self, correction: &Correction) -> String {
        if let Some(kept) = &correction.merged_into {
            return match self.lang {
                Lang::Zh => format!("并入故障 {kept}"),
                Lang::En => format!("into incident {kept}"),
            };
        }
        if !correction.fields.is_empty() {
            let fields: Vec<String> = correction
                .fields
                .iter()
                .map(|f| self.text_field(*f).to_string())
                .collect();
            return self.items(&fields);
        }
        correction.reason.clone()
    }

    /// A report's state, once a correction since it was issued touched what it reports on.
    pub fn changed_since_issued(&self, state: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{state}，提交后有更正"),
            Lang::En => format!("{state}, changed since"),
        }
    }

    /// The months whose issued reports a later correction touched, in one line.
    pub fn reports_changed(&self, months: &[String]) -> String {
        let label = self.pick((
            "已提交后又有更正的报告（请核对后重新提交）",
            "reports changed since issued (check them and issue again)",
        ));
        self.labelled(label, &self.items(months))
    }

    /// The months whose reports are late, in one line.
    pub fn reports_late(&self, months: &[String]) -> String {
        let label = self.pick(("逾期未提交的报告", "reports late"));
        self.labelled(label, &self.items(months))
    }

    pub fn report_written(&self, path: &str) -> String {
        match self.lang {
            Lang::Zh => format!("报告已写入 {path}"),
            Lang::En => format!("report written to {path}"),
        }
    }

    /// When monthly reports are due, by the contract's day of the following month.
    pub fn report_due_day(&self, day: u32, before_end_days: i64) -> String {
        match self.lang {
            Lang::Zh => format!("次月 {day} 日前；所有报告不晚于合同期结束前 {before_end_days} 天"),
            Lang::En => format!(
                "by day {day} of the following month; every report at least {before_end_days} days \
                 before the term ends"
            ),
        }
    }
}
