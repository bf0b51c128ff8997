//! How a service report is shown (SPEC §7). One outline of sections, tables and charts is
//! built from the report model in the reader's language; the terminal, Markdown and HTML
//! renderings lay that outline out, and JSON (SPEC §9) serialises the model itself.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::incident::full_time;
use super::markdown::Document;
use crate::i18n::{Messages, ReportLabel as L};
use crate::inspect::Due;
use crate::output::{Tone, render_paragraph, render_table};
use crate::report::{Dated, IncidentFigures, Report, ReportKind, Verdicts};
use crate::service::InspectionKind;
use crate::time::rfc3339;

pub mod html;

/// A report laid out for reading: a title and its sections.
pub struct Outline {
    pub title: String,
    pub sections: Vec<Section>,
}

pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

pub enum Block {
    Text(String),
    /// The title of the table or list that follows.
    Caption(String),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Labelled facts: a two-column table whose first column names each row.
    Facts {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A chart the HTML page draws; its figures are in the tables beside it.
    Chart(Chart),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Response and arrival verdicts of each level.
    SlaByLevel,
    /// Inspection coverage of every counted day, as a calendar heat map.
    Coverage,
    /// Incidents reported each day (each month, for an annual summary), by level.
    Incidents,
    /// Month by month, the share of response clocks met and of inspections done.
    Trends,
}

/// Inspection rounds done as a share of those required, in whole percent (rounded down, so
/// that a missed round never shows as 100 %).
pub fn percent(done: u32, required: u32) -> Option<u32> {
    (required > 0).then(|| done * 100 / required)
}

/// A share in whole percent, or a dash where nothing was required.
pub(super) fn percent_text(done: u32, required: u32) -> String {
    percent(done, required).map_or_else(|| "—".to_string(), |p| format!("{p}%"))
}

/// A verdict cell; `None` where no clock ran.
fn verdict_cell(m: &Messages, met: Option<Option<bool>>) -> String {
    met.map_or_else(|| "—".to_string(), |met| m.verdict(met).to_string())
}

fn optional_duration(m: &Messages, d: Option<TimeDelta>) -> String {
    d.map_or_else(|| "—".to_string(), |d| m.duration(d))
}

/// A two-column table of labelled facts.
fn facts(m: &Messages, rows: Vec<(L, String)>) -> Block {
    Block::Facts {
        header: vec![
            m.report_label(L::Item).to_string(),
            m.report_label(L::Detail).to_string(),
        ],
        rows: rows
            .into_iter()
            .map(|(label, value)| vec![m.report_label(label).to_string(), value])
            .collect(),
    }
}

/// Entries as a table of time, text columns and engineer, or a line saying there are none.
fn timed_table<'a>(
    m: &Messages,
    zone: Tz,
    columns: &[L],
    entries: impl IntoIterator<Item = (DateTime<Utc>, &'a str, Vec<String>)>,
) -> Block {
    let rows: Vec<Vec<String>> = entries
        .into_iter()
        .map(|(at, by, cells)| {
            let mut row = vec![full_time(at, zone)];
            row.extend(cells);
            row.push(by.to_string());
            row
        })
        .collect();
    if rows.is_empty() {
        return Block::Text(m.report_label(L::NoneRecorded).to_string());
    }
    let mut header = vec![m.report_label(L::Time).to_string()];
    header.extend(columns.iter().map(|c| m.report_label(*c).to_string()));
    header.push(m.report_label(L::Engineer).to_string());
    Block::Table { header, rows }
}

/// Dated entries as a table, their own columns given by `cells`.
fn dated_table<T>(
    m: &Messages,
    zone: Tz,
    columns: &[L],
    entries: &[Dated<T>],
    cells: impl Fn(&T) -> Vec<String>,
) -> Block {
    let entries = entries
        .iter()
        .map(|e| (e.at, e.by.as_str(), cells(&e.item)));
    timed_table(m, zone, columns, entries)
}

/// The report in the reader's language.
pub fn outline(report: &Report, zone: Tz, m: &Messages) -> Outline {
    let mut sections = vec![summary(report, m)];
    if report.scope.kind == ReportKind::Annual {
        sections.push(month_by_month(report, m));
    }
    sections.extend([
        incidents(report, zone, m),
        inspections(report, zone, m),
        backups(report, zone, m),
        support(report, m),
        requests(report, zone, m),
        comp_leave(report, m),
        notes(report, zone, m),
    ]);
    for (n, section) in sections.iter_mut().enumerate() {
        section.heading = m.numbered(n + 1, &section.heading);
    }
    Outline {
        title: m.report_title(report.scope.kind, &period_name(report, m)),
        sections,
    }
}

/// The period in words: the month, or for an annual summary the span it covers.
fn period_name(report: &Report, m: &Messages) -> String {
    match report.scope.kind {
        ReportKind::Monthly => {
            let month = report.scope.first;
            m.month_title(
                chrono::Datelike::year(&month),
                chrono::Datelike::month(&month),
            )
        }
        ReportKind::Annual => m.date_span(report.scope.first, report.scope.last),
    }
}

fn section(m: &Messages, heading: L, blocks: Vec<Block>) -> Section {
    Section {
        heading: m.report_label(heading).to_string(),
        blocks,
    }
}

fn summary(report: &Report, m: &Messages) -> Section {
    let mut rows = vec![(L::Customer, report.customer.clone())];
    rows.extend(report.provider.clone().map(|p| (L::Provider, p)));
    let mut period = m.date_span(report.scope.first, report.scope.last);
    if report.in_progress() {
        period = format!("{period}{}", m.counted_to(report.counted_to));
    }
    rows.extend([
        (L::Period, period),
        (L::Mode, m.mode_name(report.mode).to_string()),
        (L::Term, m.date_span(report.term.0, report.term.1)),
        (L::WorkingDays, report.working_days.to_string()),
        (L::DaysOnSite, report.days_on_site.to_string()),
    ]);
    let mut blocks = vec![facts(m, rows)];
    blocks.extend(
        report
            .provisional
            .iter()
            .filter_map(|(year, basis)| m.provisional(*year, *basis))
            .map(Block::Text),
    );
    section(m, L::Summary, blocks)
}

fn verdict_columns(v: Verdicts) -> [String; 3] {
    [v.met, v.breached, v.pending].map(|n| n.to_string())
}

/// Incidents by level with their SLA verdicts, and a total row.
fn level_table(figures: &IncidentFigures, m: &Messages) -> Block {
    let label = |l: L| m.report_label(l).to_string();
    let mut header = vec![label(L::Level), label(L::Count)];
    for clock in [L::Response, L::Arrival] {
        for verdict in [Some(true), Some(false), None] {
            header.push(m.verdict_column(&label(clock), m.verdict(verdict)));
        }
    }
    let row = |name: String, count: u32, response: Verdicts, arrival: Verdicts| {
        let mut row = vec![name, count.to_string()];
        row.extend(verdict_columns(response));
        row.extend(verdict_columns(arrival));
        row
    };
    let mut rows: Vec<Vec<String>> = (1u8..)
        .zip(&figures.levels)
        .map(|(n, level)| row(m.level(n), level.count, level.response, level.arrival))
        .collect();
    rows.push(row(
        label(L::Total),
        figures.total(),
        figures.response(),
        figures.arrival(),
    ));
    Block::Table { header, rows }
}

fn incidents(report: &Report, zone: Tz, m: &Messages) -> Section {
    let figures = &report.incidents;
    let label = |l: L| m.report_label(l).to_string();
    let mut blocks = vec![
        level_table(figures, m),
        Block::Chart(Chart::SlaByLevel),
        facts(
            m,
            vec![
                (L::OpenAtEnd, figures.open_at_end.to_string()),
                (
                    L::MeanToAcknowledge,
                    optional_duration(m, figures.mean_to_acknowledge),
                ),
                (
                    L::MeanToResolve,
                    optional_duration(m, figures.mean_to_resolve),
                ),
            ],
        ),
        Block::Caption(label(L::IncidentList)),
    ];
    if figures.lines.is_empty() {
        blocks.push(Block::Text(label(L::NoneRecorded)));
    } else {
        let header = [
            L::Id,
            L::Level,
            L::IncidentTitle,
            L::ReportedAt,
            L::Response,
            L::Arrival,
            L::StatusAtEnd,
            L::ResolvedAt,
        ]
        .map(label)
        .to_vec();
        let rows = figures
            .lines
            .iter()
            .map(|line| {
                vec![
                    line.id.clone(),
                    m.level(line.level),
                    line.title.clone(),
                    full_time(line.reported_at, zone),
                    m.verdict(line.response_met).to_string(),
                    verdict_cell(m, line.arrival_met),
                    m.status(line.status).to_string(),
                    line.resolved_at
                        .map_or_else(|| "—".to_string(), |t| full_time(t, zone)),
                ]
            })
            .collect();
        blocks.push(Block::Table { header, rows });
    }
    blocks.push(Block::Chart(Chart::Incidents));
    section(m, L::Incidents, blocks)
}

fn inspections(report: &Report, zone: Tz, m: &Messages) -> Section {
    let label = |l: L| m.report_label(l).to_string();
    let header = [L::Kind, L::Required, L::Done, L::Coverage]
        .map(label)
        .to_vec();
    let rows = report
        .inspections
        .iter()
        .map(|due| {
            vec![
                m.inspection_kind(due.kind).to_string(),
                due.required.to_string(),
                due.done.to_string(),
                percent_text(due.done, due.required),
            ]
        })
        .collect();
    let findings = report.findings.iter().map(|risk| {
        let cells = vec![
            m.inspection_kind(risk.kind).to_string(),
            risk.item.clone(),
            risk.note.clone(),
            risk.incident.clone().unwrap_or_else(|| "—".to_string()),
        ];
        (risk.at, risk.by.as_str(), cells)
    });
    let findings = timed_table(
        m,
        zone,
        &[L::Kind, L::CheckItem, L::Note, L::OpenedIncident],
        findings,
    );
    let blocks = vec![
        Block::Text(m.per_day_cap()),
        Block::Table { header, rows },
        Block::Chart(Chart::Coverage),
        Block::Caption(label(L::Findings)),
        findings,
    ];
    section(m, L::Inspections, blocks)
}

fn backups(report: &Report, zone: Tz, m: &Messages) -> Section {
    let blocks = vec![
        facts(
            m,
            vec![
                (L::Required, report.backups.required.to_string()),
                (L::Done, report.backups.done.to_string()),
                (L::ChecksPassed, report.backups.passed.to_string()),
            ],
        ),
        Block::Caption(m.report_label(L::FailedBackups).to_string()),
        dated_table(
            m,
            zone,
            &[L::Job, L::Note],
            &report.backups.failed,
            |(job, note)| vec![job.clone(), note.clone()],
        ),
    ];
    section(m, L::Backups, blocks)
}

fn support(report: &Report, m: &Messages) -> Section {
    let support = &report.support;
    let products = support
        .top_products()
        .into_iter()
        .map(|(product, count)| m.times(product, count))
        .collect::<Vec<_>>()
        .join(m.items_separator());
    let minutes = i64::try_from(support.minutes)
        .ok()
        .and_then(TimeDelta::try_minutes)
        .unwrap_or(TimeDelta::MAX);
    let rows = vec![
        (L::Consultations, support.count.to_string()),
        (L::TimeSpent, m.duration(minutes)),
        (
            L::TopProducts,
            if products.is_empty() {
                "—".to_string()
            } else {
                products
            },
        ),
    ];
    section(m, L::Support, vec![facts(m, rows)])
}

fn requests(report: &Report, zone: Tz, m: &Messages) -> Section {
    let blocks = vec![
        facts(
            m,
            vec![
                (L::RequestsTotal, report.requests.len().to_string()),
                (L::OutOfScope, report.out_of_scope().to_string()),
            ],
        ),
        dated_table(m, zone, &[L::Request, L::Scope], &report.requests, |r| {
            vec![r.text.clone(), m.request_scope(r.category)]
        }),
    ];
    section(m, L::Requests, blocks)
}

fn comp_leave(report: &Report, m: &Messages) -> Section {
    let rows = vec![
        (L::CompEarned, report.comp_days_earned.to_string()),
        (L::CompTaken, report.comp_days_taken.to_string()),
    ];
    section(m, L::CompLeave, vec![facts(m, rows)])
}

fn notes(report: &Report, zone: Tz, m: &Messages) -> Section {
    let text = |t: &String| vec![t.clone()];
    let blocks = vec![
        Block::Caption(m.report_label(L::Risks).to_string()),
        dated_table(m, zone, &[L::Content], &report.risks, text),
        Block::Caption(m.report_label(L::Suggestions).to_string()),
        dated_table(m, zone, &[L::Content], &report.suggestions, text),
    ];
    section(m, L::RisksAndSuggestions, blocks)
}

fn month_by_month(report: &Report, m: &Messages) -> Section {
    let label = |l: L| m.report_label(l).to_string();
    let header = [
        L::Month,
        L::MonthIncidents,
        L::MonthResponse,
        L::MonthInspections,
        L::MonthBackups,
        L::MonthSupport,
        L::MonthRequests,
        L::MonthComp,
    ]
    .map(label)
    .to_vec();
    let rows = report
        .months
        .iter()
        .map(|month| {
            let decided = month.response.met + month.response.breached;
            vec![
                month.month.format("%Y-%m").to_string(),
                month.incidents.to_string(),
                percent_text(month.response.met, decided),
                m.with_note(
                    &format!("{}/{}", month.inspections_done, month.inspections_required),
                    &percent_text(month.inspections_done, month.inspections_required),
                ),
                format!("{}/{}", month.backups_done, month.backups_required),
                month.support.to_string(),
                m.with_note(&month.requests.to_string(), &month.out_of_scope.to_string()),
                month.comp_days_earned.to_string(),
            ]
        })
        .collect();
    section(
        m,
        L::MonthByMonth,
        vec![Block::Table { header, rows }, Block::Chart(Chart::Trends)],
    )
}

/// The terminal view: headings painted by `paint`, tables fitted to `width` columns (or to
/// the terminal), every typed text made harmless.
pub fn text(outline: &Outline, width: Option<u16>, paint: impl Fn(Tone, &str) -> String) -> String {
    let mut parts = vec![paint(Tone::Heading, &outline.title)];
    for section in &outline.sections {
        parts.push(paint(Tone::Heading, &section.heading));
        for block in &section.blocks {
            match block {
                Block::Text(text) => parts.push(render_paragraph(text, width)),
                Block::Caption(caption) => parts.push(paint(Tone::Heading, caption)),
                Block::Table { header, rows } | Block::Facts { header, rows } => {
                    parts.push(render_table(header.clone(), rows.clone(), width, false))
                }
                Block::Chart(_) => {}
            }
        }
    }
    parts.join("\n\n") + "\n"
}

/// The Markdown document, ready to paste into the customer's document system.
pub fn markdown(outline: &Outline) -> String {
    let mut doc = Document::new();
    doc.heading(1, &outline.title);
    for section in &outline.sections {
        doc.heading(2, &section.heading);
        for block in &section.blocks {
            match block {
                Block::Text(text) => doc.paragraph(text),
                Block::Caption(caption) => doc.heading(3, caption),
                Block::Table { header, rows } | Block::Facts { header, rows } => {
                    doc.table(header, rows.clone())
                }
                Block::Chart(_) => {}
            }
        }
    }
    doc.finish()
}

/// The report as JSON: the keys of SPEC §9, then the details.
#[derive(Serialize)]
pub struct ReportJson {
    period: String,
    kind: ReportKind,
    incidents: IncidentsJson,
    inspections: BTreeMap<&'static str, CountJson>,
    backups: CountJson,
    support: SupportJson,
    requests: RequestsJson,
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
    findings: Vec<FindingJson>,
    risks: Vec<NoteJson>,
    suggestions: Vec<NoteJson>,
    months: Vec<MonthJson>,
}

#[derive(Serialize)]
struct SpanJson {
    first: NaiveDate,
    last: NaiveDate,
}

#[derive(Serialize)]
struct IncidentsJson {
    total: u32,
    by_level: BTreeMap<String, u32>,
    response: Verdicts,
    arrival: Verdicts,
    open_at_end: u32,
    levels: BTreeMap<String, LevelJson>,
    mean_to_acknowledge_seconds: Option<i64>,
    mean_to_resolve_seconds: Option<i64>,
    list: Vec<IncidentLineJson>,
}

#[derive(Serialize)]
struct LevelJson {
    response: Verdicts,
    arrival: Verdicts,
}

#[derive(Serialize)]
struct IncidentLineJson {
    id: String,
    level: u8,
    title: String,
    reported_at: String,
    response_met: Option<bool>,
    /// Absent clocks are null, like undecided ones; `arrival_clock` tells them apart.
    arrival_met: Option<bool>,
    arrival_clock: bool,
    status: crate::incident::Status,
    resolved_at: Option<String>,
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
struct RequestsJson {
    total: usize,
    out_of_scope: usize,
    list: Vec<RequestJson>,
}

#[derive(Serialize)]
struct RequestJson {
    at: String,
    by: String,
    text: String,
    in_scope: bool,
    category: Option<crate::request::Category>,
}

#[derive(Serialize)]
struct FindingJson {
    at: String,
    by: String,
    kind: InspectionKind,
    item: String,
    note: String,
    /// The incident opened from the finding.
    incident: Option<String>,
}

#[derive(Serialize)]
struct NoteJson {
    at: String,
    by: String,
    text: String,
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

fn notes_json(notes: &[Dated<String>], zone: Tz) -> Vec<NoteJson> {
    notes
        .iter()
        .map(|note| NoteJson {
            at: rfc3339(note.at, zone),
            by: note.by.clone(),
            text: note.item.clone(),
        })
        .collect()
}

fn incidents_json(figures: &IncidentFigures, zone: Tz) -> IncidentsJson {
    let time = |t: DateTime<Utc>| rfc3339(t, zone);
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
                id: line.id.clone(),
                level: line.level,
                title: line.title.clone(),
                reported_at: time(line.reported_at),
                response_met: line.response_met,
                arrival_met: line.arrival_met.flatten(),
                arrival_clock: line.arrival_met.is_some(),
                status: line.status,
                resolved_at: line.resolved_at.map(time),
            })
            .collect(),
    }
}

impl ReportJson {
    pub fn new(report: &Report, zone: Tz) -> ReportJson {
        let time = |t: DateTime<Utc>| rfc3339(t, zone);
        ReportJson {
            period: report.scope.period.label(),
            kind: report.scope.kind,
            incidents: incidents_json(&report.incidents, zone),
            inspections: inspection_counts(&report.inspections),
            backups: CountJson {
                checks_passed: Some(report.backups.passed),
                ..count(report.backups.required, report.backups.done)
            },
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
            requests: RequestsJson {
                total: report.requests.len(),
                out_of_scope: report.out_of_scope(),
                list: report
                    .requests
                    .iter()
                    .map(|r| RequestJson {
                        at: time(r.at),
                        by: r.by.clone(),
                        text: r.item.text.clone(),
                        in_scope: r.item.in_scope,
                        category: r.item.category,
                    })
                    .collect(),
            },
            comp_days_earned: report.comp_days_earned,
            comp_days_taken: report.comp_days_taken,
            customer: report.customer.clone(),
            provider: report.provider.clone(),
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
                    by: f.by.clone(),
                    kind: f.kind,
                    item: f.item.clone(),
                    note: f.note.clone(),
                    incident: f.incident.clone(),
                })
                .collect(),
            risks: notes_json(&report.risks, zone),
            suggestions: notes_json(&report.suggestions, zone),
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
