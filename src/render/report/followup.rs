//! The report's follow-up of requests and alerts (docs/rules.md §4.10, §4.11): what became of
//! the period's requests, the requests still waiting, and the alert section.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Block, Section};
use crate::i18n::{AlertLabel as A, FeedbackLabel as F, Messages, ReportLabel};
use crate::ids::short_id;
use crate::record::alert::AlertClass;
use crate::render::incident::full_time;
use crate::report::{Progress, Report};

/// A table under its caption, or the caption and a line saying there is nothing.
fn captioned(
    m: &Messages,
    caption: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
) -> [Block; 2] {
    let table = match rows.is_empty() {
        true => Block::Text(m.report_label(ReportLabel::NoneRecorded).to_string()),
        false => Block::Table { header, rows },
    };
    [Block::Caption(caption), table]
}

/// A row that begins with an id and a time and ends with who recorded it.
fn row(id: &str, at: DateTime<Utc>, zone: Tz, cells: Vec<String>, by: &str) -> Vec<String> {
    let mut row = vec![short_id(id), full_time(at, zone)];
    row.extend(cells);
    row.push(by.to_string());
    row
}

/// A header of the id, the time, the columns named and the engineer.
fn header(m: &Messages, time: &str, columns: Vec<&str>) -> Vec<String> {
    let mut header = vec!["ID".to_string(), time.to_string()];
    header.extend(columns.into_iter().map(str::to_string));
    header.push(m.report_label(ReportLabel::Engineer).to_string());
    header
}

/// The request's state with what it says, for a cell.
fn state_cell(m: &Messages, progress: &Progress) -> String {
    m.request_state_with(progress.state, progress.said.as_deref())
}

/// What became of the period's requests, and the requests still waiting at its end.
pub fn request_blocks(report: &Report, zone: Tz, m: &Messages) -> Vec<Block> {
    let feedback = &report.feedback;
    let text = m.report_label(ReportLabel::Request);
    let asked = m.feedback_label(F::Asked);
    let progress_rows = feedback.asked.iter().map(|p| {
        let answered = p.time_to_answer.map(|d| m.working_days_count(d));
        let cells = vec![
            p.text.clone(),
            state_cell(m, p),
            answered.unwrap_or_else(|| "—".to_string()),
        ];
        row(&p.id, p.at, zone, cells, &p.by)
    });
    let progress_columns = vec![
        text,
        m.feedback_label(F::State),
        m.feedback_label(F::TimeToAnswer),
    ];
    let waiting_rows = feedback.waiting.iter().map(|p| {
        let cells = vec![
            p.text.clone(),
            state_cell(m, p),
            m.working_days_count(p.age),
        ];
        row(&p.id, p.at, zone, cells, &p.by)
    });
    let waiting_columns = vec![text, m.feedback_label(F::State), m.feedback_label(F::Age)];
    let waiting_caption = m.waiting_caption(feedback.waiting.len());
    let mut blocks = Vec::with_capacity(4);
    blocks.extend(captioned(
        m,
        m.feedback_label(F::Progress).to_string(),
        header(m, asked, progress_columns),
        progress_rows.collect(),
    ));
    blocks.extend(captioned(
        m,
        waiting_caption,
        header(m, asked, waiting_columns),
        waiting_rows.collect(),
    ));
    blocks
}

/// The alert section: alerts by class and source, the share that was noise, those that became
/// incidents, and the policy changes.
pub fn alerts(report: &Report, zone: Tz, m: &Messages) -> Section {
    let alerts = &report.alerts;
    let noise = alerts
        .noise_percent()
        .map_or_else(|| "—".to_string(), |p| format!("{p}%"));
    let facts = Block::Facts {
        header: vec![
            m.report_label(ReportLabel::Item).to_string(),
            m.report_label(ReportLabel::Detail).to_string(),
        ],
        rows: vec![
            vec![
                m.alert_label(A::Total).to_string(),
                alerts.total().to_string(),
            ],
            vec![m.alert_label(A::NoiseShare).to_string(), noise],
        ],
    };
    let count_header = |first: A| {
        vec![
            m.alert_label(first).to_string(),
            m.alert_label(A::Count).to_string(),
        ]
    };
    let by_class = AlertClass::ALL.iter().map(|class| {
        let count = alerts.by_class.get(class).copied().unwrap_or(0);
        vec![m.alert_class(*class).to_string(), count.to_string()]
    });
    let by_source = alerts.by_source.iter().map(|(source, count)| {
        let source = match source.is_empty() {
            true => m.alert_label(A::NoSource).to_string(),
            false => source.clone(),
        };
        vec![source, count.to_string()]
    });
    let time = m.report_label(ReportLabel::Time);
    let to_incidents = alerts.to_incidents.iter().map(|seen| {
        let incident = seen.item.incident.clone().unwrap_or_default();
        row(
            &seen.id,
            seen.at,
            zone,
            vec![seen.item.text.clone(), incident],
            &seen.by,
        )
    });
    let policy_changes = alerts.policy_changes.iter().map(|seen| {
        let change = &seen.item;
        let cells = vec![
            change.policy.name.clone(),
            m.policy_change(change.added).to_string(),
            change.policy.rule.clone(),
        ];
        row(&seen.id, seen.at, zone, cells, &seen.by)
    });
    let mut blocks = vec![
        facts,
        Block::Table {
            header: count_header(A::Class),
            rows: by_class.collect(),
        },
    ];
    if !alerts.by_source.is_empty() {
        blocks.push(Block::Table {
            header: count_header(A::Source),
            rows: by_source.collect(),
        });
    }
    blocks.extend(captioned(
        m,
        m.alert_label(A::ToIncidents).to_string(),
        header(
            m,
            time,
            vec![m.alert_label(A::Alert), m.alert_label(A::Incident)],
        ),
        to_incidents.collect(),
    ));
    blocks.extend(captioned(
        m,
        m.alert_label(A::PolicyChanges).to_string(),
        header(
            m,
            time,
            vec![
                m.alert_label(A::Policy),
                m.alert_label(A::Change),
                m.alert_label(A::Rule),
            ],
        ),
        policy_changes.collect(),
    ));
    Section {
        heading: m.alert_label(A::Alerts).to_string(),
        blocks,
    }
}
