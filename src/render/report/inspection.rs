//! The inspection report (巡检报告, docs/rules.md §4.9) laid out as the service report is: a
//! summary, coverage against the requirement, the rounds and every item's result and
//! reading, the findings and what became of them, and the trends of the readings.

use chrono_tz::Tz;

use super::html::readings_chart;
use super::outline::{coverage_table, finding_note, named_facts, named_timed_table};
use super::{Block, Outline, Section};
use crate::app::capacity::InspectionReport;
use crate::i18n::{CapacityLabel as C, Messages, ReportLabel as L};
use crate::inspect::trend::Capacity;
use crate::record::inspect::Outcome;
use crate::render::capacity::{latest, outlook_text, trend_sparkline};

/// The inspection report in the reader's language.
pub fn inspection_outline(report: &InspectionReport, zone: Tz, m: &Messages) -> Outline {
    let mut sections = vec![
        summary(report, m),
        section(
            m.report_label(L::Coverage),
            vec![coverage_table(m, &report.coverage)],
        ),
        rounds(report, zone, m),
        findings(report, zone, m),
        section(
            m.capacity_label(C::Trends),
            capacity_blocks(m, zone, &report.capacity),
        ),
    ];
    for (n, section) in sections.iter_mut().enumerate() {
        section.heading = m.numbered(n + 1, &section.heading);
    }
    Outline {
        title: m.inspection_report_title(&report.period.label()),
        sections,
    }
}

fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        heading: heading.to_string(),
        blocks,
    }
}

fn summary(report: &InspectionReport, m: &Messages) -> Section {
    let label = |l: L| m.report_label(l).to_string();
    let mut rows = vec![(label(L::Customer), report.customer.clone())];
    rows.extend(report.provider.clone().map(|p| (label(L::Provider), p)));
    let mut period = m.date_span(report.period.first(), report.period.last());
    if report.counted_to < report.period.last() {
        period = format!("{period}{}", m.counted_to(report.counted_to));
    }
    let kinds: Vec<&str> = report.kinds.iter().map(|k| m.inspection_kind(*k)).collect();
    let named = |c: C| m.capacity_label(c).to_string();
    rows.extend([
        (label(L::Period), period),
        (named(C::Kinds), kinds.join(m.items_separator())),
        (named(C::RoundsRecorded), report.rounds.len().to_string()),
        (named(C::FindingsCount), report.findings.len().to_string()),
        (
            named(C::ItemsMeasured),
            report.capacity.trends.len().to_string(),
        ),
        (named(C::AtRisk), report.capacity.at_risk.len().to_string()),
    ]);
    section(m.capacity_label(C::Summary), vec![named_facts(m, rows)])
}

/// Every round in brief, then every item of every round with its result and reading.
fn rounds(report: &InspectionReport, zone: Tz, m: &Messages) -> Section {
    let named = |c: C| m.capacity_label(c).to_string();
    let label = |l: L| m.report_label(l).to_string();
    let brief = report.rounds.iter().map(|line| {
        let items = &line.round.items;
        let abnormal = items
            .iter()
            .filter(|i| i.result == Outcome::Abnormal)
            .count();
        let cells = vec![
            m.inspection_kind(line.round.kind).to_string(),
            m.round_brief(items.len(), abnormal),
        ];
        (line.done.at, line.done.by.as_str(), cells)
    });
    let columns = vec![label(L::Kind), named(C::Result)];
    let items = report.rounds.iter().flat_map(|line| {
        line.round.items.iter().map(move |result| {
            let cells = vec![
                m.inspection_kind(line.round.kind).to_string(),
                result.item.clone(),
                m.outcome_word(result.result == Outcome::Abnormal)
                    .to_string(),
                result
                    .reading
                    .as_ref()
                    .map_or_else(|| "—".to_string(), |r| m.reading_cell(r)),
                result.note.clone().unwrap_or_default(),
            ];
            (line.done.at, line.done.by.as_str(), cells)
        })
    });
    let item_columns = vec![
        label(L::Kind),
        label(L::CheckItem),
        named(C::Result),
        named(C::Reading),
        label(L::Note),
    ];
    let blocks = vec![
        named_timed_table(m, zone, columns, brief),
        Block::Caption(named(C::ItemResults)),
        named_timed_table(m, zone, item_columns, items),
    ];
    section(m.capacity_label(C::Rounds), blocks)
}

/// The abnormal findings, each with what became of it.
fn findings(report: &InspectionReport, zone: Tz, m: &Messages) -> Section {
    let findings = report.findings.iter().map(|risk| {
        let cells = vec![
            risk.id.clone(),
            m.inspection_kind(risk.kind).to_string(),
            risk.item.clone(),
            finding_note(m, risk, zone),
            m.finding_fate(risk.open, risk.incident.as_deref()),
        ];
        (risk.at, risk.by.as_str(), cells)
    });
    let columns = vec![
        m.report_label(L::Id).to_string(),
        m.report_label(L::Kind).to_string(),
        m.report_label(L::CheckItem).to_string(),
        m.report_label(L::Note).to_string(),
        m.capacity_label(C::WhatBecameOfIt).to_string(),
    ];
    let table = named_timed_table(m, zone, columns, findings);
    section(m.report_label(L::Findings), vec![table])
}

/// The trends of the readings: a table of each item's latest reading, thresholds, rate and
/// projection, the items at risk, and a chart of each item's readings for the page.
pub fn capacity_blocks(m: &Messages, zone: Tz, capacity: &Capacity) -> Vec<Block> {
    if capacity.trends.is_empty() {
        return vec![Block::Text(m.report_label(L::NoneRecorded).to_string())];
    }
    let named = |c: C| m.capacity_label(c).to_string();
    let header = vec![
        m.report_label(L::CheckItem).to_string(),
        named(C::Unit),
        named(C::Readings),
        named(C::Latest),
        named(C::Warn),
        named(C::Critical),
        named(C::RatePerDay),
        named(C::Sparkline),
        named(C::Outlook),
    ];
    let rows = capacity
        .trends
        .iter()
        .map(|trend| {
            let gauge = trend.gauge;
            vec![
                trend.item.clone(),
                m.unit_name(trend.unit).to_string(),
                trend.points.len().to_string(),
                latest(trend).map_or_else(|| "—".to_string(), |q| q.to_string()),
                m.threshold_cell(gauge.and_then(|g| g.warn), trend.unit),
                m.threshold_cell(gauge.and_then(|g| g.critical), trend.unit),
                m.rate_cell(&trend.outlook, trend.unit),
                trend_sparkline(trend),
                outlook_text(m, trend, zone),
            ]
        })
        .collect();
    let horizon = m.horizon_days(capacity.horizon.num_days());
    let mut blocks = vec![
        named_facts(m, [(named(C::Horizon), horizon)]),
        Block::Table { header, rows },
    ];
    for trend in &capacity.trends {
        if capacity.risk_of(&trend.item).is_some() {
            let said = m.capacity_risk(&trend.item, &outlook_text(m, trend, zone));
            blocks.push(Block::Text(said));
        }
    }
    for trend in capacity.trends.iter().filter(|t| t.points.len() > 1) {
        let caption = m.labelled(m.capacity_label(C::ReadingsChart), &trend.item);
        let svg = readings_chart(trend, zone, m);
        blocks.push(Block::Figure { caption, svg });
    }
    blocks
}
