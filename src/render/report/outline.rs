//! The report laid out in the reader's language: its sections, each of facts, tables and
//! charts, from the report model.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::inspection::capacity_blocks;
use super::{Block, Chart, Outline, Section, followup, percent_text};
use crate::i18n::{CapacityLabel, Messages, ReportLabel as L};
use crate::incident::LevelSince;
use crate::inspect::{Due, Risk};
use crate::render::incident::{entered_later_lines, full_time};
use crate::report::{Dated, IncidentFigures, Report, ReportKind, Verdicts};

/// The verdicts of an incident's arrival clocks, oldest first; a dash where none ran.
fn arrivals_cell(m: &Messages, arrivals: &[Option<bool>]) -> String {
    if arrivals.is_empty() {
        return "—".to_string();
    }
    let verdicts: Vec<&str> = arrivals.iter().map(|met| m.verdict(*met)).collect();
    verdicts.join(" / ")
}

/// The level an incident was reported at, then each change, a line each: to which level, when
/// and by whom (docs/rules.md §2.13).
fn levels_cell(m: &Messages, zone: Tz, levels: &[LevelSince]) -> String {
    let mut lines = Vec::with_capacity(levels.len());
    for (n, since) in levels.iter().enumerate() {
        let level = since.level.number();
        lines.push(match n {
            0 => m.level(level),
            _ => m.level_changed_to(level, &full_time(since.at, zone), &since.by),
        });
    }
    lines.join("\n")
}

fn optional_duration(m: &Messages, d: Option<TimeDelta>) -> String {
    d.map_or_else(|| "—".to_string(), |d| m.duration(d))
}

/// A two-column table of labelled facts.
fn facts(m: &Messages, rows: Vec<(L, String)>) -> Block {
    let rows = rows
        .into_iter()
        .map(|(label, value)| (m.report_label(label).to_string(), value));
    named_facts(m, rows)
}

/// A two-column table of facts, each with its label in words.
pub(super) fn named_facts(m: &Messages, rows: impl IntoIterator<Item = (String, String)>) -> Block {
    Block::Facts {
        header: vec![
            m.report_label(L::Item).to_string(),
            m.report_label(L::Detail).to_string(),
        ],
        rows: rows
            .into_iter()
            .map(|(label, value)| vec![label, value])
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
    let columns = columns.iter().map(|c| m.report_label(*c).to_string());
    named_timed_table(m, zone, columns.collect(), entries)
}

/// Entries as a table of time, the columns named and engineer, or a line saying there are
/// none.
pub(super) fn named_timed_table<'a>(
    m: &Messages,
    zone: Tz,
    columns: Vec<String>,
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
    header.extend(columns);
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
        followup::alerts(report, zone, m),
        comp_leave(report, m),
        notes(report, zone, m),
        corrections(report, zone, m),
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
    rows.extend(report.fingerprint.clone().map(|f| (L::Fingerprint, f)));
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
                    levels_cell(m, zone, &line.levels),
                    line.title.clone(),
                    full_time(line.reported_at, zone),
                    m.verdict(line.response_met).to_string(),
                    arrivals_cell(m, &line.arrivals),
                    m.status(line.status).to_string(),
                    line.resolved_at
                        .map_or_else(|| "—".to_string(), |t| full_time(t, zone)),
                ]
            })
            .collect();
        blocks.push(Block::Table { header, rows });
        let notes = figures
            .lines
            .iter()
            .flat_map(|line| entered_later_lines(&line.id, &line.entered_later, zone, m));
        blocks.extend(notes.map(Block::Text));
    }
    blocks.push(Block::Chart(Chart::Incidents));
    section(m, L::Incidents, blocks)
}

/// Each kind's rounds required and done, and the share done.
pub(super) fn coverage_table(m: &Messages, dues: &[Due]) -> Block {
    let label = |l: L| m.report_label(l).to_string();
    let header = [L::Kind, L::Required, L::Done, L::Coverage]
        .map(label)
        .to_vec();
    let rows = dues
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
    Block::Table { header, rows }
}

fn inspections(report: &Report, zone: Tz, m: &Messages) -> Section {
    let label = |l: L| m.report_label(l).to_string();
    let findings = report.findings.iter().map(|risk| {
        let cells = vec![
            m.inspection_kind(risk.kind).to_string(),
            risk.item.clone(),
            finding_note(m, risk, zone),
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
    let mut blocks = vec![
        Block::Text(m.per_day_cap()),
        coverage_table(m, &report.inspections),
        Block::Chart(Chart::Coverage),
        Block::Caption(label(L::Findings)),
        findings,
    ];
    if !report.rounds_not_counted.is_empty() {
        let rounds = report.rounds_not_counted.iter().map(|n| {
            let why = m.round_uncounted(&n.why, |t| full_time(t, zone));
            let cells = vec![m.inspection_kind(n.kind).to_string(), why];
            (n.round.at, n.round.by.as_str(), cells)
        });
        blocks.extend([
            Block::Caption(label(L::RoundsNotCounted)),
            timed_table(m, zone, &[L::Kind, L::Reason], rounds),
        ]);
    }
    if !report.capacity.trends.is_empty() {
        let heading = m.capacity_label(CapacityLabel::Capacity).to_string();
        blocks.push(Block::Caption(heading));
        blocks.extend(capacity_blocks(m, zone, &report.capacity));
    }
    section(m, L::Inspections, blocks)
}

/// What a finding found; for one found again, how often and what the last round found.
pub(super) fn finding_note(m: &Messages, risk: &Risk, zone: Tz) -> String {
    if risk.seen < 2 {
        return risk.note.clone();
    }
    let seen = m.risk_seen(risk.seen, &full_time(risk.last_seen, zone));
    let seen = if risk.last_note == risk.note {
        seen
    } else {
        m.labelled(&seen, &risk.last_note)
    };
    m.with_note(&risk.note, &seen)
}

fn backups(report: &Report, zone: Tz, m: &Messages) -> Section {
    let mut blocks = vec![
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
    let not_counted = &report.backups.not_counted;
    if !not_counted.is_empty() {
        blocks.extend([
            Block::Caption(m.report_label(L::ChecksNotCounted).to_string()),
            dated_table(m, zone, &[L::Job, L::Reason], not_counted, |(job, why)| {
                vec![job.clone(), m.check_uncounted(why, |t| full_time(t, zone))]
            }),
        ]);
    }
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
    let mut blocks = vec![
        facts(
            m,
            vec![
                (L::RequestsTotal, report.requests.len().to_string()),
                (L::OutOfScope, report.out_of_scope().to_string()),
            ],
        ),
        dated_table(m, zone, &[L::Request, L::Scope], &report.requests, |r| {
            vec![
                r.text.clone(),
                m.request_scope(r.category, r.reason.as_deref()),
            ]
        }),
    ];
    blocks.extend(followup::request_blocks(report, zone, m));
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

/// Every void of a record of the period, so that the customer sees what was corrected.
fn corrections(report: &Report, zone: Tz, m: &Messages) -> Section {
    let columns = [L::CorrectedRecord, L::Correction, L::Reason];
    let table = dated_table(m, zone, &columns, &report.corrections, |c| {
        vec![
            format!("{} · {}", c.id, c.record_type),
            m.correction_action(c.action).to_string(),
            m.correction_detail(c),
        ]
    });
    section(m, L::Corrections, vec![table])
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
