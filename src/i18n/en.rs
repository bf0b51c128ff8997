//! English.

use chrono::{NaiveDate, TimeDelta, Weekday};
use chrono_tz::Tz;

use super::{
    ContractComment, ContractField, InitQuestion, KnownError, Lang, Messages, PathKind,
    PrioritySite, RecoveryLabel, ReportLabel, approximately, day_name, duration_in,
};
use crate::calendar::{Basis, Day, DayKind, DayName, Festival};
use crate::check::Problem;
use crate::contract::{ResolveClock, ServiceHours};
use crate::incident::{ClockName, Happening, Status};
use crate::ledger::{EntryFault, LineFault};
use crate::report::{DueState, ReportKind};
use crate::request::Category;
use crate::service::{Frequency, Mode, ServiceItem};
use crate::sla::Situation;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub struct En;

fn plural(count: impl Into<u64>, one: &str, many: &str) -> String {
    let count = count.into();
    format!("{count} {}", if count == 1 { one } else { many })
}

impl Messages for En {
    fn lang(&self) -> Lang {
        Lang::En
    }

    fn festival(&self, festival: Festival) -> &'static str {
        match festival {
            Festival::NewYear => "New Year's Day",
            Festival::SpringFestival => "Spring Festival",
            Festival::Qingming => "Qingming Festival",
            Festival::LabourDay => "Labour Day",
            Festival::DragonBoat => "Dragon Boat Festival",
            Festival::MidAutumn => "Mid-Autumn Festival",
            Festival::NationalDay => "National Day",
        }
    }

    fn day_kind(&self, kind: DayKind) -> &'static str {
        match kind {
            DayKind::Workday => "working day",
            DayKind::MakeupWorkday => "make-up workday",
            DayKind::Weekend => "weekend",
            DayKind::Holiday => "holiday",
            DayKind::Statutory => "statutory holiday",
        }
    }

    fn contract_day(&self, name: &DayName) -> &'static str {
        match name {
            DayName::ContractWorkday => "contract working day",
            DayName::ContractStatutory => "contract statutory holiday",
            _ => "contract day off",
        }
    }

    fn weekday_short(&self, day: Weekday) -> &'static str {
        match day {
            Weekday::Mon => "Mo",
            Weekday::Tue => "Tu",
            Weekday::Wed => "We",
            Weekday::Thu => "Th",
            Weekday::Fri => "Fr",
            Weekday::Sat => "Sa",
            Weekday::Sun => "Su",
        }
    }

    fn weekday(&self, day: Weekday) -> &'static str {
        match day {
            Weekday::Mon => "Mon",
            Weekday::Tue => "Tue",
            Weekday::Wed => "Wed",
            Weekday::Thu => "Thu",
            Weekday::Fri => "Fri",
            Weekday::Sat => "Sat",
            Weekday::Sun => "Sun",
        }
    }

    fn labelled(&self, label: &str, text: &str) -> String {
        format!("{label}: {text}")
    }

    fn clause_separator(&self) -> &'static str {
        "; "
    }

    fn list_separator(&self) -> &'static str {
        " & "
    }

    fn items_separator(&self) -> &'static str {
        ", "
    }

    fn duration(&self, d: TimeDelta) -> String {
        duration_in(d, ["d", "h", "min", "s"])
    }

    fn warning(&self) -> &'static str {
        "warning"
    }

    fn yes_no(&self, yes: bool) -> &'static str {
        if yes { "yes" } else { "no" }
    }

    fn month_title(&self, year: i32, month: u32) -> String {
        let name = MONTHS.get(month as usize - 1).copied().unwrap_or_default();
        format!("{name} {year}")
    }

    fn month_short(&self, month: u32) -> String {
        MONTHS
            .get(month as usize - 1)
            .map(|name| name[..3].to_string())
            .unwrap_or_default()
    }

    fn working_days_in_month(&self, count: usize) -> String {
        plural(count as u64, "working day", "working days")
    }

    fn calendar_legend(&self) -> String {
        "* statutory holiday  + holiday  ! make-up workday".to_string()
    }

    fn working_status(&self, working: bool, comp_days: u32) -> String {
        if working {
            "a working day: no comp leave for working it".to_string()
        } else {
            format!(
                "not a working day: a day worked earns {}",
                plural(comp_days, "comp day", "comp days")
            )
        }
    }

    fn days_off(&self, days: usize, statutory: &[String]) -> String {
        let run = plural(days as u64, "day off", "days off");
        if statutory.is_empty() {
            run
        } else {
            format!("{run} (statutory: {})", statutory.join(", "))
        }
    }

    fn provisional(&self, year: i32, basis: Basis) -> Option<String> {
        let import = "add the official schedule with `otss calendar import FILE` once it is out";
        match basis {
            Basis::Published => None,
            Basis::Provisional { lunar_known: true } => Some(format!(
                "no holiday schedule is published for {year}: provisional, weekends and the \
                 statutory days of the law only; {import}"
            )),
            Basis::Provisional { lunar_known: false } => Some(format!(
                "no holiday schedule is published for {year}: provisional, weekends and the \
                 fixed-date statutory days only (lunar festivals unknown); {import}"
            )),
            Basis::BeforeData => Some(format!(
                "no holiday data for {year}: weekends only (built-in data starts in 2018)"
            )),
        }
    }

    fn schedule_imported(&self, year: i32, days: usize, replaced: bool, path: &str) -> String {
        let verb = if replaced { "replaced" } else { "imported" };
        format!(
            "{verb} the {year} holiday schedule ({}) into {path}",
            plural(days as u64, "day", "days")
        )
    }

    fn situation(&self, situation: &Situation, hours: &ServiceHours) -> String {
        let day_text = |day: &Day| match &day.name {
            Some(name) => [day_name(self, name).as_str(), self.day_kind(day.kind)].join(", "),
            None => self.day_kind(day.kind).to_string(),
        };
        let hh_mm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
        match situation {
            Situation::AroundTheClock => "7x24 service, around the clock".to_string(),
            Situation::InServiceHours { day } => {
                format!("inside service hours ({})", day_text(day))
            }
            Situation::DayOff { day } => format!("outside service hours ({})", day_text(day)),
            Situation::BeforeHours { .. } => {
                format!("outside service hours (before {})", hh_mm(hours.start))
            }
            Situation::AfterHours { .. } => {
                format!("outside service hours (after {})", hh_mm(hours.end))
            }
        }
    }

    fn level(&self, level: u8) -> String {
        format!("level {level}")
    }

    fn respond_by(&self, when: &str, why: &str) -> String {
        format!("respond by {when} ({why})")
    }

    fn on_site_by(&self, when: &str, why: &str) -> String {
        format!("on site by {when} if asked ({why})")
    }

    fn resolve_by(&self, when: &str, why: &str) -> String {
        format!("resolve by {when} ({why})")
    }

    fn no_arrival_clock(&self, mode: Mode) -> String {
        match mode {
            Mode::FiveByEight => "the engineer is on site: no arrival clock".to_string(),
            Mode::SevenByTwentyFour => {
                "engineers on site around the clock: no arrival clock".to_string()
            }
        }
    }

    fn rule_immediate(&self, within: TimeDelta) -> String {
        format!("immediate: {}", self.duration(within))
    }

    fn rule_off_hours_budget(&self, budget: TimeDelta) -> String {
        format!("{} outside service hours", self.duration(budget))
    }

    fn rule_window_start(&self, start: &str, plus: TimeDelta) -> String {
        if plus.is_zero() {
            format!("service hours start {start}")
        } else {
            format!("service hours start {start} + {}", self.duration(plus))
        }
    }

    fn rule_arrival(&self, budget: TimeDelta, priority: Option<&PrioritySite>) -> String {
        match priority {
            Some(site) => format!(
                "{}: {} in {}",
                self.duration(budget),
                plural(site.staff, "engineer", "engineers"),
                site.city
            ),
            None => self.duration(budget),
        }
    }

    fn rule_agreed(&self) -> String {
        "the later time agreed with the customer".to_string()
    }

    fn rule_resolution(&self, budget: TimeDelta, clock: ResolveClock) -> String {
        match clock {
            ResolveClock::Wall => self.duration(budget),
            ResolveClock::Service => format!("{} of service time", self.duration(budget)),
        }
    }

    fn contract_ok(&self, origin: &str) -> String {
        format!("contract OK: {origin}")
    }

    fn start_not_working_day(
        &self,
        start: NaiveDate,
        kind: DayKind,
        next: Option<NaiveDate>,
    ) -> String {
        let next = next
            .map(|d| format!("; the next working day is {d}"))
            .unwrap_or_default();
        format!(
            "the 5x8 term starts on {start}, a {}, not a working day{next}",
            self.day_kind(kind)
        )
    }

    fn field_label(&self, field: ContractField) -> &'static str {
        match field {
            ContractField::Contract => "Contract",
            ContractField::Value => "Value",
            ContractField::Path => "File",
            ContractField::Customer => "Customer",
            ContractField::Provider => "Provider",
            ContractField::Mode => "Service mode",
            ContractField::Term => "Term",
            ContractField::TimeZone => "Time zone",
            ContractField::City => "City",
            ContractField::Staff => "Staff",
            ContractField::Language => "Language",
            ContractField::Ledger => "Ledger",
            ContractField::ServiceHours => "Service hours",
            ContractField::Immediate => "Immediate response",
            ContractField::AtRisk => "At risk after",
            ContractField::PriorityArrival => "Priority arrival",
            ContractField::Level => "Level",
            ContractField::Response => "Response",
            ContractField::ResponseOffHours => "Response outside hours",
            ContractField::Arrival => "Arrival",
            ContractField::Resolution => "Resolution",
            ContractField::ServiceItem => "Service item",
            ContractField::Frequency => "Frequency",
            ContractField::Checklist => "Checklist",
            ContractField::CalendarCorrections => "Calendar corrections",
            ContractField::Schedules => "Schedules",
            ContractField::ReportsDue => "Monthly report due",
        }
    }

    fn mode_name(&self, mode: Mode) -> &'static str {
        match mode {
            Mode::FiveByEight => "5x8: on site in service hours of working days",
            Mode::SevenByTwentyFour => "7x24: on site around the clock",
        }
    }

    fn service_item(&self, item: ServiceItem) -> &'static str {
        match item {
            ServiceItem::Support => "Technical support",
            ServiceItem::Incident => "Incident management",
            ServiceItem::Monitoring => "Monitoring inspection",
            ServiceItem::Resource => "Resource inspection",
            ServiceItem::Alert => "Alert management",
            ServiceItem::Backup => "Backup management",
            ServiceItem::Request => "Requirement collection and feedback",
            ServiceItem::Report => "Service report",
        }
    }

    fn frequency(&self, frequency: Frequency) -> String {
        match frequency {
            Frequency::DuringServiceHours => "on request, during service hours".to_string(),
            Frequency::Always => "on request, at any hour".to_string(),
            Frequency::PerSla => "per the SLA".to_string(),
            Frequency::WorkingDay { count } => format!("{count} per working day"),
            Frequency::Day { count } => format!("{count} per day"),
            Frequency::Month { count } => format!("{count} per month"),
            Frequency::OnDemand => "on demand".to_string(),
        }
    }

    fn staff_count(&self, staff: u32) -> String {
        plural(staff, "engineer", "engineers")
    }

    fn priority_rule(&self, applies: bool, staff: u32, cities: &[String]) -> String {
        format!(
            "{}: {} or more in {}",
            self.yes_no(applies),
            plural(staff, "engineer", "engineers"),
            cities.join(", ")
        )
    }

    fn arrival_with_priority(&self, arrival: TimeDelta, priority: TimeDelta) -> String {
        format!(
            "{} (priority {})",
            self.duration(arrival),
            self.duration(priority)
        )
    }

    fn none(&self) -> &'static str {
        "none"
    }

    fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Open => "open",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    fn clock(&self, clock: ClockName) -> &'static str {
        match clock {
            ClockName::Response => "response",
            ClockName::Arrival => "arrival",
            ClockName::Resolution => "resolution",
        }
    }

    fn due_in(&self, clock: ClockName, left: TimeDelta) -> String {
        let verb = match clock {
            ClockName::Response => "respond",
            ClockName::Arrival => "on site",
            ClockName::Resolution => "resolve",
        };
        format!("{verb} in {}", self.duration(approximately(left)))
    }

    fn breached(&self, clock: ClockName, by: TimeDelta) -> String {
        format!(
            "{} BREACHED {} ago",
            self.clock(clock),
            self.duration(approximately(by))
        )
    }

    fn at_risk(&self, countdown: &str) -> String {
        format!("{countdown} (at risk)")
    }

    fn verdict(&self, met: Option<bool>) -> &'static str {
        match met {
            Some(true) => "met",
            Some(false) => "breached",
            None => "pending",
        }
    }

    fn happening(&self, happening: &Happening, zone: Tz) -> String {
        match happening {
            Happening::Opened { level, title } => {
                format!("reported, {}: {title}", self.level(level.number()))
            }
            Happening::Acknowledged => "acknowledged".to_string(),
            Happening::OnsiteRequested { agreed: None } => "engineer asked on site".to_string(),
            Happening::OnsiteRequested { agreed: Some(at) } => {
                format!(
                    "engineer asked on site, agreed for {}",
                    at.with_timezone(&zone).format("%Y-%m-%d %H:%M")
                )
            }
            Happening::Arrived => "engineer on site".to_string(),
            Happening::LevelChanged { from, to } => {
                format!("level changed from {} to {}", from.number(), to.number())
            }
            Happening::Noted { text } => format!("note: {text}"),
            Happening::Resolved { summary } => format!("resolved: {summary}"),
            Happening::Closed => "closed".to_string(),
            Happening::Reopened => "reopened".to_string(),
        }
    }

    fn reported(&self, when: &str, by: &str) -> String {
        format!("reported {when} by {by}")
    }

    fn no_incidents(&self, open_only: bool) -> String {
        if open_only {
            "no open incidents"
        } else {
            "no incidents recorded"
        }
        .to_string()
    }

    fn open_incidents(&self, count: usize, at_risk: usize, breached: usize) -> String {
        format!(
            "{}: {at_risk} at risk, {breached} breached",
            plural(count as u64, "open incident", "open incidents")
        )
    }

    fn recovery_label(&self, label: RecoveryLabel) -> &'static str {
        match label {
            RecoveryLabel::Title => "Incident recovery report",
            RecoveryLabel::Item => "Item",
            RecoveryLabel::Detail => "Detail",
            RecoveryLabel::Incident => "Incident",
            RecoveryLabel::Customer => "Customer",
            RecoveryLabel::Level => "Level",
            RecoveryLabel::ReportedAt => "Reported",
            RecoveryLabel::ReportedBy => "Recorded by",
            RecoveryLabel::FromRisk => "From inspection risk",
            RecoveryLabel::Status => "Status",
            RecoveryLabel::Summary => "Summary",
            RecoveryLabel::Impact => "Impact",
            RecoveryLabel::Cause => "Cause",
            RecoveryLabel::Fix => "Fix",
            RecoveryLabel::Clocks => "Service levels",
            RecoveryLabel::Clock => "Clock",
            RecoveryLabel::Deadline => "Deadline",
            RecoveryLabel::Actual => "Actual",
            RecoveryLabel::Verdict => "Result",
            RecoveryLabel::Levels => "Level history",
            RecoveryLabel::Timeline => "Timeline",
            RecoveryLabel::Time => "Time",
            RecoveryLabel::Engineer => "Engineer",
            RecoveryLabel::Event => "Event",
            RecoveryLabel::NotRecorded => "not recorded",
        }
    }

    fn inspection_progress(&self, done: u32, required: u32) -> String {
        match required {
            0 => "not required".to_string(),
            _ if done >= required => format!("{done} of {required} done"),
            _ => format!("{done} of {required} done, {} missing", required - done),
        }
    }

    fn how_to_record(&self) -> String {
        "record a round: otss inspect today --kind KIND --all-ok [--item \"NAME=abnormal:NOTE\"]"
            .to_string()
    }

    fn tick_items(&self, kind: &str) -> String {
        format!("{kind}: tick the items that are OK (space ticks, a ticks all, Enter confirms)")
    }

    fn what_is_wrong(&self, item: &str) -> String {
        format!("What is wrong with {item}")
    }

    fn nothing_due(&self) -> String {
        "nothing is due".to_string()
    }

    fn say_what_is_wrong(&self) -> String {
        "say what is wrong".to_string()
    }

    fn record_round(&self) -> String {
        "Record this round?".to_string()
    }

    fn round_recorded(&self, kind: &str, items: usize, abnormal: usize) -> String {
        format!(
            "{kind}: round recorded, {}, {abnormal} abnormal",
            plural(items as u64, "item", "items")
        )
    }

    fn coverage_legend(&self) -> String {
        "✓ done  ✗ missed  … today, in progress  · not required".to_string()
    }

    fn no_risks(&self, open_only: bool) -> String {
        if open_only {
            "no open risks"
        } else {
            "no risks found"
        }
        .to_string()
    }

    fn risk_state(&self, open: bool, incident: Option<&str>) -> String {
        match (open, incident) {
            (_, Some(incident)) => format!("incident {incident}"),
            (true, None) => "open".to_string(),
            (false, None) => "cleared".to_string(),
        }
    }

    fn backups(&self, done: u32, required: u32) -> String {
        format!("backup checks: {done} of {required} required")
    }

    fn backup_result(&self, ok: bool, note: Option<&str>) -> String {
        match (ok, note) {
            (true, _) => "ok".to_string(),
            (false, Some(note)) => format!("FAILED: {note}"),
            (false, None) => "FAILED".to_string(),
        }
    }

    fn recorded(&self) -> String {
        "recorded".to_string()
    }

    fn consultations(&self, count: usize, minutes: u64) -> String {
        format!(
            "{}, {}",
            plural(count as u64, "consultation", "consultations"),
            self.duration(TimeDelta::minutes(
                i64::try_from(minutes).unwrap_or(i64::MAX / 60_000)
            ))
        )
    }

    fn category(&self, category: Category) -> &'static str {
        match category {
            Category::SoftwareDevTest => "software development and testing",
            Category::DrAndScaling => "disaster recovery and capacity expansion",
            Category::Certification => "device certification",
            Category::DataMigration => "data migration",
            Category::SecurityOperations => "security operations",
            Category::GrowthAnalysis => "growth analysis and business operations",
            Category::Facility => "data-centre facilities",
            Category::InternalOpsSystem => "an internal operations system",
        }
    }

    fn in_scope(&self, forced: bool) -> String {
        if forced {
            "in scope (decided by the engineer)"
        } else {
            "in scope"
        }
        .to_string()
    }

    fn out_of_scope(&self, category: Category, words: &[String], forced: bool) -> String {
        let why = if forced {
            "decided by the engineer".to_string()
        } else {
            format!("words: {}", words.join(", "))
        };
        format!("OUT OF SCOPE: {} ({why})", self.category(category))
    }

    fn requests(&self, count: usize, out_of_scope: usize) -> String {
        format!(
            "{}, {out_of_scope} out of scope",
            plural(count as u64, "request", "requests")
        )
    }

    fn comp_earned(&self, engineer: &str, comp_days: u32) -> String {
        format!(
            "{engineer} earns {}",
            plural(comp_days, "comp day", "comp days")
        )
    }

    fn no_comp_on_working_day(&self) -> String {
        "recorded; a working day earns no comp leave under the contract".to_string()
    }

    fn no_comp_under_7x24(&self) -> String {
        "recorded; a 7x24 contract staffs every day, so no day earns comp leave by its kind"
            .to_string()
    }

    fn leave_taken(&self, engineer: &str, days: u32, left: i64) -> String {
        format!(
            "{engineer} takes {}; {left} left",
            plural(days, "comp day", "comp days")
        )
    }

    fn balance_header(&self) -> Vec<String> {
        ["Engineer", "Earned", "Taken", "Balance"]
            .map(String::from)
            .to_vec()
    }

    fn on_duty(&self, engineer: &str) -> String {
        format!("{engineer} on duty")
    }

    fn no_duty(&self) -> String {
        "no one is on the duty roster".to_string()
    }

    fn ledger_problem(&self, problem: &Problem) -> (String, String) {
        let (what, fix) = match problem {
            Problem::TornTail => (
                "torn tail from an interrupted write".to_string(),
                "safe to leave: the next record starts on a fresh line and this one is skipped"
                    .to_string(),
            ),
            Problem::TornWrite => (
                "part of a record from an interrupted write, with later records after it"
                    .to_string(),
                "safe to leave: it is skipped".to_string(),
            ),
            Problem::NoNewline => (
                "the last record is whole but has no newline".to_string(),
                "safe to leave: the next write adds it".to_string(),
            ),
            Problem::NotARecord { reason } => (
                format!("not a record ({reason})"),
                "the line is skipped; if it was edited by hand, restore the file from a backup \
                 or from git"
                    .to_string(),
            ),
            Problem::NotUtf8 => (
                "bytes that are not UTF-8 text".to_string(),
                "the line is skipped; if the file was saved in another encoding, restore it \
                 from a backup or from git"
                    .to_string(),
            ),
            Problem::LineTooLong { len } => (
                format!("a line of {len} bytes, longer than any record (at most 1 MiB)"),
                "it is skipped unread; find out who wrote it (git log -p on the file)".to_string(),
            ),
            Problem::Symlink => (
                "a symbolic link inside the ledger".to_string(),
                "otss never follows it: remove it (git rm it if it came through git) and \
                 find out who added it"
                    .to_string(),
            ),
            Problem::NotAFile => (
                "not a regular file (a FIFO, a device or a directory)".to_string(),
                "otss never reads it: remove it from the ledger".to_string(),
            ),
            Problem::NewerVersion { found } => (
                format!(
                    "a record of schema version {found}, newer than this otss reads; the rest \
                     of the file was not read"
                ),
                "upgrade otss".to_string(),
            ),
            Problem::DuplicateId { id, first } => (
                format!("record {id} again, first at {first}"),
                "most likely a copied file: check it and delete the copy".to_string(),
            ),
            Problem::WrongMonth { month } => (
                format!("a record of {month} kept under another month"),
                format!("move it back to the same file under {month}"),
            ),
            Problem::WrongWriter { by } => (
                format!("a record by {by} in someone else's file"),
                "each engineer writes only their own files: find out who edited or copied it"
                    .to_string(),
            ),
        };
        (what, fix)
    }

    fn line_fault(&self, fault: &LineFault) -> String {
        match fault {
            LineFault::Torn => "torn last line from an interrupted write; safe to leave".into(),
            LineFault::NoNewline => "no newline at the end of the file".into(),
            LineFault::NotUtf8 => "not UTF-8 text".into(),
            LineFault::TooLong { len } => {
                format!("a line of {len} bytes, longer than any record: skipped unread")
            }
            LineFault::NotARecord { reason } => reason.clone(),
        }
    }

    fn refused_entry(&self, fault: EntryFault) -> String {
        match fault {
            EntryFault::Symlink => "a symbolic link in the ledger: not followed".into(),
            EntryFault::NotAFile => "not a regular file: not read".into(),
        }
    }

    fn ledger_intact(&self, files: usize, records: usize) -> String {
        format!(
            "the ledger is intact: {}, {}",
            plural(files as u64, "file", "files"),
            plural(records as u64, "record", "records")
        )
    }

    fn ledger_damaged(&self, problems: usize) -> String {
        format!(
            "{} in the ledger (listed above)",
            plural(problems as u64, "problem", "problems")
        )
    }

    fn sync_committed(&self, engineer: &str, lines: u64) -> String {
        match lines {
            0 => format!("no new records of {engineer} to commit"),
            n => format!(
                "committed {} of {engineer}",
                plural(n, "new record", "new records")
            ),
        }
    }

    fn sync_received(&self, lines: u64) -> String {
        format!(
            "received {} from the team",
            plural(lines, "record", "records")
        )
    }

    fn sync_pushed(&self, remote: &str, branch: &str) -> String {
        format!("pushed to {remote}/{branch}")
    }

    fn sync_no_remote(&self) -> String {
        "no remote: the records are committed here; add one with `git remote add origin URL` \
         and sync again"
            .to_string()
    }

    fn sync_changed_here(&self, path: &str, owner: &str) -> String {
        format!(
            "{path} is {owner}'s file and was changed here: not committed, left as it is \
             (otss check shows what changed)"
        )
    }

    fn sync_edited_elsewhere(&self, path: &str) -> String {
        format!(
            "lines of {path} were changed or removed in the history received: a ledger only \
             grows; run otss check and find out why"
        )
    }

    fn sync_waiting(&self) -> String {
        "another otss sync is running on this clone; waiting for it to finish".to_string()
    }

    fn report_label(&self, label: ReportLabel) -> &'static str {
        use ReportLabel as L;
        match label {
            L::Item => "Item",
            L::Detail => "Detail",
            L::NoneRecorded => "None.",
            L::Time => "Time",
            L::Engineer => "Engineer",
            L::Summary => "Service summary",
            L::Customer => "Customer",
            L::Provider => "Provider",
            L::Period => "Period",
            L::Mode => "Service mode",
            L::Term => "Contract term",
            L::WorkingDays => "Working days",
            L::DaysOnSite => "Days on site",
            L::MonthByMonth => "Month by month",
            L::Month => "Month",
            L::MonthIncidents => "Incidents",
            L::MonthResponse => "Resp. met",
            L::MonthInspections => "Inspections",
            L::MonthBackups => "Backups",
            L::MonthSupport => "Support",
            L::MonthRequests => "Requests (out)",
            L::MonthComp => "Comp days",
            L::Incidents => "Incidents",
            L::Level => "Level",
            L::Count => "Count",
            L::Total => "Total",
            L::Response => "Response",
            L::Arrival => "Arrival",
            L::ResponseMet => "Response met",
            L::OpenAtEnd => "Unresolved at period end (also reported before)",
            L::MeanToAcknowledge => "Mean time to acknowledge",
            L::MeanToResolve => "Mean time to resolve",
            L::IncidentList => "Incident list",
            L::Id => "ID",
            L::IncidentTitle => "Title",
            L::ReportedAt => "Reported",
            L::Status => "Status",
            L::ResolvedAt => "Resolved",
            L::Inspections => "Inspections",
            L::Kind => "Kind",
            L::Required => "Required",
            L::Done => "Done",
            L::Coverage => "Coverage",
            L::Findings => "Abnormal findings",
            L::CheckItem => "Check item",
            L::Note => "Note",
            L::OpenedIncident => "Incident",
            L::ChecksPassed => "Checks passed",
            L::StatusAtEnd => "At period end",
            L::Backups => "Backup checks",
            L::FailedBackups => "Failed backup checks",
            L::Job => "Backup job",
            L::Support => "Technical support consultations",
            L::Consultations => "Consultations",
            L::TimeSpent => "Time spent",
            L::TopProducts => "Products asked about most",
            L::Requests => "Customer requests",
            L::RequestsTotal => "Requests",
            L::OutOfScope => "Out of scope",
            L::Request => "Request",
            L::Scope => "Scope",
            L::CompLeave => "Comp leave",
            L::CompEarned => "Comp days earned",
            L::CompTaken => "Comp days taken",
            L::RisksAndSuggestions => "Platform risks and optimisation suggestions",
            L::Risks => "Platform risks",
            L::Suggestions => "Optimisation suggestions",
            L::Content => "Content",
            L::SlaChart => "SLA results by level",
            L::CoverageChart => "Inspection coverage",
            L::IncidentsChart => "Incidents over the period",
            L::TrendsChart => "Trends: response met and inspections done, by month",
            L::CoverageFull => "all done",
            L::CoveragePartial => "partly done",
            L::CoverageMissed => "missed",
            L::NotRequired => "none required",
            L::NotCounted => "not yet",
            L::Monthly => "monthly report",
            L::Annual => "annual summary",
            L::Due => "Due",
            L::Issued => "Issued",
            L::State => "State",
        }
    }

    fn with_note(&self, main: &str, note: &str) -> String {
        format!("{main} ({note})")
    }

    fn numbered(&self, n: usize, heading: &str) -> String {
        format!("{n}. {heading}")
    }

    fn report_title(&self, kind: ReportKind, period: &str) -> String {
        match kind {
            ReportKind::Monthly => format!("Technical Support Service Monthly Report: {period}"),
            ReportKind::Annual => format!("Technical Support Service Annual Summary: {period}"),
        }
    }

    fn date_span(&self, first: NaiveDate, last: NaiveDate) -> String {
        format!("{first} to {last}")
    }

    fn counted_to(&self, date: NaiveDate) -> String {
        format!(" (in progress, counted to {date})")
    }

    fn per_day_cap(&self) -> String {
        "A day counts at most the rounds it requires: extra rounds never make up for a day missed."
            .to_string()
    }

    fn verdict_column(&self, clock: &str, verdict: &str) -> String {
        format!("{clock} {verdict}")
    }

    fn times(&self, what: &str, count: u32) -> String {
        format!("{what} ({count})")
    }

    fn request_scope(&self, category: Option<Category>) -> String {
        match category {
            None => "in scope".to_string(),
            Some(category) => format!("out of scope: {}", self.category(category)),
        }
    }

    fn due_state(&self, state: DueState) -> &'static str {
        match state {
            DueState::Issued => "issued",
            DueState::Late => "late",
            DueState::Due => "due",
            DueState::Upcoming => "upcoming",
        }
    }

    fn report_due(&self, kind: ReportKind, month: &str, due: NaiveDate, state: DueState) -> String {
        let name = self.report_kind(kind);
        format!("{month} {name}: due by {due} ({})", self.due_state(state))
    }

    fn reports_late(&self, months: &[String]) -> String {
        format!("reports late: {}", months.join(self.items_separator()))
    }

    fn report_issued(&self, month: &str) -> String {
        format!("recorded the {month} report as issued")
    }

    fn report_written(&self, path: &str) -> String {
        format!("report written to {path}")
    }

    fn report_due_day(&self, day: u32, before_end_days: i64) -> String {
        format!(
            "by day {day} of the following month; every report at least {before_end_days} days \
             before the term ends"
        )
    }

    fn error_label(&self) -> &'static str {
        "error"
    }

    fn known_error(&self, _error: KnownError) -> Option<String> {
        None
    }

    fn init_question(&self, question: InitQuestion) -> &'static str {
        match question {
            InitQuestion::Language => "Language of messages and reports",
            InitQuestion::Customer => "Customer (as named on service reports)",
            InitQuestion::Provider => "Provider, named beside the customer (Enter to leave out)",
            InitQuestion::Mode => "Service mode",
            InitQuestion::TimeZone => "Time zone of the site (IANA name)",
            InitQuestion::Start => "First day of the term (YYYY-MM-DD)",
            InitQuestion::End => "Last day of the term (YYYY-MM-DD)",
            InitQuestion::City => "City of the site, English or Chinese (Enter to leave out)",
            InitQuestion::Staff => "Engineers on this contract",
        }
    }

    fn contract_comment(&self, key: ContractComment) -> &'static str {
        match key {
            ContractComment::Header => {
                "The on-site support contract. Check it with `otss contract check`; `otss contract show`\n\
                 prints it with every default filled in (service items, SLA budgets, checklists)."
            }
            ContractComment::Customer => "The customer, as named on service reports.",
            ContractComment::Provider => {
                "Who provides the service, named beside the customer on reports."
            }
            ContractComment::Mode => {
                "\"5x8\": on site in service hours of the national calendar's working days;\n\
                 \"7x24\": on site around the clock, every day."
            }
            ContractComment::Start => "First day of the term.",
            ContractComment::End => "Last day of the term.",
            ContractComment::TimeZone => {
                "IANA time zone: service hours and times typed with --at are read in it."
            }
            ContractComment::City => {
                "The site's city (English or Chinese): with enough engineers in a priority city,\n\
                 a level-1 arrival is due sooner."
            }
            ContractComment::Staff => "Engineers assigned to this site.",
            ContractComment::Language => "Language of messages and reports: \"zh\" or \"en\".",
            ContractComment::Ledger => {
                "The ledger directory, where every record is kept, relative to this file."
            }
            ContractComment::Hours => "Service hours, from start up to (not including) end.",
            ContractComment::HoursStart => "The first minute of service.",
            ContractComment::HoursEnd => "The first minute off hours: 18:00:00 is already outside.",
            ContractComment::More => {
                "More, when the contract says so (see README, \"The contract\"): [sla] and [sla.levelN]\n\
                 budgets, [calendar] corrections, [inspections.KIND] checklists, [backups] per_month,\n\
                 [reports] due_day."
            }
        }
    }

    fn init_invalid(&self, question: InitQuestion) -> &'static str {
        match question {
            InitQuestion::Customer => "the customer's name is needed",
            InitQuestion::TimeZone => "not a known IANA time zone, such as Asia/Shanghai",
            InitQuestion::Start | InitQuestion::End => "a date is needed, as YYYY-MM-DD",
            InitQuestion::Staff => "a whole number of engineers is needed, 1 or more",
            InitQuestion::Language
            | InitQuestion::Provider
            | InitQuestion::Mode
            | InitQuestion::City => "this answer cannot be taken",
        }
    }

    fn term_ends_before_start(&self, start: NaiveDate) -> String {
        format!("the term cannot end before it starts ({start})")
    }

    fn contract_written(&self, path: &str) -> String {
        format!("contract written: {path}")
    }

    fn contract_exists(&self, path: &str) -> String {
        format!(
            "{path} already exists, and `otss init` never replaces a contract: edit it and run \
             `otss contract check`, or write a new one elsewhere with --contract PATH"
        )
    }

    fn first_steps(&self) -> (&'static str, [(&'static str, &'static str); 4]) {
        (
            "Next:",
            [
                (
                    "contract show",
                    "the contract with every default (SLA, checklists)",
                ),
                ("status", "the start-of-shift view"),
                (
                    "incident open --level 2 --title TEXT",
                    "an incident comes in: its deadlines",
                ),
                ("report YYYY-MM", "the month's service report"),
            ],
        )
    }

    fn path_label(&self, path: PathKind) -> &'static str {
        match path {
            PathKind::Contract => "Contract",
            PathKind::Ledger => "Ledger",
            PathKind::Config => "Config (a contract here is used when ./otss.toml is absent)",
            PathKind::Schedules => "Imported holiday schedules",
            PathKind::Cache => "Cache (the ledger index; safe to delete)",
        }
    }

    fn no_contract_yet(&self, path: &str) -> String {
        format!("none yet; `otss init` writes {path}")
    }
}
