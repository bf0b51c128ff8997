//! Incidents (docs/rules.md §2): finding and listing them, opening one, recording what happens to
//! it, and its recovery report.

mod merge;
mod open;
mod recovery;
mod update;

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Utc};

pub use merge::merge;
pub use open::{Opening, open};
pub use recovery::{ClockRow, Recovery};
pub use update::{Update, Updated, update};

use super::{Ledger, Wanted};
use crate::app::Result;
use crate::contract::Contract;
use crate::incident::{self, ClockName, Incident, Status};
use crate::ledger::index::{span_bounds, span_of};
use crate::sla::ClockState;
use crate::time::noon;

/// The incident `typed` names: its id, or any unique prefix of it. One merged into another
/// is refused, naming the one it was merged into.
pub fn find(ledger: &mut Ledger, typed: &str) -> Result<Incident> {
    let records = ledger.incident_records(Wanted::Id(typed))?;
    Ok(incident::find_in(&records, typed)?)
}

/// The incident `typed` names, as `find` gives it, with the timeline of every duplicate merged
/// into it (docs/rules.md §10.2): what `incident show` and the recovery report tell.
pub fn shown(ledger: &mut Ledger, typed: &str) -> Result<Incident> {
    let mut incident = find(ledger, typed)?;
    let mut pending = incident::duplicates(&incident);
    let mut taken = BTreeSet::from([incident.id.clone()]);
    while let Some(duplicate) = pending.pop() {
        if taken.insert(duplicate.clone()) {
            let records = ledger.incident_records(Wanted::Id(&duplicate))?;
            pending.extend(incident::take_in(&mut incident, &duplicate, &records));
        }
    }
    Ok(incident)
}

/// The open incidents, or every one, most urgent first.
pub fn list(ledger: &mut Ledger, open_only: bool) -> Result<Vec<Incident>> {
    let mut listed = Vec::new();
    each_listed(ledger, open_only, |incident| {
        listed.push(incident.clone());
        Ok(())
    })?;
    Ok(listed)
}

/// Hands `each` the open incidents, or every one, in the order `list` gives them: the open
/// incidents with a clock running, then the rest 30 days of reports at a time, newest first,
/// so that a listing of a whole ledger never holds more than a month's incidents.
///
/// The index tells in which span each incident was reported, by all its records. A record
/// dated after now or outside the term counts nowhere (docs/rules.md §10.5) and may make an
/// incident stand reported elsewhere, or stand at all: so the incidents with a record after
/// now or after the term, and those the index has reported before the term, are folded
/// first, and each is listed in the span it stands reported in.
pub fn each_listed(
    ledger: &mut Ledger,
    open_only: bool,
    mut each: impl FnMut(&Incident) -> Result<()>,
) -> Result<()> {
    if open_only {
        let open = ledger.incidents(Wanted::Open, Incident::clone)?;
        return by_urgency(open, true).iter().try_for_each(each);
    }
    ledger.hold_index()?;
    let contract = &ledger.site().contract;
    let term = |date| noon(contract.timezone, date);
    let (term_starts, term_ends) = (term(contract.start), term(contract.end));
    let mut changed = ledger.incidents(
        Wanted::OpenOrChangedAfter(ledger.now().min(term_ends)),
        Incident::clone,
    )?;
    let mut apart: HashSet<String> = changed.iter().map(|i| i.id.clone()).collect();
    let before_term = Wanted::ReportedBetween(DateTime::<Utc>::MIN_UTC, term_starts);
    for incident in ledger.incidents(before_term, Incident::clone)? {
        if apart.insert(incident.id.clone()) {
            changed.push(incident);
        }
    }
    let (running, mut elsewhere): (Vec<Incident>, Vec<Incident>) =
        changed.into_iter().partition(clock_running);
    by_urgency(running, true).iter().try_for_each(&mut each)?;
    // Only the spans something stands reported in: a record dated centuries off costs no
    // walk through the years between.
    let mut spans = ledger.reported_spans()?;
    spans.extend(elsewhere.iter().map(reported_span));
    for span in spans.into_iter().rev() {
        let listed = |i: &Incident| !clock_running(i) && !apart.contains(&i.id);
        let in_span = ledger.incidents(reported_in(span), |i| listed(i).then(|| i.clone()))?;
        let mut folded: Vec<Incident> = in_span.into_iter().flatten().collect();
        folded.extend(elsewhere.extract_if(.., |i| reported_span(i) == span));
        by_urgency(folded, false).iter().try_for_each(&mut each)?;
    }
    Ok(())
}

/// The incidents the index has reported within a span.
fn reported_in(span: i64) -> Wanted<'static> {
    let (from, to) = span_bounds(span);
    let instant = |secs| DateTime::from_timestamp(secs, 0).unwrap_or_default();
    Wanted::ReportedBetween(instant(from), instant(to))
}

/// The span an incident stands reported in.
fn reported_span(incident: &Incident) -> i64 {
    span_of(incident.reported_at.timestamp())
}

fn clock_running(incident: &Incident) -> bool {
    !incident.running_clocks().is_empty()
}

/// Where an incident stands in a list: running clocks first, nearest deadline first; then
/// the rest, newest first.
type Urgency = (bool, Option<DateTime<Utc>>, Reverse<DateTime<Utc>>);

fn urgency(incident: &Incident) -> Urgency {
    let nearest = incident
        .running_clocks()
        .first()
        .map(|(_, clock)| clock.due);
    (nearest.is_none(), nearest, Reverse(incident.reported_at))
}

/// The incidents (only the open ones when `open_only`) as `urgency` orders them, those
/// standing alike by id.
pub(super) fn by_urgency(incidents: Vec<Incident>, open_only: bool) -> Vec<Incident> {
    let mut listed: Vec<Incident> = incidents
        .into_iter()
        .filter(|i| !open_only || i.status == Status::Open)
        .collect();
    listed.sort_by_cached_key(|i| (urgency(i), i.id.clone()));
    listed
}

/// The running clocks of an incident, nearest deadline first, each with how it stands at
/// `now`.
pub fn countdowns(
    incident: &Incident,
    contract: &Contract,
    now: DateTime<Utc>,
) -> Vec<(ClockName, ClockState)> {
    incident
        .running_clocks()
        .into_iter()
        .map(|(name, clock)| (name, clock.state(now, contract.sla.at_risk)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::TestSite;
    use crate::app::{Error, Input, Ledger, Repeats};
    use crate::contract::Level;
    use crate::incident::Happening;

    fn opening(title: &str, at: &str) -> Opening {
        Opening {
            level: Level::ALL[2],
            title: Some(title.to_string()),
            description: None,
            at: Some(at.to_string()),
            onsite: false,
            from_risk: None,
        }
    }

    fn open_at(t: &TestSite, title: &str, at: &str) -> Incident {
        t.read(|ledger| {
            open(
                &t.site,
                &t.env,
                opening(title, at),
                ledger,
                Repeats::Refused,
            )
        })
        .unwrap()
    }

    fn record(t: &TestSite, incident: &Incident, change: Update) -> Result<Updated> {
        t.read(|ledger| {
            update(
                &t.site,
                &t.env,
                &incident.id,
                None,
                change,
                ledger,
                Repeats::Refused,
            )
        })
    }

    fn fixed() -> Update {
        Update::Resolve {
            summary: "fixed".to_string(),
            impact: None,
            cause: None,
            fix: None,
        }
    }

    fn titles(incidents: &[Incident]) -> Vec<&str> {
        incidents.iter().map(|i| i.title.as_str()).collect()
    }

    #[test]
    fn an_incident_opened_is_found_by_a_prefix_and_updated() {
        let t = TestSite::at("2025-03-04 10:00");
        let opened = open_at(&t, "CLB returns 502", "2025-03-04 09:30");
        let found = t.read(|ledger| find(ledger, &opened.id[..3])).unwrap();
        assert_eq!(found, opened);
        let acknowledged = record(&t, &opened, Update::Acknowledge).unwrap();
        assert_eq!(acknowledged.happening, Some(Happening::Acknowledged));
        assert_eq!(acknowledged.incident.response.done, Some(t.env.now));
        let closed = record(&t, &opened, Update::Close);
        assert!(closed.is_err(), "an open incident is resolved first");
        let blank = record(&t, &opened, Update::Note(" ".to_string())).unwrap_err();
        assert!(matches!(blank, Error::Empty(Input::Note)), "{blank:?}");
    }

    #[test]
    fn incidents_with_running_clocks_come_first_then_the_newest() {
        let t = TestSite::at("2025-03-04 10:00");
        let first = open_at(&t, "first", "2025-03-04 09:00");
        let second = open_at(&t, "second", "2025-03-04 09:10");
        open_at(&t, "running", "2025-03-04 09:20");
        for incident in [&first, &second] {
            record(&t, incident, fixed()).unwrap();
        }
        record(&t, &first, Update::Close).unwrap();
        let all = t.read(|ledger| list(ledger, false)).unwrap();
        assert_eq!(titles(&all), ["running", "second", "first"]);
        let open = t.read(|ledger| list(ledger, true)).unwrap();
        assert_eq!(titles(&open), ["running"]);
        assert!(!countdowns(&open[0], &t.site.contract, t.env.now).is_empty());
    }

    /// Asserts that every listing of `t`'s ledger at its now is every incident folded at
    /// once, in the order of a list, and returns that: listed with no index kept, and with
    /// one kept in a cache (built by the first read, its parts read by the second), each read
    /// as a command reads, naming what counts nowhere.
    fn assert_listed_as_folded(t: &TestSite, open_only: bool) -> Vec<Incident> {
        let mut ledger = Ledger::new(&t.site, None, t.env.now);
        let every = ledger.incident_records(Wanted::All).unwrap();
        let folded = by_urgency(incident::fold(&every), open_only);
        let cache = tempfile::tempdir().unwrap();
        for cache in [None, Some(cache.path()), Some(cache.path())] {
            let mut ledger = Ledger::new(&t.site, cache, t.env.now);
            let listed = list(&mut ledger, open_only).unwrap();
            assert_eq!(titles(&listed), titles(&folded));
            assert_eq!(listed, folded);
        }
        folded
    }

    #[test]
    fn a_list_read_a_month_at_a_time_is_every_incident_folded_at_once_in_its_order() {
        let mut t = TestSite::at("2025-03-04 12:00");
        let reported = [
            "2024-12-20 09:00",
            "2025-01-10 09:30",
            "2025-01-10 09:30",
            "2025-02-03 10:00",
            "2025-02-20 08:00",
            "2025-03-04 09:30",
            "2025-03-04 11:00",
        ];
        let opened: Vec<Incident> = (reported.iter().enumerate())
            .map(|(n, at)| open_at(&t, &format!("incident {n}"), at))
            .collect();
        record(&t, &opened[5], Update::Acknowledge).unwrap();
        for incident in [&opened[1], &opened[3], &opened[4]] {
            record(&t, incident, fixed()).unwrap();
        }
        record(&t, &opened[3], Update::Close).unwrap();
        let folded = assert_listed_as_folded(&t, false);
        assert_eq!(folded.len(), reported.len());
        // The December incident merged into one of today, resolved, by a record dated
        // tomorrow: the index has the one kept reported in December, but the merge counts
        // nowhere today, when it stands reported today.
        record(&t, &opened[6], fixed()).unwrap();
        record(&t, &opened[0], fixed()).unwrap();
        t.later("2025-03-05 09:00");
        t.read(|ledger| merge(&t.site, &t.env, &opened[0].id, &opened[6].id, ledger))
            .unwrap();
        t.later("2025-03-04 12:00");
        assert_listed_as_folded(&t, false);
        assert_listed_as_folded(&t, true);
        t.later("2025-03-05 10:00");
        assert_listed_as_folded(&t, false);
    }

    #[test]
    fn an_opening_dated_before_the_term_does_not_move_an_incident_in_the_list() {
        let t = TestSite::at("2025-03-04 12:00");
        let old = open_at(&t, "old", "2024-06-10 10:00");
        let x = open_at(&t, "x", "2025-01-05 10:00");
        let mid = open_at(&t, "mid", "2025-01-20 10:00");
        for incident in [&old, &x, &mid] {
            record(&t, incident, fixed()).unwrap();
            record(&t, incident, Update::Close).unwrap();
        }
        // Only the spans an incident was reported in are read, not the months between.
        let spans: BTreeSet<i64> = [&old, &x, &mid].map(reported_span).into();
        let (first, last) = (spans.first().unwrap(), spans.last().unwrap());
        assert_eq!(spans.len(), 3);
        assert!(last - first > 2, "empty spans lie between: {spans:?}");
        assert_eq!(t.read(|ledger| ledger.reported_spans()).unwrap(), spans);
        // x's opening again, in a later file, dated before the term began: the index has x
        // reported then, but that copy counts nowhere.
        let january = std::fs::read_to_string(t.site.ledger.join("2025-01/li.lei.jsonl")).unwrap();
        let opening = january
            .lines()
            .find(|line| line.contains("incident.opened") && line.contains(&x.id))
            .unwrap();
        let early = opening.replace("2025-01-05T10:00:00+08:00", "2024-01-01T10:00:00+08:00");
        let dir = t.site.ledger.join("2025-02");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("li.lei.jsonl"), early + "\n").unwrap();
        let mut ledger = Ledger::new(&t.site, None, t.env.now);
        let index = ledger.complete_index().unwrap();
        let before_term = DateTime::parse_from_rfc3339("2024-01-01T10:00:00+08:00").unwrap();
        let at = before_term.timestamp();
        assert_eq!(index.ids_reported_between(at, at), [x.id.as_str()]);
        let folded = assert_listed_as_folded(&t, false);
        assert_eq!(titles(&folded), ["mid", "x", "old"]);
    }

    #[test]
    fn a_reader_holding_the_index_reads_anew_once_a_file_changed_under_it() {
        let t = TestSite::at("2025-03-04 12:00");
        let first = open_at(&t, "first", "2025-03-04 09:00");
        let second = open_at(&t, "second", "2025-03-04 10:00");
        let file = t.site.ledger.join("2025-03/li.lei.jsonl");
        let found = t
            .read(|ledger| {
                ledger.hold_index()?;
                // The same records, in another order: each is where the index said the other is.
                let text = std::fs::read_to_string(&file).unwrap();
                let swapped: Vec<&str> = text.lines().rev().collect();
                std::fs::write(&file, swapped.join("\n") + "\n").unwrap();
                Ok((find(ledger, &first.id)?, find(ledger, &second.id)?))
            })
            .unwrap();
        assert_eq!(titles(&[found.0, found.1]), ["first", "second"]);
    }

    #[test]
    fn the_id_of_an_incident_long_closed_is_in_use_though_its_part_is_stored_apart() {
        let mut t = TestSite::at("2025-03-04 10:00");
        let old = open_at(&t, "CLB returns 502", "2025-03-04 09:30");
        record(&t, &old, fixed()).unwrap();
        record(&t, &old, Update::Close).unwrap();
        t.later("2025-05-04 10:00");
        open_at(&t, "a later one", "2025-05-04 09:30");
        let cache = tempfile::tempdir().unwrap();
        let cache = Some(cache.path());
        let in_use = |id: &str| {
            // Each time a new command: the index stored by the one before is read.
            let mut ledger = Ledger::new(&t.site, cache, t.env.now);
            ledger.incident_id_in_use(id).unwrap()
        };
        assert!(!in_use("ZZZZZZ"));
        assert!(
            in_use(&old.id),
            "a closed incident stored apart keeps its id"
        );
        let mut ledger = Ledger::new(&t.site, cache, t.env.now);
        let open = ledger.open_index().unwrap();
        assert!(!open.holds(&old.id), "its entry is in a closed part");
    }
}
