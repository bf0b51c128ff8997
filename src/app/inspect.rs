//! Inspection rounds at a site: what a day requires and has, when a round is recorded, what a
//! round records (from flags or walked through item by item), and coverage over a period.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::write::write;
use super::{Environment, Error, Ledger, Result, Site};
use crate::calendar::DayKind;
use crate::capacity::{Gauge, Quantity};
use crate::inspect::{self, Due, InspectError, NotCounted, RoundDone, Rounds};
use crate::period::Period;
use crate::record::inspect::{ItemResult, Outcome, Reading, Round};
use crate::record::{Event, types};
use crate::routine::Uncounted;
use crate::service::InspectionKind;
use crate::time::local_date;

/// How a day stands on inspections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInspections {
    pub date: NaiveDate,
    /// What kind of day the calendar has it as.
    pub kind: DayKind,
    /// How each kind shown stands.
    pub due: Vec<Due>,
    /// The rounds of the kinds shown that do not count, and why.
    pub not_counted: Vec<NotCounted>,
}

/// Coverage over a period, day by day up to today, and in total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub period: Period,
    /// Each kind's totals over the days counted.
    pub kinds: Vec<Due>,
    pub days: Vec<DayInspections>,
}

/// A round just recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub kind: InspectionKind,
    /// Checklist items the round has a result for.
    pub items: usize,
    pub abnormal: usize,
    /// Why it does not count, if it does not (docs/rules.md §4.8).
    pub uncounted: Option<Uncounted>,
}

/// One day's inspection rounds as the ledger has them, kept up to date as rounds are recorded.
pub struct InspectionDay<'s> {
    site: &'s Site,
    pub date: NaiveDate,
    rounds: Rounds,
}

impl<'s> InspectionDay<'s> {
    /// The rounds recorded on `date`: only the round records of its month are read.
    pub fn read(site: &'s Site, ledger: &mut Ledger, date: NaiveDate) -> Result<InspectionDay<'s>> {
        let records = ledger.records_of_types(
            &Period::Day(date),
            &[types::INSPECTION_ROUND, types::ALERT_LOGGED],
        )?;
        let rounds = Rounds::of(&records, site.contract.timezone);
        Ok(InspectionDay { site, date, rounds })
    }

    /// How the day stands: every kind, or only `kind`.
    pub fn standing(&self, kind: Option<InspectionKind>) -> DayInspections {
        let mut standing = day_inspections(self.site, self.date, &self.rounds);
        let shown = |k: InspectionKind| kind.is_none_or(|kind| kind == k);
        standing.due.retain(|d| shown(d.kind));
        standing.not_counted.retain(|n| shown(n.kind));
        standing
    }

    /// The kinds to record a round of: `kind`, else every kind still due.
    pub fn kinds_to_record(&self, kind: Option<InspectionKind>) -> Vec<InspectionKind> {
        match kind {
            Some(kind) => vec![kind],
            None => self
                .standing(None)
                .due
                .into_iter()
                .filter(|d| d.done < d.required)
                .map(|d| d.kind)
                .collect(),
        }
    }

    /// When a round of the day is recorded: `at` (which must fall on the day and in the term),
    /// else now for today; a round on another day needs `at`.
    pub fn round_time(&self, env: &Environment, at: Option<&str>) -> Result<DateTime<Utc>> {
        let zone = self.site.contract.timezone;
        let date = self.date;
        if at.is_none() && date != local_date(env.now, zone) {
            return Err(Error::RoundNeedsTime { date });
        }
        let at = env.at_in_term_on(self.site, at, date)?;
        if local_date(at, zone) != date {
            let at = local_date(at, zone);
            return Err(Error::RoundOnAnotherDay { at, date });
        }
        Ok(at)
    }

    /// Writes `round`, done at `at` by the engineer writing, and counts it on the day.
    pub fn record(
        &mut self,
        env: &Environment,
        at: DateTime<Utc>,
        round: Round,
    ) -> Result<Recorded> {
        let kind = round.kind;
        let items = round.items.len();
        let abnormal = round
            .items
            .iter()
            .filter(|i| i.result == Outcome::Abnormal)
            .count();
        let record = write(env, self.site, at, Event::InspectionRound(round))?;
        self.rounds.add(self.date, kind, RoundDone::of(&record));
        let uncounted = self
            .standing(Some(kind))
            .not_counted
            .into_iter()
            .find(|n| n.round.id == record.id)
            .map(|n| n.why);
        Ok(Recorded {
            kind,
            items,
            abnormal,
            uncounted,
        })
    }
}

/// How `date` stands on every kind, given the rounds recorded.
fn day_inspections(site: &Site, date: NaiveDate, rounds: &Rounds) -> DayInspections {
    let standing = inspect::standing_on(&site.contract, &site.calendar, date, rounds);
    DayInspections {
        date,
        kind: site.calendar.day(date).kind,
        due: standing.due,
        not_counted: standing.not_counted,
    }
}

/// The checklist of `kind` the contract sets.
pub fn checklist(site: &Site, kind: InspectionKind) -> &[String] {
    &site.contract.inspections[&kind].items
}

/// The unit and thresholds of each item of `kind` the contract measures.
pub fn gauges(site: &Site, kind: InspectionKind) -> &BTreeMap<String, Gauge> {
    &site.contract.inspections[&kind].gauges
}

/// A round of `kind` from results typed as `NAME=ok`, `NAME=abnormal:NOTE` or a reading
/// `NAME=VALUE[UNIT]`; with `all_ok` every item not given is ok. A reading at or past a
/// threshold makes its item abnormal, `describe`d unless a note is given (docs/rules.md §4.9).
pub fn typed_round(
    site: &Site,
    kind: InspectionKind,
    all_ok: bool,
    typed: &[String],
    describe: impl Fn(&Reading) -> String,
) -> Result<Round, InspectError> {
    let given = typed
        .iter()
        .map(|text| inspect::parse_result(text))
        .collect::<Result<_, _>>()?;
    let round = inspect::round(kind, checklist(site, kind), all_ok, given)?;
    inspect::judge_readings(round, gauges(site, kind), describe)
}

/// A walked round with the readings taken of its items, in checklist order, judged against
/// the contract's thresholds as a typed round's are.
pub fn with_readings(
    site: &Site,
    mut round: Round,
    readings: Vec<Option<Quantity>>,
    describe: impl Fn(&Reading) -> String,
) -> Result<Round, InspectError> {
    for (result, quantity) in round.items.iter_mut().zip(readings) {
        result.reading = quantity.map(|quantity| Reading {
            quantity,
            passed: None,
        });
    }
    let gauges = gauges(site, round.kind);
    inspect::judge_readings(round, gauges, describe)
}

/// What was found wrong with an item, as it is recorded: the note trimmed; `None` when the
/// note says nothing.
pub fn finding(note: &str) -> Option<String> {
    Some(note.trim().to_string()).filter(|note| !note.is_empty())
}

/// A round of `kind` walked through item by item: for each item of the checklist, in order,
/// `None` when it is ok, else the note of what was found wrong, which must say something.
pub fn walked_round(
    kind: InspectionKind,
    checklist: &[String],
    notes: Vec<Option<String>>,
) -> Result<Round, InspectError> {
    let items = checklist
        .iter()
        .zip(notes)
        .map(|(item, note)| {
            let (result, note) = match note {
                None => (Outcome::Ok, None),
                Some(note) => {
                    let found = finding(&note).ok_or_else(|| InspectError::NoNote(item.clone()));
                    (Outcome::Abnormal, Some(found?))
                }
            };
            let item = item.clone();
            Ok(ItemResult {
                item,
                result,
                note,
                reading: None,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Round { kind, items })
}

/// Coverage over `period`, counting its days up to `today`.
pub fn coverage(
    site: &Site,
    ledger: &mut Ledger,
    period: Period,
    today: NaiveDate,
) -> Result<Coverage> {
    let records =
        ledger.records_of_types(&period, &[types::INSPECTION_ROUND, types::ALERT_LOGGED])?;
    let rounds = Rounds::of(&records, site.contract.timezone);
    let days: Vec<DayInspections> = period
        .days()
        .filter(|d| *d <= today)
        .map(|date| day_inspections(site, date, &rounds))
        .collect();
    let kinds = inspect::totals(days.iter().map(|d| d.due.as_slice()));
    Ok(Coverage {
        period,
        kinds,
        days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::contract::Contract;

    fn site() -> Site {
        let contract = "customer = \"T\"\nmode = \"5x8\"\nstart = 2025-01-02\nend = 2025-12-31\n";
        Site {
            path: "otss.toml".into(),
            contract: Contract::parse(contract, "otss.toml").unwrap(),
            calendar: Calendar::national(),
            ledger: "ledger".into(),
        }
    }

    #[test]
    fn the_kinds_still_due_are_recorded_unless_one_is_named() {
        let site = site();
        let date = "2025-03-04".parse().unwrap();
        let mut rounds = Rounds::default();
        let round = RoundDone {
            id: "01JQ01".to_string(),
            at: "2025-03-04T01:00:00Z".parse().unwrap(),
            by: "li.lei".to_string(),
        };
        rounds.add(date, InspectionKind::Resource, round);
        let day = InspectionDay {
            site: &site,
            date,
            rounds,
        };
        assert_eq!(
            day.kinds_to_record(None),
            [InspectionKind::Monitoring, InspectionKind::Alert]
        );
        assert_eq!(
            day.kinds_to_record(Some(InspectionKind::Resource)),
            [InspectionKind::Resource]
        );
        let resource = day.standing(Some(InspectionKind::Resource));
        assert_eq!((resource.date, resource.kind), (date, DayKind::Workday));
        let done: Vec<_> = resource.due.iter().map(|d| (d.kind, d.done)).collect();
        assert_eq!(done, [(InspectionKind::Resource, 1)]);
    }

    fn checklist() -> Vec<String> {
        vec!["CPU".to_string(), "Disk".to_string()]
    }

    #[test]
    fn a_walked_round_records_each_item_ok_or_with_its_finding() {
        let notes = vec![None, Some("  91 % full ".to_string())];
        let round = walked_round(InspectionKind::Resource, &checklist(), notes).unwrap();
        assert_eq!(round.kind, InspectionKind::Resource);
        let results: Vec<_> = round
            .items
            .iter()
            .map(|i| (i.item.as_str(), i.result, i.note.as_deref()))
            .collect();
        assert_eq!(
            results,
            [
                ("CPU", Outcome::Ok, None),
                ("Disk", Outcome::Abnormal, Some("91 % full"))
            ]
        );
    }

    #[test]
    fn an_abnormal_item_must_say_what_was_found() {
        assert_eq!(finding(" \t "), None);
        assert_eq!(finding(" slow "), Some("slow".to_string()));
        let notes = vec![Some(" ".to_string()), None];
        assert_eq!(
            walked_round(InspectionKind::Monitoring, &checklist(), notes),
            Err(InspectError::NoNote("CPU".to_string()))
        );
    }
}
