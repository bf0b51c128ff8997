//! The service reports as JSON: a report (docs/rules.md §9), and the reports of the term with where
//! each stands.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::JsonTime;
use super::alert::AlertJson;
use super::capacity::{TrendJson, trends_json};
use super::incident::{EnteredLaterJson, LevelSinceJson};
use super::inspect::NotCountedJson;
use super::routine::UncountedJson;
use crate::alert::AlertFigures;
use crate::feedback::State;
use crate::ids::short_id;
use crate::incident::Status;
use crate::inspect::Due;
use crate::record::incident::Field;
use crate::report::Progress;
use crate::report::{
    Backups, CorrectionAction, Dated, DueReport, DueState, IncidentFigures, Report, ReportKind,
    Verdicts,
};
use crate::request::Category;
use crate::service::InspectionKind;
use crate::time::rfc3339;

/// The report as JSON: the keys of docs/rules.md §9, then the details.
#[derive(Serialize)]
pub struct ReportJson<'a> {
    period: String,
    kind: ReportKind,
    incidents: IncidentsJson<'a>,
    inspections: BTreeMap<&'static str, CountJson>,
    backups: BackupsJson<'a>,
    support: SupportJson,
    requests: RequestsJson<'a>,
    /// The period's alerts (docs/rules.md §4.10).
    alerts: AlertsJson,
    comp_days_earned: u64,
    comp_days_taken: u64,
    customer: String,
    provider: Option<String>,
    mode: String,
    term: SpanJson,
    covers: SpanJson,
    /// The last day counted: `covers.last`, or today for a period in progress.
    counted_to: NaiveDate,
    in_progress: bool,
    /// False when a year of the period has no published holiday schedule yet: its working
    /// days, requirements and comp days are provisional.
    published: bool,
    working_days: u32,
    days_on_site: u32,
    findings: Vec<FindingJson<'a>>,
    /// The rounds recorded that do not count, and why (docs/rules.md §4.8).
    rounds_not_counted: Vec<NotCountedJson>,
    risks: Vec<NoteJson<'a>>,
    suggestions: Vec<NoteJson<'a>>,
    months: Vec<MonthJson>,
    /// The corrections of the period's records (docs/rules.md §10.11).
    corrections: Vec<CorrectionJson>,
    /// The fingerprint of the ledger the report's last issue kept (docs/rules.md §10.7).
    fingerprint: Option<String>,
    /// The trends of the period's readings (docs/rules.md §4.9), when it has any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    capacity: Vec<TrendJson>,
}

#[derive(Serialize)]
struct CorrectionJson {
    id: String,
    record_type: String,
    action: CorrectionAction,
    by: String,
    at: String,
    reason: String,
    /// For a merge, the incident kept.
    merged_into: Option<String>,
    /// For an amendment, the texts corrected.
    fields: Vec<Field>,
}

#[derive(Serialize)]
struct SpanJson {
    first: NaiveDate,
    last: NaiveDate,
}

#[derive(Serialize)]
struct IncidentsJson<'a> {
    total: u32,
    by_level: BTreeMap<String, u32>,
    response: Verdicts,
    arrival: Verdicts,
    open_at_end: u32,
    levels: BTreeMap<String, LevelJson>,
    mean_to_acknowledge_seconds: Option<i64>,
    mean_to_resolve_seconds: Option<i64>,
    list: Vec<IncidentLineJson<'a>>,
}

#[derive(Serialize)]
struct LevelJson {
    response: Verdicts,
    arrival: Verdicts,
}

#[derive(Serialize)]
struct IncidentLineJson<'a> {
    id: &'a str,
    level: u8,
    /// Every level it has had, oldest first.
    levels: Vec<LevelSinceJson>,
    title: &'a str,
    reported_at: JsonTime,
    response_met: Option<bool>,
    /// Absent clocks are null, like undecided ones; `arrival_clock` tells them apart.
    arrival_met: Option<bool>,
    arrival_clock: bool,
    status: Status,
    resolved_at: Option<JsonTime>,
    /// The records deciding a clock entered later (docs/rules.md §10.5).
    entered_later: Vec<EnteredLaterJson>,
}

#[derive(Serialize)]
struct CountJson {
    required: u32,
    done: u32,
    /// Inspections: every round recorded, over the per-day cap too.
    #[serde(skip_serializing_if = "Option::is_none")]
    rounds: Option<u32>,
    /// Backups: every check that passed, over the monthly requirement too.
    #[serde(skip_serializing_if = "Option::is_none")]
    checks_passed: Option<u32>,
}

/// The backup checks: required and done, every check that failed, and the checks that passed
/// but do not count (docs/rules.md §4.6, §4.8).
#[derive(Serialize)]
struct BackupsJson<'a> {
    #[serde(flatten)]
    counts: CountJson,
    failed: Vec<FailedCheckJson<'a>>,
    not_counted: Vec<UncountedCheckJson<'a>>,
}

#[derive(Serialize)]
struct FailedCheckJson<'a> {
    at: JsonTime,
    job: &'a str,
    note: &'a str,
    by: &'a str,
}

#[derive(Serialize)]
struct UncountedCheckJson<'a> {
    at: JsonTime,
    job: &'a str,
    by: &'a str,
    #[serde(flatten)]
    why: UncountedJson,
}

#[derive(Serialize)]
struct SupportJson {
    count: u32,
    minutes: u64,
    top_products: Vec<ProductJson>,
}

#[derive(Serialize)]
struct ProductJson {
    product: String,
    count: u32,
}

#[derive(Serialize)]
struct RequestsJson<'a> {
    total: usize,
    out_of_scope: usize,
    list: Vec<RequestJson<'a>>,
    /// How many requests were still waiting for an answer when the period ended.
    waiting: usize,
    /// The period's requests as they stood when it ended (docs/rules.md §4.11).
    progress: Vec<ProgressJson<'a>>,
    /// The requests, of any period, still waiting for an answer when it ended.
    waiting_list: Vec<ProgressJson<'a>>,
}

#[derive(Serialize)]
struct RequestJson<'a> {
    at: JsonTime,
    by: &'a str,
    text: &'a str,
    in_scope: bool,
    category: Option<Category>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    at: JsonTime,
    by: &'a str,
    kind: InspectionKind,
    item: &'a str,
    note: &'a str,
    /// The incident opened from the finding.
    incident: Option<&'a str>,
    /// How many rounds of the period found it, and when the last did.
    seen: u32,
    last_seen: JsonTime,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    at: JsonTime,
    by: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct MonthJson {
    month: String,
    incidents: u32,
    response: Verdicts,
    inspections: CountJson,
    backups: CountJson,
    support: u32,
    requests: u32,
    out_of_scope: u32,
    comp_days_earned: u64,
}

fn count(required: u32, done: u32) -> CountJson {
    CountJson {
        required,
        done,
        rounds: None,
        checks_passed: None,
    }
}

fn inspection_counts(inspections: &[Due]) -> BTreeMap<&'static str, CountJson> {
    inspections
        .iter()
        .map(|due| {
            let counts = CountJson {
                rounds: Some(due.rounds),
                ..count(due.required, due.done)
            };
            (due.kind.key(), counts)
        })
        .collect()
}

fn notes_json(notes: &[Dated<String>], zone: Tz) -> Vec<NoteJson<'_>> {
    notes
        .iter()
        .map(|note| NoteJson {
            at: JsonTime(note.at, zone),
            by: &note.by,
            text: &note.item,
        })
        .collect()
}

fn backups_json(backups: &Backups, zone: Tz) -> BackupsJson<'_> {
    let time = |t: DateTime<Utc>| JsonTime(t, zone);
    BackupsJson {
        counts: CountJson {
            checks_passed: Some(backups.passed),
            ..count(backups.required, backups.done)
        },
        failed: backups
            .failed
            .iter()
            .map(|f| FailedCheckJson {
                at: time(f.at),
                job: &f.item.0,
                note: &f.item.1,
                by: &f.by,
            })
            .collect(),
        not_counted: backups
            .not_counted
            .iter()
            .map(|n| UncountedCheckJson {
                at: time(n.at),
                job: &n.item.0,
                by: &n.by,
                why: UncountedJson::new(&n.item.1, zone),
            })
            .collect(),
    }
}

fn incidents_json(figures: &IncidentFigures, zone: Tz) -> IncidentsJson<'_> {
    let time = |t: DateTime<Utc>| JsonTime(t, zone);
    let per_level = |n: usize| (n + 1).to_string();
    IncidentsJson {
        total: figures.total(),
        by_level: (0..3)
            .map(|n| (per_level(n), figures.levels[n].count))
            .collect(),
        response: figures.response(),
        arrival: figures.arrival(),
        open_at_end: figures.open_at_end,
        levels: (0..3)
            .map(|n| {
                let level = &figures.levels[n];
                let json = LevelJson {
                    response: level.response,
                    arrival: level.arrival,
                };
                (per_level(n), json)
            })
            .collect(),
        mean_to_acknowledge_seconds: figures.mean_to_acknowledge.map(|d| d.num_seconds()),
        mean_to_resolve_seconds: figures.mean_to_resolve.map(|d| d.num_seconds()),
        list: figures
            .lines
            .iter()
            .map(|line| IncidentLineJson {
                id: &line.id,
                level: line.level,
                levels: line
                    .levels
                    .iter()
                    .map(|l| LevelSinceJson::new(l, zone))
                    .collect(),
                title: &line.title,
                reported_at: time(line.reported_at),
                response_met: line.response_met,
                arrival_met: line.arrival_met().flatten(),
                arrival_clock: !line.arrivals.is_empty(),
                status: line.status,
                resolved_at: line.resolved_at.map(time),
                entered_later: EnteredLaterJson::list(&line.entered_later, zone),
            })
            .collect(),
    }
}

impl<'a> ReportJson<'a> {
    pub fn new(report: &'a Report, zone: Tz) -> ReportJson<'a> {
        let time = |t: DateTime<Utc>| JsonTime(t, zone);
        ReportJson {
            period: report.scope.period.label(),
            kind: report.scope.kind,
            incidents: incidents_json(&report.incidents, zone),
            inspections: inspection_counts(&report.inspections),
            backups: backups_json(&report.backups, zone),
            support: SupportJson {
                count: report.support.count,
                minutes: report.support.minutes,
                top_products: report
                    .support
                    .top_products()
                    .into_iter()
                    .map(|(product, count)| ProductJson {
                        product: product.to_string(),
                        count,
                    })
                    .collect(),
            },
            alerts: AlertsJson::new(&report.alerts, zone),
            requests: RequestsJson {
                waiting: report.feedback.waiting.len(),
                progress: progress_json(&report.feedback.asked, zone),
                waiting_list: progress_json(&report.feedback.waiting, zone),
                total: report.requests.len(),
                out_of_scope: report.out_of_scope(),
                list: report
                    .requests
                    .iter()
                    .map(|r| RequestJson {
                        at: time(r.at),
                        by: &r.by,
                        text: &r.item.text,
                        in_scope: r.item.in_scope,
                        category: r.item.category,
                        reason: r.item.reason.as_deref(),
                    })
                    .collect(),
            },
            comp_days_earned: report.comp_days_earned,
            comp_days_taken: report.comp_days_taken,
            customer: report.customer.clone(),
            provider: report.provider.clone(),
            fingerprint: report.fingerprint.clone(),
            capacity: trends_json(&report.capacity, zone),
            mode: report.mode.key().to_string(),
            term: SpanJson {
                first: report.term.0,
                last: report.term.1,
            },
            covers: SpanJson {
                first: report.scope.first,
                last: report.scope.last,
            },
            counted_to: report.counted_to,
            in_progress: report.in_progress(),
            published: report.provisional.is_empty(),
            working_days: report.working_days,
            days_on_site: report.days_on_site,
            findings: report
                .findings
                .iter()
                .map(|f| FindingJson {
                    at: time(f.at),
                    by: &f.by,
                    kind: f.kind,
                    item: &f.item,
                    note: &f.note,
                    incident: f.incident.as_deref(),
                    seen: f.seen,
                    last_seen: time(f.last_seen),
                })
                .collect(),
            rounds_not_counted: report
                .rounds_not_counted
                .iter()
                .map(|n| NotCountedJson::new(n, zone))
                .collect(),
            risks: notes_json(&report.risks, zone),
            suggestions: notes_json(&report.suggestions, zone),
            corrections: report
                .corrections
                .iter()
                .map(|c| CorrectionJson {
                    id: c.item.id.clone(),
                    record_type: c.item.record_type.clone(),
                    action: c.item.action,
                    by: c.by.clone(),
                    at: rfc3339(c.at, zone),
                    reason: c.item.reason.clone(),
                    merged_into: c.item.merged_into.clone(),
                    fields: c.item.fields.clone(),
                })
                .collect(),
            months: report
                .months
                .iter()
                .map(|month| MonthJson {
                    month: month.month.format("%Y-%m").to_string(),
                    incidents: month.incidents,
                    response: month.response,
                    inspections: count(month.inspections_required, month.inspections_done),
                    backups: count(month.backups_required, month.backups_done),
                    support: month.support,
                    requests: month.requests,
                    out_of_scope: month.out_of_scope,
                    comp_days_earned: month.comp_days_earned,
                })
                .collect(),
        }
    }
}

/// A report of the term as JSON.
#[derive(Serialize)]
pub struct DueJson {
    month: String,
    kind: ReportKind,
    due: NaiveDate,
    state: DueState,
    issued_at: Option<String>,
    /// A correction recorded since it was issued touched a record it reports on.
    changed_since_issued: bool,
}

impl DueJson {
    /// A report of the term, its times in `zone`.
    pub fn new(report: &DueReport, zone: Tz) -> DueJson {
        DueJson {
            month: report.month.format("%Y-%m").to_string(),
            kind: report.kind,
            due: report.due,
            state: report.state,
            issued_at: report.issued.map(|t| rfc3339(t, zone)),
            changed_since_issued: report.changed_since_issued,
        }
    }
}

/// A request as it stood when the period ended.
#[derive(Serialize)]
struct ProgressJson<'a> {
    id: String,
    at: JsonTime,
    by: &'a str,
    text: &'a str,
    state: State,
    /// To whom it went, its answer, or why it was declined, as its state says.
    said: Option<&'a str>,
    time_to_answer: Option<u32>,
    /// Working days it had waited by the period's last day counted.
    age: u32,
}

fn progress_json(progress: &[Progress], zone: Tz) -> Vec<ProgressJson<'_>> {
    progress
        .iter()
        .map(|p| ProgressJson {
            id: short_id(&p.id),
            at: JsonTime(p.at, zone),
            by: &p.by,
            text: &p.text,
            state: p.state,
            said: p.said.as_deref(),
            time_to_answer: p.time_to_answer,
            age: p.age,
        })
        .collect()
}

/// The period's alerts: by class (every class) and source, the share that was noise, those
/// that became incidents, and the policy changes.
#[derive(Serialize)]
struct AlertsJson {
    total: u32,
    by_class: BTreeMap<&'static str, u32>,
    /// By source; alerts that name none under "".
    by_source: BTreeMap<String, u32>,
    noise_percent: Option<u32>,
    /// How many alerts became incidents.
    to_incidents: usize,
    /// The alerts that became incidents, each with the incident.
    became_incidents: Vec<AlertJson>,
    policy_changes: Vec<PolicyChangeJson>,
}

#[derive(Serialize)]
struct PolicyChangeJson {
    id: String,
    at: String,
    by: String,
    name: String,
    rule: String,
    added: bool,
}

impl AlertsJson {
    fn new(alerts: &AlertFigures, zone: Tz) -> AlertsJson {
        AlertsJson {
            total: alerts.total(),
            by_class: alerts.by_class.iter().map(|(c, n)| (c.key(), *n)).collect(),
            by_source: alerts.by_source.clone(),
            noise_percent: alerts.noise_percent(),
            to_incidents: alerts.to_incidents.len(),
            became_incidents: alerts
                .to_incidents
                .iter()
                .map(|seen| AlertJson::new(seen, zone))
                .collect(),
            policy_changes: alerts
                .policy_changes
                .iter()
                .map(|seen| PolicyChangeJson {
                    id: short_id(&seen.id),
                    at: rfc3339(seen.at, zone),
                    by: seen.by.clone(),
                    name: seen.item.policy.name.clone(),
                    rule: seen.item.policy.rule.clone(),
                    added: seen.item.added,
                })
                .collect(),
        }
    }
}
