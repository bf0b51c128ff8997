//! The message catalogue: every human-facing word otss prints, in Chinese and English.
//!
//! One trait lists the messages; each language implements all of them, so a message missing
//! in one language does not compile. Renderers ask the catalogue and never spell out words.

mod en;
mod zh;

use std::path::{Path, PathBuf};

pub use crate::lang::Lang;
use chrono::{NaiveDate, TimeDelta, Weekday};
use chrono_tz::Tz;

use crate::calendar::{Basis, DayKind, DayName, Festival};
use crate::check::Problem;
use crate::contract::{ContractError, OutsideTerm, ResolveClock, ServiceHours};
use crate::git::GitError;
use crate::ids::IdError;
use crate::incident::{ClockName, Happening, IncidentError, Status};
use crate::inspect::InspectError;
use crate::leave::LeaveError;
use crate::ledger::{EngineerError, EntryFault, LineFault};
use crate::period::PeriodError;
use crate::report::ReportError;
use crate::report::{DueState, ReportKind};
use crate::request::Category;
use crate::service::{Frequency, InspectionKind, Mode, ServiceItem};
use crate::sla::Situation;
use crate::sync::SyncFailure;
use crate::time::{DurationError, TimeError};

impl Lang {
    pub fn messages(self) -> &'static dyn Messages {
        match self {
            Lang::Zh => &zh::Zh,
            Lang::En => &en::En,
        }
    }
}

/// The facts behind a priority arrival time, for explaining it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrioritySite {
    pub staff: u32,
    pub city: String,
}

pub trait Messages: Sync {
    fn lang(&self) -> Lang;

    // Words.
    fn festival(&self, festival: Festival) -> &'static str;
    fn day_kind(&self, kind: DayKind) -> &'static str;
    fn contract_day(&self, name: &DayName) -> &'static str;
    fn weekday_short(&self, day: Weekday) -> &'static str;
    fn weekday(&self, day: Weekday) -> &'static str;
    /// `label: text`, with the language's colon.
    fn labelled(&self, label: &str, text: &str) -> String;
    /// Between clauses of one sentence.
    fn clause_separator(&self) -> &'static str;
    fn list_separator(&self) -> &'static str;
    /// Between the items of an enumeration: `CVM、TKE`, `CVM, TKE`.
    fn items_separator(&self) -> &'static str;
    fn duration(&self, d: TimeDelta) -> String;
    fn warning(&self) -> &'static str;
    fn yes_no(&self, yes: bool) -> &'static str;

    // Calendar.
    fn month_title(&self, year: i32, month: u32) -> String;
    /// A month's short name, for chart axes: `3月`, `Mar`.
    fn month_short(&self, month: u32) -> String;
    fn working_days_in_month(&self, count: usize) -> String;
    fn calendar_legend(&self) -> String;
    fn working_status(&self, working: bool, comp_days: u32) -> String;
    /// A run of days off, with the statutory days among them.
    fn days_off(&self, days: usize, statutory: &[String]) -> String;
    fn provisional(&self, year: i32, basis: Basis) -> Option<String>;
    fn schedule_imported(&self, year: i32, days: usize, replaced: bool, path: &str) -> String;

    // SLA.
    fn situation(&self, situation: &Situation, hours: &ServiceHours) -> String;
    fn level(&self, level: u8) -> String;
    fn respond_by(&self, when: &str, why: &str) -> String;
    fn on_site_by(&self, when: &str, why: &str) -> String;
    fn resolve_by(&self, when: &str, why: &str) -> String;
    fn no_arrival_clock(&self, mode: Mode) -> String;
    fn rule_immediate(&self, within: TimeDelta) -> String;
    fn rule_off_hours_budget(&self, budget: TimeDelta) -> String;
    fn rule_window_start(&self, start: &str, plus: TimeDelta) -> String;
    fn rule_arrival(&self, budget: TimeDelta, priority: Option<&PrioritySite>) -> String;
    fn rule_agreed(&self) -> String;
    fn rule_resolution(&self, budget: TimeDelta, clock: ResolveClock) -> String;

    // Contract.
    fn contract_ok(&self, origin: &str) -> String;
    fn start_not_working_day(
        &self,
        start: NaiveDate,
        kind: DayKind,
        next: Option<NaiveDate>,
    ) -> String;
    fn field_label(&self, field: ContractField) -> &'static str;
    fn mode_name(&self, mode: Mode) -> &'static str;
    fn service_item(&self, item: ServiceItem) -> &'static str;
    fn inspection_kind(&self, kind: InspectionKind) -> &'static str {
        self.service_item(kind.item())
    }
    fn frequency(&self, frequency: Frequency) -> String;
    fn staff_count(&self, staff: u32) -> String;
    /// Whether the priority arrival applies, and its conditions.
    fn priority_rule(&self, applies: bool, staff: u32, cities: &[String]) -> String;
    fn arrival_with_priority(&self, arrival: TimeDelta, priority: TimeDelta) -> String;
    fn none(&self) -> &'static str;

    // Incidents.
    fn status(&self, status: Status) -> &'static str;
    fn clock(&self, clock: ClockName) -> &'static str;
    /// A running clock: "respond in 12 min".
    fn due_in(&self, clock: ClockName, left: TimeDelta) -> String;
    /// A clock past its deadline: "response BREACHED 5 min ago".
    fn breached(&self, clock: ClockName, by: TimeDelta) -> String;
    /// A countdown marked as at risk.
    fn at_risk(&self, countdown: &str) -> String;
    /// Met, breached, or not decided yet.
    fn verdict(&self, met: Option<bool>) -> &'static str;
    /// A timeline entry; times in it are shown in `zone`.
    fn happening(&self, happening: &Happening, zone: Tz) -> String;
    fn reported(&self, when: &str, by: &str) -> String;
    fn no_incidents(&self, open_only: bool) -> String;
    /// The heading of the open incidents in `otss status`.
    fn open_incidents(&self, count: usize, at_risk: usize, breached: usize) -> String;
    fn recovery_label(&self, label: RecoveryLabel) -> &'static str;

    // Routine work.
    /// "1/1 done", or that nothing is required.
    fn inspection_progress(&self, done: u32, required: u32) -> String;
    fn how_to_record(&self) -> String;
    fn tick_items(&self, kind: &str) -> String;
    fn what_is_wrong(&self, item: &str) -> String;
    fn nothing_due(&self) -> String;
    fn say_what_is_wrong(&self) -> String;
    fn record_round(&self) -> String;
    fn round_recorded(&self, kind: &str, items: usize, abnormal: usize) -> String;
    fn coverage_legend(&self) -> String;
    fn no_risks(&self, open_only: bool) -> String;
    fn risk_state(&self, open: bool, incident: Option<&str>) -> String;
    fn backups(&self, done: u32, required: u32) -> String;
    fn backup_result(&self, ok: bool, note: Option<&str>) -> String;
    fn recorded(&self) -> String;
    fn consultations(&self, count: usize, minutes: u64) -> String;
    fn category(&self, category: Category) -> &'static str;
    fn in_scope(&self, forced: bool) -> String;
    fn out_of_scope(&self, category: Category, words: &[String], forced: bool) -> String;
    fn requests(&self, count: usize, out_of_scope: usize) -> String;
    fn comp_earned(&self, engineer: &str, comp_days: u32) -> String;
    fn no_comp_on_working_day(&self) -> String;
    fn no_comp_under_7x24(&self) -> String;
    fn leave_taken(&self, engineer: &str, days: u32, left: i64) -> String;
    fn balance_header(&self) -> Vec<String>;
    fn on_duty(&self, engineer: &str) -> String;
    fn no_duty(&self) -> String;

    // The ledger check.
    /// What a problem is, and what to do about it.
    fn ledger_problem(&self, problem: &Problem) -> (String, String);
    /// Why a line of the ledger is not read as a record, as a warning says it.
    fn line_fault(&self, fault: &LineFault) -> String;
    /// Why an entry of the ledger is not read, as a warning says it.
    fn refused_entry(&self, fault: EntryFault) -> String;
    fn ledger_intact(&self, files: usize, records: usize) -> String;
    fn ledger_damaged(&self, problems: usize) -> String;

    // Sharing the ledger.
    fn sync_committed(&self, engineer: &str, lines: u64) -> String;
    fn sync_received(&self, lines: u64) -> String;
    fn sync_pushed(&self, remote: &str, branch: &str) -> String;
    fn sync_no_remote(&self) -> String;
    fn sync_changed_here(&self, path: &str, owner: &str) -> String;
    fn sync_edited_elsewhere(&self, path: &str) -> String;
    /// Another otss sync holds the clone: this one waits for it.
    fn sync_waiting(&self) -> String;

    // Service reports.
    fn report_label(&self, label: ReportLabel) -> &'static str;
    fn report_kind(&self, kind: ReportKind) -> &'static str {
        self.report_label(match kind {
            ReportKind::Monthly => ReportLabel::Monthly,
            ReportKind::Annual => ReportLabel::Annual,
        })
    }
    /// A figure with a note after it: `55/57（96%）`, `55/57 (96%)`.
    fn with_note(&self, main: &str, note: &str) -> String;
    /// A numbered section heading: `一、服务概况`, `1. Service summary`.
    fn numbered(&self, n: usize, heading: &str) -> String;
    fn report_title(&self, kind: ReportKind, period: &str) -> String;
    fn date_span(&self, first: NaiveDate, last: NaiveDate) -> String;
    /// Added to the span of a period still in progress.
    fn counted_to(&self, date: NaiveDate) -> String;
    fn per_day_cap(&self) -> String;
    /// A column of a clock's verdicts: `响应达标`, `Response met`.
    fn verdict_column(&self, clock: &str, verdict: &str) -> String;
    /// A product and how often it was asked about.
    fn times(&self, what: &str, count: u32) -> String;
    /// In scope (`None`), or out of scope in a category.
    fn request_scope(&self, category: Option<Category>) -> String;
    fn due_state(&self, state: DueState) -> &'static str;
    fn report_due(&self, kind: ReportKind, month: &str, due: NaiveDate, state: DueState) -> String;
    fn report_issued(&self, month: &str) -> String;
    /// The months whose reports are late, in one line.
    fn reports_late(&self, months: &[String]) -> String;
    fn report_written(&self, path: &str) -> String;
    /// When monthly reports are due, by the contract's day of the following month.
    fn report_due_day(&self, day: u32, before_end_days: i64) -> String;

    // Errors.
    fn error_label(&self) -> &'static str;
    /// An error in this language; `None` where its own (English) text is what to say.
    fn known_error(&self, error: KnownError) -> Option<String>;

    // Getting started.
    fn init_question(&self, question: InitQuestion) -> &'static str;
    /// The comment above a key of a new contract file; lines are separated by newlines.
    fn contract_comment(&self, key: ContractComment) -> &'static str;
    /// Why an answer to a question cannot be taken.
    fn init_invalid(&self, question: InitQuestion) -> &'static str;
    fn term_ends_before_start(&self, start: NaiveDate) -> String;
    fn contract_written(&self, path: &str) -> String;
    fn contract_exists(&self, path: &str) -> String;
    /// What to run next, after a contract is written: a heading, then each command's arguments
    /// and what it shows.
    fn first_steps(&self) -> (&'static str, [(&'static str, &'static str); 4]);
    fn path_label(&self, path: PathKind) -> &'static str;
    /// Where a contract would be written, when none is found.
    fn no_contract_yet(&self, path: &str) -> String;
}

/// An error a person often meets, to be said in their language.
#[derive(Debug, Clone, Copy)]
pub enum KnownError<'a> {
    Incident(&'a IncidentError),
    Id(&'a IdError),
    OutsideTerm(&'a OutsideTerm),
    NoContract(&'a [PathBuf]),
    ContractMissing {
        path: &'a Path,
        named_by: &'a str,
    },
    Contract(&'a ContractError),
    Time(&'a TimeError),
    Duration(&'a DurationError),
    Period(&'a PeriodError),
    Report(&'a ReportError),
    Leave(&'a LeaveError),
    Inspect(&'a InspectError),
    Engineer(&'a EngineerError),
    Refused {
        path: &'a Path,
        fault: EntryFault,
    },
    TooLarge {
        path: &'a Path,
        size: u64,
        limit: u64,
    },
    RecordTooLong {
        len: usize,
    },
    Git(&'a GitError),
    Sync(&'a SyncFailure),
}

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

/// Headings and labels of the recovery report (故障恢复报告).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryLabel {
    Title,
    Item,
    Detail,
    Incident,
    Customer,
    Level,
    ReportedAt,
    ReportedBy,
    FromRisk,
    Status,
    Summary,
    Impact,
    Cause,
    Fix,
    Clocks,
    Clock,
    Deadline,
    Actual,
    Verdict,
    Levels,
    Timeline,
    Time,
    Engineer,
    Event,
    NotRecorded,
}

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

/// A duration as whole days, hours, minutes and seconds, with the language's unit words
/// (days, hours, minutes, seconds): `1 h 30 min`.
fn duration_in(d: TimeDelta, units: [&str; 4]) -> String {
    let mut seconds = d.num_seconds().abs();
    if seconds == 0 {
        return format!("0 {}", units[3]);
    }
    // Days only from two days up: an SLA reads "24 h", not "1 d".
    let day = if seconds >= 2 * 86_400 {
        86_400
    } else {
        i64::MAX
    };
    let mut parts = Vec::new();
    for (size, unit) in [day, 3_600, 60, 1].into_iter().zip(units) {
        if seconds >= size {
            parts.push(format!("{} {unit}", seconds / size));
            seconds %= size;
        }
    }
    parts.join(" ")
}

/// A countdown's duration to its two largest units: seconds under a minute, minutes under a
/// day, hours beyond.
fn approximately(d: TimeDelta) -> TimeDelta {
    let seconds = d.num_seconds();
    let unit = match seconds {
        s if s < 60 => 1,
        s if s < 86_400 => 60,
        _ => 3_600,
    };
    TimeDelta::seconds(seconds - seconds % unit)
}

/// A day's name in the catalogue's language.
pub fn day_name(messages: &dyn Messages, name: &DayName) -> String {
    match name {
        DayName::Festivals(festivals) => festivals
            .iter()
            .map(|f| messages.festival(*f))
            .collect::<Vec<_>>()
            .join(messages.list_separator()),
        DayName::Text(text) => text.clone(),
        other => messages.contract_day(other).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_festival_has_a_name_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            for festival in Festival::ALL {
                assert!(!lang.messages().festival(festival).is_empty());
            }
        }
        assert_eq!(Lang::Zh.messages().festival(Festival::LabourDay), "劳动节");
        assert_eq!(
            Lang::En.messages().festival(Festival::NationalDay),
            "National Day"
        );
    }

    #[test]
    fn names_joined_in_each_language() {
        let both = DayName::Festivals(vec![Festival::MidAutumn, Festival::NationalDay]);
        assert_eq!(day_name(Lang::Zh.messages(), &both), "中秋节、国庆节");
        assert_eq!(
            day_name(Lang::En.messages(), &both),
            "Mid-Autumn Festival & National Day"
        );
    }

    #[test]
    fn durations_read_naturally() {
        let d = TimeDelta::minutes(90);
        assert_eq!(Lang::En.messages().duration(d), "1 h 30 min");
        assert_eq!(Lang::Zh.messages().duration(d), "1 小时 30 分钟");
        assert_eq!(Lang::En.messages().duration(TimeDelta::seconds(5)), "5 s");
        assert_eq!(Lang::En.messages().duration(TimeDelta::days(1)), "24 h");
        assert_eq!(
            Lang::En.messages().duration(TimeDelta::hours(75)),
            "3 d 3 h"
        );
    }

    #[test]
    fn countdowns_keep_two_units() {
        let en = Lang::En.messages();
        let left = TimeDelta::seconds(8 * 86_400 + 6 * 3_600 + 40 * 60 + 5);
        assert_eq!(en.due_in(ClockName::Resolution, left), "resolve in 8 d 6 h");
        assert_eq!(
            en.due_in(ClockName::Response, TimeDelta::seconds(725)),
            "respond in 12 min"
        );
        assert_eq!(
            en.breached(ClockName::Arrival, TimeDelta::seconds(42)),
            "arrival BREACHED 42 s ago"
        );
        let zh = Lang::Zh.messages();
        assert_eq!(
            zh.due_in(ClockName::Response, TimeDelta::seconds(725)),
            "12 分钟内响应"
        );
    }

    #[test]
    fn a_git_failure_that_said_nothing_gives_its_exit_status_in_both_languages() {
        let silent = crate::git::GitError::Failed {
            command: "commit".to_string(),
            said: crate::git::Said::Nothing { status: Some(1) },
        };
        assert_eq!(
            silent.to_string(),
            "`git commit` failed: no message, exit status 1"
        );
        assert_eq!(
            Lang::Zh.messages().known_error(KnownError::Git(&silent)),
            Some("`git commit` 失败：没有输出，退出码 1".to_string())
        );
    }

    #[test]
    fn language_keys_round_trip() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_key(lang.key()), Some(lang));
        }
        assert_eq!(Lang::from_key("fr"), None);
    }
}
