//! Capacity readings at a site (docs/rules.md §4.9): the trend of an item, the items whose
//! readings reach a threshold within the contract's horizon, and the inspection report
//! (巡检报告) of a period.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::inspect::coverage;
use super::{Error, Ledger, Result, Site};
use crate::inspect::trend::{self, Capacity, Trend};
use crate::inspect::{self, Due, Risk, RoundDone};
use crate::period::Period;
use crate::record::inspect::Round;
use crate::record::{Event, Record, types};
use crate::service::InspectionKind;
use crate::suggest::closest;
use crate::time::{local_date, noon};

/// How far back `otss inspect trend` reads when no `--since` is given.
pub const TREND_DAYS: i64 = 180;

/// The readings of `item` since `since` (else the last `TREND_DAYS`), up to today, and where
/// they are heading; an item with no reading that the contract does not measure is refused,
/// with the closest item that is on a checklist.
pub fn item_trend(
    site: &Site,
    ledger: &mut Ledger,
    item: &str,
    since: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Trend> {
    let today = local_date(now, site.contract.timezone);
    let since = since.unwrap_or(today - TimeDelta::days(TREND_DAYS));
    let records = rounds_between(site, ledger, since, today)?;
    trend::trend(&records, &site.contract, item).ok_or_else(|| {
        let items = site.contract.inspections.values().flat_map(|t| &t.items);
        Error::NoReadings {
            item: item.to_string(),
            near: closest(item, items.map(String::as_str)).map(str::to_string),
        }
    })
}

/// The round records of the days from `first` to `last`, from the rounds the index keeps.
fn rounds_between(
    site: &Site,
    ledger: &mut Ledger,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Record>> {
    let zone = site.contract.timezone;
    // A day begins and ends within half a day of its noon, in any zone.
    let (from, to) = (noon(zone, first), noon(zone, last));
    let mut records = ledger.rounds_between(from - TimeDelta::days(1), to + TimeDelta::days(1))?;
    records.retain(|r| (first..=last).contains(&local_date(r.instant(), zone)));
    Ok(records)
}

/// The items whose readings of the last `TREND_DAYS` reach their next threshold within the
/// contract's horizon of `now`, each with when (docs/rules.md §4.9).
pub fn risks_at(
    site: &Site,
    ledger: &mut Ledger,
    now: DateTime<Utc>,
) -> Result<Vec<(Trend, DateTime<Utc>)>> {
    let today = local_date(now, site.contract.timezone);
    let records = rounds_between(site, ledger, today - TimeDelta::days(TREND_DAYS), today)?;
    Ok(at_risk(site, &records, now))
}

/// The trends among `records` whose next threshold is reached within the contract's horizon
/// of `now`, each with when: risks before anything has failed (docs/rules.md §4.9).
pub fn at_risk(site: &Site, records: &[Record], now: DateTime<Utc>) -> Vec<(Trend, DateTime<Utc>)> {
    let horizon = site.contract.capacity_horizon;
    trend::trends(records, &site.contract)
        .into_iter()
        .filter_map(|t| {
            let at = t.crossing_within(now, horizon)?;
            Some((t, at))
        })
        .collect()
}

/// A round of the period, with every item's result and reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundLine {
    pub done: RoundDone,
    pub round: Round,
}

/// The inspection report of a period (docs/rules.md §4.9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionReport {
    pub customer: String,
    pub provider: Option<String>,
    pub period: Period,
    /// The last day counted: the period's last, or today for a period in progress.
    pub counted_to: NaiveDate,
    /// The kinds the report covers.
    pub kinds: Vec<InspectionKind>,
    /// Each kind's coverage against the requirement.
    pub coverage: Vec<Due>,
    pub rounds: Vec<RoundLine>,
    /// The abnormal findings of the period, and what became of each, up to now.
    pub findings: Vec<Risk>,
    /// The trend of every item read in the period, and those at risk.
    pub capacity: Capacity,
}

/// The inspection report of `period` for `kind`, else every kind.
pub fn inspection_report(
    site: &Site,
    ledger: &mut Ledger,
    period: Period,
    kind: Option<InspectionKind>,
    now: DateTime<Utc>,
) -> Result<InspectionReport> {
    let contract = &site.contract;
    let zone = contract.timezone;
    let today = local_date(now, zone);
    let shown = |k: InspectionKind| kind.is_none_or(|kind| kind == k);
    let kinds: Vec<InspectionKind> = InspectionKind::ALL
        .into_iter()
        .filter(|k| shown(*k))
        .collect();
    let mut coverage = coverage(site, ledger, period, today)?.kinds;
    coverage.retain(|due| shown(due.kind));
    // Findings are followed past the period's end, to tell what became of them.
    let records =
        ledger.all_records_of_types(&[types::INSPECTION_ROUND, types::INCIDENT_OPENED])?;
    let in_period = |at: DateTime<Utc>| period.contains(local_date(at, zone));
    let mut findings = inspect::risks(&records);
    findings.retain(|risk| shown(risk.kind) && in_period(risk.at));
    let period_rounds: Vec<Record> = records
        .into_iter()
        .filter(|record| match &record.event {
            Event::InspectionRound(round) => shown(round.kind) && in_period(record.instant()),
            _ => false,
        })
        .collect();
    let mut rounds: Vec<RoundLine> = period_rounds
        .iter()
        .filter_map(|record| match &record.event {
            Event::InspectionRound(round) => Some(RoundLine {
                done: RoundDone::of(record),
                round: round.clone(),
            }),
            _ => None,
        })
        .collect();
    rounds.sort_by_key(|line| line.done.at);
    Ok(InspectionReport {
        customer: contract.customer.clone(),
        provider: contract.provider.clone(),
        period,
        counted_to: period.last().min(today),
        kinds,
        coverage,
        rounds,
        findings,
        capacity: Capacity::of(&period_rounds, contract),
    })
}
