//! The JSON views of capacity readings (docs/rules.md §4.9, §9): an item's trend and the
//! inspection report.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::risk::RiskJson;
use crate::app::capacity::{InspectionReport, RoundLine};
use crate::capacity::{Outlook, Passed, Severity, Unit};
use crate::ids::short_id;
use crate::inspect::Due;
use crate::inspect::trend::{Capacity, Trend};
use crate::record::inspect::ItemResult;
use crate::service::InspectionKind;
use crate::time::{local_date, rfc3339};

/// An item's readings and where they are heading.
#[derive(Serialize)]
pub struct TrendJson {
    item: String,
    unit: Unit,
    warn: Option<f64>,
    critical: Option<f64>,
    /// Every reading, its value in `unit`.
    readings: Vec<ReadingJson>,
    /// `too_few_readings`, `no_threshold`, `not_growing` or `crossing`.
    outlook: &'static str,
    /// The next threshold and the day the readings reach it at the recent rate.
    projection: Option<ProjectionJson>,
    /// Whether that day falls within the contract's horizon: a risk already.
    at_risk: bool,
}

#[derive(Serialize)]
struct ReadingJson {
    id: String,
    at: String,
    by: String,
    kind: InspectionKind,
    value: f64,
    /// The threshold the reading reached when it was taken.
    passed: Option<Passed>,
}

#[derive(Serialize)]
struct ProjectionJson {
    level: Severity,
    threshold: f64,
    crosses_on: NaiveDate,
    per_day: f64,
}

impl TrendJson {
    /// The trend; `risk` is when it reaches its threshold, if that is within the horizon.
    pub fn new(trend: &Trend, zone: Tz, risk: Option<DateTime<Utc>>) -> TrendJson {
        let readings = trend
            .readings
            .iter()
            .filter_map(|taken| {
                Some(ReadingJson {
                    id: short_id(&taken.id),
                    at: rfc3339(taken.at, zone),
                    by: taken.by.clone(),
                    kind: taken.kind,
                    value: taken.reading.quantity.value_in(trend.unit).ok()?,
                    passed: taken.reading.passed,
                })
            })
            .collect();
        let (outlook, projection) = match trend.outlook {
            Outlook::TooFew(_) => ("too_few_readings", None),
            Outlook::NoThreshold => ("no_threshold", None),
            Outlook::NotGrowing => ("not_growing", None),
            Outlook::Crossing {
                passed,
                at,
                per_day,
            } => (
                "crossing",
                Some(ProjectionJson {
                    level: passed.level,
                    threshold: passed.threshold.value,
                    crosses_on: local_date(at, zone),
                    per_day,
                }),
            ),
        };
        TrendJson {
            item: trend.item.clone(),
            unit: trend.unit,
            warn: trend.gauge.and_then(|g| g.warn),
            critical: trend.gauge.and_then(|g| g.critical),
            readings,
            outlook,
            projection,
            at_risk: risk.is_some(),
        }
    }
}

/// The trends of a period's readings, each at risk when the period's capacity says so.
pub fn trends_json(capacity: &Capacity, zone: Tz) -> Vec<TrendJson> {
    capacity
        .trends
        .iter()
        .map(|t| TrendJson::new(t, zone, capacity.risk_of(&t.item)))
        .collect()
}

/// The inspection report of a period.
#[derive(Serialize)]
pub struct InspectionReportJson<'a> {
    period: String,
    customer: &'a str,
    provider: Option<&'a str>,
    first: NaiveDate,
    last: NaiveDate,
    counted_to: NaiveDate,
    kinds: &'a [InspectionKind],
    coverage: &'a [Due],
    rounds: Vec<RoundJson<'a>>,
    findings: Vec<RiskJson<'a>>,
    trends: Vec<TrendJson>,
    horizon_days: i64,
}

#[derive(Serialize)]
struct RoundJson<'a> {
    id: String,
    at: String,
    by: &'a str,
    kind: InspectionKind,
    items: &'a [ItemResult],
}

impl InspectionReportJson<'_> {
    pub fn new(report: &InspectionReport, zone: Tz) -> InspectionReportJson<'_> {
        InspectionReportJson {
            period: report.period.label(),
            customer: &report.customer,
            provider: report.provider.as_deref(),
            first: report.period.first(),
            last: report.period.last(),
            counted_to: report.counted_to,
            kinds: &report.kinds,
            coverage: &report.coverage,
            rounds: report.rounds.iter().map(|r| round_json(r, zone)).collect(),
            findings: report
                .findings
                .iter()
                .map(|risk| RiskJson::new(risk, zone))
                .collect(),
            trends: trends_json(&report.capacity, zone),
            horizon_days: report.capacity.horizon.num_days(),
        }
    }
}

fn round_json(line: &RoundLine, zone: Tz) -> RoundJson<'_> {
    RoundJson {
        id: short_id(&line.done.id),
        at: rfc3339(line.done.at, zone),
        by: &line.done.by,
        kind: line.round.kind,
        items: &line.round.items,
    }
}
